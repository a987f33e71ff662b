package io.shaledb.server.pgbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@code pgbench}, unmodified, with its own tables and built-in scripts: {@code pgbench -i}
 * (drop, CREATE TABLE ... WITH (fillfactor), COPY ... FREEZE of the accounts, VACUUM ANALYZE,
 * ALTER TABLE ADD PRIMARY KEY after the load, the foreign keys), then the TPC-B-like script in the
 * simple, extended and prepared protocols and the select-only script ({@code -S}), four clients on
 * two threads each. Afterwards the money must add up: every TPC-B transaction adds its delta to
 * one account, one teller, one branch and writes it to the history, so the four sums are equal
 * and the history has one row per committed transaction.
 *
 * <p>The default build loads {@code -s 1} (100,000 accounts) and runs each mode for 2 s; the
 * {@code pgbench} profile loads {@code -s 10} and runs 20 s per mode
 * ({@code ./mvnw verify -pl server -am -Ppgbench -Dtest=PgbenchBuiltinTest -Dsurefire.failIfNoSpecifiedTests=false}).
 * Skipped, loudly, when {@code /usr/bin/pgbench} is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgbenchBuiltinTest {
    private static final Logger log = LoggerFactory.getLogger(PgbenchBuiltinTest.class);
    private static final Path PGBENCH = Path.of("/usr/bin/pgbench");
    private static final int SCALE = Integer.getInteger("pgbench.scale", 1);
    private static final int SECONDS = Integer.getInteger("pgbench.seconds", 2);
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

    @TempDir
    static Path tmp;
    private static ShaleServer server;
    /** TPC-B transactions committed over all runs since the history was last emptied. */
    private static long tpcbCommitted;

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(PGBENCH)) {
            log.warn("SKIPPING PgbenchBuiltinTest: {} is not installed (apt-get install postgresql-contrib)", PGBENCH);
            System.err.println("SKIPPING PgbenchBuiltinTest: " + PGBENCH + " is not installed");
            return;
        }
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void initialisesItsTables() throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        String out = pgbench(600, "-i", "-s", Integer.toString(SCALE), "--foreign-keys");
        assertThat(out).contains("creating primary keys...").contains("creating foreign keys...").contains("done in");
        assertThat(queryLong("SELECT count(*) FROM pgbench_accounts")).isEqualTo(100_000L * SCALE);
        assertThat(queryLong("SELECT count(*) FROM pgbench_branches")).isEqualTo(SCALE);
        assertThat(queryLong("SELECT count(*) FROM pgbench_tellers")).isEqualTo(10L * SCALE);
        assertThat(queryLong("SELECT count(*) FROM pgbench_history")).isZero();
        assertThat(queryLong("SELECT count(*) FROM pgbench_accounts WHERE aid = 1 AND bid = 1 AND abalance = 0")).isOne();
        assertThat(queryLong("SELECT max(bid) FROM pgbench_accounts")).isEqualTo(SCALE);
    }

    @Test
    @Order(2)
    void tpcbSimpleVacuumsTruncatesAndRuns() throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        // without -n: pgbench first vacuums branches and tellers and truncates the history
        tpcbCommitted += run(pgbench(SECONDS + 120, "-c", "4", "-j", "2", "-T", Integer.toString(SECONDS), "-M", "simple"),
                "simple", "TPC-B (sort of)");
    }

    @Test
    @Order(3)
    void tpcbExtendedAndPrepared() throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        for (String mode : List.of("extended", "prepared")) {
            tpcbCommitted += run(pgbench(SECONDS + 120, "-n", "-c", "4", "-j", "2", "-T", Integer.toString(SECONDS),
                    "-M", mode), mode, "TPC-B (sort of)");
        }
    }

    @Test
    @Order(4)
    void selectOnlyInEveryMode() throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        for (String mode : List.of("simple", "extended", "prepared")) {
            run(pgbench(SECONDS + 120, "-n", "-S", "-c", "4", "-j", "2", "-T", Integer.toString(SECONDS), "-M", mode),
                    mode, "select only");
        }
    }

    @Test
    @Order(5)
    void balancesAgreeWithTheHistory() throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        assertThat(tpcbCommitted).as("TPC-B transactions committed").isPositive();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT sum(abalance) FROM pgbench_accounts),"
                        + " (SELECT sum(delta) FROM pgbench_history), (SELECT sum(bbalance) FROM pgbench_branches),"
                        + " (SELECT sum(tbalance) FROM pgbench_tellers), (SELECT count(*) FROM pgbench_history)")) {
            assertThat(rs.next()).isTrue();
            long accounts = rs.getLong(1);
            assertThat(rs.getLong(2)).as("sum(delta) of the history").isEqualTo(accounts);
            assertThat(rs.getLong(3)).as("sum(bbalance) of the branches").isEqualTo(accounts);
            assertThat(rs.getLong(4)).as("sum(tbalance) of the tellers").isEqualTo(accounts);
            assertThat(rs.getLong(5)).as("one history row per committed TPC-B transaction").isEqualTo(tpcbCommitted);
        }
    }

    /** Checks a run's summary (its mode and script, no failed transaction) and returns its committed count. */
    private static long run(String out, String mode, String script) {
        assertThat(out).contains("query mode: " + mode).contains("transaction type: <builtin: " + script + ">")
                .contains("number of failed transactions: 0 (0.000%)");
        Matcher m = PROCESSED.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long processed = Long.parseLong(m.group(1));
        assertThat(processed).as(out).isPositive();
        return processed;
    }

    private static String pgbench(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PGBENCH.toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(server.pgPort()), "-U", "u"));
        command.addAll(List.of(args));
        command.add("db");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pgbench did not finish in " + timeoutSeconds + " s: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        log.info("{}:\n{}", String.join(" ", command), out);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db", "u", "");
    }
}

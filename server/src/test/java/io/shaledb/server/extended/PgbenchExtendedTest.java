package io.shaledb.server.extended;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@code pgbench}, unmodified, in its extended-protocol modes: {@code -M extended}
 * (unnamed statements, Parse/Bind/Execute per query) and {@code -M prepared} (each script
 * statement prepared once, then Bind/Execute), with a custom script of point selects and an
 * update transaction. Skipped, loudly, when {@code /usr/bin/pgbench} is not installed.
 */
class PgbenchExtendedTest {
    private static final Logger log = LoggerFactory.getLogger(PgbenchExtendedTest.class);
    private static final Path PGBENCH = Path.of("/usr/bin/pgbench");
    private static final int ACCOUNTS = 500;

    @TempDir
    static Path tmp;
    private static ShaleServer server;

    @BeforeAll
    static void start() throws SQLException {
        if (!Files.isExecutable(PGBENCH)) {
            log.warn("SKIPPING PgbenchExtendedTest: {} is not installed (apt-get install postgresql-contrib)", PGBENCH);
            System.err.println("SKIPPING PgbenchExtendedTest: " + PGBENCH + " is not installed");
            return;
        }
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db", "u", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (aid int PRIMARY KEY, abalance int NOT NULL, filler text)");
            s.execute("CREATE TABLE history (aid int, delta int)");
            s.execute("INSERT INTO accounts SELECT g, 0, 'x' FROM generate_series(1, " + ACCOUNTS + ") g");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "prepared"})
    void pgbenchRunsItsExtendedProtocolModes(String mode) throws Exception {
        assumeTrue(server != null, "pgbench is not installed");
        Path select = tmp.resolve("select-" + mode + ".sql");
        Files.writeString(select, """
                \\set aid random(1, %d)
                SELECT abalance FROM accounts WHERE aid = :aid;
                """.formatted(ACCOUNTS));
        Path update = tmp.resolve("update-" + mode + ".sql");
        Files.writeString(update, """
                \\set aid random(1, %d)
                \\set delta random(-100, 100)
                BEGIN;
                UPDATE accounts SET abalance = abalance + :delta WHERE aid = :aid;
                SELECT abalance FROM accounts WHERE aid = :aid;
                INSERT INTO history (aid, delta) VALUES (:aid, :delta);
                END;
                """.formatted(ACCOUNTS));
        String out = pgbench(mode, "-f", select + "@3", "-f", update + "@1");
        assertThat(out).contains("query mode: " + mode).contains("number of failed transactions: 0");
        assertThat(out).containsPattern("number of transactions actually processed: [1-9]");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db", "u", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT sum(abalance) FROM accounts) - (SELECT coalesce(sum(delta), 0) FROM history)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("balances agree with the history").isZero();
        }
    }

    private static String pgbench(String mode, String... script) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PGBENCH.toString(), "-n", "-M", mode, "-c", "2", "-j", "1",
                "-t", "150", "-h", "127.0.0.1", "-p", Integer.toString(server.pgPort()), "-U", "u"));
        command.addAll(List.of(script));
        command.add("db");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pgbench did not finish in 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        log.info("pgbench -M {}:\n{}", mode, out);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

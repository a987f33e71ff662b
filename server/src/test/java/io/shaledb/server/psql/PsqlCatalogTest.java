package io.shaledb.server.psql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.client.Psql;
import io.shaledb.testkit.golden.GoldenScript;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql 15's describe commands against ShaleDB print what they print against PostgreSQL 15:
 * {@code psql/catalog.sql} (a schema with a primary key, unique constraint and index, foreign
 * keys, a check constraint, defaults, a view, a sequence, triggers, functions and a second
 * schema, then {@code \dt \d \dn \di \dv \ds \df \d TABLE \d+ TABLE \x} and the table-name
 * completion query) is run with {@code psql -a}; the transcript must equal
 * {@code psql/catalog.out}, which is PostgreSQL's transcript ({@link #postgresPrintsTheGolden}
 * checks that whenever PostgreSQL is installed, and rewrites it from PostgreSQL with
 * {@code -Dgolden.update=true}). {@code \l} and {@code \du} list what differs
 * by design (one database; no bootstrap role "postgres") and are checked on their own.
 */
class PsqlCatalogTest {
    private static final String SCRIPT = "catalog";

    @TempDir
    Path tmp;

    @Test
    void shaledbPrintsWhatPostgresPrints() throws IOException {
        assumeTrue(Psql.available(), "psql is not installed (.ci/run installs postgresql-client)");
        Path script = script();
        String out;
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("db")).withPgPort(0))) {
            out = new Psql(server.pgPort()).with("-a").file(script).stdout();
        }
        compare(out, false); // never rewritten from ShaleDB's output: the golden is PostgreSQL's
    }

    @Test
    void postgresPrintsTheGolden() throws IOException, SQLException {
        assumeTrue(Psql.available(), "psql is not installed (.ci/run installs postgresql-client)");
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        assumeTrue(peer.isPresent(), "PostgreSQL is not installed: the golden cannot be re-checked");
        try (PostgresPeer pg = peer.get()) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE ROLE shale SUPERUSER LOGIN");
                s.execute("CREATE DATABASE shale OWNER shale");
            }
            compare(new Psql(pg.port()).with("-a").file(script()).stdout(), Boolean.getBoolean(GoldenScript.UPDATE_PROPERTY));
        }
    }

    @Test
    void listOfDatabasesShowsTheOneDatabase() throws IOException {
        assumeTrue(Psql.available(), "psql is not installed (.ci/run installs postgresql-client)");
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("l")).withPgPort(0))) {
            String out = new Psql(server.pgPort()).command("\\l").assertSuccess().stdout();
            assertThat(out).contains("List of databases")
                    .containsPattern(" shaledb \\| shale \\| UTF8 +\\| C +\\| C +\\| +\\| libc +\\| ");
            String roles = new Psql(server.pgPort()).command("\\du").assertSuccess().stdout();
            assertThat(roles).contains("List of roles").containsPattern(" shale +\\| Superuser");
        }
    }

    private static Path script() {
        return GoldenScript.sourceDir("src/test/resources/psql").resolve(SCRIPT + ".sql");
    }

    private static void compare(String transcript, boolean update) throws IOException {
        Path expected = script().resolveSibling(SCRIPT + ".out");
        if (update) {
            Files.writeString(expected, transcript, StandardCharsets.UTF_8);
            return;
        }
        String want = Files.readString(expected, StandardCharsets.UTF_8);
        assertThat(transcript).as("%s: %s", expected, GoldenScript.firstDifference(want, transcript)).isEqualTo(want);
    }
}

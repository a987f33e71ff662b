package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.client.Psql;
import io.shaledb.testkit.server.ServerProcess;
import java.io.InputStream;
import java.net.Socket;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton through the front door: the {@code shale server} command in its own JVM,
 * driven by the real psql binary, pgjdbc and raw sockets.
 */
class EndToEndTest {

    @TempDir
    static Path tmp;

    static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.builder(tmp.resolve("data")).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    static void requirePsql() {
        if (!Psql.available()) {
            System.err.println("!!! SKIPPING psql test: psql is not installed (apt-get install postgresql-client; .ci/run does this)");
        }
        assumeTrue(Psql.available(), "psql is not installed");
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple",
                "shale", "");
    }

    @Test
    void psqlRunsTheQuickStartAndPrintsItsNormalTable() {
        requirePsql();
        Psql.Result r = new Psql(server.pgPort()).command(
                "CREATE TABLE quick(id int PRIMARY KEY, name text); INSERT INTO quick VALUES (1,'a'),(2,'b'); "
                        + "SELECT * FROM quick ORDER BY id DESC").assertSuccess();
        assertThat(r.stdout()).isEqualTo("""
                CREATE TABLE
                INSERT 0 2
                 id | name\s
                ----+------
                  2 | b
                  1 | a
                (2 rows)

                """);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void psqlShowsSyntaxErrorsWithACaretUnderTheOffendingToken() {
        requirePsql();
        Psql.Result r = new Psql(server.pgPort()).command("SELECT 1; SELEC 2");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty(); // a syntax error anywhere runs nothing
        assertThat(r.stderr()).isEqualTo("""
                ERROR:  syntax error at or near "SELEC"
                LINE 1: SELECT 1; SELEC 2
                                  ^
                """);
    }

    @Test
    void psqlShowsUndefinedTableErrors() {
        requirePsql();
        Psql.Result r = new Psql(server.pgPort()).command("select * from nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("""
                ERROR:  relation "nope" does not exist
                LINE 1: select * from nope
                                      ^
                """);
    }

    @Test
    void psqlRunsAScriptFileAndKeepsGoingAfterAnError() throws Exception {
        requirePsql();
        Path script = tmp.resolve("script.sql");
        Files.writeString(script, """
                CREATE TABLE scripted (k bigint PRIMARY KEY, v double precision, ok boolean);
                INSERT INTO scripted VALUES (1, 1.5, true), (2, NULL, false);
                INSERT INTO scripted VALUES (1, 0, true);
                UPDATE scripted SET v = 2.25 WHERE k = 2;
                SELECT k, v, ok FROM scripted ORDER BY k;
                DELETE FROM scripted WHERE ok;
                SELECT count(*) FROM scripted;
                """);
        Psql.Result r = new Psql(server.pgPort()).file(script);
        assertThat(r.stdout()).isEqualTo("""
                CREATE TABLE
                INSERT 0 2
                UPDATE 1
                 k |  v   | ok\s
                ---+------+----
                 1 |  1.5 | t
                 2 | 2.25 | f
                (2 rows)

                DELETE 1
                 count\s
                -------
                     1
                (1 row)

                """);
        assertThat(r.stderr()).contains("ERROR:  duplicate key value violates unique constraint \"scripted_pkey\"")
                .contains("DETAIL:  Key (k)=(1) already exists.");
    }

    @Test
    void pgjdbcReadsTypedValuesAndSqlStates() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE typed (id int PRIMARY KEY, big bigint, t text, b boolean, d double precision)");
            assertThat(st.executeUpdate("INSERT INTO typed VALUES (1, 9000000000, 'x''y', true, -0.5), (2, NULL, NULL, NULL, NULL)"))
                    .isEqualTo(2);
            try (ResultSet rs = st.executeQuery("SELECT * FROM typed WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getLong(2)).isEqualTo(9_000_000_000L);
                assertThat(rs.getString(3)).isEqualTo("x'y");
                assertThat(rs.getBoolean(4)).isTrue();
                assertThat(rs.getDouble(5)).isEqualTo(-0.5);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT big, t FROM typed WHERE id = 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isNull();
                assertThat(rs.getObject(2)).isNull();
            }
            assertThatThrownBy(() -> st.execute("SELECT nosuch FROM typed"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
            assertThatThrownBy(() -> st.execute("CREATE TABLE typed (x int)"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P07");
            assertThatThrownBy(() -> st.execute("INSERT INTO typed VALUES ('abc')"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
            // the connection is still usable after errors
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM typed")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void theLaunchedServerNamesItselfTheWayToolsParseAndReportsTheBackendPid() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version(), pg_backend_pid(), pg_typeof(1.5), current_schema")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("PostgreSQL 15\\.0 \\(ShaleDB [0-9][^)]*\\) on .+, 64-bit");
            assertThat(rs.getInt(2)).isEqualTo(c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
            assertThat(rs.getString(3)).isEqualTo("numeric");
            assertThat(rs.getString(4)).isEqualTo("public");
            assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(15);
        }
    }

    @Test
    void eachTableLivesInTheEngineItChose() throws Exception {
        requirePsql();
        Psql.Result r = new Psql(server.pgPort()).command(
                "CREATE TABLE in_lsm (id int PRIMARY KEY, v text) USING lsm; CREATE TABLE in_btree (id int PRIMARY KEY) USING btree; "
                        + "CREATE TABLE by_default (id int PRIMARY KEY); INSERT INTO in_lsm VALUES (1, 'one'), (2, 'two'); "
                        + "SELECT table_name, engine FROM shale_tables WHERE table_name IN ('in_lsm', 'in_btree', 'by_default') "
                        + "ORDER BY table_name; SELECT v FROM in_lsm WHERE id = 2").assertSuccess();
        assertThat(r.stdout()).isEqualTo("""
                CREATE TABLE
                CREATE TABLE
                CREATE TABLE
                INSERT 0 2
                 table_name | engine\s
                ------------+--------
                 by_default | btree
                 in_btree   | btree
                 in_lsm     | lsm
                (3 rows)

                  v \s
                -----
                 two
                (1 row)

                """);
    }

    @Test
    void concurrentClientsAllLand() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE concurrent (id int PRIMARY KEY, who int)");
        }
        int clients = 8;
        int rowsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                int who = w;
                futures.add(pool.submit(() -> {
                    try (Connection c = jdbc(); Statement st = c.createStatement()) {
                        for (int i = 0; i < rowsEach; i++) {
                            st.executeUpdate("INSERT INTO concurrent VALUES (" + (who * 1000 + i) + ", " + who + ")");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM concurrent")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo((long) clients * rowsEach);
        }
    }

    @Test
    void garbageAndLyingLengthsCloseOnlyThatConnection() throws Exception {
        // garbage instead of a startup packet
        try (Socket s = new Socket("127.0.0.1", server.pgPort())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedByServer(s);
        }
        // a startup packet claiming 1 GiB: refused without waiting for (or allocating) it
        try (Socket s = new Socket("127.0.0.1", server.pgPort())) {
            s.getOutputStream().write(new byte[] {0x40, 0, 0, 0, 0, 3, 0, 0});
            assertClosedByServer(s);
        }
        // a length larger than the data, then the client vanishes
        try (Socket s = new Socket("127.0.0.1", server.pgPort())) {
            s.getOutputStream().write(new byte[] {0, 0, 0, 100, 0, 3, 0, 0, 'u', 's'});
        }
        assertThat(server.isAlive()).isTrue();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() {
        assertThatThrownBy(() -> ServerProcess.builder(server.dataDir()).start())
                .hasMessageContaining("is in use by another ShaleDB server");
        assertThat(server.isAlive()).isTrue();
    }

    private static void assertClosedByServer(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        // the server may send an ErrorResponse first; then it must close (read returns -1)
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
        }
    }
}

package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.client.Psql;
import io.shaledb.testkit.server.ServerProcess;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL types over the real wire: psql prints PostgreSQL's text (timestamptz in the
 * session's TimeZone, which lives on the server side of the connection), pgjdbc maps the type
 * OIDs to Java types, and the values survive a restart (row and key encodings on disk).
 */
class TypesEndToEndTest {

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

    @Test
    void psqlPrintsPostgresTextForTheTypesAndTheSessionTimeZone() {
        assumeTrue(Psql.available(), "psql is not installed");
        Psql.Result r = new Psql(server.pgPort()).command(
                "SET TIME ZONE 'America/New_York'; "
                        + "CREATE TABLE ev (id numeric(6,2) PRIMARY KEY, at timestamptz, d interval, c char(3)); "
                        + "INSERT INTO ev VALUES (1.5, '2024-07-01 12:00Z', '1 day 02:03:04', 'a'); "
                        + "SELECT id, at, d, c || '|' AS c, 10 / 4.0 AS q FROM ev").assertSuccess();
        assertThat(r.stdout()).isEqualTo("""
                SET
                CREATE TABLE
                INSERT 0 1
                  id  |           at           |       d        | c  |         q         \s
                ------+------------------------+----------------+----+--------------------
                 1.50 | 2024-07-01 08:00:00-04 | 1 day 02:03:04 | a| | 2.5000000000000000
                (1 row)

                """);
    }

    @Test
    void pgjdbcMapsTheTypeOidsAndValuesSurviveARestart() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE typed2 (k date PRIMARY KEY, n numeric(10,3), s smallint, r real, u uuid, b bytea, v varchar(4))");
            st.execute("INSERT INTO typed2 VALUES ('2024-02-29', 12.5, 7, 0.25, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff', 'ab')");
        }
        server.stop();
        server = ServerProcess.builder(tmp.resolve("data")).start();
        try (Connection c = jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM typed2 WHERE k = DATE '2024-02-29'")) {
            ResultSetMetaData md = rs.getMetaData();
            // (getColumnTypeName would query pg_catalog, which ShaleDB does not have yet)
            assertThat(md.getColumnType(1)).isEqualTo(java.sql.Types.DATE);
            assertThat(md.getColumnType(2)).isEqualTo(java.sql.Types.NUMERIC);
            assertThat(md.getColumnType(3)).isEqualTo(java.sql.Types.SMALLINT);
            assertThat(md.getColumnType(4)).isEqualTo(java.sql.Types.REAL);
            assertThat(md.getColumnType(6)).isEqualTo(java.sql.Types.BINARY);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate(1).toString()).isEqualTo("2024-02-29");
            assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("12.500"));
            assertThat(rs.getShort(3)).isEqualTo((short) 7);
            assertThat(rs.getFloat(4)).isEqualTo(0.25f);
            assertThat(rs.getObject(5).toString()).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            assertThat(rs.getBytes(6)).containsExactly(0, 0xff);
            assertThat(rs.getString(7)).isEqualTo("ab");
        }
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple",
                "shale", "");
    }
}

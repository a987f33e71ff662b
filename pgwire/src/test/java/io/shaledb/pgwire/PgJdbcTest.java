package io.shaledb.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** pgjdbc, unmodified, against the server on the fake engine (simple query mode). */
class PgJdbcTest {
    private static FakeSessions sessions;
    private static PgServer server;

    @BeforeAll
    static void startServer() {
        sessions = new FakeSessions();
        server = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), sessions);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Connection connect(String database, String mode) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "tester");
        props.setProperty("preferQueryMode", mode);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "20");
        props.setProperty("ApplicationName", "jdbc-test");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database, props);
    }

    static Connection connect() throws SQLException {
        return connect("test", "simple");
    }

    @Test
    void connectsAndSeesPostgres15() throws SQLException {
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            assertThat(meta.getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(meta.getDatabaseMajorVersion()).isEqualTo(15);
            assertThat(meta.getDatabaseMinorVersion()).isEqualTo(0);
            assertThat(meta.getDatabaseProductVersion()).startsWith("15.0");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("?column?");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void readsTypedColumnsAndNulls() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from people")) {
            var meta = rs.getMetaData();
            assertThat(meta.getColumnCount()).isEqualTo(5);
            assertThat(meta.getColumnType(1)).isEqualTo(Types.INTEGER);
            assertThat(meta.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(meta.getColumnType(3)).isEqualTo(Types.DOUBLE);
            assertThat(meta.getColumnType(4)).isEqualTo(Types.BIT);
            assertThat(meta.getColumnType(5)).isEqualTo(Types.BIGINT);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("id")).isEqualTo(1);
            assertThat(rs.getString("name")).isEqualTo("alice");
            assertThat(rs.getDouble("score")).isEqualTo(1.5);
            assertThat(rs.getBoolean("active")).isTrue();
            assertThat(rs.getLong("big")).isEqualTo(10_000_000_000L);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            for (int i = 2; i <= 5; i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
                assertThat(rs.wasNull()).isTrue();
            }

            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("zoë 🐘");
            assertThat(rs.getDouble(3)).isEqualTo(-0.25);
            assertThat(rs.getBoolean(4)).isFalse();
            assertThat(rs.getLong(5)).isEqualTo(-1L);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void errorCarriesSqlStatePositionDetailAndHint() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select * from missing"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P01");
                        ServerErrorMessage m = e.getServerErrorMessage();
                        assertThat(m).isNotNull();
                        assertThat(m.getSeverity()).isEqualTo("ERROR");
                        assertThat(m.getMessage()).isEqualTo("relation \"missing\" does not exist");
                        assertThat(m.getPosition()).isEqualTo(15);
                    });
            assertThatThrownBy(() -> s.execute("fail with detail"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("23505");
                        assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Key (id)=(1) already exists.");
                        assertThat(e.getServerErrorMessage().getHint()).isEqualTo("Pick another id.");
                    });
            // The connection is still good after errors.
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void unexpectedExceptionBecomesXX000AndConnectionSurvives() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("boom"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("XX000");
                        // the Java exception's text stays in the server log, never on the wire
                        assertThat(e.getMessage()).startsWith("ERROR: internal error").doesNotContain("boom")
                                .doesNotContain("Exception");
                    });
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void severalStatementsInOneString() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.execute("select 1; create table t (a int); insert into t values (1); select * from people")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(0);       // CREATE TABLE
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);       // INSERT 0 1
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(3);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);

            // A later statement fails: pgjdbc reports the error (earlier results were sent first).
            assertThatThrownBy(() -> s.execute("select 1; select * from missing; select 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P01");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(25);
                    });
        }
    }

    @Test
    void streamsManyRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("generate 50000")) {
            long sum = 0;
            int rows = 0;
            while (rs.next()) {
                sum += rs.getInt(1);
                rows++;
            }
            assertThat(rows).isEqualTo(50_000);
            assertThat(sum).isEqualTo(50_000L * 50_001 / 2);
        }
    }

    @Test
    void errorMidResultAfterRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("generate 1000 then fail"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void aSessionWithoutPreparedStatementsRefusesTheExtendedProtocolCleanly() throws SQLException {
        try (Connection c = connect("test", "extended"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("0A000");
                        assertThat(e.getMessage()).contains("prepared statements are not supported by this session");
                    });
            // Still in sync: the next round trip gets its own (same) answer, not a stale one.
            assertThatThrownBy(() -> s.executeQuery("select 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }

    @Test
    void unknownDatabaseIsRejectedAtConnect() {
        assertThatThrownBy(() -> connect("nope", "simple"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42704");
                    assertThat(e.getMessage()).contains("database \"nope\" does not exist");
                });
    }

    @Test
    void slowStatementDoesNotBlockOtherConnections() throws Exception {
        sessions.gate = new java.util.concurrent.CountDownLatch(1);
        int blockedBefore = sessions.blocked.get();
        try (Connection slow = connect(); Connection fast = connect()) {
            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
                try (Statement s = slow.createStatement()) {
                    return s.execute("wait for gate");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sessions.blocked.get() == blockedBefore && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(sessions.blocked.get()).as("the slow statement is running").isGreaterThan(blockedBefore);
            // The server has a single I/O thread here; the other connection is still served.
            try (Statement s = fast.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(blocked.isDone()).isFalse();
            sessions.gate.countDown();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse(); // no result set, just "SELECT 0"
        } finally {
            sessions.gate.countDown();
        }
    }

    @Test
    void sessionsAreClosedWhenClientsLeave() throws Exception {
        int openedBefore = sessions.opened.get();
        for (int i = 0; i < 5; i++) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
        }
        assertThat(sessions.opened.get() - openedBefore).isEqualTo(5);
        // Sessions close asynchronously, on each connection's worker, once its channel is gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((sessions.live() > 0 || server.connectionCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sessions.live()).isZero();
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void bindingAPortInUseNamesHostAndPort() {
        PgServer second = new PgServer(PgServerConfig.defaults().withPort(server.port()).withWorkerThreads(1), new FakeSessions());
        assertThatThrownBy(second::start)
                .hasMessageContaining("127.0.0.1:" + server.port());
        second.close();
    }
}

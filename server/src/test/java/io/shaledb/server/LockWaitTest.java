package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Row locks through the front door: several pgjdbc connections to one server, waiting for each
 * other, deadlocking, timing out, vanishing — and the activity views showing who waits for whom.
 */
class LockWaitTest {
    @TempDir
    Path tmp;

    private ShaleServer server;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        try (Statement st = connect().createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY, v int)");
            st.execute("INSERT INTO t VALUES (1, 10), (2, 20)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        server.close();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple",
                "tester", "");
        connections.add(c);
        return c;
    }

    private static CompletableFuture<Void> async(Statement st, String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                st.execute(sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static SQLException cause(ExecutionException e) {
        return (SQLException) e.getCause().getCause();
    }

    @Test
    void aWriterWaitsForTheLockHolderAndTheViewsShowIt() throws Exception {
        Statement a = connect().createStatement();
        Statement b = connect().createStatement();
        Statement watcher = connect().createStatement();
        a.execute("BEGIN");
        a.execute("UPDATE t SET v = 11 WHERE id = 1");
        assertThat(((BaseConnection) a.getConnection()).getTransactionState()).isEqualTo(TransactionState.OPEN);
        CompletableFuture<Void> waiting = async(b, "UPDATE t SET v = v + 100 WHERE id = 1");
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        try (ResultSet rs = watcher.executeQuery("SELECT state, wait_event_type FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("active");
        }
        try (ResultSet rs = watcher.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'tuple' AND NOT granted")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
        try (ResultSet rs = watcher.executeQuery("SELECT count(*) FROM shale_lock_waits WHERE relation = 't'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }

        a.execute("COMMIT");
        waiting.get(5, TimeUnit.SECONDS);
        try (ResultSet rs = watcher.executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).as("READ COMMITTED re-read the committed 11 before adding").isEqualTo(111);
        }
    }

    @Test
    void aDeadlockFailsOneTransactionNamingTheCycle() throws Exception {
        Statement a = connect().createStatement();
        Statement b = connect().createStatement();
        a.execute("BEGIN");
        b.execute("BEGIN");
        a.execute("UPDATE t SET v = 1 WHERE id = 1");
        b.execute("UPDATE t SET v = 2 WHERE id = 2");
        CompletableFuture<Void> aWaits = async(a, "UPDATE t SET v = 1 WHERE id = 2");
        Thread.sleep(200);
        assertThatThrownBy(() -> b.execute("UPDATE t SET v = 2 WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("40P01");
                    assertThat(e.getMessage()).contains("deadlock detected").contains("waits for").contains("blocked by process")
                            .contains("on row (id)=(1) of relation \"t\"").contains("on row (id)=(2) of relation \"t\"");
                });
        assertThat(((BaseConnection) b.getConnection()).getTransactionState()).isEqualTo(TransactionState.FAILED);
        assertThatThrownBy(() -> b.execute("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
        b.execute("ROLLBACK");
        aWaits.get(5, TimeUnit.SECONDS);
        a.execute("COMMIT");
        try (ResultSet rs = b.executeQuery("SELECT v FROM t ORDER BY id")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void nowaitLockTimeoutAndStatementTimeoutGivePostgresErrors() throws Exception {
        Statement a = connect().createStatement();
        Statement b = connect().createStatement();
        a.execute("BEGIN");
        a.execute("SELECT id FROM t WHERE id = 1 FOR UPDATE");
        assertThatThrownBy(() -> b.execute("SELECT id FROM t WHERE id = 1 FOR UPDATE NOWAIT"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("55P03");
                    assertThat(e.getMessage()).contains("could not obtain lock on row in relation \"t\"");
                });
        try (ResultSet rs = b.executeQuery("SELECT id FROM t ORDER BY id FOR UPDATE SKIP LOCKED")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
        b.execute("SET lock_timeout = '200ms'");
        assertThatThrownBy(() -> b.execute("UPDATE t SET v = 0 WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("55P03");
                    assertThat(e.getMessage()).contains("canceling statement due to lock timeout");
                });
        b.execute("SET lock_timeout = 0");
        b.execute("SET statement_timeout = '200ms'");
        assertThatThrownBy(() -> b.execute("DELETE FROM t WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("57014");
                    assertThat(e.getMessage()).contains("canceling statement due to statement timeout");
                });
        a.execute("COMMIT");
        b.execute("DELETE FROM t WHERE id = 1");
        try (ResultSet rs = b.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void aCancelRequestStopsAWaitingStatement() throws Exception {
        Statement a = connect().createStatement();
        Statement b = connect().createStatement();
        a.execute("BEGIN");
        a.execute("UPDATE t SET v = 5 WHERE id = 2");
        CompletableFuture<Void> waiting = async(b, "UPDATE t SET v = 6 WHERE id = 2");
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        b.cancel(); // pgjdbc sends a CancelRequest with the connection's BackendKeyData
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ExecutionException.class, e -> {
            assertThat(cause(e).getSQLState()).isEqualTo("57014");
            assertThat(cause(e).getMessage()).contains("canceling statement due to user request");
        });
        a.execute("COMMIT");
        try (ResultSet rs = b.executeQuery("SELECT v FROM t WHERE id = 2")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }

    @Test
    void aClientThatVanishesReleasesItsLocksAndLosesItsWork() throws Exception {
        Connection gone = connect();
        Statement a = gone.createStatement();
        a.execute("BEGIN");
        a.execute("UPDATE t SET v = 999 WHERE id = 1");
        Statement b = connect().createStatement();
        CompletableFuture<Void> waiting = async(b, "UPDATE t SET v = v + 1 WHERE id = 1");
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        gone.close(); // without COMMIT: the server rolls back and releases the row
        waiting.get(5, TimeUnit.SECONDS);
        try (ResultSet rs = b.executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
        }
    }

    @Test
    void aSerializationFailureAtRepeatableReadCanBeRetried() throws Exception {
        Statement a = connect().createStatement();
        Statement b = connect().createStatement();
        a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        try (ResultSet rs = a.executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
        }
        b.execute("UPDATE t SET v = 50 WHERE id = 1");
        assertThatThrownBy(() -> a.execute("UPDATE t SET v = v + 1 WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("40001");
                    assertThat(e.getMessage()).contains("could not serialize access due to concurrent update");
                });
        a.execute("ROLLBACK");
        a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        a.execute("UPDATE t SET v = v + 1 WHERE id = 1");
        a.execute("COMMIT");
        try (ResultSet rs = b.executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(51);
        }
    }
}

package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, seen by a client: the failing statement gets SQLSTATE 53100 (whether the statement
 * or a background page write met the full disk first), the server stays up and says how to recover, and after a restart every statement acknowledged before the disk
 * filled is there while the failed one left nothing behind.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    @Test
    void aFullDiskFailsTheStatementAndLosesNothingCommitted() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            runOnce(seed);
        }
    }

    private void runOnce(long seed) throws Exception {
        Random random = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data-" + seed)).withPgPort(0);
        Set<Integer> acknowledged = new HashSet<>();
        int failedId;
        String failedPad = null;
        try (ShaleServer server = ShaleServer.start(config, fs);
                Connection c = connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE filler (id int PRIMARY KEY, pad text)");
            for (int i = 0; i < 50; i++) {
                st.execute("INSERT INTO filler VALUES (" + i + ", '" + "x".repeat(100) + "')");
                acknowledged.add(i);
            }
            fs.failWritesAfter(20_000 + random.nextInt(200_000));
            int id = 50;
            while (true) {
                String pad = "y".repeat(random.nextInt(3000));
                try {
                    st.execute("INSERT INTO filler VALUES (" + id + ", '" + pad + "')");
                    acknowledged.add(id++);
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as("seed %d: %s", seed, e.getMessage()).isEqualTo("53100");
                    assertThat(e.getMessage()).contains("No space left on device");
                    failedId = id;
                    failedPad = pad;
                    break;
                }
                if (id > 100_000) {
                    throw new AssertionError("the disk never filled up");
                }
            }
            // the session survives; the engine has stopped itself and says why, and how to recover, until restarted
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM filler")).isInstanceOfSatisfying(SQLException.class,
                    e -> {
                        assertThat(e.getSQLState()).isEqualTo("53100");
                        assertThat(e.getMessage()).contains("restart the server to recover");
                    });
        }
        fs.clearFaults();
        fs.crash(random); // and the machine went down before anyone cleaned up
        try (ShaleServer server = ShaleServer.start(config, fs);
                Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, pad FROM filler")) {
            java.util.Map<Integer, String> found = new java.util.HashMap<>();
            while (rs.next()) {
                found.put(rs.getInt(1), rs.getString(2));
            }
            assertThat(found.keySet()).as("seed %d", seed).containsAll(acknowledged);
            // The failed statement's outcome is unknown to its client (its log record may have been
            // complete when a later write failed), like a commit whose fsync failed in PostgreSQL;
            // but it is all or nothing, and nothing else appears.
            if (found.containsKey(failedId)) {
                assertThat(found.get(failedId)).as("seed %d: the failed row is whole", seed).isEqualTo(failedPad);
            }
            assertThat(found.size()).as("seed %d: no rows besides the acknowledged and the failed one", seed)
                    .isLessThanOrEqualTo(acknowledged.size() + 1);
        }
    }

    private static Connection connect(ShaleServer server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple", "u", "");
    }
}

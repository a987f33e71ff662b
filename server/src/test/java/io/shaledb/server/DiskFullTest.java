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
 * A full disk, seen by a client: the failing statement gets SQLSTATE 53100, the server stays up
 * and says so clearly afterwards, and after a restart every statement acknowledged before the disk
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
                try {
                    st.execute("INSERT INTO filler VALUES (" + id + ", '" + "y".repeat(random.nextInt(3000)) + "')");
                    acknowledged.add(id++);
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as("seed %d: %s", seed, e.getMessage()).isEqualTo("53100");
                    assertThat(e.getMessage()).contains("No space left on device");
                    failedId = id;
                    break;
                }
                if (id > 100_000) {
                    throw new AssertionError("the disk never filled up");
                }
            }
            // the session survives; the engine refuses further work with a clear error until restarted
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM filler")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("58030"));
        }
        fs.clearFaults();
        fs.crash(random); // and the machine went down before anyone cleaned up
        try (ShaleServer server = ShaleServer.start(config, fs);
                Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, pad FROM filler")) {
            Set<Integer> found = new HashSet<>();
            while (rs.next()) {
                found.add(rs.getInt(1));
            }
            assertThat(found).as("seed %d", seed).containsAll(acknowledged).doesNotContain(failedId);
        }
    }

    private static Connection connect(ShaleServer server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple", "u", "");
    }
}

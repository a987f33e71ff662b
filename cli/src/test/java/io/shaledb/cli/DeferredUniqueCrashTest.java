package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DEFERRABLE INITIALLY DEFERRED unique constraint through kill -9. Its index stores
 * {@code key ‖ row key} entries and two rows may hold one key until COMMIT. A client runs
 * transactions that swap two rows' values in two statements (a duplicate between them), and
 * transactions that insert a duplicate and fail at COMMIT; the server is killed at a random moment
 * and restarted. Then:
 *
 * <ul>
 *   <li>the table holds exactly the acknowledged rows (the transaction in flight at the kill
 *       happened entirely or not at all);
 *   <li>no two rows hold one value, and the index holds exactly its rows' entries
 *       ({@code shale_index_check});
 *   <li>the constraint is still deferred: a duplicate passes its INSERT and fails at COMMIT.
 * </ul>
 *
 * {@code -Dshaledb.crash.cycles=N} sets the number of kill/restart cycles (a tenth of it, at least 3).
 */
class DeferredUniqueCrashTest {
    private static final Logger log = LoggerFactory.getLogger(DeferredUniqueCrashTest.class);
    private static final int ROWS = 50;

    @TempDir
    Path tmp;

    /** The transaction in flight at the kill: the table is either {@code before} or {@code after}. */
    record InFlight(Map<Integer, Integer> before, Map<Integer, Integer> after) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"btree", "lsm"})
    void deferredUniqueSurvivesKills(String engine) throws Exception {
        int cycles = Math.max(3, Integer.getInteger("shaledb.crash.cycles", 50) / 10);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log.info("deferred unique crash test on {}: {} cycles, seed {}", engine, cycles, seed);
        Map<Integer, Integer> committed = new HashMap<>();
        try (ServerProcess server = ServerProcess.builder(tmp.resolve("data")).args("--engine", engine).start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE u (id int PRIMARY KEY, v int, CONSTRAINT u_v UNIQUE (v) DEFERRABLE INITIALLY DEFERRED)");
                st.execute("INSERT INTO u SELECT g, g * 10 FROM generate_series(1, " + ROWS + ") g");
                for (int i = 1; i <= ROWS; i++) {
                    committed.put(i, i * 10);
                }
            }
            for (int cycle = 0; cycle < cycles; cycle++) {
                AtomicReference<InFlight> inFlight = new AtomicReference<>();
                long workerSeed = random.nextLong();
                Thread worker = Thread.ofPlatform().start(() -> writeUntilKilled(server, workerSeed, committed, inFlight));
                Thread.sleep(200 + random.nextInt(600));
                server.kill();
                worker.join(30_000);
                server.restart();
                verify(server, committed, inFlight.get(), "seed " + seed + ", after kill " + (cycle + 1));
            }
            server.stop();
        }
    }

    private static void writeUntilKilled(ServerProcess server, long seed, Map<Integer, Integer> committed,
                                         AtomicReference<InFlight> inFlight) {
        Random random = new Random(seed);
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            while (true) {
                int a = 1 + random.nextInt(ROWS);
                int b = 1 + random.nextInt(ROWS);
                Map<Integer, Integer> after = new HashMap<>(committed);
                boolean fails = random.nextInt(4) == 0;
                if (!fails) {
                    after.put(a, committed.get(b));
                    after.put(b, committed.get(a));
                }
                inFlight.set(new InFlight(new HashMap<>(committed), after));
                st.execute("BEGIN");
                try {
                    if (fails) {
                        // a duplicate the COMMIT must refuse
                        st.execute("INSERT INTO u VALUES (" + (1000 + random.nextInt(1000)) + ", " + committed.get(a) + ")");
                    } else {
                        st.execute("UPDATE u SET v = " + committed.get(b) + " WHERE id = " + a); // a duplicate until the next statement
                        st.execute("UPDATE u SET v = " + committed.get(a) + " WHERE id = " + b);
                    }
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    if (!fails || !"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    inFlight.set(null); // refused at COMMIT: nothing changed
                    continue;
                }
                if (fails) {
                    throw new AssertionError("COMMIT accepted a duplicate of " + committed.get(a));
                }
                committed.clear();
                committed.putAll(after);
                inFlight.set(null);
            }
        } catch (SQLException expectedWhenKilled) {
            log.debug("writer stopped: {}", expectedWhenKilled.getMessage());
        }
    }

    private static void verify(ServerProcess server, Map<Integer, Integer> committed, InFlight inFlight, String context)
            throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            Map<Integer, Integer> found = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT id, v FROM u")) {
                while (rs.next()) {
                    found.put(rs.getInt(1), rs.getInt(2));
                }
            }
            if (inFlight != null && found.equals(inFlight.after())) {
                committed.clear();
                committed.putAll(inFlight.after());
            }
            assertThat(found).as("%s: exactly the acknowledged rows", context).isEqualTo(committed);
            Set<Integer> values = new HashSet<>(found.values());
            assertThat(values).as("%s: no value twice", context).hasSize(found.size());
            st.execute("SELECT shale_index_check('u_v')"); // XX002 on any difference
            try (ResultSet rs = st.executeQuery("SELECT condeferrable, condeferred FROM pg_constraint WHERE conname = 'u_v'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1) && rs.getBoolean(2)).as("%s: still deferrable, initially deferred", context).isTrue();
            }
            st.execute("BEGIN");
            st.execute("INSERT INTO u VALUES (100000, " + found.values().iterator().next() + ")"); // deferred: no error yet
            try {
                st.execute("COMMIT");
                throw new AssertionError(context + ": COMMIT accepted a duplicate");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("23505");
            }
        }
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple&connectTimeout=10", "shale", "");
    }
}

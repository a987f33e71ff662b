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
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secondary indexes through kill -9. A client runs single-row transactions (insert, update of
 * indexed columns, delete; some break a UNIQUE index and fail) on a table with a unique, an
 * expression and a composite index, and now and then builds or drops one more index. The server
 * is killed at a random moment and restarted. Then:
 *
 * <ul>
 *   <li>the table holds exactly the acknowledged rows (the one transaction in flight at the kill
 *       may or may not have happened);
 *   <li>every index holds exactly its rows' entries ({@code shale_index_check}), including an
 *       index whose CREATE was in flight, which is either complete or absent;
 *   <li>the unique index still rejects a duplicate of an existing key.
 * </ul>
 *
 * {@code -Dshaledb.crash.cycles=N} sets the number of kill/restart cycles (a tenth of it, at least 3).
 */
class IndexCrashTest {
    private static final Logger log = LoggerFactory.getLogger(IndexCrashTest.class);
    private static final String[] INDEXES = {"t_email", "t_lower_name", "t_score_id"};

    @TempDir
    Path tmp;

    record Row(String email, String name, int score) {}

    /** The transaction in flight at the kill: row {@code id} is either {@code before} or {@code after} (null = absent). */
    record InFlight(int id, Row before, Row after) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"btree", "lsm"})
    void indexesStayExactThroughKills(String engine) throws Exception {
        int cycles = Math.max(3, Integer.getInteger("shaledb.crash.cycles", 50) / 10);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log.info("index crash test on {}: {} cycles, seed {}", engine, cycles, seed);
        Map<Integer, Row> committed = new HashMap<>();
        try (ServerProcess server = ServerProcess.builder(tmp.resolve("data")).args("--engine", engine).start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int PRIMARY KEY, email text, name text, score int)");
                st.execute("CREATE UNIQUE INDEX t_email ON t (email)");
                st.execute("CREATE INDEX t_lower_name ON t (lower(name)) INCLUDE (score)");
                st.execute("CREATE INDEX t_score_id ON t (score DESC, id)");
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
        assertThat(committed).as("the test committed some rows").isNotEmpty();
    }

    private static void writeUntilKilled(ServerProcess server, long seed, Map<Integer, Row> committed, AtomicReference<InFlight> inFlight) {
        Random random = new Random(seed);
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            while (true) {
                if (random.nextInt(40) == 0) {
                    // an extra index built and dropped again: in flight at a kill, it must be complete or absent
                    st.execute(random.nextBoolean() ? "CREATE INDEX IF NOT EXISTS t_extra ON t (name, score)" : "DROP INDEX IF EXISTS t_extra");
                    continue;
                }
                int id = random.nextInt(200);
                Row before = committed.get(id);
                Row after = random.nextInt(5) == 0 ? null
                        : new Row("e" + random.nextInt(300), random.nextBoolean() ? "N" + random.nextInt(20) : "n" + random.nextInt(20),
                                random.nextInt(50));
                String sql = after == null ? "DELETE FROM t WHERE id = " + id
                        : before == null ? "INSERT INTO t VALUES (" + id + ", '" + after.email() + "', '" + after.name() + "', " + after.score() + ")"
                        : "UPDATE t SET email = '" + after.email() + "', name = '" + after.name() + "', score = " + after.score() + " WHERE id = " + id;
                inFlight.set(new InFlight(id, before, after));
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    inFlight.set(null); // refused: nothing changed
                    continue;
                }
                if (after == null) {
                    committed.remove(id);
                } else {
                    committed.put(id, after);
                }
                inFlight.set(null);
            }
        } catch (SQLException expectedWhenKilled) {
            log.debug("writer stopped: {}", expectedWhenKilled.getMessage());
        }
    }

    private static void verify(ServerProcess server, Map<Integer, Row> committed, InFlight inFlight, String context) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            Map<Integer, Row> found = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT id, email, name, score FROM t")) {
                while (rs.next()) {
                    found.put(rs.getInt(1), new Row(rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
            if (inFlight != null) {
                Row now = found.get(inFlight.id());
                assertThat(Objects.equals(now, inFlight.before()) || Objects.equals(now, inFlight.after()))
                        .as("%s: the in-flight change of row %d happened entirely or not at all, found %s", context, inFlight.id(), now).isTrue();
                if (Objects.equals(now, inFlight.after())) {
                    if (now == null) {
                        committed.remove(inFlight.id());
                    } else {
                        committed.put(inFlight.id(), now);
                    }
                }
            }
            assertThat(found).as("%s: exactly the acknowledged rows", context).isEqualTo(committed);
            for (String index : INDEXES) {
                st.execute("SELECT shale_index_check('" + index + "')"); // XX002 on any difference
            }
            try {
                st.execute("SELECT shale_index_check('t_extra')");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("%s: t_extra is either complete or absent", context).isEqualTo("42704");
            }
            if (!committed.isEmpty()) {
                Row any = committed.values().iterator().next();
                try {
                    st.execute("INSERT INTO t VALUES (100000, '" + any.email() + "', 'dup', 0)");
                    throw new AssertionError(context + ": the unique index let a duplicate of " + any.email() + " in");
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("23505");
                }
            }
        }
    }

    /**
     * A bulk CREATE INDEX (sorted load in many engine writes) killed at a random moment: after the
     * restart the index is either complete or absent, never half there, and it can be built again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"btree", "lsm"})
    void aBulkBuildKilledMidwayLeavesNoHalfIndex(String engine) throws Exception {
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int rows = 30_000;
        try (ServerProcess server = ServerProcess.builder(tmp.resolve("data")).args("--engine", engine).start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE big (id int PRIMARY KEY, k int, email text)");
                st.execute("INSERT INTO big SELECT g, (g * 7919) % 1000, 'u' || g || '@x' FROM generate_series(1, " + rows + ") g");
            }
            for (int cycle = 0; cycle < 2; cycle++) {
                String index = cycle == 0 ? "big_k" : "big_email";
                String ddl = cycle == 0 ? "CREATE INDEX big_k ON big (k)" : "CREATE UNIQUE INDEX big_email ON big (email)";
                Thread builder = Thread.ofPlatform().start(() -> {
                    try (Connection c = connect(server); Statement st = c.createStatement()) {
                        st.execute(ddl);
                    } catch (SQLException expectedWhenKilled) {
                        log.debug("build stopped: {}", expectedWhenKilled.getMessage());
                    }
                });
                Thread.sleep(100 + random.nextInt(900));
                server.kill();
                builder.join(30_000);
                server.restart();
                try (Connection c = connect(server); Statement st = c.createStatement()) {
                    boolean present;
                    try {
                        st.execute("SELECT shale_index_check('" + index + "')"); // XX002 on any difference
                        present = true;
                    } catch (SQLException e) {
                        assertThat(e.getSQLState()).as("seed %d: %s is either complete or absent", seed, index).isEqualTo("42704");
                        present = false;
                    }
                    log.info("bulk build of {} killed on {}: index {} after restart", index, engine, present ? "complete" : "absent");
                    if (!present) {
                        st.execute(ddl); // the orphaned entries of the killed build are gone: it builds again
                        st.execute("SELECT shale_index_check('" + index + "')");
                    }
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM big")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(rows);
                    }
                }
            }
            server.stop();
        }
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple&connectTimeout=10", "shale", "");
    }
}

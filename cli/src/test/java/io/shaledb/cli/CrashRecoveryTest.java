package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.server.EngineKind;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability through the front door: a real server in a child JVM commits single-row inserts as
 * fast as clients can send them while this test records every acknowledged commit; then the
 * server is killed with SIGKILL at a random moment, restarted on the same data directory, and
 * every acknowledged row must be there, intact, and nothing that was never sent may appear.
 *
 * <p>{@code -Dshaledb.crash.cycles=N} sets the number of kill/restart cycles (50 by default; the
 * {@code soak} Maven profile runs 1,000).
 */
class CrashRecoveryTest {
    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);

    @TempDir
    Path tmp;

    /**
     * The LSM run uses a 64 KiB memtable, so memtable flushes and compactions run all the time and
     * many kills land in the middle of one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"btree", "lsm"})
    void everyAcknowledgedCommitSurvivesKillDashNine(String engine) throws Exception {
        int cycles = Integer.getInteger("shaledb.crash.cycles", 50);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log.info("crash test on {}: {} cycles, seed {}", engine, cycles, seed);

        Map<Long, String> acknowledged = new HashMap<>();
        AtomicLong nextId = new AtomicLong();
        ServerProcess.Builder builder = ServerProcess.builder(tmp.resolve("data")).args("--engine", engine);
        if (engine.equals("lsm")) {
            builder.args("--lsm-memtable-size", "65536");
        }
        try (ServerProcess server = builder.start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE crash (id bigint PRIMARY KEY, payload text, cycle int)");
            }
            for (int cycle = 0; cycle < cycles; cycle++) {
                ConcurrentSkipListSet<Long> acked = new ConcurrentSkipListSet<>();
                int writers = 1 + random.nextInt(3);
                Thread[] threads = new Thread[writers];
                int thisCycle = cycle;
                for (int w = 0; w < writers; w++) {
                    threads[w] = Thread.ofPlatform().start(() -> insertUntilKilled(server, nextId, acked, thisCycle));
                }
                Thread.sleep(50 + random.nextInt(250));
                server.kill();
                for (Thread t : threads) {
                    t.join(30_000);
                }
                for (long id : acked) {
                    acknowledged.put(id, payload(id));
                }
                server.restart();
                verify(server, acknowledged, nextId.get(), seed, cycle);
            }
            server.stop();
        }
        if (engine.equals("btree")) {
            // every page of the data file still passes its checksum and the tree's invariants hold
            try (BTreeEngine btree = BTreeEngine.open(EngineKind.BTREE.directory(tmp.resolve("data")))) {
                assertThat(btree.verify()).as("B+Tree invariants after %d kills (seed %d)", cycles, seed).isEmpty();
            }
        } else {
            // every block of every SSTable still passes its checksum, and every level is in key order
            try (LsmEngine lsm = LsmEngine.open(EngineKind.LSM.directory(tmp.resolve("data")));
                    Cursor c = lsm.scan(KeyRange.all(), Direction.FORWARD)) {
                byte[] previous = null;
                while (c.next()) {
                    if (previous != null) {
                        assertThat(Bytes.compare(previous, c.key())).as("keys in order (seed %d)", seed).isNegative();
                    }
                    previous = c.key();
                }
                assertThat(lsm.stats().flushes() + lsm.inspect().fileCount()).as("the run flushed SSTables").isPositive();
            }
        }
        assertThat(acknowledged).as("the test committed something").isNotEmpty();
        log.info("crash test on {}: {} acknowledged commits survived {} kills", engine, acknowledged.size(), cycles);
    }

    private static void insertUntilKilled(ServerProcess server, AtomicLong nextId, ConcurrentSkipListSet<Long> acked, int cycle) {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            while (true) {
                long id = nextId.getAndIncrement();
                st.executeUpdate("INSERT INTO crash VALUES (" + id + ", '" + payload(id) + "', " + cycle + ")");
                acked.add(id); // acknowledged: the server said INSERT 0 1
            }
        } catch (SQLException expectedWhenKilled) {
            // the server died under us; anything not acknowledged may or may not have landed
        }
    }

    private static void verify(ServerProcess server, Map<Long, String> acknowledged, long attempted, long seed, int cycle)
            throws SQLException {
        Map<Long, String> found = new HashMap<>();
        try (Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, payload FROM crash")) {
            while (rs.next()) {
                found.put(rs.getLong(1), rs.getString(2));
            }
        }
        String context = "seed " + seed + ", after kill " + (cycle + 1);
        for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
            assertThat(found.get(e.getKey())).as("acknowledged row %d (%s)", e.getKey(), context).isEqualTo(e.getValue());
        }
        for (Map.Entry<Long, String> e : found.entrySet()) {
            assertThat(e.getKey()).as("row %d was never sent (%s)", e.getKey(), context).isLessThan(attempted);
            assertThat(e.getValue()).as("row %d is intact (%s)", e.getKey(), context).isEqualTo(payload(e.getKey()));
        }
    }

    private static String payload(long id) {
        return "row-" + id + "-" + Long.toHexString(id * 0x9E3779B97F4A7C15L);
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple&connectTimeout=10", "shale", "");
    }
}

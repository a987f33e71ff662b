package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.Transaction.RowLock;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts keep exactly the committed transactions.
 *
 * <p><b>Crashes mid-flight.</b> Several threads commit, roll back and abandon transactions on their
 * own rows (so they never wait for each other) while the simulated disk crashes under them, losing
 * a random part of everything unsynced. After recovery: every acknowledged commit is there; the
 * commit each thread had in flight is there entirely or not at all; rolled-back, abandoned and
 * interrupted transactions are invisible; a vacuum leaves one version per live row; new ids are
 * above every id handed out before. Run with the catalog (commit log) in the data engine and in an
 * engine of its own, whose WAL is synced separately.
 *
 * <p><b>Clean restarts</b> with transactions left open, on the real engines in a temporary
 * directory (and on the memory engine, where only the manager restarts).
 *
 * <p>{@code -Dshaledb.txn.restart.seeds=N} (default 2) seeds per configuration, 3 crashes each.
 */
class RestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(RestartTest.class);
    private static final byte[] PREFIX = {'r', 1};
    private static final int THREADS = 3;
    private static final int WORK_KEYS = 40;
    private static final int ABANDON_KEY = 99;

    static List<Arguments> crashConfigurations() {
        List<Arguments> out = new ArrayList<>();
        for (TestStore.Kind kind : List.of(TestStore.Kind.BTREE, TestStore.Kind.LSM)) {
            out.add(Arguments.of(kind, true));
            out.add(Arguments.of(kind, false));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, catalog in the data engine: {1}")
    @MethodSource("crashConfigurations")
    void committedWorkSurvivesCrashesMidFlight(TestStore.Kind kind, boolean sharedCatalog) throws Exception {
        int seeds = Integer.getInteger("shaledb.txn.restart.seeds", 2);
        long checkedCommits = 0;
        int inFlightKept = 0;
        int inFlightLost = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(seed * 7919L + kind.ordinal() * 31 + (sharedCatalog ? 1 : 0));
            try (TestStore store = TestStore.simulated(kind)) {
                Worker[] workers = new Worker[THREADS];
                for (int i = 0; i < THREADS; i++) {
                    workers[i] = new Worker(i);
                }
                long maxXid = 0;
                for (int cycle = 0; cycle < 4; cycle++) {
                    StorageEngine data = store.engine("data");
                    StorageEngine meta = sharedCatalog ? data : store.engine("catalog");
                    Relation rel = new Relation(1, "r", data, PREFIX);
                    TransactionManager tm = TransactionManager.open(meta, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO),
                            t -> "row " + t);
                    String where = "seed " + seed + " cycle " + cycle + " on " + store + (sharedCatalog ? "" : " with its own catalog engine");

                    // Recovery: what committed is there, the rest is not.
                    Map<Integer, String> state = Rows.committed(tm, rel);
                    for (Worker w : workers) {
                        int outcome = w.verifyAndSettle(state, where);
                        inFlightKept += outcome == 1 ? 1 : 0;
                        inFlightLost += outcome == 0 ? 1 : 0;
                    }
                    tm.vacuum(rel);
                    assertThat(TestStore.countKeys(data, PREFIX)).as("raw versions after vacuum, %s", where).isEqualTo(state.size());
                    Transaction probe = tm.begin(IsolationLevel.READ_COMMITTED, false, 9);
                    assertThat(probe.assignXid()).as("a new id after recovery, %s", where).isGreaterThan(maxXid);
                    probe.rollback();
                    if (cycle == 3) {
                        tm.close();
                        break;
                    }

                    // Work, then crash under the running threads.
                    AtomicBoolean crashing = new AtomicBoolean();
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> threads = new ArrayList<>();
                    for (Worker w : workers) {
                        long ws = r.nextLong();
                        int c = cycle;
                        threads.add(Thread.ofPlatform().name("worker-" + w.id)
                                .start(() -> w.run(tm, rel, new Random(ws), crashing, stop, c)));
                    }
                    Thread.sleep(30 + r.nextInt(120));
                    crashing.set(true);
                    store.crashUnder(threads, stop, r);
                    tm.close();
                    for (Worker w : workers) {
                        maxXid = Math.max(maxXid, w.maxXid);
                        checkedCommits += w.commitsThisCycle;
                        if (w.unexpected != null) {
                            throw new AssertionError("worker " + w.id + " failed before the crash, " + where, w.unexpected);
                        }
                    }
                }
            }
        }
        LOG.info("crash restarts on {} (catalog {}): {} acknowledged commits checked, in-flight commits kept {} / lost {}", kind,
                sharedCatalog ? "shared" : "separate", checkedCommits, inFlightKept, inFlightLost);
        assertThat(checkedCommits).isPositive();
    }

    /**
     * One thread's rows and what it knows about them: the state of its acknowledged commits, and
     * the changes of the commit it had in flight when the disk crashed (null when none).
     */
    private static final class Worker {
        final int id;
        final Map<Integer, String> acked = new TreeMap<>();
        Map<Integer, String> inFlight;
        long maxXid;
        long commitsThisCycle;
        volatile Throwable unexpected;

        Worker(int id) {
            this.id = id;
        }

        int key(int local) {
            return id * 100 + local;
        }

        /**
         * Checks this worker's rows in the recovered {@code state}: the acknowledged state, or that
         * plus the in-flight commit. Returns 1 if the in-flight commit survived, 0 if it did not, -1
         * if there was none; adopts the survivor as the new acknowledged state.
         */
        int verifyAndSettle(Map<Integer, String> state, String where) {
            Map<Integer, String> mine = new TreeMap<>();
            state.forEach((k, v) -> {
                if (k / 100 == id) {
                    mine.put(k, v);
                }
            });
            int result = -1;
            if (inFlight != null) {
                Map<Integer, String> withInFlight = new TreeMap<>(acked);
                inFlight.forEach((k, v) -> {
                    if (v == null) {
                        withInFlight.remove(k);
                    } else {
                        withInFlight.put(k, v);
                    }
                });
                if (mine.equals(withInFlight) && !withInFlight.equals(acked)) {
                    acked.clear();
                    acked.putAll(withInFlight);
                    result = 1;
                } else {
                    result = 0;
                }
                inFlight = null;
            }
            assertThat(mine).as("rows of worker %d after recovery, %s", id, where).isEqualTo(acked);
            return result;
        }

        /** Works until {@code stop}; a failure before {@code crashing} is a bug, after it the crash's doing. */
        void run(TransactionManager tm, Relation rel, Random r, AtomicBoolean crashing, AtomicBoolean stop, int cycle) {
            commitsThisCycle = 0;
            boolean abandoned = false;
            int n = 0;
            try {
                while (!stop.get()) {
                    if (!abandoned && r.nextInt(10) == 0) {
                        abandon(tm, rel, cycle);
                        abandoned = true;
                        continue;
                    }
                    IsolationLevel level = r.nextBoolean() ? IsolationLevel.READ_COMMITTED : IsolationLevel.REPEATABLE_READ;
                    Transaction t = tm.begin(level, false, id);
                    t.beginStatement(() -> false, 0);
                    Map<Integer, String> changes = new HashMap<>();
                    int writes = 1 + r.nextInt(3);
                    for (int i = 0; i < writes; i++) {
                        int k = key(r.nextInt(WORK_KEYS));
                        String value = "c" + cycle + "w" + id + "n" + (n++);
                        Version seen = t.get(rel, Rows.key(rel, k));
                        if (seen == null) {
                            t.insert(rel, Rows.key(rel, k), value.getBytes(StandardCharsets.UTF_8));
                            changes.put(k, value);
                        } else {
                            RowLock l = t.lock(rel, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
                            assertThat(l.outcome()).isEqualTo(LockOutcome.LOCKED); // nobody else touches these rows
                            if (r.nextInt(4) == 0) {
                                t.delete(rel, l.current());
                                changes.put(k, null);
                            } else {
                                t.update(rel, l.current(), value.getBytes(StandardCharsets.UTF_8));
                                changes.put(k, value);
                            }
                        }
                        maxXid = Math.max(maxXid, t.xid());
                        t.beginStatement(() -> false, 0);
                    }
                    if (r.nextInt(6) == 0) {
                        t.rollback();
                        continue;
                    }
                    inFlight = changes;
                    t.commit();
                    changes.forEach((k, v) -> {
                        if (v == null) {
                            acked.remove(k);
                        } else {
                            acked.put(k, v);
                        }
                    });
                    inFlight = null;
                    commitsThisCycle++;
                }
            } catch (RuntimeException | AssertionError e) {
                if (!crashing.get()) {
                    unexpected = e;
                }
                // Otherwise the crash stopped this thread: whatever it was doing is lost, and the
                // commit in flight (if any) may or may not have made it.
            }
        }

        /** A transaction that writes and is left open: invisible after the crash. */
        private void abandon(TransactionManager tm, Relation rel, int cycle) {
            Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, id);
            t.beginStatement(() -> false, 0);
            int k = key(ABANDON_KEY);
            Version seen = t.get(rel, Rows.key(rel, k));
            if (seen == null) {
                t.insert(rel, Rows.key(rel, k), ("abandoned" + cycle).getBytes(StandardCharsets.UTF_8));
                maxXid = Math.max(maxXid, t.xid());
            } else {
                t.update(rel, t.lock(rel, seen, LockMode.UPDATE, WaitPolicy.BLOCK).current(), "abandoned".getBytes(StandardCharsets.UTF_8));
            }
            t.insert(rel, Rows.key(rel, key(ABANDON_KEY - 1)), "abandoned".getBytes(StandardCharsets.UTF_8));
            maxXid = Math.max(maxXid, t.xid());
        }
    }

    /**
     * Clean restarts: committed, rolled-back and open transactions, then the manager and the engine
     * are closed without ending the open ones and reopened from the same directory.
     */
    @ParameterizedTest
    @EnumSource(TestStore.Kind.class)
    void openTransactionsAreAbortedByACleanRestart(TestStore.Kind kind) {
        try (TestStore store = kind == TestStore.Kind.MEMORY ? TestStore.simulated(kind) : TestStore.onDisk(kind)) {
            Map<Integer, String> expected = new TreeMap<>();
            long maxXid = 0;
            for (int round = 0; round < 3; round++) {
                StorageEngine engine = store.engine("data");
                Relation rel = new Relation(1, "r", engine, PREFIX);
                TransactionManager tm = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO),
                        t -> "row " + t);
                assertThat(Rows.committed(tm, rel)).as("round %d on %s", round, store).isEqualTo(expected);
                Transaction committed = begin(tm);
                Transaction rolledBack = begin(tm);
                Transaction open = begin(tm);
                for (int i = 0; i < 5; i++) {
                    int k = round * 10 + i;
                    committed.insert(rel, Rows.key(rel, k), ("r" + round).getBytes(StandardCharsets.UTF_8));
                    expected.put(k, "r" + round);
                    rolledBack.insert(rel, Rows.key(rel, k + 5), "rolled back".getBytes(StandardCharsets.UTF_8));
                    open.insert(rel, Rows.key(rel, k + 100), "open".getBytes(StandardCharsets.UTF_8));
                }
                if (round > 0) { // the open transaction also changes a committed row
                    int k = (round - 1) * 10;
                    open.update(rel, open.lock(rel, open.get(rel, Rows.key(rel, k)), LockMode.UPDATE, WaitPolicy.BLOCK).current(),
                            "open".getBytes(StandardCharsets.UTF_8));
                }
                committed.commit();
                rolledBack.rollback();
                assertThat(open.xid()).isGreaterThan(maxXid);
                maxXid = Math.max(maxXid, Math.max(committed.xid(), Math.max(rolledBack.xid(), open.xid())));
                tm.close(); // with `open` still running
                store.crash(null); // real disk: a clean close; memory: the engine stays as it is
            }
        }
    }

    private static Transaction begin(TransactionManager tm) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
        t.beginStatement(() -> false, 0);
        return t;
    }
}

package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits that do not wait for the disk, with the rows in one engine and the commit records in
 * another (the kv model on the LSM engine under {@code appendfsync everysec}), survive power
 * failures as a prefix: a simulated disk crashes at a random moment, losing a random part of
 * everything unsynced in both logs.
 *
 * <p>Each worker commits {@code n = 1, 2, 3 ...} in turn, each commit setting its counter row to
 * {@code n} (a hot row: its version chain is pruned as it grows) and inserting its log row
 * {@code n}, without waiting for the disk; a syncer calls {@link TransactionManager#sync()} every
 * few milliseconds. After recovery each worker's counter is some {@code c} with its log rows
 * exactly 1..c (no commit half there, no hole, nothing after a lost commit), and {@code c} is at
 * least every commit acknowledged before a sync that returned.
 *
 * <p>Two things make this hold: the catalog engine's write barrier syncs the rows' engine before a
 * commit record reaches the disk, and the horizon does not pass a commit whose record is not
 * durable, so a version it replaced is not pruned from the rows' log ahead of it.
 *
 * <p>{@code -Dshaledb.txn.crossengine.seeds=N} (default 3) seeds per configuration, 4 crashes each.
 */
class CrossEngineCommitCrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrossEngineCommitCrashTest.class);
    private static final byte[] PREFIX = {'e', 1};
    private static final int WORKERS = 3;
    /** Worker w's counter is row {@code w}; its log rows are {@code LOG_BASE * (w + 1) + n}, n below LOG_BASE. */
    private static final int LOG_BASE = 16_384;

    static List<Arguments> configurations() {
        return List.of(
                Arguments.of(TestStore.Kind.BTREE, TestStore.Kind.LSM),
                Arguments.of(TestStore.Kind.BTREE, TestStore.Kind.BTREE),
                Arguments.of(TestStore.Kind.LSM, TestStore.Kind.BTREE));
    }

    @ParameterizedTest(name = "commit log in {0}, rows in {1}")
    @MethodSource("configurations")
    void unsyncedCommitsSurviveAsAPrefix(TestStore.Kind catalogKind, TestStore.Kind dataKind) throws Exception {
        int seeds = Integer.getInteger("shaledb.txn.crossengine.seeds", 3);
        long checked = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(seed * 4099L + catalogKind.ordinal() * 17 + dataKind.ordinal());
            try (TestStore store = TestStore.simulated(TestStore.Kind.BTREE)) {
                long[] recovered = new long[WORKERS];
                for (int cycle = 0; cycle < 5; cycle++) {
                    StorageEngine meta = store.engine("catalog", catalogKind);
                    StorageEngine data = store.engine("data", dataKind);
                    Relation rel = new Relation(1, "e", data, PREFIX);
                    TransactionManager tm = TransactionManager.open(meta,
                            TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row " + t);
                    String where = "seed " + seed + " cycle " + cycle;
                    Map<Integer, String> state = Rows.committed(tm, rel);
                    for (int w = 0; w < WORKERS; w++) {
                        long c = checkWorker(state, w, where);
                        assertThat(c).as("worker %d keeps what a sync made durable, %s", w, where).isGreaterThanOrEqualTo(recovered[w]);
                        recovered[w] = c;
                    }
                    assertThat(state).as("no row but counters and log rows, %s", where).allSatisfy((k, v) ->
                            assertThat(k < WORKERS || (k > LOG_BASE && k / LOG_BASE <= WORKERS)).as("row %d", k).isTrue());
                    if (cycle == 4) {
                        tm.close();
                        break;
                    }
                    AtomicLongArray acked = new AtomicLongArray(WORKERS);
                    AtomicLongArray durable = new AtomicLongArray(WORKERS);
                    for (int w = 0; w < WORKERS; w++) {
                        acked.set(w, recovered[w]);
                        durable.set(w, recovered[w]);
                    }
                    AtomicBoolean crashing = new AtomicBoolean();
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> threads = new ArrayList<>();
                    List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
                    for (int w = 0; w < WORKERS; w++) {
                        int worker = w;
                        threads.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                            try {
                                while (!stop.get() && acked.get(worker) < LOG_BASE - 1) {
                                    commitNext(tm, rel, worker, acked.get(worker) + 1);
                                    acked.incrementAndGet(worker);
                                }
                            } catch (RuntimeException | AssertionError e) {
                                if (!crashing.get()) {
                                    unexpected.add(e);
                                }
                            }
                        }));
                    }
                    threads.add(Thread.ofPlatform().name("syncer").start(() -> {
                        try {
                            while (!stop.get()) {
                                long[] before = new long[WORKERS];
                                for (int w = 0; w < WORKERS; w++) {
                                    before[w] = acked.get(w);
                                }
                                tm.sync();
                                for (int w = 0; w < WORKERS; w++) {
                                    durable.set(w, Math.max(durable.get(w), before[w]));
                                }
                                Thread.sleep(2);
                            }
                        } catch (RuntimeException | InterruptedException e) {
                            if (!crashing.get()) {
                                unexpected.add(e);
                            }
                        }
                    }));
                    Thread.sleep(40 + r.nextInt(160));
                    crashing.set(true);
                    long[] durableAtCrash = new long[WORKERS];
                    for (int w = 0; w < WORKERS; w++) {
                        durableAtCrash[w] = durable.get(w);
                    }
                    store.crashUnder(threads, stop, r);
                    tm.close();
                    if (!unexpected.isEmpty()) {
                        throw new AssertionError("failure before the crash, " + where, unexpected.getFirst());
                    }
                    for (int w = 0; w < WORKERS; w++) {
                        checked += acked.get(w) - recovered[w];
                        recovered[w] = durableAtCrash[w]; // the floor the next recovery must reach
                    }
                }
            }
        }
        LOG.info("cross-engine async commits (log {}, rows {}): {} commits acknowledged across crashes", catalogKind, dataKind, checked);
        assertThat(checked).isPositive();
    }

    /** Worker {@code w}'s commit number {@code n}: counter := n, log row n inserted; does not wait for the disk. */
    private static void commitNext(TransactionManager tm, Relation rel, int w, long n) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, w + 1);
        t.beginStatement(() -> false, 0);
        byte[] counter = Rows.key(rel, w);
        Version seen = t.get(rel, counter);
        if (seen == null) {
            t.insert(rel, counter, Rows.bytes(Long.toString(n)));
        } else {
            assertThat(Long.parseLong(Rows.text(seen))).as("worker %d's counter before commit %d", w, n).isEqualTo(n - 1);
            t.update(rel, t.lock(rel, seen, LockMode.UPDATE, WaitPolicy.BLOCK).current(), Rows.bytes(Long.toString(n)));
        }
        t.beginStatement(() -> false, 0);
        t.insert(rel, Rows.key(rel, logRow(w, n)), Rows.bytes("n" + n));
        t.commit(false);
    }

    private static int logRow(int w, long n) {
        return LOG_BASE * (w + 1) + (int) n;
    }

    /** Worker {@code w}'s recovered counter c, checking that its log rows are exactly 1..c. */
    private static long checkWorker(Map<Integer, String> state, int w, String where) {
        String counter = state.get(w);
        long c = counter == null ? 0 : Long.parseLong(counter);
        for (long n = 1; n <= c; n++) {
            assertThat(state.get(logRow(w, n))).as("worker %d's log row %d under counter %d, %s", w, n, c, where).isEqualTo("n" + n);
        }
        assertThat(state.get(logRow(w, c + 1))).as("worker %d has no log row after its counter %d, %s", w, c, where).isNull();
        return c;
    }
}

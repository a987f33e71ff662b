package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.Transaction.RowLock;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autovacuum keeps an update-heavy table small: writer threads update {@value #ROWS} rows over and
 * over at READ COMMITTED, on a real engine in a temporary directory, with the background vacuum
 * waking every 20 ms. Without vacuum every update would leave one more version behind; with it the
 * number of raw versions, sampled during the run and measured at the end, stays a small multiple
 * of the live rows. The counters' sum proves no update was lost. The engine's own size figures
 * are logged ({@code -Dshaledb.txn.space.trace=true} logs every sample).
 *
 * <p>Default 6,000 updates per engine (a few seconds: every commit syncs);
 * {@code -Dshaledb.txn.space.updates=50000} for the full workload.
 */
class BoundedSpaceTest {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedSpaceTest.class);
    private static final byte[] PREFIX = {'s', 1};
    private static final int ROWS = 100;
    private static final int WRITERS = 4;

    @ParameterizedTest
    @EnumSource(value = TestStore.Kind.class, names = {"BTREE", "LSM"})
    void autovacuumBoundsTheVersionsOfAnUpdateHeavyTable(TestStore.Kind kind) throws Exception {
        int updates = Integer.getInteger("shaledb.txn.space.updates", 6_000);
        TxnOptions options = new TxnOptions(Duration.ofMillis(20), 50, 0.2);
        try (TestStore store = TestStore.onDisk(kind)) {
            StorageEngine engine = store.engine("data");
            Relation rel = new Relation(3, "s", engine, PREFIX);
            try (TransactionManager tm = TransactionManager.open(engine, options, t -> "row " + t)) {
                Transaction init = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
                init.beginStatement(() -> false, 0);
                for (int k = 0; k < ROWS; k++) {
                    init.insert(rel, key(k), "0".getBytes(StandardCharsets.UTF_8));
                }
                init.commit();

                AtomicLong remaining = new AtomicLong(updates);
                AtomicBoolean done = new AtomicBoolean();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                List<Long> samples = new ArrayList<>();
                long started = System.nanoTime();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    Random r = new Random(w);
                    writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                        try {
                            while (remaining.getAndDecrement() > 0) {
                                updateOne(tm, rel, r.nextInt(ROWS));
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }));
                }
                Thread sampler = Thread.ofPlatform().name("sampler").start(() -> {
                    while (!done.get()) {
                        long n = TestStore.countKeys(engine, PREFIX);
                        synchronized (samples) {
                            samples.add(n);
                        }
                        if (Boolean.getBoolean("shaledb.txn.space.trace")) {
                            LOG.info("sample {} versions, {} autovacuum runs, {} updates left", n, tm.autovacuumRuns(), remaining.get());
                        }
                        try {
                            Thread.sleep(25);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                for (Thread t : writers) {
                    t.join();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                done.set(true);
                sampler.join();
                if (!failures.isEmpty()) {
                    throw new AssertionError("a writer failed", failures.peek());
                }

                // Give autovacuum a few naps to clean up the last updates.
                long end = TestStore.countKeys(engine, PREFIX);
                for (int i = 0; i < 100 && end > 2 * ROWS; i++) {
                    Thread.sleep(30);
                    end = TestStore.countKeys(engine, PREFIX);
                }
                long max;
                long p90;
                synchronized (samples) {
                    long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
                    max = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
                    p90 = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.9)];
                }
                LOG.info("bounded space on {}: {} updates by {} writers in {} s ({} commits/s); {} autovacuum runs; raw versions of {} rows: "
                                + "90th percentile {}, max {} over {} samples, {} at the end; {}", store, updates, WRITERS,
                        String.format("%.1f", seconds), Math.round(updates / seconds), tm.autovacuumRuns(), ROWS, p90, max,
                        samples.size(), end, sizes(store, engine));
                assertThat(tm.autovacuumRuns()).as("autovacuum ran").isPositive();
                // Between two naps the writers may add a few hundred versions, more when a thread is
                // descheduled for a while: bound the typical sample tightly and the worst one loosely.
                assertThat(p90).as("90th percentile of raw versions during %d updates of %d rows", updates, ROWS)
                        .isLessThanOrEqualTo(8L * ROWS);
                assertThat(max).as("most raw versions sampled during %d updates of %d rows", updates, ROWS)
                        .isLessThanOrEqualTo(25L * ROWS);
                assertThat(end).as("raw versions after the run").isLessThanOrEqualTo(2L * ROWS);
                long[] rowsAndSum = rowsAndSum(tm, rel);
                assertThat(rowsAndSum[0]).as("live rows").isEqualTo(ROWS);
                assertThat(rowsAndSum[1]).as("sum of the counters: no update lost").isEqualTo(updates);
            }
        }
    }

    /** One READ COMMITTED transaction that adds one to a row. */
    private static void updateOne(TransactionManager tm, Relation rel, int k) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
        t.beginStatement(() -> false, 0);
        Version seen = t.get(rel, key(k));
        RowLock l = t.lock(rel, seen, LockMode.NO_KEY_UPDATE, WaitPolicy.BLOCK);
        assertThat(l.outcome()).isIn(LockOutcome.LOCKED, LockOutcome.CHANGED);
        long v = Long.parseLong(new String(l.current().payload(), StandardCharsets.UTF_8));
        t.update(rel, l.current(), Long.toString(v + 1).getBytes(StandardCharsets.UTF_8));
        t.commit();
    }

    private static long[] rowsAndSum(TransactionManager tm, Relation rel) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, true, 3);
        t.beginStatement(() -> false, 0);
        long rows = 0;
        long sum = 0;
        try (VersionScan s = t.scan(rel, io.shaledb.storage.KeyRange.prefix(PREFIX), io.shaledb.storage.Direction.FORWARD)) {
            while (s.next()) {
                rows++;
                sum += Long.parseLong(new String(s.current().payload(), StandardCharsets.UTF_8));
            }
        }
        t.commit();
        return new long[] {rows, sum};
    }

    private static String sizes(TestStore store, StorageEngine engine) {
        String engineFigures = switch (engine) {
            case BTreeEngine b -> {
                var shape = b.inspect();
                long dataFile;
                try {
                    dataFile = java.nio.file.Files.size(b.directory().resolve(BTreeEngine.DATA_FILE));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                yield "B+Tree: data file " + dataFile + " bytes (the rest is WAL), " + shape.pageCount() + " pages (" + shape.leafPages() + " leaves, " + shape.freePages()
                        + " free), " + shape.entries() + " entries, fill " + String.format("%.2f", shape.fillFactor());
            }
            case LsmEngine l -> "LSM: " + l.stats().sstBytes() + " SSTable bytes, " + l.stats().flushes() + " flushes, "
                    + l.stats().compactions() + " compactions";
            default -> engine.name();
        };
        return "on disk " + store.diskBytes() + " bytes (" + store.largestFiles(3) + "); " + engineFigures;
    }

    private static byte[] key(int k) {
        return new byte[] {PREFIX[0], PREFIX[1], (byte) k};
    }
}

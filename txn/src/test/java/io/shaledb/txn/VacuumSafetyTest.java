package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.storage.Direction;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.Transaction.RowLock;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuum never removes a version a running snapshot can see, and in the end removes every version
 * nobody can see. Writer threads update, delete and insert rows (and sometimes roll back) at READ
 * COMMITTED; reader threads hold REPEATABLE READ snapshots for a while, record what their first
 * statement saw and check that every later statement — full scans both ways and point reads — sees
 * exactly that; a vacuum thread runs all the time. Rows 0..{@value #STABLE}-1 are only ever updated,
 * never deleted, so every snapshot must hold all of them (this also catches a snapshot that was
 * wrong from its first statement, which the "same as before" check cannot). When everything has
 * finished, a last vacuum must leave exactly one version per live row.
 *
 * <p>{@code -Dshaledb.txn.vacuum.millis=N} sets how long each engine runs (default 1000).
 */
class VacuumSafetyTest {
    private static final Logger LOG = LoggerFactory.getLogger(VacuumSafetyTest.class);
    private static final byte[] PREFIX = {'v', 1};
    private static final int KEYS = 120;
    private static final int STABLE = 20;
    private static final int INITIAL = 60;

    @ParameterizedTest
    @EnumSource(TestStore.Kind.class)
    void readersKeepTheirSnapshotsWhileVacuumRuns(TestStore.Kind kind) throws Exception {
        long millis = Long.getLong("shaledb.txn.vacuum.millis", 1000);
        try (TestStore store = TestStore.simulated(kind)) {
            StorageEngine engine = store.engine("data");
            Relation rel = new Relation(7, "v", engine, PREFIX);
            try (TransactionManager tm = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO),
                    t -> "row " + t)) {
                Transaction init = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
                init.beginStatement(() -> false, 0);
                for (int k = 0; k < INITIAL; k++) {
                    init.insert(rel, Rows.key(rel, k), value("init", k));
                }
                init.commit();

                AtomicBoolean stop = new AtomicBoolean();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                AtomicLong checks = new AtomicLong();
                AtomicLong snapshots = new AtomicLong();
                AtomicLong writes = new AtomicLong();
                AtomicLong removed = new AtomicLong();
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    long seed = 17L * w + kind.ordinal();
                    threads.add(Workers.start("writer-" + w, failures, stop, () -> writer(tm, rel, new Random(seed), stop, writes)));
                }
                for (int rd = 0; rd < 2; rd++) {
                    long seed = 31L * rd + kind.ordinal();
                    threads.add(Workers.start("reader-" + rd, failures, stop, () -> reader(tm, rel, new Random(seed), stop, checks, snapshots)));
                }
                threads.add(Workers.start("vacuum", failures, stop, () -> {
                    Random r = new Random(kind.ordinal());
                    while (!stop.get()) {
                        removed.addAndGet(tm.vacuum(rel).removed());
                        Thread.sleep(r.nextInt(3));
                    }
                }));
                Thread.sleep(millis);
                stop.set(true);
                for (Thread t : threads) {
                    t.join(30_000);
                    assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
                }
                if (!failures.isEmpty()) {
                    AssertionError e = new AssertionError("on " + store + ": " + failures.peek(), failures.peek());
                    failures.stream().skip(1).forEach(e::addSuppressed);
                    throw e;
                }
                LOG.info("vacuum safety on {}: {} writes, {} reader snapshots, {} checked statements, {} versions vacuumed while running",
                        store, writes.get(), snapshots.get(), checks.get(), removed.get());
                assertThat(checks.get()).as("readers checked statements").isPositive();
                assertThat(removed.get()).as("vacuum removed versions while readers ran").isPositive();

                VacuumStats last = tm.vacuum(rel);
                Map<Integer, Integer> versionsPerKey = Rows.rawVersionsPerRow(rel);
                Map<Integer, String> live = Rows.committed(tm, rel);
                assertThat(versionsPerKey.keySet()).as("keys with versions after the last vacuum (%s)", last).isEqualTo(live.keySet());
                assertThat(versionsPerKey.values()).as("versions per live key").containsOnly(1);
                assertThat(last.live()).isEqualTo(live.size());
            }
        }
    }

    /** READ COMMITTED writers: update (rows below STABLE only that), delete or insert one row per transaction. */
    private static Object writer(TransactionManager tm, Relation rel, Random r, AtomicBoolean stop, AtomicLong writes) {
        int n = 0;
        while (!stop.get()) {
            int k = r.nextInt(KEYS);
            Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
            t.beginStatement(() -> false, 0);
            try {
                Version seen = t.get(rel, Rows.key(rel, k));
                if (seen == null) {
                    t.insert(rel, Rows.key(rel, k), value("ins", n++));
                } else {
                    RowLock l = t.lock(rel, seen, LockMode.NO_KEY_UPDATE, WaitPolicy.BLOCK);
                    if (l.outcome() == LockOutcome.LOCKED || l.outcome() == LockOutcome.CHANGED) {
                        if (k < STABLE || r.nextInt(3) != 0) {
                            t.update(rel, l.current(), value("upd", n++));
                        } else {
                            t.delete(rel, l.current());
                        }
                    }
                }
                if (r.nextInt(8) == 0) {
                    t.rollback();
                } else {
                    t.commit();
                    writes.incrementAndGet();
                }
            } catch (TransactionException e) {
                if (e.kind() != TransactionException.Kind.DUPLICATE_KEY) {
                    throw e;
                }
                t.rollback(); // another writer inserted the key after our snapshot
            }
        }
        return null;
    }

    /** REPEATABLE READ readers: every statement sees what the first one saw. */
    private static Object reader(TransactionManager tm, Relation rel, Random r, AtomicBoolean stop, AtomicLong checks,
                                 AtomicLong snapshots) throws InterruptedException {
        while (!stop.get()) {
            Transaction t = tm.begin(IsolationLevel.REPEATABLE_READ, true, 3);
            t.beginStatement(() -> false, 0);
            Map<Integer, String> first = Rows.scan(t, rel, Direction.FORWARD);
            snapshots.incrementAndGet();
            for (int k = 0; k < STABLE; k++) {
                if (!first.containsKey(k)) {
                    throw new AssertionError("row " + k + " (never deleted) missing from a new snapshot: " + first);
                }
            }
            long until = System.nanoTime() + (5 + r.nextInt(150)) * 1_000_000L;
            while (!stop.get() && System.nanoTime() < until) {
                Thread.sleep(r.nextInt(4));
                t.beginStatement(() -> false, 0);
                if (r.nextBoolean()) {
                    Map<Integer, String> now = Rows.scan(t, rel, r.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD);
                    if (!now.equals(first)) {
                        throw new AssertionError("a REPEATABLE READ snapshot changed:\n first " + first + "\n now   " + now);
                    }
                } else {
                    int k = r.nextInt(KEYS);
                    Version v = t.get(rel, Rows.key(rel, k));
                    String got = Rows.text(v);
                    if (!java.util.Objects.equals(got, first.get(k))) {
                        throw new AssertionError("row " + k + ": first saw " + first.get(k) + ", now " + got);
                    }
                }
                checks.incrementAndGet();
            }
            t.commit();
        }
        return null;
    }

    private static byte[] value(String what, int n) {
        return (what + n).getBytes(StandardCharsets.UTF_8);
    }
}

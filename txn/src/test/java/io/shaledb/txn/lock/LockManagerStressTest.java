package io.shaledb.txn.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads run short transactions that lock random rows in random modes with all three wait
 * policies, savepoint rollbacks and timeouts, against few rows so that they conflict and deadlock
 * constantly. Checked: no two conflicting modes are ever granted on one row to different owners
 * (both through what each thread knows it holds and through {@code locks()} snapshots taken
 * meanwhile); every thread finishes (a lost wakeup would leave one waiting forever, since most waits
 * are unbounded); and at the end no lock and no entry is left. Half the workers are virtual threads.
 *
 * <p>{@code -Dlockmgr.stress.seconds=N} runs for N seconds instead of a fixed number of transactions.
 */
class LockManagerStressTest {
    private static final int THREADS = 16;
    private static final int ROWS = 6;
    private static final int TRANSACTIONS_PER_THREAD = 300;

    private final LockManager locks = new LockManager(t -> "row " + t.key()[0]);
    /** What each row's owners are known to hold: registered after a grant, unregistered before a release. */
    private final List<Map<LockOwner, LockMode>> registry = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> outcomes = new HashMap<>();

    LockManagerStressTest() {
        for (int r = 0; r < ROWS; r++) {
            registry.add(new HashMap<>());
        }
        for (String o : List.of("granted", "skipped", "DEADLOCK", "NOT_AVAILABLE", "TIMEOUT", "CANCELLED", "rollbacks")) {
            outcomes.put(o, new AtomicLong());
        }
    }

    @Test
    void conflictingGrantsNeverCoexistAndEveryWaitEnds() throws InterruptedException {
        locks.setDeadlockTimeout(Duration.ofMillis(5));
        locks.setCancelPollInterval(Duration.ofMillis(1));
        long seconds = Long.getLong("lockmgr.stress.seconds", 0);
        long endNanos = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;

        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = Thread.ofPlatform().name("pg_locks watcher").start(() -> {
            while (!done.get()) {
                checkSnapshot(locks.locks());
            }
        });
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread.Builder builder = t % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual(); // sessions may be either
            workers.add(builder.name("worker-" + t).start(() -> runWorker(id, endNanos)));
        }
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60);
        for (Thread w : workers) {
            w.join(Duration.ofNanos(Math.max(1, joinDeadline - System.nanoTime())));
            assertThat(w.isAlive()).as("%s finished (no lost wakeup); outcomes %s; locks %s", w.getName(), outcomes, locks.locks()).isFalse();
        }
        done.set(true);
        watcher.join();

        System.out.println("stress outcomes: " + outcomes);
        assertThat(violations).isEmpty();
        assertThat(locks.locks()).isEmpty();
        assertThat(locks.lockedTargetCount()).isZero();
        assertThat(outcomes.get("granted").get()).isPositive();
        assertThat(outcomes.get("DEADLOCK").get()).as("the workload does deadlock").isPositive();
    }

    private void runWorker(int id, long endNanos) {
        Random random = new Random(42 + id);
        int pid = 100 + id;
        for (long txn = 0; endNanos == Long.MAX_VALUE ? txn < TRANSACTIONS_PER_THREAD : System.nanoTime() < endNanos; txn++) {
            LockOwner owner = new LockOwner(pid * 1_000_000L + txn, pid);
            Map<Integer, LockMode> held = new HashMap<>();
            List<int[]> history = new ArrayList<>(); // {row, previous ordinal or -1}
            long mark = -1;
            int markHistory = 0;
            int steps = 1 + random.nextInt(4);
            try {
                for (int s = 0; s < steps; s++) {
                    if (mark < 0 && random.nextInt(5) == 0) {
                        mark = locks.mark(owner);
                        markHistory = history.size();
                    }
                    int row = random.nextInt(ROWS);
                    LockMode mode = LockMode.values()[random.nextInt(4)];
                    int p = random.nextInt(10);
                    WaitPolicy policy = p < 8 ? WaitPolicy.BLOCK : p == 8 ? WaitPolicy.NOWAIT : WaitPolicy.SKIP_LOCKED;
                    long timeout = random.nextInt(8) == 0 ? TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(3)) : 0;
                    long cancelAt = random.nextInt(8) == 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2) : 0;
                    boolean granted = locks.acquire(owner, new LockTarget(1, new byte[] {(byte) row}), mode, policy,
                            timeout, cancelAt == 0 ? null : () -> System.nanoTime() > cancelAt);
                    if (!granted) {
                        outcomes.get("skipped").incrementAndGet();
                        continue;
                    }
                    outcomes.get("granted").incrementAndGet();
                    LockMode previous = held.get(row);
                    if (previous == null || !previous.covers(mode)) {
                        held.put(row, mode);
                        history.add(new int[] {row, previous == null ? -1 : previous.ordinal()});
                        register(row, owner, mode);
                    }
                    if (random.nextBoolean()) {
                        Thread.yield();
                    }
                }
                if (mark >= 0 && random.nextBoolean()) {
                    outcomes.get("rollbacks").incrementAndGet();
                    while (history.size() > markHistory) {
                        int[] g = history.removeLast();
                        LockMode previous = g[1] < 0 ? null : LockMode.values()[g[1]];
                        unregister(g[0], owner, previous);
                        if (previous == null) {
                            held.remove(g[0]);
                        } else {
                            held.put(g[0], previous);
                        }
                    }
                    locks.releaseSince(owner, mark);
                }
            } catch (LockException e) {
                outcomes.get(e.reason().name()).incrementAndGet();
            } finally {
                for (int row : held.keySet()) {
                    unregister(row, owner, null);
                }
                locks.releaseAll(owner);
            }
        }
    }

    private void register(int row, LockOwner owner, LockMode mode) {
        Map<LockOwner, LockMode> holders = registry.get(row);
        synchronized (holders) {
            holders.forEach((other, otherMode) -> {
                if (!other.equals(owner) && otherMode.conflictsWith(mode)) {
                    violations.add(owner + " granted " + mode + " on row " + row + " while " + other + " holds " + otherMode);
                }
            });
            holders.put(owner, mode);
        }
    }

    private void unregister(int row, LockOwner owner, LockMode downgradeTo) {
        Map<LockOwner, LockMode> holders = registry.get(row);
        synchronized (holders) {
            if (downgradeTo == null) {
                holders.remove(owner);
            } else {
                holders.put(owner, downgradeTo);
            }
        }
    }

    private void checkSnapshot(List<LockInfo> snapshot) {
        Map<LockTarget, Map<LockMode, List<LockOwner>>> granted = new HashMap<>();
        for (LockInfo i : snapshot) {
            if (i.granted()) {
                granted.computeIfAbsent(i.target(), t -> new EnumMap<>(LockMode.class))
                        .computeIfAbsent(i.mode(), m -> new ArrayList<>()).add(i.owner());
            }
        }
        granted.forEach((target, byMode) -> byMode.forEach((m1, owners1) -> byMode.forEach((m2, owners2) -> {
            for (LockOwner a : owners1) {
                for (LockOwner b : owners2) {
                    if (!a.equals(b) && m1.conflictsWith(m2)) {
                        violations.add("pg_locks shows " + a + " " + m1 + " and " + b + " " + m2 + " on " + target);
                    }
                }
            }
        })));
    }
}

package io.shaledb.txn.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row locks: acquire with a wait policy, release at commit/abort or back to a savepoint, deadlock
 * detection, and the data behind {@code pg_locks}. See the package documentation for the model.
 *
 * <p>Thread-safety: all methods may be called from any thread, but the calls for one
 * {@link LockOwner} must not overlap (a transaction runs one statement at a time); a waiting
 * {@link #acquire} returns before its owner's next call. {@link #locks()}, {@link #blockers} and
 * {@link #signalCancel} may be called by anyone at any time.
 *
 * <p>Every owner that called {@link #acquire} must end with {@link #releaseAll}, even if it was
 * never granted anything: that also drops the owner's books.
 */
public final class LockManager {
    private static final Logger log = LoggerFactory.getLogger(LockManager.class);

    private final Function<LockTarget, String> describe;
    private final ConcurrentHashMap<LockTarget, LockEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LockOwner, OwnerLocks> owners = new ConcurrentHashMap<>();
    private final DeadlockDetector detector = new DeadlockDetector(this::currentWait);
    private volatile long deadlockTimeoutNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile long cancelPollNanos = TimeUnit.MILLISECONDS.toNanos(10);
    /** Off only in tests of the periodic check. */
    private volatile boolean checkWhenWaitStarts = true;

    /** @param describe human text for a target in messages, e.g. {@code tuple (1) of relation "accounts"} */
    public LockManager(Function<LockTarget, String> describe) {
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /** How often a waiting request re-runs deadlock detection (PostgreSQL's {@code deadlock_timeout}); default 1 s. */
    public void setDeadlockTimeout(Duration timeout) {
        deadlockTimeoutNanos = positiveNanos(timeout, "deadlock timeout");
    }

    /** How often a waiting request polls its cancel check; default 10 ms. {@link #signalCancel} makes it poll at once. */
    public void setCancelPollInterval(Duration interval) {
        cancelPollNanos = positiveNanos(interval, "cancel poll interval");
    }

    /** Tests only: whether a request checks for deadlock as soon as it starts waiting (default) or only periodically. */
    void setCheckWhenWaitStarts(boolean check) {
        checkWhenWaitStarts = check;
    }

    /**
     * Acquires {@code mode} on {@code target} for {@code owner}. Holding an equal or stronger mode
     * makes this a no-op; holding a weaker one makes it an upgrade. A request that cannot be granted
     * at once fails ({@code NOWAIT}), returns false ({@code SKIP_LOCKED}) or queues ({@code BLOCK})
     * behind earlier conflicting requests and waits until granted, deadlocked, timed out
     * ({@code timeoutNanos > 0}) or cancelled ({@code cancelled} returns true; may be null). The
     * waiting thread is never interrupted; an interrupt it receives is kept for the caller and does
     * not end the wait.
     *
     * @return true when the lock is held; false only for {@code SKIP_LOCKED}
     * @throws LockException with the reason the request was not granted
     */
    public boolean acquire(LockOwner owner, LockTarget target, LockMode mode, WaitPolicy policy,
                           long timeoutNanos, BooleanSupplier cancelled) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
        OwnerLocks mine = owners.get(owner);
        if (mine == null) {
            mine = owners.computeIfAbsent(owner, OwnerLocks::new);
        }
        LockMode held;
        Waiter waiter = null;
        List<LockOwner> blockers = null;
        while (true) {
            LockEntry entry = entries.computeIfAbsent(target, LockEntry::new);
            synchronized (entry) {
                if (entry.retired()) {
                    continue;
                }
                held = entry.heldBy(owner);
                if (held != null && held.covers(mode)) {
                    return true;
                }
                int position = entry.insertionPoint(held);
                if (entry.grantable(mode, held, position)) {
                    entry.grant(owner, mode, held);
                } else if (policy == WaitPolicy.BLOCK) {
                    waiter = new Waiter(owner, mode, held, entry, Thread.currentThread());
                    entry.enqueue(waiter, position);
                    mine.waiting = waiter; // under the monitor: visible to anyone who sees the queued request
                } else {
                    blockers = entry.blockersOf(owner, mode, position);
                }
            }
            break;
        }
        if (blockers != null) {
            if (policy == WaitPolicy.SKIP_LOCKED) {
                return false;
            }
            throw notAvailable(owner, target, mode, blockers);
        }
        if (waiter != null) {
            try {
                await(waiter, timeoutNanos, cancelled);
            } catch (RuntimeException | Error e) {
                // A LockException has already withdrawn the request. Anything else (a failing cancel
                // check or describe function) must not leave it queued, nor lose track of a grant.
                if (abandon(waiter)) {
                    mine.record(target, held);
                }
                throw e;
            } finally {
                mine.waiting = null;
            }
        }
        mine.record(target, held);
        return true;
    }

    /** A savepoint: a position in {@code owner}'s history of grants, for {@link #releaseSince}. */
    public long mark(LockOwner owner) {
        OwnerLocks mine = owners.get(owner);
        return mine == null ? 0 : mine.size();
    }

    /**
     * ROLLBACK TO SAVEPOINT: undoes, newest first, every grant to {@code owner} after {@code mark}, so
     * a target locked since is released and a mode upgraded since goes back to the weaker mode.
     */
    public void releaseSince(LockOwner owner, long mark) {
        if (mark < 0) {
            throw new IllegalArgumentException("negative savepoint mark " + mark);
        }
        OwnerLocks mine = owners.get(owner);
        if (mine == null) {
            return;
        }
        requireNotWaiting(mine);
        while (mine.size() > mark) {
            int last = mine.size() - 1;
            changeHold(owner, mine.target(last), mine.previous(last));
            mine.removeLast();
        }
    }

    /** COMMIT or ROLLBACK: releases every lock {@code owner} holds and wakes whoever that unblocks. */
    public void releaseAll(LockOwner owner) {
        OwnerLocks mine = owners.get(owner);
        if (mine == null) {
            return;
        }
        requireNotWaiting(mine);
        owners.remove(owner);
        for (int i = 0; i < mine.size(); i++) {
            if (mine.previous(i) == null) { // each held target has exactly one first grant
                changeHold(owner, mine.target(i), null);
            }
        }
    }

    private static void requireNotWaiting(OwnerLocks mine) {
        if (mine.waiting != null) {
            throw new IllegalStateException(mine.owner + " is still waiting for a lock; release after acquire returns");
        }
    }

    /**
     * Every held and awaited lock, for {@code pg_locks}: per target the holders, then the waiters in
     * queue order (an upgrade shows as the held weaker mode plus an awaited stronger one). Each
     * target's rows are consistent; different targets are read one after another.
     */
    public List<LockInfo> locks() {
        List<LockInfo> out = new ArrayList<>();
        for (LockEntry entry : entries.values()) {
            synchronized (entry) {
                entry.snapshot(out);
            }
        }
        return out;
    }

    /**
     * Whom a waiting owner waits for (its edges in the wait-for graph): holders of conflicting modes,
     * then earlier conflicting waiters; empty when the owner is not waiting. For
     * {@code pg_blocking_pids()} and {@code pg_stat_activity}.
     */
    public List<LockOwner> blockers(LockOwner waiter) {
        Waiter w = currentWait(waiter);
        if (w == null) {
            return List.of();
        }
        synchronized (w.entry) {
            return w.entry.isWaiting(w) ? w.entry.blockersOf(w) : List.of();
        }
    }

    /** Makes a waiting request of {@code owner} poll its cancel check now instead of at the next poll. */
    public void signalCancel(LockOwner owner) {
        Waiter w = currentWait(owner);
        if (w != null) {
            LockSupport.unpark(w.thread);
        }
    }

    /** How many targets are locked or awaited right now (free targets have no entry). */
    public int lockedTargetCount() {
        return entries.size();
    }

    private Waiter currentWait(LockOwner owner) {
        OwnerLocks locks = owners.get(owner);
        return locks == null ? null : locks.waiting;
    }

    /** Sets what {@code owner} holds on {@code target} to {@code mode} (null releases) and grants what that unblocks. */
    private void changeHold(LockOwner owner, LockTarget target, LockMode mode) {
        LockEntry entry = entries.get(target);
        if (entry == null) {
            throw new IllegalStateException(owner + " holds a lock on " + target + " but the target has no lock entry");
        }
        List<Waiter> granted;
        synchronized (entry) {
            entry.setHold(owner, mode);
            granted = entry.grantWaiters();
            entry.retireIfUnused(entries);
        }
        wake(granted);
    }

    /** Waits until {@code waiter} is granted; otherwise withdraws it and throws. */
    private void await(Waiter waiter, long timeoutNanos, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        long nextDeadlockCheck = checkWhenWaitStarts ? start : start + deadlockTimeoutNanos;
        boolean interrupted = false;
        try {
            while (waiter.state != Waiter.State.GRANTED) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    giveUp(waiter, LockException.Reason.CANCELLED, "canceling lock wait",
                            "Process " + waiter.owner.pid() + " was waiting for " + waiter.mode.pgName() + " on "
                                    + describe.apply(waiter.entry.target) + ".");
                    return;
                }
                long now = System.nanoTime();
                if (timeoutNanos > 0 && now - deadline >= 0) {
                    giveUp(waiter, LockException.Reason.TIMEOUT, "canceling statement due to lock timeout",
                            "Process " + waiter.owner.pid() + " waited "
                                    + TimeUnit.NANOSECONDS.toMillis(now - start) + " ms for " + waiter.mode.pgName()
                                    + " on " + describe.apply(waiter.entry.target) + ".");
                    return;
                }
                if (now - nextDeadlockCheck >= 0) {
                    checkDeadlock(waiter);
                    now = System.nanoTime();
                    nextDeadlockCheck = now + deadlockTimeoutNanos;
                }
                long sleep = nextDeadlockCheck - now;
                if (cancelled != null) {
                    sleep = Math.min(sleep, cancelPollNanos);
                }
                if (timeoutNanos > 0) {
                    sleep = Math.min(sleep, deadline - now);
                }
                LockSupport.parkNanos(this, Math.max(sleep, 1));
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkDeadlock(Waiter waiter) {
        List<DeadlockDetector.Edge> cycle = detector.findCycle(waiter, this::withdraw);
        if (cycle == null) {
            return;
        }
        String detail = cycle.stream()
                .map(e -> "Process " + e.waiter().pid() + " waits for " + e.mode().pgName() + " on "
                        + describe.apply(e.target()) + "; blocked by process " + e.blocker().pid() + ".")
                .collect(Collectors.joining("\n"));
        log.debug("deadlock detected, {} fails:\n{}", waiter.owner, detail);
        throw new LockException(LockException.Reason.DEADLOCK, "deadlock detected", detail,
                waiter.owner, waiter.entry.target, waiter.mode);
    }

    /** Withdraws a waiter that gives up, unless it was granted meanwhile (then the grant stands and this returns). */
    private void giveUp(Waiter waiter, LockException.Reason reason, String message, String detail) {
        synchronized (waiter.entry) {
            if (waiter.state == Waiter.State.GRANTED) {
                return;
            }
            withdraw(waiter);
        }
        throw new LockException(reason, message, detail, waiter.owner, waiter.entry.target, waiter.mode);
    }

    /** Withdraws {@code waiter} if it is still queued; returns whether it was granted. */
    private boolean abandon(Waiter waiter) {
        synchronized (waiter.entry) {
            if (waiter.state == Waiter.State.WAITING) {
                withdraw(waiter);
            }
            return waiter.state == Waiter.State.GRANTED;
        }
    }

    private void withdraw(Waiter waiter) {
        List<Waiter> granted;
        LockEntry entry = waiter.entry;
        synchronized (entry) {
            granted = entry.withdraw(waiter);
            entry.retireIfUnused(entries);
        }
        wake(granted);
    }

    private static void wake(List<Waiter> granted) {
        for (Waiter w : granted) {
            LockSupport.unpark(w.thread);
        }
    }

    private LockException notAvailable(LockOwner owner, LockTarget target, LockMode mode, List<LockOwner> blockers) {
        String described = describe.apply(target);
        return new LockException(LockException.Reason.NOT_AVAILABLE, "could not obtain lock on " + described,
                "Process " + owner.pid() + " requested " + mode.pgName() + " on " + described
                        + "; blocked by " + processes(blockers) + ".",
                owner, target, mode);
    }

    private static String processes(List<LockOwner> blockers) {
        if (blockers.size() == 1) {
            return "process " + blockers.getFirst().pid();
        }
        return blockers.stream().map(o -> Integer.toString(o.pid())).collect(Collectors.joining(", ", "processes ", ""));
    }

    private static long positiveNanos(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d.toNanos();
    }
}

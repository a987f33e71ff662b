package io.shaledb.txn.lock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** TEMPORARY stub until the lock manager lands: exclusive-only, one monitor, no deadlock detection. */
public final class LockManager {
    private final Map<LockTarget, LockOwner> held = new HashMap<>();
    private final Map<LockOwner, List<LockTarget>> byOwner = new HashMap<>();

    public LockManager(Function<LockTarget, String> describe) {}

    public synchronized boolean acquire(LockOwner owner, LockTarget target, LockMode mode, WaitPolicy policy, long timeoutNanos,
                                        BooleanSupplier cancelled) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
        while (true) {
            LockOwner h = held.get(target);
            if (h == null || h.equals(owner)) {
                if (h == null) {
                    held.put(target, owner);
                    byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(target);
                }
                return true;
            }
            if (policy == WaitPolicy.SKIP_LOCKED) {
                return false;
            }
            if (policy == WaitPolicy.NOWAIT) {
                throw new LockException(LockException.Reason.NOT_AVAILABLE, "could not obtain lock", null);
            }
            if (System.nanoTime() > deadline) {
                throw new LockException(LockException.Reason.TIMEOUT, "lock timeout", null);
            }
            if (cancelled.getAsBoolean()) {
                throw new LockException(LockException.Reason.CANCELLED, "cancelled", null);
            }
            try {
                wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockException(LockException.Reason.CANCELLED, "interrupted", null);
            }
        }
    }

    public synchronized long mark(LockOwner owner) {
        return byOwner.getOrDefault(owner, List.of()).size();
    }

    public synchronized void releaseSince(LockOwner owner, long mark) {
        List<LockTarget> l = byOwner.get(owner);
        while (l != null && l.size() > mark) {
            held.remove(l.removeLast());
        }
        notifyAll();
    }

    public synchronized void releaseAll(LockOwner owner) {
        List<LockTarget> l = byOwner.remove(owner);
        if (l != null) {
            l.forEach(held::remove);
        }
        notifyAll();
    }

    public synchronized List<LockInfo> locks() {
        List<LockInfo> out = new ArrayList<>();
        held.forEach((t, o) -> out.add(new LockInfo(o, t, LockMode.UPDATE, true)));
        return out;
    }

    public List<LockOwner> blockers(LockOwner waiter) {
        return List.of();
    }

    public record LockInfo(LockOwner owner, LockTarget target, LockMode mode, boolean granted) {}
}

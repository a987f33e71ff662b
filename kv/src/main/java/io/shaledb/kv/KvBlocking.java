package io.shaledb.kv;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who waits for which key: the wake-up side of BLPOP, BRPOP, BLMOVE, BLMPOP and BZPOPMIN/MAX.
 *
 * <p>A blocking command first tries its non-blocking form; when there is nothing to take it
 * {@link #register registers} a {@link Waiter} on its keys, tries once more (a push that committed
 * in between is not missed), and then parks until woken or its deadline passes. It holds no
 * transaction and no lock while parked, and it parks a virtual thread, not a carrier thread. Every
 * write of a list or sorted-set metadata record {@link #signal signals} the key: all its waiters
 * wake and retry in their own transactions. The writer still holds the key's lock when it signals,
 * so a retry runs after the write has committed.
 *
 * <pre>
 *   BLPOP q 0:  try ── empty ─> register(q) ─> try ── empty ─> park ··· wake ─> try ── got it ─> unregister
 *   LPUSH q x:  write q ─ signal(q) ─ commit ─────────────────────────────┘
 * </pre>
 *
 * Waiters of one key race when woken (the losers park again), so the first client to block is
 * not guaranteed to be served first as in Redis, only very likely to be.
 */
public final class KvBlocking {
    private final ConcurrentHashMap<WaitKey, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger blocked = new AtomicInteger();

    private record WaitKey(int db, ByteBuffer key) {}

    /** One blocked command: parked in {@link #await} until woken, timed out or cancelled. */
    public static final class Waiter {
        private final int db;
        private final List<byte[]> keys;
        private boolean woken;
        private boolean cancelled;
        /** CLIENT UNBLOCK: 0 none, 1 as a timeout, 2 with an error. */
        private int unblocked;

        private Waiter(int db, List<byte[]> keys) {
            this.db = db;
            this.keys = keys;
        }

        /**
         * Parks until woken (true: retry) or until {@code deadlineNanos} ({@link System#nanoTime}
         * clock; {@link Long#MAX_VALUE} = forever) or cancellation (false: give up).
         */
        public synchronized boolean await(long deadlineNanos) throws InterruptedException {
            while (!woken && !cancelled && unblocked == 0) {
                if (deadlineNanos == Long.MAX_VALUE) {
                    wait();
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
            woken = false;
            return !cancelled && unblocked == 0;
        }

        /**
         * CLIENT UNBLOCK: the waiting command stops as if its timeout passed ({@code withError}
         * false) or with an error; false when it was already cancelled or unblocked.
         */
        public synchronized boolean unblock(boolean withError) {
            if (cancelled || unblocked != 0) {
                return false;
            }
            unblocked = withError ? 2 : 1;
            notifyAll();
            return true;
        }

        /** Whether CLIENT UNBLOCK ... ERROR ended the wait. */
        public synchronized boolean unblockedWithError() {
            return unblocked == 2;
        }

        synchronized void wake() {
            woken = true;
            notifyAll();
        }

        /** The client went away: the waiting command gives up. */
        public synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        public synchronized boolean cancelled() {
            return cancelled;
        }
    }

    /** Registers a waiter on {@code keys} of database {@code db}. */
    public Waiter register(int db, List<byte[]> keys) {
        Waiter w = new Waiter(db, List.copyOf(keys));
        for (byte[] k : w.keys) {
            waiters.computeIfAbsent(new WaitKey(db, ByteBuffer.wrap(k)), x -> ConcurrentHashMap.newKeySet()).add(w);
        }
        blocked.incrementAndGet();
        return w;
    }

    /** Removes a waiter registered with {@link #register}. */
    public void unregister(Waiter w) {
        for (byte[] k : w.keys) {
            waiters.computeIfPresent(new WaitKey(w.db, ByteBuffer.wrap(k)), (key, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
        }
        blocked.decrementAndGet();
    }

    /** Commands parked right now (INFO's blocked_clients). */
    public int blockedCommands() {
        return blocked.get();
    }

    /** Wakes every waiter of {@code key}: it may have something to take now. */
    void signal(int db, byte[] key) {
        if (blocked.get() == 0) {
            return;
        }
        Set<Waiter> set = waiters.get(new WaitKey(db, ByteBuffer.wrap(key)));
        if (set != null) {
            set.forEach(Waiter::wake);
        }
    }
}

package io.shaledb.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who waits for which key, and in which order: the serving side of BLPOP, BRPOP, BLMOVE, BLMPOP
 * and BZPOPMIN/MAX. As in Redis, the clients blocked on a key are served first-in first-out.
 *
 * <p>A blocking command first tries its non-blocking form (only when nobody waits on its keys yet:
 * otherwise it would jump the queue); when there is nothing to take it {@link #register registers}
 * a {@link Waiter} carrying that attempt at the end of each key's queue and parks. Waiters are
 * then served by <em>rounds</em>: a round for key K walks K's queue in order and runs each
 * waiter's attempt (its pop, in its own transaction, on the round's thread) until one finds
 * nothing — K is empty then, so nobody behind it could be served from K either (an attempt that
 * cannot take for a reason of its own, such as a BLMOVE destination of another type, returns
 * {@link #PASS} and the round goes on). A waiter that got something is woken with the result; the
 * rest stay parked, in order.
 *
 * <pre>
 *   BLPOP q 0 (A), then (B):  queue(q) = [A, B]           both parked, holding no transaction and no lock
 *   RPUSH q x y:  write q ─ signal(q) ─ commit ─ unlock ─ round(q): A.attempt → x (A wakes)
 *                                                                   B.attempt → y (B wakes)
 *   RPUSH q z:    ... round(q): z to whoever is first now
 * </pre>
 *
 * Every write of a list or sorted-set metadata record {@link #signal signals} its key inside the
 * writer's transaction; the writer's thread runs the rounds {@link #afterCommit after its commit},
 * with no lock held, so a round's attempts see the write. One round per key runs at a time (the
 * key's serve lock), so two pushes cannot serve its queue out of order. A waiter that is
 * being served by a round of one of its keys is skipped by no other round: that round waits for
 * the outcome. A new waiter runs a round of its keys itself right after registering, so a push
 * that committed between its first try and its registration is not missed. Pushes that themselves
 * come from a round (BLMOVE into a key others wait on) are served when that round ends, by the
 * same thread, as Redis chains them.
 *
 * <p>Remaining difference from Redis's single thread: a plain LPOP by another client can take an
 * element between the push's commit and the round that serves a waiter (Redis serves blocked
 * clients before running any other command). A client that disconnects while a round is popping
 * for it loses that element, as one that disconnects right after sending LPOP would.
 */
public final class KvBlocking {
    /**
     * What an attempt returns when it cannot take anything for a reason of its own (a BLMOVE
     * whose destination holds another type): it stays blocked, and the round goes on to the next
     * waiter, who may well be served from the key (null instead would mean the key is empty).
     */
    public static final Object PASS = new Object();

    private final ConcurrentHashMap<WaitKey, KeyQueue> queues = new ConcurrentHashMap<>();
    private final AtomicInteger blocked = new AtomicInteger();
    /** Keys this thread's command signalled, served after its commit. */
    private final ThreadLocal<Set<WaitKey>> signalled = new ThreadLocal<>();
    /** Set while this thread runs rounds: pushes made by a round's attempts wait for the outer loop. */
    private final ThreadLocal<Boolean> serving = new ThreadLocal<>();

    private record WaitKey(int db, ByteBuffer key) {}

    /** The waiters of one key in arrival order, and the lock that makes its rounds one at a time. */
    private static final class KeyQueue {
        final ReentrantLock serveLock = new ReentrantLock();
        final LinkedHashSet<Waiter> waiters = new LinkedHashSet<>(); // guarded by this

        synchronized List<Waiter> snapshot() {
            return new ArrayList<>(waiters);
        }
    }

    private enum State { WAITING, SERVING, DONE, GONE }

    /** One blocked command: parked in {@link #await} until served, timed out or cancelled. */
    public static final class Waiter {
        private final int db;
        private final List<byte[]> keys;
        private final Supplier<?> attempt;
        private State state = State.WAITING;
        private Object result;
        private RuntimeException error;
        /** CLIENT UNBLOCK: 0 none, 1 as a timeout, 2 with an error. */
        private int unblocked;
        /** The client went away, possibly while a round was serving it: it must not wait again. */
        private boolean cancelRequested;
        /** CLIENT UNBLOCK (as {@link #unblocked}) that came while a round was serving it: applied if the round took nothing. */
        private int unblockRequested;

        private Waiter(int db, List<byte[]> keys, Supplier<?> attempt) {
            this.db = db;
            this.keys = keys;
            this.attempt = attempt;
        }

        /**
         * Parks until a round served this waiter (its attempt's result; an attempt's error is
         * thrown here), or {@code deadlineNanos} ({@link System#nanoTime} clock;
         * {@link Long#MAX_VALUE} = forever) passes or the waiter is cancelled (null).
         */
        public synchronized Object await(long deadlineNanos) throws InterruptedException {
            while (true) {
                if (state == State.DONE) {
                    if (error != null) {
                        throw error;
                    }
                    return result;
                }
                if (state == State.GONE) {
                    return null;
                }
                long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
                if (left <= 0 && state == State.WAITING) {
                    state = State.GONE; // timed out: no round may serve it any more
                    return null;
                }
                if (left == Long.MAX_VALUE || left <= 0) {
                    wait(); // waiting forever, or for a round that is serving us right now
                } else {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        }

        /** The client went away: the waiting command gives up. */
        public synchronized void cancel() {
            cancelRequested = true;
            if (state == State.WAITING) {
                state = State.GONE;
            }
            notifyAll();
        }

        public synchronized boolean cancelled() {
            return state == State.GONE;
        }

        /**
         * CLIENT UNBLOCK: the waiting command stops as if its timeout passed ({@code withError}
         * false) or with an error; false when it is not waiting (gone or served). A round trying
         * it right now (the one every blocking command runs as it gets in line, for instance)
         * decides: if it takes nothing, the unblock applies when it ends; if it takes an element,
         * the client gets that.
         */
        public synchronized boolean unblock(boolean withError) {
            if (state == State.SERVING) {
                unblockRequested = withError ? 2 : 1;
                return true;
            }
            if (state != State.WAITING) {
                return false;
            }
            state = State.GONE;
            unblocked = withError ? 2 : 1;
            notifyAll();
            return true;
        }

        /** Whether CLIENT UNBLOCK ... ERROR ended the wait. */
        public synchronized boolean unblockedWithError() {
            return unblocked == 2;
        }

        /** A round's claim: true when it may run the attempt (waits while another round runs it). */
        private synchronized boolean claim() throws InterruptedException {
            while (state == State.SERVING) {
                wait();
            }
            if (state != State.WAITING) {
                return false;
            }
            state = State.SERVING;
            return true;
        }

        /** Runs the attempt (claimed); false when it found the key empty (the round stops there). */
        private boolean serve() {
            Object r;
            try {
                r = attempt.get();
            } catch (RuntimeException e) {
                finish(null, e);
                return true;
            }
            if (r != null && r != PASS) {
                finish(r, null);
                return true;
            }
            synchronized (this) {
                if (unblockRequested != 0) {
                    unblocked = unblockRequested;
                    state = State.GONE;
                } else {
                    state = cancelRequested ? State.GONE : State.WAITING;
                }
                notifyAll();
            }
            return r == PASS;
        }

        private synchronized void finish(Object r, RuntimeException e) {
            result = r;
            error = e;
            state = State.DONE;
            notifyAll();
        }
    }

    /**
     * A waiter for {@code keys} of database {@code db}, not yet in line: {@code attempt} is its
     * non-blocking form (null: nothing to take), run by the rounds that serve it. The caller makes
     * it reachable (CLIENT UNBLOCK, a disconnect) first, then {@link #register}s it.
     */
    public Waiter waiter(int db, List<byte[]> keys, Supplier<?> attempt) {
        return new Waiter(db, List.copyOf(keys), attempt);
    }

    /**
     * Puts {@code w} at the end of each of its keys' queues and counts it as blocked (INFO's
     * {@code blocked_clients}: a client that sees the count may CLIENT UNBLOCK it at once, so it
     * must be reachable before this). Call {@link #serve} next, then {@link Waiter#await}, and
     * {@link #unregister} at the end.
     */
    public Waiter register(Waiter w) {
        for (byte[] k : w.keys) {
            KeyQueue q = queues.computeIfAbsent(new WaitKey(w.db, ByteBuffer.wrap(k)), x -> new KeyQueue());
            synchronized (q) {
                q.waiters.add(w);
            }
        }
        blocked.incrementAndGet();
        return w;
    }

    /** Removes a waiter registered with {@link #register}. */
    public void unregister(Waiter w) {
        for (byte[] k : w.keys) {
            queues.computeIfPresent(new WaitKey(w.db, ByteBuffer.wrap(k)), (key, q) -> {
                synchronized (q) {
                    q.waiters.remove(w);
                    return q.waiters.isEmpty() ? null : q;
                }
            });
        }
        blocked.decrementAndGet();
    }

    /** Whether a client waits on one of {@code keys} (a new blocking command must then queue behind it). */
    public boolean hasWaiters(int db, List<byte[]> keys) {
        if (blocked.get() == 0) {
            return false;
        }
        for (byte[] k : keys) {
            if (queues.containsKey(new WaitKey(db, ByteBuffer.wrap(k)))) {
                return true;
            }
        }
        return false;
    }

    /** Commands parked right now (INFO's blocked_clients). */
    public int blockedCommands() {
        return blocked.get();
    }

    /** A write of {@code key} in this thread's transaction: its waiters get a round after the commit. */
    void signal(int db, byte[] key) {
        if (blocked.get() == 0) {
            return;
        }
        WaitKey k = new WaitKey(db, ByteBuffer.wrap(key.clone()));
        if (!queues.containsKey(k)) {
            return;
        }
        Set<WaitKey> set = signalled.get();
        if (set == null) {
            set = new LinkedHashSet<>();
            signalled.set(set);
        }
        set.add(k);
    }

    /** Serves the keys this thread's just-committed command signalled (the store calls it, no lock held). */
    void afterCommit() {
        if (blocked.get() == 0 || signalled.get() == null) {
            return;
        }
        drain();
    }

    /** Runs a round for each of {@code keys} on this thread (a newly registered waiter calls it). */
    public void serve(int db, List<byte[]> keys) {
        Set<WaitKey> set = signalled.get();
        if (set == null) {
            set = new LinkedHashSet<>();
            signalled.set(set);
        }
        for (byte[] k : keys) {
            set.add(new WaitKey(db, ByteBuffer.wrap(k)));
        }
        drain();
    }

    private void drain() {
        if (serving.get() != null) {
            return; // inside a round: the outer loop serves these keys when the round ends
        }
        serving.set(Boolean.TRUE);
        try {
            Set<WaitKey> set;
            while ((set = signalled.get()) != null && !set.isEmpty()) {
                WaitKey k = set.iterator().next();
                set.remove(k);
                round(k);
            }
        } finally {
            signalled.remove();
            serving.remove();
        }
    }

    /** Serves {@code k}'s waiters in order until one finds nothing to take. */
    private void round(WaitKey k) {
        KeyQueue q = queues.get(k);
        if (q == null) {
            return;
        }
        q.serveLock.lock();
        try {
            for (Waiter w : q.snapshot()) {
                if (w.claim() && !w.serve()) {
                    return; // it found the key empty: nobody behind it could be served from k
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            q.serveLock.unlock();
        }
    }
}

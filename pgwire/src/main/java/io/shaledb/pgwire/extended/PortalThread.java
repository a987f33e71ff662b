package io.shaledb.pgwire.extended;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a suspended portal's query a fetch at a time: the statement runs on a thread of its own
 * that stops, in the middle of the query, once it has produced the rows the last Execute asked
 * for, so a {@code setFetchSize} cursor over a million rows holds one fetch in memory, not the
 * million.
 *
 * <pre>
 *   worker (connection thread)              portal thread
 *   fetch(100) --turn--------------------&gt;  SqlSession.execute ... row, row, ... (100 kept)
 *              &lt;------------------turn--   row 101 held over; waits           (the worker sends 100 + PortalSuspended)
 *   fetch(100) --turn--------------------&gt;  row 101 first, 99 more, ... the query ends
 *              &lt;------------------turn--   finished: tag "SELECT n"            (the worker sends them + CommandComplete)
 * </pre>
 *
 * Exactly one of the two threads runs at a time (the turn passes under one lock), so the session,
 * which is not thread-safe, is never used by both at once, and everything one wrote the other sees.
 * The connection must not use the session for anything else while a run is suspended mid-query:
 * before it does, it either {@link #drain drains} the run (the rest of the result is kept, the old
 * way) or {@link #abandon abandons} it (the next row throws {@link io.shaledb.sql.ResultSink.Stop},
 * which the session takes as the end of the query, not as a failure).
 */
public final class PortalThread {
    /** Everything a fetch asks for when it wants the rest. */
    private static final int ALL = Integer.MAX_VALUE;

    private final Object lock = new Object();
    private final Thread thread;
    // guarded by lock
    private boolean queryTurn;
    private final List<byte[][]> batch = new ArrayList<>();
    private byte[][] heldOver;
    private int quota;
    private boolean discard;
    private boolean finished;
    private String tag;
    private Throwable failure;

    /**
     * @param query runs the statement on the portal thread, calling {@link #offer} for each encoded
     *     row, and returns its command tag (null for an empty query)
     */
    public PortalThread(String name, Function<PortalThread, String> query) {
        thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            String result = null;
            Throwable failed = null;
            try {
                awaitTurn();
                result = query.apply(this);
            } catch (Throwable t) {
                failed = t;
            }
            synchronized (lock) {
                tag = result;
                failure = failed;
                finished = true;
                queryTurn = false;
                lock.notifyAll();
            }
        });
        thread.start();
    }

    /** Portal thread: one more row of the result; waits for the next fetch once this fetch is full. */
    public void offer(byte[][] row) {
        synchronized (lock) {
            if (discard) {
                throw new io.shaledb.sql.ResultSink.Stop();
            }
            if (batch.size() < quota) {
                batch.add(row);
                return;
            }
            heldOver = row; // the first row of the next fetch, and the proof that there is one
            queryTurn = false;
            lock.notifyAll();
            waitWhile(false);
        }
    }

    /**
     * Worker: the next at most {@code max} rows (all for 0 or less). Afterwards {@link #finished}
     * says whether the query ended (CommandComplete) or has more (PortalSuspended).
     *
     * @throws RuntimeException what the query failed with (an {@link io.shaledb.sql.SqlException} as a rule)
     */
    public List<byte[][]> fetch(int max) {
        synchronized (lock) {
            batch.clear();
            if (heldOver != null) {
                batch.add(heldOver);
                heldOver = null;
            }
            if (!finished) {
                quota = max <= 0 ? ALL : max;
                queryTurn = true;
                lock.notifyAll();
                waitWhile(true);
            }
            if (failure != null) {
                Throwable f = failure;
                failure = null;
                batch.clear();
                if (f instanceof RuntimeException re) {
                    throw re;
                }
                if (f instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("portal query failed", f);
            }
            return new ArrayList<>(batch);
        }
    }

    /** Worker: the rest of the result, all of it (the connection needs the session for something else). */
    public List<byte[][]> drain() {
        return fetch(ALL);
    }

    /** Worker: stops the query at its next row (the portal was closed). Failures are dropped too. */
    public void abandon() {
        synchronized (lock) {
            discard = true;
            heldOver = null;
            batch.clear();
            if (!finished) {
                queryTurn = true;
                lock.notifyAll();
                waitWhile(true);
            }
            failure = null;
        }
    }

    /** Whether the query has ended (after the last {@link #fetch}). */
    public boolean finished() {
        synchronized (lock) {
            return finished && heldOver == null;
        }
    }

    /** The command tag, once {@link #finished}. */
    public String tag() {
        synchronized (lock) {
            return tag;
        }
    }

    private void awaitTurn() {
        synchronized (lock) {
            waitWhile(false);
        }
    }

    /** Waits (holding the lock) while {@code queryTurn == value}; the thread is never interrupted on purpose. */
    private void waitWhile(boolean value) {
        boolean interrupted = false;
        while (queryTurn == value) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

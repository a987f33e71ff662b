package io.shaledb.sql.exec.explain;

import io.shaledb.storage.BufferUsage;

/**
 * Counters of one plan node under EXPLAIN ANALYZE, in PostgreSQL's sense: {@code loops} is how
 * often the node was started ({@code open}), {@code rows} the rows it returned over all loops,
 * startup the time until its first {@code next} returned in each loop and total the time spent
 * in it, both summed over loops (printed as per-loop averages). Buffer counts are the pages the
 * storage engines found in their caches ({@code hit}) or had to read while this node (and its
 * inputs) ran.
 */
public final class Instrumentation {
    private final boolean timing;
    private final boolean buffers;
    long loops;
    long rows;
    long startupNanos;
    long totalNanos;
    long bufferHits;
    long bufferReads;
    private long loopNanos;
    private boolean firstReturned;

    Instrumentation(boolean timing, boolean buffers) {
        this.timing = timing;
        this.buffers = buffers;
    }

    /**
     * Counters filled from the outside, for a node whose rows were produced by code that does not
     * run through operators (INSERT ... VALUES, the writes of UPDATE and DELETE).
     */
    public static Instrumentation counted(long rows, long loops, boolean timing, double totalMillis) {
        Instrumentation i = new Instrumentation(timing, false);
        i.rows = rows;
        i.loops = loops;
        i.totalNanos = (long) (totalMillis * 1e6 * loops);
        i.startupNanos = i.totalNanos;
        return i;
    }

    /**
     * Sets the counters of a node whose rows were counted elsewhere (the row-finding of UPDATE and
     * DELETE): {@code loops} runs that returned {@code rows} in {@code nanos} (all loops).
     */
    public void fill(long loops, long rows, long nanos) {
        this.loops = loops;
        this.rows = rows;
        if (timing) {
            this.totalNanos = nanos;
            this.startupNanos = nanos;
        }
    }

    public long loops() {
        return loops;
    }

    public long rows() {
        return rows;
    }

    /** Milliseconds to the first row, averaged over loops. */
    public double startupMillis() {
        return loops == 0 ? 0 : startupNanos / 1e6 / loops;
    }

    /** Milliseconds in the node, averaged over loops. */
    public double totalMillis() {
        return loops == 0 ? 0 : totalNanos / 1e6 / loops;
    }

    public long bufferHits() {
        return bufferHits;
    }

    public long bufferReads() {
        return bufferReads;
    }

    public boolean timing() {
        return timing;
    }

    /** Marks the start of a call into the node; returns what {@link #stop} needs. */
    long start() {
        return timing ? System.nanoTime() : 0;
    }

    long[] buffersBefore() {
        return buffers ? new long[] {BufferUsage.hits(), BufferUsage.reads()} : null;
    }

    void beginLoop() {
        loops++;
        loopNanos = 0;
        firstReturned = false;
    }

    /** Ends a call that started at {@code started}; {@code next} tells whether it was a {@code next()} call. */
    void stop(long started, long[] before, boolean next, boolean produced) {
        if (timing) {
            long d = System.nanoTime() - started;
            totalNanos += d;
            loopNanos += d;
        }
        if (before != null) {
            bufferHits += BufferUsage.hits() - before[0];
            bufferReads += BufferUsage.reads() - before[1];
        }
        if (next) {
            if (!firstReturned) {
                firstReturned = true;
                startupNanos += loopNanos;
            }
            if (produced) {
                rows++;
            }
        }
    }
}

package io.shaledb.storage;

/**
 * Per-thread counters of page (block) cache use by the storage engines, for EXPLAIN (ANALYZE,
 * BUFFERS): the B+Tree's buffer pool and the LSM tree's block cache count a {@link #hit()} when a
 * page is found in memory and a {@link #read()} when it must be read from disk. A statement runs on
 * one thread, so the difference of two readings on that thread is what the statement (or one plan
 * node, measured around its calls) used. The counters only grow; they are never reset.
 *
 * <pre>
 *   long h = BufferUsage.hits(), r = BufferUsage.reads();
 *   ... run the node ...
 *   hit = BufferUsage.hits() - h;   read = BufferUsage.reads() - r;
 * </pre>
 */
public final class BufferUsage {
    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[2]);

    private BufferUsage() {}

    /** A page was found in the cache. */
    public static void hit() {
        COUNTS.get()[0]++;
    }

    /** A page had to be read from storage. */
    public static void read() {
        COUNTS.get()[1]++;
    }

    /** Cache hits counted on this thread so far. */
    public static long hits() {
        return COUNTS.get()[0];
    }

    /** Pages read on this thread so far. */
    public static long reads() {
        return COUNTS.get()[1];
    }
}

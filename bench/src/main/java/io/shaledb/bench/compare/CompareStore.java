package io.shaledb.bench.compare;

/**
 * One store of the comparison, driven from one thread. Unlike the JMH suite's
 * {@link io.shaledb.bench.engine.KvStore} it can delete, can be brought to a settled state, and
 * exposes the engine's own I/O counters.
 */
interface CompareStore extends AutoCloseable {

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Inserts or overwrites {@code key}: one write with the store's WAL policy. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}: one write with the store's WAL policy. */
    void delete(byte[] key);

    /**
     * Reads up to {@code limit} entries in key order from {@code from} (inclusive), touching every
     * key and value, and returns the number of entries read.
     */
    int scan(byte[] from, int limit);

    /**
     * Does the work the store deferred, so that the write amplification of a phase includes it and
     * the next phase starts from the same kind of state in every store: the B+Tree checkpoints
     * (writes its dirty pages), an LSM flushes its memtable and waits until no flush or compaction
     * is running or due.
     */
    void settle();

    /** A one-line description of the store's structure now (tree height, files per level), for the report. */
    String shape();

    /** The engine's own cumulative counters now. */
    StoreCounters counters();

    @Override
    void close();
}

package io.shaledb.bench.engine;

/**
 * The handful of operations the micro-benchmarks need, over one of the compared stores. Every
 * store is an ordered map of unsigned-byte-ordered keys; each put is its own transaction, with the
 * durability the store was opened with.
 *
 * <p>Not thread-safe as a contract: the benchmarks drive a store from one thread.
 */
public interface KvStore extends AutoCloseable {

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Inserts or overwrites {@code key}, as one transaction of the store's durability. */
    void put(byte[] key, byte[] value);

    /**
     * Reads up to {@code limit} entries in key order starting at {@code from} (inclusive), touching
     * every key and value, and returns a checksum of what it read (so that no work can be elided).
     * The checksum is the sum of the key and value lengths.
     */
    long scan(byte[] from, int limit);

    /**
     * Loads keys {@code 0 .. count-1} with {@link Dataset#value} values as fast as the store
     * allows (large batches or transactions). Not part of any measurement.
     */
    void load(Dataset data, long count);

    @Override
    void close();
}

package io.shaledb.storage;

/**
 * An ordered map from byte-string keys to byte-string values: the one contract every ShaleDB
 * storage engine implements and every data model is built on.
 *
 * <p>Keys are ordered as unsigned byte strings ({@link io.shaledb.common.bytes.Bytes#UNSIGNED_ORDER}).
 * Keys and values passed in are not retained by reference after the call returns unless the engine
 * documents otherwise; arrays returned must not be modified by callers.
 *
 * <p>Every byte string is a valid key, the empty one included (it sorts first), and every byte
 * string a valid value; an empty value is stored, distinct from an absent key. Null arguments throw
 * {@link NullPointerException}.
 *
 * <p>Implementations are thread-safe. Writes of a {@link WriteBatch} are atomic: a concurrent
 * {@link #get} sees all of them or none.
 *
 * <p>The suite {@code io.shaledb.storage.conformance.StorageEngineConformanceTest} (storage's
 * test-jar) checks all of this; every engine must pass it.
 */
public interface StorageEngine extends AutoCloseable {

    /** The value stored under {@code key}, or {@code null} if absent. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    /** Removes {@code key}; removing an absent key is not an error. */
    void delete(byte[] key);

    /** Applies every operation of {@code batch} atomically and in order. */
    void apply(WriteBatch batch);

    /**
     * Applies {@code batch} like {@link #apply} (atomic after a crash, in order), but returns
     * without waiting for it to become durable: a later {@link #sync()}, or any durable write that
     * follows it, makes it durable. This is how a transaction writes its row versions: many
     * deferred writes, then one durable commit record that carries them all to disk with one sync.
     *
     * <p>Readers may see a deferred write before it is durable. An engine may also let a concurrent
     * reader see a multi-operation deferred batch half-applied; callers that need all-or-nothing
     * visibility (not MVCC callers, which decide visibility themselves) use {@link #apply}.
     */
    default void applyDeferred(WriteBatch batch) {
        apply(batch);
    }

    /**
     * Waits until every write this engine acknowledged so far, deferred ones included, is durable
     * (as far as the engine's sync mode makes anything durable).
     */
    default void sync() {}

    /**
     * Makes this engine's writes depend on something outside it: {@code barrier} runs before any
     * write acknowledged by this engine reaches its files (synced or not), and returns once what
     * those writes depend on is durable. The transaction layer sets it on the engine holding the
     * commit log, to sync the engines holding the committed rows first (see
     * {@code docs/architecture/transactions.md}, "Commits across engines"). The barrier must not
     * write to this engine; null removes it. Engines that keep nothing durable ignore it.
     */
    default void setWriteBarrier(Runnable barrier) {}

    /**
     * A cursor over the keys in {@code range}, ascending for {@link Direction#FORWARD}, descending
     * for {@link Direction#BACKWARD}. The caller must close it.
     */
    Cursor scan(KeyRange range, Direction direction);

    /** A short, stable name for messages and catalogs, e.g. {@code "memory"}. */
    String name();

    /**
     * Releases resources. Further calls (except {@link #name()} and {@code close()}, which is
     * idempotent) fail with {@link IllegalStateException}.
     */
    @Override
    void close();
}

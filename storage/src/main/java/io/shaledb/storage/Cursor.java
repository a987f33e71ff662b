package io.shaledb.storage;

/**
 * Iterates the entries of a range scan. Call {@link #next()} before the first {@link #key()}.
 *
 * <p>{@link #key()} and {@link #value()} throw {@link IllegalStateException} unless the last
 * {@link #next()} returned true. After {@link #close()} (which is idempotent) every other method
 * throws {@link IllegalStateException}. Close cursors before their engine; a cursor used after its
 * engine was closed behaves as the engine documents. Writes made while a cursor is open never make
 * it fail: it still returns keys strictly in scan order, each at most once, and returns every key
 * that was present and unchanged for the whole scan; whether it sees the concurrent writes is up to
 * the engine (see {@link StorageEngine#scan}).
 *
 * <pre>{@code
 * try (Cursor c = engine.scan(range, Direction.FORWARD)) {
 *     while (c.next()) { use(c.key(), c.value()); }
 * }
 * }</pre>
 */
public interface Cursor extends AutoCloseable {

    /** Moves to the next entry; false when the range is exhausted. */
    boolean next();

    /** The current key; valid only after {@link #next()} returned true. */
    byte[] key();

    /** The current value; valid only after {@link #next()} returned true. */
    byte[] value();

    @Override
    void close();
}

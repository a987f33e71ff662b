package io.shaledb.storage;

/**
 * Iterates the entries of a range scan. Call {@link #next()} before the first {@link #key()}.
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

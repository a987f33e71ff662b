package io.shaledb.sql.exec.op;

/**
 * A Volcano-style iterator over rows ({@code Object[]}). {@link #open()} (re)starts it, so a
 * correlated subquery re-runs its plan by opening it again; {@link #next()} returns the next row or
 * null at the end; {@link #close()} releases what {@code open} acquired (scans) and may be called
 * more than once. Rows returned by {@code next} belong to the caller.
 */
public interface Operator {
    void open();

    Object[] next();

    void close();
}

package io.shaledb.sql.exec.op;

import java.util.List;
import java.util.function.Supplier;

/** Rows from a list computed at each {@link #open()}: VALUES, system views, CTE buffers, work tables. */
public final class Rows implements Operator {
    private final Supplier<List<Object[]>> source;
    private List<Object[]> rows;
    private int next;

    public Rows(Supplier<List<Object[]>> source) {
        this.source = source;
    }

    @Override
    public void open() {
        rows = source.get();
        next = 0;
    }

    @Override
    public Object[] next() {
        return next < rows.size() ? rows.get(next++).clone() : null;
    }

    @Override
    public void close() {
        rows = null;
    }
}

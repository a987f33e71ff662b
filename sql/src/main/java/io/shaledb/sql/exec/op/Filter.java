package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.Bound;

/** Passes the rows for which {@code predicate} is true (not false, not NULL). */
public final class Filter implements Operator {
    private final Operator input;
    private final Bound predicate;

    public Filter(Operator input, Bound predicate) {
        this.input = input;
        this.predicate = predicate;
    }

    @Override
    public void open() {
        input.open();
    }

    @Override
    public Object[] next() {
        for (Object[] row = input.next(); row != null; row = input.next()) {
            if (Boolean.TRUE.equals(predicate.eval(row))) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }
}

package io.shaledb.sql.exec.op;

import java.util.function.LongSupplier;

/**
 * OFFSET / LIMIT: skips, then passes at most {@code limit} rows and stops pulling its input after
 * the last one (a scan under it stops early). The counts are evaluated at open, as PostgreSQL does.
 */
public final class Limit implements Operator {
    private final Operator input;
    private final LongSupplier offset;
    private final LongSupplier limit;
    private long toSkip;
    private long left;

    public Limit(Operator input, LongSupplier offset, LongSupplier limit) {
        this.input = input;
        this.offset = offset;
        this.limit = limit;
    }

    @Override
    public void open() {
        toSkip = offset.getAsLong();
        left = limit.getAsLong();
        if (left > 0) {
            input.open();
        }
    }

    @Override
    public Object[] next() {
        if (left <= 0) {
            return null;
        }
        while (toSkip > 0) {
            if (input.next() == null) {
                left = 0;
                return null;
            }
            toSkip--;
        }
        Object[] row = input.next();
        if (row == null) {
            left = 0;
            return null;
        }
        left--;
        return row;
    }

    @Override
    public void close() {
        input.close();
    }
}

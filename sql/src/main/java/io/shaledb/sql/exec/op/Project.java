package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.Bound;
import java.util.List;

/** Computes one output row per input row from {@code exprs}. */
public final class Project implements Operator {
    private final Operator input;
    private final Bound[] exprs;

    public Project(Operator input, List<Bound> exprs) {
        this.input = input;
        this.exprs = exprs.toArray(Bound[]::new);
    }

    @Override
    public void open() {
        input.open();
    }

    @Override
    public Object[] next() {
        Object[] row = input.next();
        if (row == null) {
            return null;
        }
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = exprs[i].eval(row);
        }
        return out;
    }

    @Override
    public void close() {
        input.close();
    }
}

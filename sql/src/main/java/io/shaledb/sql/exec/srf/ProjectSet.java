package io.shaledb.sql.exec.srf;

import io.shaledb.sql.exec.op.Operator;
import java.util.List;

/**
 * PostgreSQL's ProjectSet: repeats each input row once per element of the longest set among the
 * statement's {@link SrfCall}s, all calls stepping together (see the package documentation). The
 * projection directly above evaluates the calls, so rows must be consumed one at a time, which
 * is what a Volcano projection does.
 */
public final class ProjectSet implements Operator {
    private final Operator input;
    private final List<SrfCall> calls;
    private Object[] row;
    private int next;
    private int count;

    public ProjectSet(Operator input, List<SrfCall> calls) {
        this.input = input;
        this.calls = List.copyOf(calls);
    }

    @Override
    public void open() {
        input.open();
        row = null;
    }

    @Override
    public Object[] next() {
        while (row == null || next >= count) {
            row = input.next();
            if (row == null) {
                return null;
            }
            count = 0;
            next = 0;
            for (SrfCall c : calls) {
                count = Math.max(count, c.expand(row));
            }
        }
        for (SrfCall c : calls) {
            c.moveTo(next);
        }
        next++;
        return row;
    }

    @Override
    public void close() {
        input.close();
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Operator;

/**
 * An index nested loop join: for each outer row, the inner side (a table scan parameterized by
 * the outer row's join keys) is opened again and seeks its index for the matching rows.
 *
 * <pre>
 *   outer row ──► holder.row ──► inner scan: Index Cond (inner.k = OuterRef(holder, outer.k))
 *                                      │ matching inner rows
 *   joined = outer row + inner slots ──┴──► the join's conditions (all of them) ──► out
 * </pre>
 *
 * The parameter is an {@link Correlation.OuterRef}, the same mechanism that lets a correlated
 * subquery seek per outer row; the join's conditions are still evaluated on each joined row.
 */
final class IndexNestLoop implements Operator {
    private final Operator outer;
    private final Operator inner;
    private final Correlation.Holder holder;
    private final Bound conditions;
    private final int[] innerSlots;
    private final Runnable tick;
    private Object[] current;

    IndexNestLoop(Operator outer, Operator inner, Correlation.Holder holder, Bound conditions, int[] innerSlots, Runnable tick) {
        this.outer = outer;
        this.inner = inner;
        this.holder = holder;
        this.conditions = conditions;
        this.innerSlots = innerSlots;
        this.tick = tick;
    }

    @Override
    public void open() {
        outer.open();
        current = null;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (current == null) {
                current = outer.next();
                if (current == null) {
                    return null;
                }
                tick.run();
                holder.row = current;
                inner.open();
            }
            Object[] r = inner.next();
            if (r == null) {
                current = null;
                continue;
            }
            Object[] joined = current.clone();
            for (int s : innerSlots) {
                joined[s] = r[s];
            }
            if (conditions == null || Boolean.TRUE.equals(conditions.eval(joined))) {
                return joined;
            }
        }
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
    }
}

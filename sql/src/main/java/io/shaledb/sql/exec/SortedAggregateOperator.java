package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Operator;
import java.util.List;

/**
 * Sorted grouping (PostgreSQL's GroupAggregate): over input sorted on the group keys, each run of
 * rows with equal keys is one group, aggregated as the rows stream by and returned when the next
 * key arrives. Rows come out in the input's order, one group at a time, so it needs memory for one
 * group only (a collecting aggregate such as {@code string_agg} holds one group's values) and
 * never spills; the Sort below it may.
 *
 * <pre>
 *   sorted input:  (a,1) (a,4) (b,2) (c,7) (c,1)
 *   groups:        [a: 1,4]    [b: 2]    [c: 7,1]   -&gt;  (a, agg) (b, agg) (c, agg)
 * </pre>
 *
 * <p>Group rows have {@link AggregateOperator}'s layout, {@code [keys..., aggregate results...]}
 * with the keys in GROUP BY order, whatever order the input was sorted in. Keys are equal when
 * they compare equal (NULLs equal to each other), the grouping equality the Sort below also uses.
 */
final class SortedAggregateOperator implements Operator {
    private final Operator input;
    private final List<Bound> keys;
    private final List<Aggregates.Spec> specs;

    /** The first row of the next group (already read), or null at the end. */
    private Object[] pending;
    private Object[] pendingKey;

    SortedAggregateOperator(Operator input, List<Bound> keys, List<Aggregates.Spec> specs) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("sorted grouping needs group keys");
        }
        this.input = input;
        this.keys = keys;
        this.specs = specs;
    }

    @Override
    public void open() {
        input.open();
        pending = input.next();
        pendingKey = pending == null ? null : keyOf(pending);
    }

    @Override
    public Object[] next() {
        if (pending == null) {
            return null;
        }
        Object[] key = pendingKey;
        Aggregates.Accumulator[] accs = new Aggregates.Accumulator[specs.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = specs.get(i).newAccumulator();
        }
        Object[] row = pending;
        while (true) {
            for (int i = 0; i < accs.length; i++) {
                specs.get(i).feed(accs[i], row);
            }
            row = input.next();
            if (row == null) {
                pending = null;
                pendingKey = null;
                break;
            }
            Object[] k = keyOf(row);
            if (!sameKey(key, k)) {
                pending = row;
                pendingKey = k;
                break;
            }
        }
        Object[] out = new Object[key.length + accs.length];
        System.arraycopy(key, 0, out, 0, key.length);
        for (int i = 0; i < accs.length; i++) {
            out[key.length + i] = accs[i].result();
        }
        return out;
    }

    private Object[] keyOf(Object[] row) {
        Object[] k = new Object[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).eval(row);
        }
        return k;
    }

    private static boolean sameKey(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (SelectExecutor.compareNullable(a[i], b[i], false, false) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        pending = null;
        pendingKey = null;
        input.close();
    }
}

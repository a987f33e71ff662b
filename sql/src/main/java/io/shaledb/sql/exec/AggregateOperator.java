package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Operator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation: reads its input at open and returns one group row per distinct key,
 * {@code [keys..., aggregate results...]} ({@link Grouping}'s layout), in first-seen order.
 * Without GROUP BY there is exactly one group, even for no input rows. Each aggregate applies
 * its FILTER, DISTINCT and ORDER BY ({@link Aggregates.Spec#feed}). A {@link WindowOperator}
 * may sit above this one (over group rows, after HAVING) and below the projection.
 */
final class AggregateOperator implements Operator {
    private final Operator input;
    private final List<Bound> keys;
    private final List<Aggregates.Spec> specs;
    private List<Object[]> groups;
    private int next;

    AggregateOperator(Operator input, List<Bound> keys, List<Aggregates.Spec> specs) {
        this.input = input;
        this.keys = keys;
        this.specs = specs;
    }

    @Override
    public void open() {
        Map<RowKey, Aggregates.Accumulator[]> accs = new LinkedHashMap<>();
        Map<RowKey, Object[]> keyValues = new LinkedHashMap<>();
        input.open();
        try {
            for (Object[] row = input.next(); row != null; row = input.next()) {
                Object[] k = new Object[keys.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = keys.get(i).eval(row);
                }
                RowKey rk = RowKey.of(k);
                Aggregates.Accumulator[] a = accs.get(rk);
                if (a == null) {
                    a = newAccumulators();
                    accs.put(rk, a);
                    keyValues.put(rk, k);
                }
                for (int i = 0; i < specs.size(); i++) {
                    specs.get(i).feed(a[i], row);
                }
            }
        } finally {
            input.close();
        }
        if (accs.isEmpty() && keys.isEmpty()) {
            RowKey none = RowKey.of(new Object[0]);
            accs.put(none, newAccumulators());
            keyValues.put(none, new Object[0]);
        }
        groups = new ArrayList<>(accs.size());
        for (Map.Entry<RowKey, Aggregates.Accumulator[]> g : accs.entrySet()) {
            Object[] k = keyValues.get(g.getKey());
            Object[] row = new Object[k.length + specs.size()];
            System.arraycopy(k, 0, row, 0, k.length);
            for (int i = 0; i < specs.size(); i++) {
                row[k.length + i] = g.getValue()[i].result();
            }
            groups.add(row);
        }
        next = 0;
    }

    private Aggregates.Accumulator[] newAccumulators() {
        Aggregates.Accumulator[] a = new Aggregates.Accumulator[specs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = specs.get(i).newAccumulator();
        }
        return a;
    }

    @Override
    public Object[] next() {
        return next < groups.size() ? groups.get(next++) : null;
    }

    @Override
    public void close() {
        groups = null;
    }
}

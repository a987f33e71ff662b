package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code f(...) WITH ORDINALITY} in FROM: the function's rows with one more column,
 * {@code ordinality bigint}, numbering them from 1 in the order the function returns them
 * (psql's {@code pg_partition_ancestors(r) WITH ORDINALITY AS a(relid, depth)}).
 */
final class Ordinality {
    private Ordinality() {}

    static QueryPlanner.Planned append(QueryPlanner.Planned p) {
        Operator input = p.root();
        Operator numbered = new Operator() {
            private long n;

            @Override
            public void open() {
                n = 0;
                input.open();
            }

            @Override
            public Object[] next() {
                Object[] row = input.next();
                if (row == null) {
                    return null;
                }
                Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
                out[row.length] = ++n;
                return out;
            }

            @Override
            public void close() {
                input.close();
            }
        };
        List<ColumnInfo> cols = new ArrayList<>(p.columns());
        cols.add(new ColumnInfo("ordinality", SqlType.BIGINT));
        return new QueryPlanner.Planned(numbered, cols);
    }
}

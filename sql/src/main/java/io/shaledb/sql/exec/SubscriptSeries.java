package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate_subscripts(array, dim [, reverse])} in FROM: the valid subscripts of dimension
 * {@code dim}. ShaleDB's arrays are one-dimensional and 1-based, so dimension 1 gives
 * {@code 1 .. cardinality} (descending when {@code reverse}), any other dimension and an empty or
 * NULL array give no rows, as in PostgreSQL.
 */
final class SubscriptSeries {
    private SubscriptSeries() {}

    static void register() {
        TableFunctions.register("generate_subscripts", SubscriptSeries::plan);
    }

    private static QueryPlanner.Planned plan(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        if (args.size() < 2 || args.size() > 3 || !args.getFirst().type().isArray()) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        List<Bound> typed = new ArrayList<>();
        typed.add(args.getFirst());
        typed.add(ContainerExprs.toType(args.get(1), call.args().get(1), SqlType.INTEGER, null));
        if (args.size() == 3) {
            typed.add(ContainerExprs.toType(args.get(2), call.args().get(2), SqlType.BOOLEAN, null));
        }
        Bound all = new Bound.Call("generate_subscripts", typed, SqlType.TEXT_ARRAY, false, values -> java.util.Arrays.asList(values));
        return ContainerTableFunctions.planned(call, List.of(new ColumnInfo("generate_subscripts", SqlType.INTEGER)), all, v -> {
            List<?> a = (List<?>) v;
            List<Object[]> rows = new ArrayList<>();
            if (a.get(0) == null || a.get(1) == null || (Integer) a.get(1) != 1) {
                return rows;
            }
            int n = ((List<?>) a.get(0)).size();
            boolean reverse = a.size() > 2 && Boolean.TRUE.equals(a.get(2));
            for (int i = 1; i <= n; i++) {
                rows.add(new Object[] {reverse ? n - i + 1 : i});
            }
            return rows;
        });
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Set-returning functions over arrays and jsonb, usable in FROM (registered with
 * {@link TableFunctions}):
 *
 * <pre>
 *   unnest(anyarray)                     -> unnest            one row per element (NULLs included)
 *   jsonb_array_elements(jsonb)          -> value jsonb       jsonb_array_elements_text -> value text
 *   jsonb_each(jsonb)                    -> key text, value jsonb   (jsonb_each_text: value text)
 *   jsonb_object_keys(jsonb)             -> jsonb_object_keys text
 * </pre>
 *
 * The argument is evaluated once when the scan opens (no LATERAL yet, so it cannot refer to
 * other FROM items); the rows are produced lazily.
 */
final class ContainerTableFunctions {
    private ContainerTableFunctions() {}

    static void registerAll() {
        TableFunctions.register("unnest", ContainerTableFunctions::unnest);
        TableFunctions.register("jsonb_array_elements", (c, a, t) -> arrayElements(c, a, false));
        TableFunctions.register("jsonb_array_elements_text", (c, a, t) -> arrayElements(c, a, true));
        TableFunctions.register("jsonb_each", (c, a, t) -> each(c, a, false));
        TableFunctions.register("jsonb_each_text", (c, a, t) -> each(c, a, true));
        TableFunctions.register("jsonb_object_keys", ContainerTableFunctions::objectKeys);
    }

    private static QueryPlanner.Planned unnest(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        if (args.size() != 1 || !args.getFirst().type().isArray()) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        Bound array = args.getFirst();
        SqlType element = array.type().elementType();
        return planned(call, List.of(new ColumnInfo("unnest", element)), array,
                v -> ((List<?>) v).stream().map(e -> new Object[] {e}).toList());
    }

    private static Bound jsonbArg(Expr.FunctionCall call, List<Bound> args) {
        if (args.size() != 1 || (args.getFirst().type() != SqlType.JSONB && args.getFirst().type() != SqlType.UNKNOWN)) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        return ContainerExprs.toType(args.getFirst(), call.args().getFirst(), SqlType.JSONB, null);
    }

    private static QueryPlanner.Planned arrayElements(Expr.FunctionCall call, List<Bound> args, boolean text) {
        Bound j = jsonbArg(call, args);
        return planned(call, List.of(new ColumnInfo("value", text ? SqlType.TEXT : SqlType.JSONB)), j, v -> {
            Object root = ((Jsonb) v).root();
            if (!(root instanceof List<?> list)) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, root instanceof Map<?, ?>
                        ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
            }
            List<Object[]> rows = new ArrayList<>();
            for (Object e : list) {
                rows.add(new Object[] {text ? Jsonb.scalarText(e) : new Jsonb(e)});
            }
            return rows;
        });
    }

    private static QueryPlanner.Planned each(Expr.FunctionCall call, List<Bound> args, boolean text) {
        Bound j = jsonbArg(call, args);
        return planned(call, List.of(new ColumnInfo("key", SqlType.TEXT),
                new ColumnInfo("value", text ? SqlType.TEXT : SqlType.JSONB)), j, v -> {
            Map<?, ?> map = object(v, "cannot call jsonb_each" + (text ? "_text" : "") + " on a non-object");
            List<Object[]> rows = new ArrayList<>();
            map.forEach((k, x) -> rows.add(new Object[] {k, text ? Jsonb.scalarText(x) : new Jsonb(x)}));
            return rows;
        });
    }

    private static QueryPlanner.Planned objectKeys(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        Bound j = jsonbArg(call, args);
        return planned(call, List.of(new ColumnInfo("jsonb_object_keys", SqlType.TEXT)), j, v -> {
            Object root = ((Jsonb) v).root();
            if (!(root instanceof Map<?, ?> map)) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call jsonb_object_keys on "
                        + (root instanceof List<?> ? "an array" : "a scalar"));
            }
            return map.keySet().stream().map(k -> new Object[] {k}).toList();
        });
    }

    private static Map<?, ?> object(Object v, String error) {
        if (((Jsonb) v).root() instanceof Map<?, ?> m) {
            return m;
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, error);
    }

    /** A plan that evaluates {@code arg} once on open and returns the rows {@code expand} makes of it (none for NULL). */
    /** A FROM function whose rows come from expanding the value of {@code arg}, evaluated when the scan opens. */
    static QueryPlanner.Planned planned(Expr.FunctionCall call, List<ColumnInfo> columns, Bound arg,
                                                Function<Object, List<Object[]>> expand) {
        Operator op = new Operator() {
            private Iterator<Object[]> rows;

            @Override
            public void open() {
                Object v = arg.eval(new Object[0]);
                rows = v == null ? List.<Object[]>of().iterator() : expand.apply(v).iterator();
            }

            @Override
            public Object[] next() {
                return rows != null && rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void close() {
                rows = null;
            }
        };
        return new QueryPlanner.Planned(op, columns);
    }
}

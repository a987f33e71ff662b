package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The aggregates that build arrays and jsonb values, plugged into {@link Aggregates}:
 *
 * <pre>
 *   array_agg(x)            -> x[]     every input, NULLs included, in input order; NULL for no rows
 *   jsonb_agg(x)            -> jsonb   an array of to_jsonb(x) (SQL NULL becomes JSON null)
 *   jsonb_object_agg(k, v)  -> jsonb   an object; k must not be NULL; later duplicates win
 * </pre>
 *
 * jsonb_object_agg takes two arguments while the aggregate framework passes one value per row, so
 * its arguments travel as one {@code Object[]} pair (see {@link #argument}).
 */
final class ContainerAggregates {
    private ContainerAggregates() {}

    static boolean isAggregate(String name) {
        return name.equals("array_agg") || name.equals("jsonb_agg") || name.equals("jsonb_object_agg");
    }

    /** The one bound argument of {@code f}: the pair for jsonb_object_agg, else null (the caller binds it). */
    static Bound argument(Binder binder, Expr.FunctionCall f) {
        if (!f.name().equals("jsonb_object_agg")) {
            return null;
        }
        if (f.args().size() != 2) {
            throw Binder.noFunction(f, binder.argTypes(f));
        }
        List<Bound> args = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Bound b = binder.bind(f.args().get(i));
            b = b.type() == SqlType.UNKNOWN ? Binder.coerceUnknown(b, f.args().get(i), SqlType.TEXT) : b;
            args.add(b);
            types.add(b.type());
        }
        return new Bound.Call("pair", List.copyOf(args), SqlType.JSONB, false, v -> {
            if (v[0] == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            }
            return new Object[] {JsonbFunctions.keyText(v[0], types.get(0)), JsonbFunctions.toNode(v[1], types.get(1))};
        });
    }

    static SqlType resultType(String name, SqlType argType) {
        return switch (name) {
            case "array_agg" -> argType.arrayType();
            default -> SqlType.JSONB;
        };
    }

    static Aggregates.Accumulator accumulator(String name, SqlType argType) {
        return switch (name) {
            case "array_agg" -> new Collect(v -> v);
            case "jsonb_agg" -> new Collect(v -> JsonbFunctions.toNode(v, argType)) {
                @Override
                public Object result() {
                    Object list = super.result();
                    return list == null ? null : new Jsonb(list);
                }
            };
            default -> new ObjectAgg();
        };
    }

    private static class Collect implements Aggregates.Accumulator {
        private final java.util.function.UnaryOperator<Object> map;
        private List<Object> values;

        Collect(java.util.function.UnaryOperator<Object> map) {
            this.map = map;
        }

        @Override
        public void add(Object value) {
            if (values == null) {
                values = new ArrayList<>();
            }
            values.add(map.apply(value));
        }

        @Override
        public Object result() {
            return values;
        }
    }

    private static final class ObjectAgg implements Aggregates.Accumulator {
        private TreeMap<String, Object> map;

        @Override
        public void add(Object value) {
            Object[] pair = (Object[]) value;
            if (map == null) {
                map = Jsonb.newObject();
            }
            map.put((String) pair[0], pair[1]);
        }

        @Override
        public Object result() {
            return map == null ? null : new Jsonb(map);
        }
    }
}

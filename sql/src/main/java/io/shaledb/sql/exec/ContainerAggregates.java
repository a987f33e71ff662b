package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The aggregates that build arrays and jsonb values, registered with {@link AggregateFunctions}
 * (so DISTINCT, FILTER and ORDER BY inside the call work as for every aggregate):
 *
 * <pre>
 *   array_agg(x)            -> x[]     every input, NULLs included, in input order; NULL for no rows
 *   jsonb_agg(x)            -> jsonb   an array of to_jsonb(x) (SQL NULL becomes JSON null)
 *   jsonb_object_agg(k, v)  -> jsonb   an object; k (as text) must not be NULL; later duplicates win
 * </pre>
 *
 * The jsonb aggregates take their arguments converted to jsonb (the to_jsonb conversion), so
 * their accumulators only see jsonb values.
 */
final class ContainerAggregates {
    private ContainerAggregates() {}

    static void registerAll() {
        AggregateFunctions.register("array_agg", definition(types -> {
            SqlType t = types.getFirst() == SqlType.UNKNOWN ? SqlType.TEXT : types.getFirst();
            SqlType array = t.arrayType();
            return array == null ? null : new AggregateFunctions.Signature(List.of(t), array);
        }, () -> new Collect(false)));
        AggregateFunctions.register("jsonb_agg", definition(
                types -> new AggregateFunctions.Signature(List.of(SqlType.JSONB), SqlType.JSONB), () -> new Collect(true)));
        AggregateFunctions.register("jsonb_object_agg", new AggregateFunctions.Definition() {
            @Override
            public AggregateFunctions.Signature resolve(List<SqlType> argTypes) {
                return argTypes.size() != 2 ? null
                        : new AggregateFunctions.Signature(List.of(SqlType.TEXT, SqlType.JSONB), SqlType.JSONB);
            }

            @Override
            public Aggregates.Accumulator create(SqlType resultType) {
                return new ObjectAgg();
            }
        });
    }

    private static AggregateFunctions.Definition definition(
            java.util.function.Function<List<SqlType>, AggregateFunctions.Signature> resolve,
            java.util.function.Supplier<Aggregates.Accumulator> factory) {
        return new AggregateFunctions.Definition() {
            @Override
            public AggregateFunctions.Signature resolve(List<SqlType> argTypes) {
                return argTypes.size() == 1 ? resolve.apply(argTypes) : null;
            }

            @Override
            public Aggregates.Accumulator create(SqlType resultType) {
                return factory.get();
            }
        };
    }

    /** array_agg (the values) or jsonb_agg (their JSON nodes, in a jsonb array). */
    private static final class Collect implements Aggregates.Accumulator {
        private final boolean jsonb;
        private List<Object> values;

        Collect(boolean jsonb) {
            this.jsonb = jsonb;
        }

        @Override
        public void add(Object value) {
            if (values == null) {
                values = new ArrayList<>();
            }
            values.add(jsonb ? Jsonb.node(value) : value);
        }

        @Override
        public Object result() {
            return values == null ? null : jsonb ? new Jsonb(new ArrayList<>(values)) : new ArrayList<>(values);
        }
    }

    private static final class ObjectAgg implements Aggregates.Accumulator {
        private TreeMap<String, Object> map;

        @Override
        public void add(Object value) {
            addAll(new Object[] {value, null});
        }

        @Override
        public void addAll(Object[] values) {
            if (values[0] == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            }
            if (map == null) {
                map = Jsonb.newObject();
            }
            map.put((String) values[0], Jsonb.node(values[1]));
        }

        @Override
        public Object result() {
            return map == null ? null : new Jsonb(map);
        }
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of aggregates beyond the built-in count/sum/avg/min/max of {@link Aggregates}:
 * a name maps to a {@link Definition} that resolves argument types to a signature and creates
 * accumulators. {@code bool_and}, {@code bool_or}, {@code every}, {@code string_agg(text, text)}
 * and the {@code stddev}/{@code variance} family over real and double precision are registered here; {@code array_agg},
 * {@code jsonb_agg} and {@code jsonb_object_agg} register from {@link ContainerAggregates}.
 *
 * <pre>
 *   agg(DISTINCT a, b ORDER BY k) FILTER (WHERE c)
 *        │                 │              └─ Spec.feed skips the row
 *        │                 └─ Ordered buffers (args, keys), sorts at result(), replays
 *        └─ Distinct drops repeated argument tuples
 *                 └─> Definition.create(type): the plain accumulator
 * </pre>
 */
final class AggregateFunctions {
    private AggregateFunctions() {}

    /** Argument types as the aggregate takes them and the result type. */
    record Signature(List<SqlType> params, SqlType result) {}

    /** An aggregate function: overload resolution and accumulator creation. */
    interface Definition {
        /**
         * The signature for these argument types (UNKNOWN for untyped literals, which are then
         * read as the parameter type), or null when the aggregate does not take them.
         */
        Signature resolve(List<SqlType> argTypes);

        Aggregates.Accumulator create(SqlType resultType);
    }

    /** One key of {@code agg(... ORDER BY key)}, bound over the aggregate's input row. */
    record SortKey(Bound expr, boolean descending, boolean nullsFirst) {}

    private static final Map<String, Definition> REGISTRY = new ConcurrentHashMap<>();

    static {
        Definition boolAnd = unary(SqlType.BOOLEAN, SqlType.BOOLEAN, () -> new BoolFold(true));
        register("bool_and", boolAnd);
        register("every", boolAnd);
        register("bool_or", unary(SqlType.BOOLEAN, SqlType.BOOLEAN, () -> new BoolFold(false)));
        register("string_agg", new Definition() {
            @Override
            public Signature resolve(List<SqlType> argTypes) {
                boolean ok = argTypes.size() == 2 && argTypes.stream().allMatch(AggregateFunctions::textLike);
                return ok ? new Signature(List.of(SqlType.TEXT, SqlType.TEXT), SqlType.TEXT) : null;
            }

            @Override
            public Aggregates.Accumulator create(SqlType resultType) {
                return new StringAgg();
            }
        });
        for (String name : List.of("stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop")) {
            // float4 and float8 only: PostgreSQL computes integer and numeric inputs in numeric
            register(name, unary(SqlType.DOUBLE, SqlType.DOUBLE, () -> new Moments(name)));
        }
        ContainerAggregates.registerAll();
    }

    /** Registers (or replaces) the aggregate {@code name}. */
    static void register(String name, Definition definition) {
        REGISTRY.put(name, definition);
    }

    /** The registered aggregate {@code name}, or null. */
    static Definition lookup(String name) {
        return REGISTRY.get(name);
    }

    private static boolean textLike(SqlType t) {
        return t == SqlType.TEXT || t == SqlType.UNKNOWN || (t != SqlType.BOOLEAN && !Values.isNumeric(t)
                && Values.castContext(t, SqlType.TEXT) == Values.CastContext.IMPLICIT);
    }

    /** A one-argument aggregate over {@code param} (exactly, or an untyped literal). */
    private static Definition unary(SqlType param, SqlType result, java.util.function.Supplier<Aggregates.Accumulator> factory) {
        return new Definition() {
            @Override
            public Signature resolve(List<SqlType> argTypes) {
                if (argTypes.size() != 1) {
                    return null;
                }
                SqlType t = argTypes.getFirst();
                boolean ok = t == param || t == SqlType.UNKNOWN || (param == SqlType.DOUBLE && t == SqlType.REAL);
                return ok ? new Signature(List.of(param), result) : null;
            }

            @Override
            public Aggregates.Accumulator create(SqlType resultType) {
                return factory.get();
            }
        };
    }

    /** bool_and / every (all non-null inputs true) and bool_or (any true); NULL without input. */
    private static final class BoolFold implements Aggregates.Accumulator {
        private final boolean and;
        private Boolean result;

        BoolFold(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Object value) {
            if (value == null) {
                return;
            }
            boolean b = (Boolean) value;
            result = result == null ? b : and ? result && b : result || b;
        }

        @Override
        public Object result() {
            return result;
        }
    }

    /** string_agg(value, delimiter): NULL values are skipped, the delimiter precedes every value but the first. */
    private static final class StringAgg implements Aggregates.Accumulator {
        private StringBuilder text;

        @Override
        public void add(Object value) {
            addAll(new Object[] {value, null});
        }

        @Override
        public void addAll(Object[] values) {
            if (values[0] == null) {
                return;
            }
            if (text == null) {
                text = new StringBuilder();
            } else if (values[1] != null) {
                text.append((String) values[1]);
            }
            text.append((String) values[0]);
        }

        @Override
        public Object result() {
            return text == null ? null : text.toString();
        }
    }

    /** Sample/population variance and standard deviation in double precision (Welford's update). */
    private static final class Moments implements Aggregates.Accumulator {
        private final String name;
        private long n;
        private double mean;
        private double m2;

        Moments(String name) {
            this.name = name;
        }

        @Override
        public void add(Object value) {
            if (value == null) {
                return;
            }
            double x = ((Number) value).doubleValue();
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        @Override
        public Object result() {
            boolean population = name.endsWith("_pop");
            if (n == 0 || (!population && n == 1)) {
                return null;
            }
            double variance = Math.max(0.0, m2 / (population ? n : n - 1));
            return name.startsWith("std") ? Math.sqrt(variance) : variance;
        }
    }

    /**
     * {@code agg(args ORDER BY keys)}: buffers each row's arguments with its sort keys and feeds
     * them to the inner accumulator (possibly a DISTINCT one) in key order when the result is asked for.
     */
    static final class Ordered implements Aggregates.Accumulator {
        private final Aggregates.Accumulator inner;
        private final List<SortKey> keys;
        private final List<Object[][]> rows = new ArrayList<>();

        Ordered(Aggregates.Accumulator inner, List<SortKey> keys) {
            this.inner = inner;
            this.keys = keys;
        }

        void add(Object[] values, Object[] inputRow) {
            Object[] k = new Object[keys.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys.get(i).expr().eval(inputRow);
            }
            rows.add(new Object[][] {values, k});
        }

        @Override
        public void add(Object value) {
            throw new IllegalStateException("ordered aggregate input needs its sort keys");
        }

        @Override
        public Object result() {
            Comparator<Object[][]> order = (a, b) -> {
                for (int i = 0; i < keys.size(); i++) {
                    SortKey k = keys.get(i);
                    int c = SelectExecutor.compareNullable(a[1][i], b[1][i], k.descending(), k.nullsFirst());
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
            rows.sort(order);
            for (Object[][] r : rows) {
                inner.addAll(r[0]);
            }
            rows.clear();
            return inner.result();
        }
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Intervals;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The aggregate functions: {@code count(*)}, {@code count}, {@code sum}, {@code min}, {@code max},
 * {@code avg}. Result types follow PostgreSQL: {@code count} and {@code sum} of smallint/integer
 * are bigint; {@code sum(bigint)}, {@code sum(numeric)} and {@code avg} of any integer or numeric
 * are numeric (avg with the division's display scale, e.g. 2.5000000000000000); sum and avg of
 * floats are floats; sum and avg of intervals are intervals; min/max work on every ordered type.
 */
final class Aggregates {
    private Aggregates() {}

    static boolean isAggregate(String name) {
        return switch (name) {
            case "count", "sum", "min", "max", "avg" -> true;
            default -> AggregateFunctions.lookup(name) != null;
        };
    }

    /**
     * A bound aggregate call: {@code args} is empty for {@code count(*)}; {@code filter} (FILTER
     * (WHERE ...)) is null when absent; {@code orderBy} holds the keys of {@code agg(x ORDER BY y)}.
     */
    record Spec(String name, List<Bound> args, boolean distinct, Bound filter, List<AggregateFunctions.SortKey> orderBy,
                SqlType type) {
        /** The first argument, or null for {@code count(*)}. */
        Bound arg() {
            return args.isEmpty() ? null : args.getFirst();
        }

        /**
         * Adds one input row to {@code acc}: FILTER, then the arguments (and sort keys) evaluated over
         * {@code row}. Returns the argument values it added (for memory accounting), null when FILTER skipped the row.
         */
        Object[] feed(Accumulator acc, Object[] row) {
            if (filter != null && !Boolean.TRUE.equals(filter.eval(row))) {
                return null;
            }
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(row);
            }
            if (acc instanceof AggregateFunctions.Ordered ordered) {
                ordered.add(values, row);
            } else {
                acc.addAll(values);
            }
            return values;
        }

        Accumulator newAccumulator() {
            Accumulator acc = newPlainAccumulator();
            if (distinct) {
                acc = new Distinct(acc);
            }
            return orderBy.isEmpty() ? acc : new AggregateFunctions.Ordered(acc, orderBy);
        }

        private Accumulator newPlainAccumulator() {
            AggregateFunctions.Definition registered = AggregateFunctions.lookup(name);
            if (registered != null) {
                return registered.create(type);
            }
            Accumulator acc = switch (name) {
                case "count" -> new Count(args.isEmpty());
                case "sum" -> new Sum(type);
                case "avg" -> new Avg(type);
                case "min" -> new MinMax(false);
                case "max" -> new MinMax(true);
                default -> throw new IllegalStateException("aggregate " + name);
            };
            return acc;
        }
    }

    /** The result type of {@code name(argType)}, or null when no such aggregate exists. */
    static SqlType resultType(String name, SqlType argType) {
        return switch (name) {
            case "count" -> SqlType.BIGINT;
            case "sum" -> switch (argType) {
                case SMALLINT, INTEGER -> SqlType.BIGINT;
                case BIGINT, NUMERIC -> SqlType.NUMERIC;
                case REAL, DOUBLE, INTERVAL -> argType;
                default -> null;
            };
            case "avg" -> switch (argType) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC -> SqlType.NUMERIC;
                case REAL, DOUBLE -> SqlType.DOUBLE;
                case INTERVAL -> SqlType.INTERVAL;
                default -> null;
            };
            // PostgreSQL 15 has no min/max for boolean, uuid or bytea
            case "min", "max" -> argType == SqlType.BOOLEAN || argType == SqlType.UUID || argType == SqlType.BYTEA ? null : argType;
            default -> null;
        };
    }

    interface Accumulator {
        /** Adds one input value (NULL included; aggregates other than count(*) skip it). */
        void add(Object value);

        /** Adds one call's argument values; single-argument aggregates take the first. */
        default void addAll(Object[] values) {
            add(values.length == 0 ? null : values[0]);
        }

        Object result();
    }

    private static final class Count implements Accumulator {
        private final boolean star;
        private long n;

        Count(boolean star) {
            this.star = star;
        }

        @Override
        public void add(Object value) {
            if (star || value != null) {
                n++;
            }
        }

        @Override
        public Object result() {
            return n;
        }
    }

    /** sum in the result type: long for bigint, BigDecimal for numeric, double/float, interval. */
    private static final class Sum implements Accumulator {
        private final SqlType type;
        private long longSum;
        private double doubleSum;
        private BigDecimal decimalSum = BigDecimal.ZERO;
        private Interval intervalSum = new Interval(0, 0, 0);
        private boolean any;

        Sum(SqlType type) {
            this.type = type;
        }

        @Override
        public void add(Object value) {
            if (value == null) {
                return;
            }
            any = true;
            switch (value) {
                case Float f -> doubleSum += f;
                case Double d -> doubleSum += d;
                case BigDecimal d -> decimalSum = decimalSum.add(d);
                case Long l when type == SqlType.NUMERIC -> decimalSum = decimalSum.add(BigDecimal.valueOf(l));
                case Interval i -> intervalSum = Intervals.add(intervalSum, i);
                default -> {
                    try {
                        longSum = Math.addExact(longSum, ((Number) value).longValue());
                    } catch (ArithmeticException overflow) {
                        throw Values.bigintOutOfRange();
                    }
                }
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return switch (type) {
                case DOUBLE -> doubleSum;
                case REAL -> (float) doubleSum;
                case NUMERIC -> decimalSum;
                case INTERVAL -> intervalSum;
                default -> longSum;
            };
        }
    }

    /** avg: numeric inputs (and integers) divide exactly with numeric's display scale; floats in double. */
    private static final class Avg implements Accumulator {
        private final SqlType type;
        private double sum;
        private BigDecimal decimalSum = BigDecimal.ZERO;
        private Interval intervalSum = new Interval(0, 0, 0);
        private long n;

        Avg(SqlType type) {
            this.type = type;
        }

        @Override
        public void add(Object value) {
            if (value == null) {
                return;
            }
            n++;
            switch (value) {
                case Float f -> sum += f;
                case Double d -> sum += d;
                case BigDecimal d -> decimalSum = decimalSum.add(d);
                case Interval i -> intervalSum = Intervals.add(intervalSum, i);
                default -> decimalSum = decimalSum.add(BigDecimal.valueOf(((Number) value).longValue()));
            }
        }

        @Override
        public Object result() {
            if (n == 0) {
                return null;
            }
            return switch (type) {
                case DOUBLE -> sum / n;
                case INTERVAL -> Intervals.divide(intervalSum, n);
                default -> Numerics.divide(decimalSum, BigDecimal.valueOf(n));
            };
        }
    }

    private static final class MinMax implements Accumulator {
        private final boolean max;
        private Object best;

        MinMax(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Object value) {
            if (value == null) {
                return;
            }
            if (best == null) {
                best = value;
                return;
            }
            int c = Values.compare(value, best);
            if (max ? c > 0 : c < 0) {
                best = value;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    private static final class Distinct implements Accumulator {
        private final Accumulator inner;
        private final Set<Object> seen = new HashSet<>();

        Distinct(Accumulator inner) {
            this.inner = inner;
        }

        @Override
        public void add(Object value) {
            if (value != null && seen.add(RowKey.normalize(value))) {
                inner.add(value);
            }
        }

        @Override
        public void addAll(Object[] values) {
            if (values.length <= 1) {
                add(values.length == 0 ? null : values[0]);
            } else if (seen.add(RowKey.of(values))) {
                inner.addAll(values);
            }
        }

        @Override
        public Object result() {
            return inner.result();
        }
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.HashSet;
import java.util.Set;

/**
 * The aggregate functions: {@code count(*)}, {@code count}, {@code sum}, {@code min}, {@code max},
 * {@code avg}. Result types follow PostgreSQL where ShaleDB has the type: {@code count} and
 * {@code sum(integer)} are bigint; {@code sum(bigint)} is bigint (PostgreSQL: numeric) and
 * {@code avg} of integers is double precision (PostgreSQL: numeric) until numeric exists.
 */
final class Aggregates {
    private Aggregates() {}

    static boolean isAggregate(String name) {
        return switch (name) {
            case "count", "sum", "min", "max", "avg" -> true;
            default -> false;
        };
    }

    /** A bound aggregate call; {@code arg} is null for {@code count(*)}. */
    record Spec(String name, Bound arg, boolean distinct, SqlType type) {
        Accumulator newAccumulator() {
            Accumulator acc = switch (name) {
                case "count" -> new Count(arg == null);
                case "sum" -> new Sum(type);
                case "avg" -> new Avg();
                case "min" -> new MinMax(false);
                case "max" -> new MinMax(true);
                default -> throw new IllegalStateException("aggregate " + name);
            };
            return distinct ? new Distinct(acc) : acc;
        }
    }

    /** The result type of {@code name(argType)}, or null when no such aggregate exists. */
    static SqlType resultType(String name, SqlType argType) {
        return switch (name) {
            case "count" -> SqlType.BIGINT;
            case "sum" -> switch (argType) {
                case INTEGER, BIGINT -> SqlType.BIGINT;
                case DOUBLE -> SqlType.DOUBLE;
                default -> null;
            };
            case "avg" -> Values.isNumeric(argType) ? SqlType.DOUBLE : null;
            case "min", "max" -> argType == SqlType.BOOLEAN ? null : argType;
            default -> null;
        };
    }

    interface Accumulator {
        /** Adds one input value (NULL included; aggregates other than count(*) skip it). */
        void add(Object value);

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

    private static final class Sum implements Accumulator {
        private final SqlType type;
        private long longSum;
        private double doubleSum;
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
            if (type == SqlType.DOUBLE) {
                doubleSum += ((Number) value).doubleValue();
            } else {
                try {
                    longSum = Math.addExact(longSum, ((Number) value).longValue());
                } catch (ArithmeticException overflow) {
                    throw Values.bigintOutOfRange();
                }
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return type == SqlType.DOUBLE ? (Object) doubleSum : (Object) longSum;
        }
    }

    private static final class Avg implements Accumulator {
        private double sum;
        private long n;

        @Override
        public void add(Object value) {
            if (value != null) {
                sum += ((Number) value).doubleValue();
                n++;
            }
        }

        @Override
        public Object result() {
            return n == 0 ? null : sum / n;
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
        public Object result() {
            return inner.result();
        }
    }
}

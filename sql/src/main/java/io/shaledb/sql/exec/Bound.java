package io.shaledb.sql.exec;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.TypeMods;
import io.shaledb.sql.types.Values;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * A type-checked expression, ready to evaluate against a row ({@code Object[]}: the table's
 * columns, or a group's keys and aggregates). Produced by {@link Binder}; all names are resolved
 * to slots and all implicit conversions are explicit nodes, so evaluation does no lookups.
 */
public sealed interface Bound {
    SqlType type();

    Object eval(Object[] row);

    record Const(Object value, SqlType type) implements Bound {
        @Override
        public Object eval(Object[] row) {
            return value;
        }
    }

    /** A column of the input row; {@code tableOid}/{@code attnum} describe it to clients, 0 when not a table column. */
    record Slot(int index, SqlType type, int tableOid, int attnum) implements Bound {
        @Override
        public Object eval(Object[] row) {
            return row[index];
        }
    }

    record Negate(Bound operand, SqlType type) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            return v == null ? null : Values.negate(v, type);
        }
    }

    /** A comparison of two comparable operands; {@code op} is one of {@code = <> < <= > >=}. */
    record Compare(String op, Bound left, Bound right) implements Bound {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            if (b == null) {
                return null;
            }
            int c = Values.compare(a, b);
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException("comparison " + op);
            };
        }
    }

    /** Three-valued AND: false wins over NULL. */
    record And(Bound left, Bound right) implements Bound {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            if (Boolean.FALSE.equals(a)) {
                return false;
            }
            Object b = right.eval(row);
            if (Boolean.FALSE.equals(b)) {
                return false;
            }
            return a == null || b == null ? null : Boolean.TRUE;
        }
    }

    /**
     * Three-valued OR: true wins over NULL. {@code inList}: part of the chain the binder makes of
     * {@code x IN (a, b, ...)}, which EXPLAIN prints as PostgreSQL does, {@code x = ANY (...)}.
     */
    record Or(Bound left, Bound right, boolean inList) implements Bound {
        public Or(Bound left, Bound right) {
            this(left, right, false);
        }

        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            if (Boolean.TRUE.equals(a)) {
                return true;
            }
            Object b = right.eval(row);
            if (Boolean.TRUE.equals(b)) {
                return true;
            }
            return a == null || b == null ? null : Boolean.FALSE;
        }
    }

    record Not(Bound operand) implements Bound {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            return v == null ? null : !(Boolean) v;
        }
    }

    record IsNull(Bound operand, boolean negated) implements Bound {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            return (operand.eval(row) == null) != negated;
        }
    }

    /** {@code ||} on two text operands (non-text operands arrive wrapped in a {@link Convert}). */
    record Concat(Bound left, Bound right) implements Bound {
        @Override
        public SqlType type() {
            return SqlType.TEXT;
        }

        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            return a == null || b == null ? null : (String) a + b;
        }
    }

    /**
     * A type conversion. {@code maxLength >= 0} is a type modifier to apply ({@link TypeMods}): a
     * varchar limit (an explicit cast truncates, an assignment raises 22001 unless only spaces
     * would be cut), char padding, numeric precision and scale, seconds precision.
     */
    record Convert(Bound operand, SqlType from, SqlType type, int maxLength, boolean assignment) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object v = Values.cast(operand.eval(row), from, type);
            return maxLength >= 0 && v != null ? TypeMods.apply(v, type, maxLength, assignment) : v;
        }
    }

    /** A strict binary operator resolved by {@link Operators}: NULL in, NULL out. */
    record BinaryOp(String op, Bound left, Bound right, SqlType type, BinaryOperator<Object> fn) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            return b == null ? null : fn.apply(a, b);
        }
    }

    /**
     * A scalar function call resolved by {@link Functions}; a strict one returns NULL when any
     * argument is NULL without calling {@code fn}.
     */
    record Call(String name, List<Bound> args, SqlType type, boolean strict, Function<Object[], Object> fn) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(row);
                if (values[i] == null && strict) {
                    return null;
                }
            }
            return fn.apply(values);
        }
    }

    /** Searched CASE: the first true condition's result, else {@code otherwise} (NULL if absent). */
    record Case(List<Bound> conditions, List<Bound> results, Bound otherwise, SqlType type) implements Bound {
        @Override
        public Object eval(Object[] row) {
            for (int i = 0; i < conditions.size(); i++) {
                if (Boolean.TRUE.equals(conditions.get(i).eval(row))) {
                    return results.get(i).eval(row);
                }
            }
            return otherwise == null ? null : otherwise.eval(row);
        }
    }

    record Coalesce(List<Bound> args, SqlType type) implements Bound {
        @Override
        public Object eval(Object[] row) {
            for (Bound a : args) {
                Object v = a.eval(row);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    /** A strict one-argument scalar function: NULL in, NULL out. */
    record Function1(String name, Bound arg, SqlType type, Function<Object, Object> fn) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object v = arg.eval(row);
            return v == null ? null : fn.apply(v);
        }
    }

    /**
     * A function with side effects or per-call results ({@code nextval}): evaluated on every call,
     * never folded into a constant. Strict: a NULL argument gives NULL without calling it.
     */
    record Volatile(String name, java.util.List<Bound> args, SqlType type, Function<Object[], Object> fn) implements Bound {
        @Override
        public Object eval(Object[] row) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(row);
                if (values[i] == null) {
                    return null;
                }
            }
            return fn.apply(values);
        }
    }

    /**
     * A node evaluated by code outside this file: subquery expressions and outer references of the
     * query engine ({@link QueryPlanner}). Extensions are opaque to the planner's slot analysis
     * (a conjunct containing one is evaluated above the joins).
     */
    non-sealed interface Extension extends Bound {}
}

package io.shaledb.sql.exec;

import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Intervals;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.function.BinaryOperator;

/**
 * Binary operator resolution for arithmetic and comparison, following PostgreSQL's operator
 * catalogue for the types ShaleDB has. Given the operand types (untyped literals already
 * resolved), it answers which types the operands are converted to, the result type and the
 * implementation, or null when PostgreSQL has no such operator ("operator does not exist").
 *
 * <pre>
 *   int + numeric -> numeric      numeric + float8 -> float8     real + int -> float8
 *   date + int -> date            date - date -> integer         date + interval -> timestamp
 *   timestamp - timestamp -> interval                            timestamptz + interval -> timestamptz
 *   interval * float8 -> interval time + interval -> time        time - time -> interval
 * </pre>
 */
final class Operators {
    /** A resolved operator: convert the operands to {@code left}/{@code right}, then apply {@code fn}. */
    record Resolved(SqlType left, SqlType right, SqlType result, BinaryOperator<Object> fn) {}

    private Operators() {}

    static Resolved arithmetic(String op, SqlType l, SqlType r) {
        if (l.isNumeric() && r.isNumeric()) {
            return numeric(op, l, r);
        }
        if (l == SqlType.INTERVAL || r == SqlType.INTERVAL) {
            Resolved i = withInterval(op, l, r);
            if (i != null) {
                return i;
            }
        }
        if (op.equals("+") && isIntegerLike(r) && l == SqlType.DATE) {
            return new Resolved(SqlType.DATE, SqlType.INTEGER, SqlType.DATE, (a, b) -> addDays((Integer) a, (Integer) b));
        }
        if (op.equals("+") && isIntegerLike(l) && r == SqlType.DATE) {
            return new Resolved(SqlType.INTEGER, SqlType.DATE, SqlType.DATE, (a, b) -> addDays((Integer) b, (Integer) a));
        }
        if (op.equals("-") && l == SqlType.DATE && isIntegerLike(r)) {
            return new Resolved(SqlType.DATE, SqlType.INTEGER, SqlType.DATE, (a, b) -> addDays((Integer) a, -(Integer) b));
        }
        if (op.equals("-") && l == SqlType.DATE && r == SqlType.DATE) {
            return new Resolved(SqlType.DATE, SqlType.DATE, SqlType.INTEGER, (a, b) -> dateDiff((Integer) a, (Integer) b));
        }
        if (op.equals("+") && (l == SqlType.DATE && r == SqlType.TIME || l == SqlType.TIME && r == SqlType.DATE)) {
            boolean dateFirst = l == SqlType.DATE;
            return new Resolved(l, r, SqlType.TIMESTAMP, (a, b) -> DateTimes.dateToTimestamp((Integer) (dateFirst ? a : b))
                    + (Long) (dateFirst ? b : a));
        }
        if (op.equals("-") && isTimestampLike(l) && isTimestampLike(r)) {
            SqlType t = higherDatetime(l, r);
            if (t == SqlType.DATE) {
                return null;
            }
            return new Resolved(t, t, SqlType.INTERVAL, (a, b) -> Intervals.between((Long) a, (Long) b));
        }
        if (op.equals("-") && l == SqlType.TIME && r == SqlType.TIME) {
            return new Resolved(l, r, SqlType.INTERVAL, (a, b) -> new Interval(0, 0, (Long) a - (Long) b));
        }
        return null;
    }

    /**
     * The type an untyped literal operand takes opposite {@code known}: the known type when such an
     * operator exists ({@code date - '2024-01-01'}), else the one other type that has an operator
     * ({@code timestamp + '1 day'} is an interval, {@code interval * '2'} a double precision);
     * {@code date + '…'} has several (integer, interval, time) and is ambiguous as in PostgreSQL.
     */
    static SqlType unknownOperandType(String op, SqlType known, boolean unknownOnLeft, int pos) {
        if (resolves(op, known, known)) {
            return known;
        }
        if (known == SqlType.DATE && op.equals("+")) {
            throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: "
                    + (unknownOnLeft ? "unknown " + op + " date" : "date " + op + " unknown"), pos + 1, null,
                    "Could not choose a best candidate operator. You might need to add explicit type casts.", null);
        }
        for (SqlType candidate : new SqlType[] {SqlType.INTERVAL, SqlType.DOUBLE}) {
            if (unknownOnLeft ? resolves(op, candidate, known) : resolves(op, known, candidate)) {
                return candidate;
            }
        }
        return known; // no operator: reported with the known type on both sides, as before
    }

    private static boolean resolves(String op, SqlType l, SqlType r) {
        return arithmetic(op, l, r) != null;
    }

    private static Resolved numeric(String op, SqlType l, SqlType r) {
        SqlType t = Values.widerNumeric(l, r);
        return switch (op) {
            case "+", "-", "*", "/" -> {
                char c = op.charAt(0);
                yield new Resolved(t, t, t, (a, b) -> Values.arithmetic(c, a, b, t));
            }
            case "%" -> t == SqlType.REAL || t == SqlType.DOUBLE ? null
                    : new Resolved(t, t, t, (a, b) -> Values.arithmetic('%', a, b, t));
            case "^" -> {
                SqlType p = t == SqlType.NUMERIC ? SqlType.NUMERIC : SqlType.DOUBLE;
                yield new Resolved(p, p, p, (a, b) -> Values.arithmetic('^', a, b, p));
            }
            default -> null;
        };
    }

    private static Resolved withInterval(String op, SqlType l, SqlType r) {
        SqlType other = l == SqlType.INTERVAL ? r : l;
        boolean intervalLeft = l == SqlType.INTERVAL;
        if (other == SqlType.INTERVAL) {
            return switch (op) {
                case "+" -> new Resolved(l, r, SqlType.INTERVAL, (a, b) -> Intervals.add((Interval) a, (Interval) b));
                case "-" -> new Resolved(l, r, SqlType.INTERVAL,
                        (a, b) -> Intervals.add((Interval) a, Intervals.negate((Interval) b)));
                default -> null;
            };
        }
        if (other.isNumeric()) {
            if (op.equals("*")) {
                return intervalLeft
                        ? new Resolved(l, SqlType.DOUBLE, SqlType.INTERVAL, (a, b) -> Intervals.multiply((Interval) a, (Double) b))
                        : new Resolved(SqlType.DOUBLE, r, SqlType.INTERVAL, (a, b) -> Intervals.multiply((Interval) b, (Double) a));
            }
            if (op.equals("/") && intervalLeft) {
                return new Resolved(l, SqlType.DOUBLE, SqlType.INTERVAL, (a, b) -> Intervals.divide((Interval) a, (Double) b));
            }
            return null;
        }
        boolean plus = op.equals("+");
        if (!plus && !(op.equals("-") && !intervalLeft)) {
            return null;
        }
        return switch (other) {
            case DATE, TIMESTAMP -> new Resolved(intervalLeft ? l : SqlType.TIMESTAMP, intervalLeft ? SqlType.TIMESTAMP : r,
                    SqlType.TIMESTAMP, (a, b) -> {
                        long ts = (Long) (intervalLeft ? b : a);
                        Interval i = (Interval) (intervalLeft ? a : b);
                        return Intervals.addToTimestamp(ts, plus ? i : Intervals.negate(i));
                    });
            case TIMESTAMPTZ -> new Resolved(l, r, SqlType.TIMESTAMPTZ, (a, b) -> {
                long ts = (Long) (intervalLeft ? b : a);
                Interval i = (Interval) (intervalLeft ? a : b);
                return Intervals.addToTimestamptz(ts, plus ? i : Intervals.negate(i), DateTimes.zone());
            });
            case TIME -> new Resolved(l, r, SqlType.TIME, (a, b) -> {
                long t = (Long) (intervalLeft ? b : a);
                Interval i = (Interval) (intervalLeft ? a : b);
                return Intervals.addToTime(t, plus ? i : Intervals.negate(i));
            });
            default -> null;
        };
    }

    private static boolean isIntegerLike(SqlType t) {
        return t == SqlType.INTEGER || t == SqlType.SMALLINT;
    }

    private static boolean isTimestampLike(SqlType t) {
        return t == SqlType.DATE || t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ;
    }

    private static SqlType higherDatetime(SqlType a, SqlType b) {
        if (a == SqlType.TIMESTAMPTZ || b == SqlType.TIMESTAMPTZ) {
            return SqlType.TIMESTAMPTZ;
        }
        if (a == SqlType.TIMESTAMP || b == SqlType.TIMESTAMP) {
            return SqlType.TIMESTAMP;
        }
        return SqlType.DATE;
    }

    private static Object addDays(int date, int days) {
        if (date == DateTimes.DATE_NEG_INFINITY || date == DateTimes.DATE_POS_INFINITY) {
            return date;
        }
        long r = (long) date + days;
        if (r >= DateTimes.DATE_POS_INFINITY || r <= DateTimes.DATE_NEG_INFINITY) {
            throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
        return (int) r;
    }

    private static Object dateDiff(int a, int b) {
        if (a == DateTimes.DATE_NEG_INFINITY || a == DateTimes.DATE_POS_INFINITY
                || b == DateTimes.DATE_NEG_INFINITY || b == DateTimes.DATE_POS_INFINITY) {
            throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.DATETIME_FIELD_OVERFLOW,
                    "cannot subtract infinite dates");
        }
        return a - b;
    }

    /**
     * The type two values are compared (or unified, for CASE and COALESCE) in, or null when they
     * cannot be: the wider numeric type, text for mixed string types, the higher of
     * date &lt; timestamp &lt; timestamptz, else only equal types.
     */
    static SqlType common(SqlType a, SqlType b) {
        if (a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return Values.widerNumeric(a, b);
        }
        if (a.isString() && b.isString()) {
            return SqlType.TEXT;
        }
        if (isTimestampLike(a) && isTimestampLike(b)) {
            return higherDatetime(a, b);
        }
        if (a.isOidLike() && (b.isOidLike() || b == SqlType.SMALLINT || b == SqlType.INTEGER || b == SqlType.BIGINT)
                || b.isOidLike() && (a == SqlType.SMALLINT || a == SqlType.INTEGER || a == SqlType.BIGINT)) {
            return SqlType.OID; // reg* types and integers compare as oids
        }
        if (a.isArray() && b.isArray()) {
            SqlType element = common(a.elementType(), b.elementType());
            return element == null ? null : element.arrayType();
        }
        return null;
    }
}

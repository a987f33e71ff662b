package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.regex.Pattern;

/**
 * Value-level semantics of the SQL types: input functions (text to value), casts, comparison and
 * PostgreSQL-checked arithmetic. All methods take non-null values unless stated; SQL NULL
 * handling belongs to the caller.
 */
public final class Values {
    /** How freely a cast may be applied, as in PostgreSQL's {@code pg_cast.castcontext}. */
    public enum CastContext {
        /** Applied silently anywhere (int4 to int8, int to float8). */
        IMPLICIT,
        /** Applied when storing into a column (int8 to int4, float8 to int4, anything to text). */
        ASSIGNMENT,
        /** Only with {@code CAST} or {@code ::}. */
        EXPLICIT,
        /** Not allowed at all. */
        NONE
    }

    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");

    private Values() {}

    /** The cast context from {@code from} to {@code to} (for non-UNKNOWN types). */
    public static CastContext castContext(SqlType from, SqlType to) {
        if (from == to) {
            return CastContext.IMPLICIT;
        }
        return switch (from) {
            case INTEGER -> switch (to) {
                case BIGINT, DOUBLE -> CastContext.IMPLICIT;
                case TEXT -> CastContext.ASSIGNMENT;
                case BOOLEAN -> CastContext.EXPLICIT;
                default -> CastContext.NONE;
            };
            case BIGINT -> switch (to) {
                case DOUBLE -> CastContext.IMPLICIT;
                case INTEGER, TEXT -> CastContext.ASSIGNMENT;
                default -> CastContext.NONE;
            };
            case DOUBLE -> switch (to) {
                case INTEGER, BIGINT, TEXT -> CastContext.ASSIGNMENT;
                default -> CastContext.NONE;
            };
            case BOOLEAN -> switch (to) {
                case TEXT -> CastContext.ASSIGNMENT;
                case INTEGER -> CastContext.EXPLICIT;
                default -> CastContext.NONE;
            };
            case TEXT -> to == SqlType.UNKNOWN ? CastContext.NONE : CastContext.EXPLICIT;
            case UNKNOWN -> CastContext.IMPLICIT;
        };
    }

    /** Converts a non-null value of type {@code from} to type {@code to}; the cast must exist. */
    public static Object cast(Object v, SqlType from, SqlType to) {
        if (v == null || from == to) {
            return v;
        }
        if (to == SqlType.TEXT) {
            // The boolean-to-text cast spells words, unlike boolean output ("t"/"f").
            return from == SqlType.BOOLEAN ? ((Boolean) v ? "true" : "false") : from.toText(v);
        }
        if (from == SqlType.TEXT || from == SqlType.UNKNOWN) {
            return parse((String) v, to);
        }
        return switch (to) {
            case INTEGER -> switch (from) {
                case BIGINT -> toInt((Long) v);
                case DOUBLE -> doubleToInt((Double) v);
                case BOOLEAN -> ((Boolean) v) ? 1 : 0;
                default -> throw noCast(from, to);
            };
            case BIGINT -> switch (from) {
                case INTEGER -> (long) (Integer) v;
                case DOUBLE -> doubleToLong((Double) v);
                default -> throw noCast(from, to);
            };
            case DOUBLE -> switch (from) {
                case INTEGER -> (double) (Integer) v;
                case BIGINT -> (double) (Long) v;
                default -> throw noCast(from, to);
            };
            case BOOLEAN -> switch (from) {
                case INTEGER -> ((Integer) v) != 0;
                default -> throw noCast(from, to);
            };
            default -> throw noCast(from, to);
        };
    }

    private static SqlException noCast(SqlType from, SqlType to) {
        return new SqlException(SqlState.CANNOT_COERCE, "cannot cast type " + from.sqlName() + " to " + to.sqlName());
    }

    /** The input function of {@code type}: text as a client or a literal spells it. */
    public static Object parse(String text, SqlType type) {
        return switch (type) {
            case TEXT, UNKNOWN -> text;
            case INTEGER -> {
                long v = parseInteger(text, "integer");
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(text, "integer");
                }
                yield (int) v;
            }
            case BIGINT -> parseInteger(text, "bigint");
            case DOUBLE -> parseDouble(text);
            case BOOLEAN -> parseBoolean(text);
        };
    }

    private static long parseInteger(String text, String typeName) {
        String s = text.strip();
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= s.length()) {
            throw invalid(text, typeName);
        }
        long acc = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(text, typeName);
            }
            // Accumulate negatively so Long.MIN_VALUE parses.
            long next = acc * 10 - (c - '0');
            if (acc < Long.MIN_VALUE / 10 || next > acc) {
                throw outOfRange(text, typeName);
            }
            acc = next;
        }
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                throw outOfRange(text, typeName);
            }
            acc = -acc;
        }
        return acc;
    }

    private static double parseDouble(String text) {
        String s = text.strip();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> {
                return Double.NaN;
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-infinity", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // fall through
            }
        }
        if (!FLOAT.matcher(s).matches()) {
            throw invalid(text, "double precision");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(s))) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type double precision");
        }
        return d;
    }

    private static boolean hasNonZeroDigit(String s) {
        int e = s.toLowerCase(java.util.Locale.ROOT).indexOf('e');
        String m = e < 0 ? s : s.substring(0, e);
        return m.chars().anyMatch(c -> c >= '1' && c <= '9');
    }

    private static boolean parseBoolean(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case 't' -> {
                    if ("true".startsWith(s)) {
                        return true;
                    }
                }
                case 'f' -> {
                    if ("false".startsWith(s)) {
                        return false;
                    }
                }
                case 'y' -> {
                    if ("yes".startsWith(s)) {
                        return true;
                    }
                }
                case 'n' -> {
                    if ("no".startsWith(s)) {
                        return false;
                    }
                }
                case 'o' -> {
                    if (s.length() >= 2 && "on".startsWith(s)) {
                        return true;
                    }
                    if (s.length() >= 2 && "off".startsWith(s)) {
                        return false;
                    }
                }
                case '1' -> {
                    if (s.length() == 1) {
                        return true;
                    }
                }
                case '0' -> {
                    if (s.length() == 1) {
                        return false;
                    }
                }
                default -> {
                    // invalid
                }
            }
        }
        throw invalid(text, "boolean");
    }

    private static SqlException invalid(String text, String typeName) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    private static SqlException outOfRange(String text, String typeName) {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }

    // ------------------------------------------------------------------ numeric conversions

    public static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw intOutOfRange();
        }
        return (int) v;
    }

    static int doubleToInt(double d) {
        double r = Math.rint(d);
        if (Double.isNaN(r) || r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
            throw intOutOfRange();
        }
        return (int) r;
    }

    static long doubleToLong(double d) {
        double r = Math.rint(d);
        // 2^63 is exactly representable; anything >= it overflows.
        if (Double.isNaN(r) || r < -0x1p63 || r >= 0x1p63) {
            throw bigintOutOfRange();
        }
        return (long) r;
    }

    public static SqlException intOutOfRange() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
    }

    public static SqlException bigintOutOfRange() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
    }

    // ------------------------------------------------------------------ comparison

    /** True for INTEGER, BIGINT and DOUBLE. */
    public static boolean isNumeric(SqlType t) {
        return t == SqlType.INTEGER || t == SqlType.BIGINT || t == SqlType.DOUBLE;
    }

    /** The wider of two numeric types: INTEGER < BIGINT < DOUBLE. */
    public static SqlType widerNumeric(SqlType a, SqlType b) {
        if (a == SqlType.DOUBLE || b == SqlType.DOUBLE) {
            return SqlType.DOUBLE;
        }
        if (a == SqlType.BIGINT || b == SqlType.BIGINT) {
            return SqlType.BIGINT;
        }
        return SqlType.INTEGER;
    }

    /**
     * Orders two non-null values of comparable types: numbers numerically (NaN above everything,
     * as in PostgreSQL), text by code point (the "C" collation), false before true.
     */
    public static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareText(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if ((a instanceof Integer || a instanceof Long) && (b instanceof Integer || b instanceof Long)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareDouble(x.doubleValue(), y.doubleValue());
        }
        throw new IllegalArgumentException("incomparable values " + a.getClass().getSimpleName() + " and "
                + b.getClass().getSimpleName());
    }

    /** PostgreSQL float8 order: NaN equals NaN and sorts above everything; -0 equals 0. */
    static int compareDouble(double x, double y) {
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn || yn) {
            return xn == yn ? 0 : xn ? 1 : -1;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /** Code point order, which equals UTF-8 byte order and PostgreSQL's "C" collation. */
    static int compareText(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    // ------------------------------------------------------------------ arithmetic

    /** {@code a op b} for two non-null numbers evaluated in {@code type} (both already of that type). */
    public static Object arithmetic(char op, Object a, Object b, SqlType type) {
        return switch (type) {
            case INTEGER -> intOp(op, (Integer) a, (Integer) b);
            case BIGINT -> longOp(op, ((Number) a).longValue(), ((Number) b).longValue());
            case DOUBLE -> doubleOp(op, ((Number) a).doubleValue(), ((Number) b).doubleValue());
            default -> throw new IllegalArgumentException("not numeric: " + type);
        };
    }

    /** integer arithmetic: computed exactly in 64 bits (int operands cannot overflow them), then range-checked. */
    private static int intOp(char op, int a, int b) {
        long r = longOp(op, a, b);
        if (r != (int) r) {
            throw intOutOfRange();
        }
        return (int) r;
    }

    private static long longOp(char op, long a, long b) {
        try {
            return switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                case '/' -> {
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw bigintOutOfRange();
                    }
                    yield a / b;
                }
                case '%' -> {
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    yield b == -1 ? 0 : a % b;
                }
                default -> throw new IllegalArgumentException("operator " + op);
            };
        } catch (ArithmeticException overflow) {
            throw bigintOutOfRange();
        }
    }

    private static double doubleOp(char op, double a, double b) {
        double r = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> {
                if (b == 0) {
                    throw divisionByZero();
                }
                yield a / b;
            }
            case '^' -> power(a, b);
            default -> throw new IllegalArgumentException("operator " + op);
        };
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (r == 0 && (op == '*' || op == '/') && a != 0 && !Double.isInfinite(b)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    private static double power(double a, double b) {
        if (a == 0 && b < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (a < 0 && b != Math.rint(b)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        return Math.pow(a, b);
    }

    public static SqlException divisionByZero() {
        return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** Unary minus with overflow checks. */
    public static Object negate(Object v, SqlType type) {
        return switch (type) {
            case INTEGER -> {
                int i = (Integer) v;
                if (i == Integer.MIN_VALUE) {
                    throw intOutOfRange();
                }
                yield -i;
            }
            case BIGINT -> {
                long l = (Long) v;
                if (l == Long.MIN_VALUE) {
                    throw bigintOutOfRange();
                }
                yield -l;
            }
            case DOUBLE -> -(Double) v;
            default -> throw new IllegalArgumentException("not numeric: " + type);
        };
    }
}

package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
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

    /** The cast context from {@code from} to {@code to} (for non-UNKNOWN types), as in pg_cast. */
    public static CastContext castContext(SqlType from, SqlType to) {
        if (from == to || from == SqlType.UNKNOWN) {
            return CastContext.IMPLICIT;
        }
        if (to == SqlType.UNKNOWN) {
            return CastContext.NONE;
        }
        CastContext system = OidTypes.castContext(from, to);
        if (system != null) {
            return system;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return numericRank(to) > numericRank(from) ? CastContext.IMPLICIT : CastContext.ASSIGNMENT;
        }
        if (from.isString() && to.isString()) {
            return CastContext.IMPLICIT;
        }
        if (from.isArray() || to.isArray() || from == SqlType.JSONB || to == SqlType.JSONB) {
            CastContext c = ContainerCasts.castContext(from, to);
            if (c != null) {
                return c;
            }
        }
        if (to.isString()) {
            return CastContext.ASSIGNMENT; // every type's output function
        }
        if (from.isString()) {
            return CastContext.EXPLICIT; // every type's input function
        }
        return switch (from) {
            case INTEGER -> to == SqlType.BOOLEAN ? CastContext.EXPLICIT : CastContext.NONE;
            case BOOLEAN -> to == SqlType.INTEGER ? CastContext.EXPLICIT : CastContext.NONE;
            case DATE -> to == SqlType.TIMESTAMP || to == SqlType.TIMESTAMPTZ ? CastContext.IMPLICIT : CastContext.NONE;
            case TIMESTAMP -> switch (to) {
                case TIMESTAMPTZ -> CastContext.IMPLICIT;
                case DATE, TIME -> CastContext.ASSIGNMENT;
                default -> CastContext.NONE;
            };
            case TIMESTAMPTZ -> switch (to) {
                case TIMESTAMP, DATE, TIME -> CastContext.ASSIGNMENT;
                default -> CastContext.NONE;
            };
            case TIME -> to == SqlType.INTERVAL ? CastContext.IMPLICIT : CastContext.NONE;
            case INTERVAL -> to == SqlType.TIME ? CastContext.ASSIGNMENT : CastContext.NONE;
            default -> CastContext.NONE;
        };
    }

    /** The implicit-cast order of the numeric types: smallint < integer < bigint < numeric < real < double. */
    public static int numericRank(SqlType t) {
        return switch (t) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            case BIGINT -> 3;
            case NUMERIC -> 4;
            case REAL -> 5;
            case DOUBLE -> 6;
            default -> 0;
        };
    }

    /** Converts a non-null value of type {@code from} to type {@code to}; the cast must exist. */
    public static Object cast(Object v, SqlType from, SqlType to) {
        if (v == null || from == to) {
            return v;
        }
        if (OidTypes.castsBetween(from, to)) {
            return OidTypes.cast(v, from, to);
        }
        if (to.isString()) {
            // The boolean-to-text cast spells words, unlike boolean output ("t"/"f"); bpchar loses its padding.
            if (to == SqlType.NAME || to == SqlType.CHAR) {
                return OidTypes.parse(from == SqlType.BOOLEAN ? cast(v, from, SqlType.TEXT).toString() : from.toText(v), to);
            }
            return switch (from) {
                case BOOLEAN -> (Boolean) v ? "true" : "false";
                case BPCHAR -> to == SqlType.BPCHAR ? v : stripTrailingSpaces((String) v);
                default -> from.toText(v);
            };
        }
        if (from.isString() || from == SqlType.UNKNOWN) {
            return parse((String) v, to);
        }
        if (from.isArray() || from == SqlType.JSONB || to == SqlType.JSONB) {
            return ContainerCasts.cast(v, from, to);
        }
        if (from.isNumeric() && to.isNumeric()) {
            return numericCast(v, from, to);
        }
        return switch (to) {
            case INTEGER -> switch (from) {
                case BOOLEAN -> ((Boolean) v) ? 1 : 0;
                default -> throw noCast(from, to);
            };
            case BOOLEAN -> switch (from) {
                case INTEGER -> ((Integer) v) != 0;
                default -> throw noCast(from, to);
            };
            case TIMESTAMP -> switch (from) {
                case DATE -> DateTimes.dateToTimestamp((Integer) v);
                case TIMESTAMPTZ -> DateTimes.tzToLocal((Long) v, DateTimes.zone());
                default -> throw noCast(from, to);
            };
            case TIMESTAMPTZ -> switch (from) {
                case DATE -> DateTimes.localToTz(DateTimes.dateToTimestamp((Integer) v), DateTimes.zone());
                case TIMESTAMP -> DateTimes.localToTz((Long) v, DateTimes.zone());
                default -> throw noCast(from, to);
            };
            case DATE -> switch (from) {
                case TIMESTAMP -> DateTimes.timestampToDate((Long) v);
                case TIMESTAMPTZ -> DateTimes.timestampToDate(DateTimes.tzToLocal((Long) v, DateTimes.zone()));
                default -> throw noCast(from, to);
            };
            case TIME -> switch (from) {
                case TIMESTAMP -> DateTimes.timeOfDay((Long) v);
                case TIMESTAMPTZ -> DateTimes.timeOfDay(DateTimes.tzToLocal((Long) v, DateTimes.zone()));
                case INTERVAL -> Math.floorMod(((Interval) v).micros(), Interval.MICROS_PER_DAY);
                default -> throw noCast(from, to);
            };
            case INTERVAL -> switch (from) {
                case TIME -> new Interval(0, 0, (Long) v);
                default -> throw noCast(from, to);
            };
            default -> throw noCast(from, to);
        };
    }

    private static Object numericCast(Object v, SqlType from, SqlType to) {
        return switch (to) {
            case SMALLINT -> (short) integral(v, from, to, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> (int) integral(v, from, to, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integral(v, from, to, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> switch (v) {
                case BigDecimal d -> d;
                case Float f -> Numerics.fromDouble(f, SqlType.REAL);
                case Double d -> Numerics.fromDouble(d, SqlType.DOUBLE);
                default -> BigDecimal.valueOf(((Number) v).longValue());
            };
            case REAL -> {
                float f = ((Number) v).floatValue();
                if (Float.isInfinite(f) && !(v instanceof Double d && Double.isInfinite(d))) {
                    throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                if (f == 0 && v instanceof Double d && d != 0) {
                    throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
                }
                yield f;
            }
            case DOUBLE -> ((Number) v).doubleValue();
            default -> throw noCast(from, to);
        };
    }

    /** A numeric value as an integer type: floats round half to even, numeric half away from zero. */
    private static long integral(Object v, SqlType from, SqlType to, long min, long max) {
        long r = switch (v) {
            case BigDecimal d -> Numerics.toLong(d, to);
            case Float f -> {
                double x = Math.rint(f);
                if (Double.isNaN(x) || x < -0x1p63 || x >= 0x1p63) {
                    throw outOfRangeFor(to);
                }
                yield (long) x;
            }
            case Double d -> {
                double x = Math.rint(d);
                if (Double.isNaN(x) || x < -0x1p63 || x >= 0x1p63) {
                    throw outOfRangeFor(to);
                }
                yield (long) x;
            }
            default -> ((Number) v).longValue();
        };
        if (r < min || r > max) {
            throw outOfRangeFor(to);
        }
        return r;
    }

    /** 22003 "smallint out of range" / "integer out of range" / "bigint out of range". */
    public static SqlException outOfRangeFor(SqlType t) {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, t.sqlName() + " out of range");
    }

    public static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static SqlException noCast(SqlType from, SqlType to) {
        return new SqlException(SqlState.CANNOT_COERCE, "cannot cast type " + from.sqlName() + " to " + to.sqlName());
    }

    /** The input function of {@code type}: text as a client or a literal spells it. */
    public static Object parse(String text, SqlType type) {
        return switch (type) {
            case TEXT, VARCHAR, BPCHAR, UNKNOWN -> text;
            case SMALLINT -> {
                long v = parseInteger(text, "smallint");
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(text, "smallint");
                }
                yield (short) v;
            }
            case INTEGER -> {
                long v = parseInteger(text, "integer");
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(text, "integer");
                }
                yield (int) v;
            }
            case BIGINT -> parseInteger(text, "bigint");
            case DOUBLE -> parseDouble(text, "double precision");
            case REAL -> {
                double d = parseDouble(text, "real");
                float f = (float) d;
                if ((Float.isInfinite(f) && !Double.isInfinite(d)) || (f == 0 && d != 0)) {
                    throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + text + "\" is out of range for type real");
                }
                yield f;
            }
            case NUMERIC -> Numerics.parse(text);
            case BOOLEAN -> parseBoolean(text);
            case BYTEA -> parseBytea(text);
            case UUID -> parseUuid(text);
            case DATE -> DateTimes.parseDate(text);
            case TIME -> DateTimes.parseTime(text);
            case TIMESTAMP -> DateTimes.parseTimestamp(text);
            case TIMESTAMPTZ -> DateTimes.parseTimestamptz(text);
            case INTERVAL -> Intervals.parse(text);
            case JSONB -> Jsonb.parse(text);
            case OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE, NAME, CHAR -> OidTypes.parse(text, type);
            default -> SqlArrays.parse(text, type.elementType());
        };
    }

    /** uuid_in: 32 hex digits, optionally in braces, with a hyphen allowed after any group of four. */
    private static java.util.UUID parseUuid(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && hex.length() % 4 == 0 && hex.length() > 0 && hex.length() < 32 && i + 1 < s.length()
                    && s.charAt(i + 1) != '-') {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw invalid(text, "uuid");
            }
            hex.append(c);
        }
        if (hex.length() != 32) {
            throw invalid(text, "uuid");
        }
        return new java.util.UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** bytea_in: {@code \x} hex (whitespace between pairs allowed) or the escape format. */
    private static Bytea parseBytea(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            int i = 2;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int hi = Character.digit(c, 16);
                if (hi < 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
                }
                if (i + 1 >= text.length()) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
                }
                int lo = Character.digit(text.charAt(i + 1), 16);
                if (lo < 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid hexadecimal digit: \"" + text.charAt(i + 1) + "\"");
                }
                out.write(hi * 16 + lo);
                i += 2;
            }
            return new Bytea(out.toByteArray());
        }
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '\\') {
                out.write(utf8[i]);
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1]) && isOctal(utf8[i + 2]) && isOctal(utf8[i + 3])
                    && utf8[i + 1] <= '3') {
                out.write((utf8[i + 1] - '0') * 64 + (utf8[i + 2] - '0') * 8 + (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw invalid(text, "bytea");
            }
        }
        return new Bytea(out.toByteArray());
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
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

    private static double parseDouble(String text, String typeName) {
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
            throw invalid(text, typeName);
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(s))) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type " + typeName);
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

    /** True for the numeric category (smallint, integer, bigint, numeric, real, double precision). */
    public static boolean isNumeric(SqlType t) {
        return t.isNumeric();
    }

    /**
     * The type PostgreSQL evaluates a binary numeric operator in: the higher of the two in
     * {@link #numericRank}, except that real meets anything but real as double precision (there
     * are no real-integer or real-numeric operators).
     */
    public static SqlType widerNumeric(SqlType a, SqlType b) {
        if (a == b) {
            return a;
        }
        if (a == SqlType.REAL || b == SqlType.REAL) {
            return SqlType.DOUBLE;
        }
        return numericRank(a) >= numericRank(b) ? a : b;
    }

    /**
     * Orders two non-null values of comparable types: numbers numerically (NaN above everything,
     * as in PostgreSQL), text by code point (the "C" collation), false before true, intervals by
     * their 30-day-month normalization, uuids and bytea by unsigned bytes.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareText(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof java.util.UUID x && b instanceof java.util.UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if ((a instanceof BigDecimal || b instanceof BigDecimal) && isExact(a) && isExact(b)) {
            return toBigDecimal(a).compareTo(toBigDecimal(b));
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareDouble(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof java.util.List<?> x && b instanceof java.util.List<?> y) {
            return SqlArrays.compare(x, y);
        }
        if (a instanceof Comparable x && a.getClass() == b.getClass()) {
            return x.compareTo(b);
        }
        throw new IllegalArgumentException("incomparable values " + a.getClass().getSimpleName() + " and "
                + b.getClass().getSimpleName());
    }

    private static boolean isIntegral(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short;
    }

    private static boolean isExact(Object o) {
        return isIntegral(o) || o instanceof BigDecimal;
    }

    private static BigDecimal toBigDecimal(Object o) {
        return o instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) o).longValue());
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
    public static int compareText(String x, String y) {
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
            case SMALLINT -> {
                long r = longOp(op, (Short) a, (Short) b);
                if (r != (short) r) {
                    throw outOfRangeFor(SqlType.SMALLINT);
                }
                yield (short) r;
            }
            case INTEGER -> intOp(op, (Integer) a, (Integer) b);
            case BIGINT -> longOp(op, ((Number) a).longValue(), ((Number) b).longValue());
            case DOUBLE -> doubleOp(op, ((Number) a).doubleValue(), ((Number) b).doubleValue());
            case REAL -> {
                double r = doubleOp(op, (Float) a, (Float) b);
                float f = (float) r;
                if (Float.isInfinite(f) && !Float.isInfinite((Float) a) && !Float.isInfinite((Float) b)) {
                    throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
                yield f;
            }
            case NUMERIC -> numericOp(op, (BigDecimal) a, (BigDecimal) b);
            default -> throw new IllegalArgumentException("not numeric: " + type);
        };
    }

    private static BigDecimal numericOp(char op, BigDecimal a, BigDecimal b) {
        return switch (op) {
            case '+' -> Numerics.add(a, b);
            case '-' -> Numerics.subtract(a, b);
            case '*' -> Numerics.multiply(a, b);
            case '/' -> Numerics.divide(a, b);
            case '%' -> Numerics.mod(a, b);
            case '^' -> {
                if (a.signum() == 0 && b.signum() < 0) {
                    throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                            "zero raised to a negative power is undefined");
                }
                if (b.stripTrailingZeros().scale() <= 0 && b.abs().compareTo(BigDecimal.valueOf(100000)) <= 0) {
                    // an integer exponent: exact, shown with at least 16 decimals (PostgreSQL's power_var_int)
                    int n = b.intValueExact();
                    int rscale = Math.max(Numerics.MIN_SIG_DIGITS, a.scale());
                    BigDecimal r = n >= 0 ? a.pow(n) : BigDecimal.ONE.divide(a.pow(-n), rscale + 5, java.math.RoundingMode.HALF_UP);
                    yield r.setScale(rscale, java.math.RoundingMode.HALF_UP);
                }
                yield Numerics.power(a, b);
            }
            default -> throw new IllegalArgumentException("operator " + op);
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
        // as float8_mul and float8_div: a zero result from non-zero operands (a product with 0 is just 0)
        if (r == 0 && a != 0 && (op == '*' && b != 0 || op == '/' && !Double.isInfinite(b))) {
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
            case SMALLINT -> {
                short i = (Short) v;
                if (i == Short.MIN_VALUE) {
                    throw outOfRangeFor(SqlType.SMALLINT);
                }
                yield (short) -i;
            }
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
            case REAL -> -(Float) v;
            case NUMERIC -> ((BigDecimal) v).negate();
            case INTERVAL -> Intervals.negate((Interval) v);
            default -> throw new IllegalArgumentException("not negatable: " + type);
        };
    }
}

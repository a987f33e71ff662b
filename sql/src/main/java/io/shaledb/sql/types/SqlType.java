package io.shaledb.sql.types;

/**
 * The SQL types ShaleDB knows, with their PostgreSQL type OIDs and sizes so that the wire protocol
 * can describe them to clients, and PostgreSQL's type category (which drives implicit casts and
 * operator resolution).
 *
 * <p>Java representations (one class per type, never null for a non-NULL value):
 * <pre>
 *   BOOLEAN Boolean     SMALLINT Short     INTEGER Integer     BIGINT Long
 *   NUMERIC BigDecimal  REAL Float         DOUBLE Double
 *   TEXT, VARCHAR, BPCHAR String (bpchar stored padded to its length)
 *   BYTEA {@link Bytea}  UUID java.util.UUID
 *   DATE Integer (days since 1970-01-01; Integer.MIN/MAX_VALUE are -infinity/infinity)
 *   TIME Long (microseconds since midnight)
 *   TIMESTAMP, TIMESTAMPTZ Long (microseconds since 1970-01-01 00:00, UTC for timestamptz;
 *                               Long.MIN/MAX_VALUE are -infinity/infinity)
 *   INTERVAL {@link Interval} (months, days, microseconds, as PostgreSQL keeps them)
 *
 *   JSONB {@link Jsonb}
 *   OID, REGCLASS, REGTYPE, REGPROC Long (unsigned 32-bit)   NAME, "char" String
 *   arrays (category 'A') java.util.List of element values, NULL elements as null ({@link SqlArrays})
 * </pre>
 *
 * <p>PostgreSQL gives every array type its own OID ({@code _int4} is 1007), so each array-of-T
 * type is a constant of its own that names its element type ({@link #elementType()}); type modifiers ({@code varchar(5)}, {@code numeric(10,2)})
 * are not part of the type but travel next to it ({@link io.shaledb.sql.catalog.Column}).
 */
public enum SqlType {
    BOOLEAN(16, "boolean", 1, 'B'),
    BYTEA(17, "bytea", -1, 'U'),
    BIGINT(20, "bigint", 8, 'N'),
    SMALLINT(21, "smallint", 2, 'N'),
    INTEGER(23, "integer", 4, 'N'),
    TEXT(25, "text", -1, 'S'),
    REAL(700, "real", 4, 'N'),
    DOUBLE(701, "double precision", 8, 'N'),
    BPCHAR(1042, "character", -1, 'S'),
    VARCHAR(1043, "character varying", -1, 'S'),
    DATE(1082, "date", 4, 'D'),
    TIME(1083, "time without time zone", 8, 'D'),
    TIMESTAMP(1114, "timestamp without time zone", 8, 'D'),
    TIMESTAMPTZ(1184, "timestamp with time zone", 8, 'D'),
    INTERVAL(1186, "interval", 16, 'T'),
    NUMERIC(1700, "numeric", -1, 'N'),
    UUID(2950, "uuid", 16, 'U'),
    /** oid and its reg* aliases: a Long in 0..4294967295 (see {@link OidTypes}); they compare as oids. */
    OID(26, "oid", 4, 'N'),
    REGPROC(24, "regproc", 4, 'N'),
    REGCLASS(2205, "regclass", 4, 'N'),
    REGTYPE(2206, "regtype", 4, 'N'),
    REGNAMESPACE(4089, "regnamespace", 4, 'N'),
    REGROLE(4096, "regrole", 4, 'N'),
    /** name: a String of at most 63 bytes (longer input is truncated, as PostgreSQL does). */
    NAME(19, "name", 64, 'S'),
    /** "char": a String of at most one byte ('' for the zero byte); a string type here (PostgreSQL's category is Z). */
    CHAR(18, "\"char\"", 1, 'S'),
    /** jsonb: a {@link Jsonb} value (normalized: object keys sorted, duplicates dropped). */
    JSONB(3802, "jsonb", -1, 'U'),
    // One-dimensional arrays: a java.util.List of element values (null elements allowed), see SqlArrays.
    BOOL_ARRAY(1000, "boolean[]", -1, 'A'),
    INT2_ARRAY(1005, "smallint[]", -1, 'A'),
    INT4_ARRAY(1007, "integer[]", -1, 'A'),
    TEXT_ARRAY(1009, "text[]", -1, 'A'),
    VARCHAR_ARRAY(1015, "character varying[]", -1, 'A'),
    INT8_ARRAY(1016, "bigint[]", -1, 'A'),
    FLOAT4_ARRAY(1021, "real[]", -1, 'A'),
    FLOAT8_ARRAY(1022, "double precision[]", -1, 'A'),
    BPCHAR_ARRAY(1014, "character[]", -1, 'A'),
    TIMESTAMP_ARRAY(1115, "timestamp without time zone[]", -1, 'A'),
    DATE_ARRAY(1182, "date[]", -1, 'A'),
    TIME_ARRAY(1183, "time without time zone[]", -1, 'A'),
    TIMESTAMPTZ_ARRAY(1185, "timestamp with time zone[]", -1, 'A'),
    INTERVAL_ARRAY(1187, "interval[]", -1, 'A'),
    NUMERIC_ARRAY(1231, "numeric[]", -1, 'A'),
    BYTEA_ARRAY(1001, "bytea[]", -1, 'A'),
    UUID_ARRAY(2951, "uuid[]", -1, 'A'),
    JSONB_ARRAY(3807, "jsonb[]", -1, 'A'),
    OID_ARRAY(1028, "oid[]", -1, 'A'),
    NAME_ARRAY(1003, "name[]", -1, 'A'),
    CHAR_ARRAY(1002, "\"char\"[]", -1, 'A'),
    REGTYPE_ARRAY(2211, "regtype[]", -1, 'A'),
    /** The type of an untyped NULL or string literal before context decides. */
    UNKNOWN(705, "unknown", -2, 'X');

    private final int oid;
    private final String sqlName;
    private final int length;
    private final char category;

    SqlType(int oid, String sqlName, int length, char category) {
        this.oid = oid;
        this.sqlName = sqlName;
        this.length = length;
        this.category = category;
    }

    /** True for the one-dimensional array types ({@link #elementType()} is then non-null). */
    public boolean isArray() {
        return category == 'A';
    }

    /** The element type of an array type, or null. */
    public SqlType elementType() {
        return switch (this) {
            case BOOL_ARRAY -> BOOLEAN;
            case INT2_ARRAY -> SMALLINT;
            case INT4_ARRAY -> INTEGER;
            case INT8_ARRAY -> BIGINT;
            case TEXT_ARRAY -> TEXT;
            case VARCHAR_ARRAY -> VARCHAR;
            case BPCHAR_ARRAY -> BPCHAR;
            case FLOAT4_ARRAY -> REAL;
            case FLOAT8_ARRAY -> DOUBLE;
            case NUMERIC_ARRAY -> NUMERIC;
            case DATE_ARRAY -> DATE;
            case TIME_ARRAY -> TIME;
            case TIMESTAMP_ARRAY -> TIMESTAMP;
            case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
            case INTERVAL_ARRAY -> INTERVAL;
            case BYTEA_ARRAY -> BYTEA;
            case UUID_ARRAY -> UUID;
            case JSONB_ARRAY -> JSONB;
            case OID_ARRAY -> OID;
            case NAME_ARRAY -> NAME;
            case CHAR_ARRAY -> CHAR;
            case REGTYPE_ARRAY -> REGTYPE;
            default -> null;
        };
    }

    /** The array type whose elements are of this type, or null when ShaleDB has none. */
    public SqlType arrayType() {
        for (SqlType t : values()) {
            if (t.elementType() == this) {
                return t;
            }
        }
        return null;
    }

    /** PostgreSQL's typcategory: N numeric, S string, D date/time, T timespan, B boolean, U other. */
    public char category() {
        return category;
    }

    /** The types of the string category (text, varchar, bpchar). */
    public boolean isString() {
        return category == 'S';
    }

    /** The numeric category (smallint, integer, bigint, numeric, real, double precision). */
    public boolean isNumeric() {
        return category == 'N' && !isOidLike();
    }

    /** oid and the reg* types (regclass, regtype, regproc): unsigned 32-bit object ids held as Long. */
    public boolean isOidLike() {
        return this == OID || this == REGCLASS || this == REGTYPE || this == REGPROC || this == REGNAMESPACE || this == REGROLE;
    }

    /** The PostgreSQL type OID. */
    public int oid() {
        return oid;
    }

    /** The name PostgreSQL prints, e.g. {@code "double precision"}. */
    public String sqlName() {
        return sqlName;
    }

    /** PostgreSQL's typlen: byte width, -1 for variable length, -2 for C strings. */
    public int length() {
        return length;
    }

    /** The text form PostgreSQL sends for a value of this type (the output function). */
    public String toText(Object value) {
        return switch (this) {
            case BOOLEAN -> ((Boolean) value) ? "t" : "f";
            case DOUBLE -> formatDouble((Double) value);
            case REAL -> formatReal((Float) value);
            case NUMERIC -> Numerics.toText((java.math.BigDecimal) value);
            case BYTEA -> ((Bytea) value).toHex();
            case DATE -> DateTimes.formatDate((Integer) value);
            case TIME -> DateTimes.formatTime((Long) value);
            case TIMESTAMP -> DateTimes.formatTimestamp((Long) value);
            case TIMESTAMPTZ -> DateTimes.formatTimestamptz((Long) value, DateTimes.zone());
            case INTERVAL -> ((Interval) value).toString();
            case JSONB -> value.toString();
            case OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> OidTypes.toText(this, (Long) value);
            default -> isArray() ? SqlArrays.toText((java.util.List<?>) value, elementType()) : String.valueOf(value);
        };
    }

    /**
     * float8out with extra_float_digits = 1 (the PostgreSQL 12+ default): the shortest decimal that
     * reads back as the same double, in fixed notation when the decimal exponent is in
     * {@code [-4, 15)} and in {@code d.ddde+XX} notation otherwise (the thresholds of PostgreSQL's
     * Ryu-based output). Java's {@link Double#toString} has produced the shortest digits since JDK
     * 19; only the layout is redone here.
     */
    public static String formatDouble(double d) {
        return Double.isFinite(d) && d != 0 ? layout(Double.toString(Math.abs(d)), d < 0, 15) : specialDouble(d);
    }

    /** float4out: the shortest decimal that reads back as the same float, exponent from 6 digits. */
    public static String formatReal(float f) {
        return Float.isFinite(f) && f != 0 ? layout(Float.toString(Math.abs(f)), f < 0, 6) : specialDouble(f);
    }

    private static String specialDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return 1 / d < 0 ? "-0" : "0";
    }

    /** Lays out Java's shortest digits {@code s} of a positive number the way PostgreSQL does. */
    private static String layout(String s, boolean negative, int maxFixedExponent) {
        // Decompose Java's shortest representation into sign, digits and a decimal exponent.
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String intPart = mantissa.substring(0, dot);
        String fracPart = mantissa.substring(dot + 1);
        String digits = intPart + fracPart;
        int pointPos = intPart.length() + exp10; // the decimal point sits after this many digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        pointPos -= lead;
        int trail = digits.length();
        while (trail > 1 && digits.charAt(trail - 1) == '0') {
            trail--;
        }
        digits = digits.substring(0, trail);
        int sciExp = pointPos - 1;
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (sciExp >= -4 && sciExp < maxFixedExponent) {
            if (pointPos <= 0) {
                out.append("0.").append("0".repeat(-pointPos)).append(digits);
            } else if (pointPos >= digits.length()) {
                out.append(digits).append("0".repeat(pointPos - digits.length()));
            } else {
                out.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(sciExp < 0 ? '-' : '+');
            int abs = Math.abs(sciExp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }
}

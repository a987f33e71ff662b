package io.shaledb.sql.types;

/**
 * The SQL types ShaleDB knows, with their PostgreSQL type OIDs and sizes so that the wire protocol
 * can describe them to clients. Java representations: BOOLEAN {@link Boolean}, INTEGER
 * {@link Integer}, BIGINT {@link Long}, DOUBLE {@link Double}, TEXT {@link String}.
 */
public enum SqlType {
    BOOLEAN(16, "boolean", 1),
    BIGINT(20, "bigint", 8),
    INTEGER(23, "integer", 4),
    TEXT(25, "text", -1),
    DOUBLE(701, "double precision", 8),
    /** The type of an untyped NULL or string literal before context decides. */
    UNKNOWN(705, "unknown", -2);

    private final int oid;
    private final String sqlName;
    private final int length;

    SqlType(int oid, String sqlName, int length) {
        this.oid = oid;
        this.sqlName = sqlName;
        this.length = length;
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
            default -> String.valueOf(value);
        };
    }

    /** float8out with extra_float_digits = 1 (PostgreSQL 12+ default): shortest exact form. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        // Java: 1.0E-5 / 1.234E20 ; PostgreSQL: 1e-05 / 1.234e+20
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        String sign = exp < 0 ? "-" : "+";
        int abs = Math.abs(exp);
        return mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
}

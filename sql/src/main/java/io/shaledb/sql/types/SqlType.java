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

    /**
     * float8out with extra_float_digits = 1 (the PostgreSQL 12+ default): the shortest decimal that
     * reads back as the same double, in fixed notation when the decimal exponent is in
     * {@code [-4, 15)} and in {@code d.ddde+XX} notation otherwise (the thresholds of PostgreSQL's
     * Ryu-based output). Java's {@link Double#toString} has produced the shortest digits since JDK
     * 19; only the layout is redone here.
     */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        // Decompose Java's shortest representation into sign, digits and a decimal exponent.
        String s = Double.toString(Math.abs(d));
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
        if (d < 0) {
            out.append('-');
        }
        if (sciExp >= -4 && sciExp < 15) {
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

package io.shaledb.sql.stats;

import io.shaledb.sql.types.Interval;
import java.math.BigDecimal;

/**
 * Places a value and the two bounds of the histogram bucket it falls in on one numeric scale, so
 * that the fraction of the bucket below the value can be interpolated (PostgreSQL's
 * {@code convert_to_scalar}). Numbers, dates, times, timestamps and intervals map to their
 * numeric value; strings drop their common prefix and read the next characters as digits of a
 * base spanning the characters that occur (PostgreSQL's {@code convert_string_to_scalar}).
 * Other types (boolean, uuid, bytea, jsonb, arrays) cannot be interpolated: null.
 */
final class ScalarScale {
    /** Characters of a string that take part in the conversion. */
    private static final int STRING_DIGITS = 12;

    private ScalarScale() {}

    /** {value, low, high} on one scale, or null when the type has none. */
    static double[] convert(Object value, Object low, Object high) {
        if (value instanceof String v && low instanceof String lo && high instanceof String hi) {
            return strings(v, lo, hi);
        }
        Double v = number(value);
        Double lo = number(low);
        Double hi = number(high);
        return v == null || lo == null || hi == null ? null : new double[] {v, lo, hi};
    }

    private static Double number(Object o) {
        return switch (o) {
            case BigDecimal d -> d.doubleValue();
            case Number n -> n.doubleValue(); // integers, floats; dates (days), times and timestamps (micros)
            case Interval i -> i.linear().doubleValue();
            default -> null;
        };
    }

    private static double[] strings(String value, String low, String high) {
        int prefix = 0;
        int max = Math.min(value.length(), Math.min(low.length(), high.length()));
        while (prefix < max && value.charAt(prefix) == low.charAt(prefix) && value.charAt(prefix) == high.charAt(prefix)) {
            prefix++;
        }
        String v = value.substring(prefix);
        String lo = low.substring(prefix);
        String hi = high.substring(prefix);
        int rangeLo = 255;
        int rangeHi = 0;
        for (String s : new String[] {v, lo, hi}) {
            for (int i = 0; i < Math.min(s.length(), STRING_DIGITS); i++) {
                rangeLo = Math.min(rangeLo, s.charAt(i));
                rangeHi = Math.max(rangeHi, s.charAt(i));
            }
        }
        // widen to whole classes of characters, as PostgreSQL does
        if (rangeLo >= 'a' && rangeHi <= 'z') {
            rangeLo = 'a';
            rangeHi = 'z';
        } else if (rangeLo >= 'A' && rangeHi <= 'Z') {
            rangeLo = 'A';
            rangeHi = 'Z';
        } else if (rangeLo >= '0' && rangeHi <= '9') {
            rangeLo = '0';
            rangeHi = '9';
        }
        if (rangeHi < rangeLo) {
            rangeLo = 0;
            rangeHi = 255;
        }
        return new double[] {string(v, rangeLo, rangeHi), string(lo, rangeLo, rangeHi), string(hi, rangeLo, rangeHi)};
    }

    private static double string(String s, int rangeLo, int rangeHi) {
        double base = rangeHi - rangeLo + 1.0;
        double num = 0;
        double denom = base;
        for (int i = 0; i < Math.min(s.length(), STRING_DIGITS); i++) {
            int c = Math.min(Math.max(s.charAt(i), rangeLo), rangeHi + 1);
            num += (c - rangeLo) / denom;
            denom *= base;
        }
        return num;
    }
}

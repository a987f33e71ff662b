package io.shaledb.sql.exec;

import java.math.BigInteger;

/**
 * The number at the start of a parameter value, read as PostgreSQL reads integer parameters: like
 * C's {@code strtol} with base 0 (leading blanks, a sign, {@code 0x} hex, {@code 0} octal), and
 * when that stops at {@code .}, {@code e} or {@code E} or overflows, again like {@code strtod}
 * (decimal only; hexadecimal fractions are not read).
 *
 * @param value the number
 * @param end the index just after it, where a unit may follow
 */
record NumberPrefix(double value, int end) {

    /** The leading number of {@code s}, or null when there is none or a fraction over- or underflows. */
    static NumberPrefix parse(String s) {
        NumberPrefix integer = integer(s);
        int stop = integer == null ? 0 : integer.end();
        boolean overflow = integer != null && Double.isNaN(integer.value());
        if (overflow || (stop < s.length() && ".eE".indexOf(s.charAt(stop)) >= 0)) {
            return fraction(s);
        }
        return integer;
    }

    /** strtol(s, base 0); an overflowing value comes back as NaN, a missing one as null. */
    private static NumberPrefix integer(String s) {
        int i = SettingValues.skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start) {
            return null;
        }
        BigInteger n = new BigInteger(s.substring(start, i), radix);
        if (negative) {
            n = n.negate();
        }
        return new NumberPrefix(n.bitLength() >= Long.SIZE ? Double.NaN : n.longValue(), i);
    }

    /** strtod(s) for decimal numbers: blanks, sign, digits with an optional point, an optional exponent. */
    private static NumberPrefix fraction(String s) {
        int i = SettingValues.skipSpace(s, 0);
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean nonZero = false;
        while (i < s.length() && (isDigit(s.charAt(i)) || (s.charAt(i) == '.' && s.indexOf('.', start) == i))) {
            if (isDigit(s.charAt(i))) {
                digits++;
                nonZero |= s.charAt(i) != '0';
            }
            i++;
        }
        if (digits == 0) {
            return null;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < s.length() && isDigit(s.charAt(e))) {
                while (e < s.length() && isDigit(s.charAt(e))) {
                    e++;
                }
                i = e;
            }
        }
        double v = Double.parseDouble(s.substring(start, i));
        if (Double.isInfinite(v) || (v == 0 && nonZero)) {
            return null; // strtod reports ERANGE, and PostgreSQL rejects the value without a hint
        }
        return new NumberPrefix(v, i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

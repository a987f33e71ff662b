package io.shaledb.kv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * INCRBYFLOAT's arithmetic as Redis does it, in x87 80-bit {@code long double}: each operand and
 * the sum rounded to a 64-bit significand (round half to even), the result printed with
 * {@code %.17Lf} and stripped of trailing zeros. Java has no such type, so the values are kept as
 * exact {@link BigDecimal}s and rounded to what a long double can hold.
 */
final class LongDouble {
    private static final int SIGNIFICAND_BITS = 64;
    private static final BigInteger LOW = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS - 1);
    private static final BigInteger HIGH = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS);

    private static final double LOG2_10 = Math.log(10) / Math.log(2);
    /** 2^16384: the first power of two beyond the largest finite long double. */
    private static final BigDecimal OVERFLOW = new BigDecimal(BigInteger.ONE.shiftLeft(16384));

    private LongDouble() {}

    /** True when a long double holding {@code x} would be infinite. */
    static boolean overflows(BigDecimal x) {
        return x.abs().compareTo(OVERFLOW) >= 0;
    }

    /** The long double nearest to {@code x}. */
    static BigDecimal round(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // log2|x| to within a few units, from the decimal digits; the loop corrects the rest
        int e = x.unscaledValue().abs().bitLength() - 1 - (int) Math.round(x.scale() * LOG2_10);
        for (int attempt = 0; attempt < 256; attempt++) {
            BigInteger m = scale(x, SIGNIFICAND_BITS - 1 - e).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            BigInteger abs = m.abs();
            if (abs.compareTo(HIGH) >= 0) {
                e++;
            } else if (abs.compareTo(LOW) < 0) {
                e--;
            } else {
                return scale(new BigDecimal(m), e - (SIGNIFICAND_BITS - 1));
            }
        }
        throw new IllegalStateException("no long double significand found for " + x);
    }

    /** {@code x * 2^k}, exactly. */
    private static BigDecimal scale(BigDecimal x, int k) {
        return k >= 0 ? x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)))
                : x.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
    }

    /** {@code %.17Lf} without trailing zeros (and without the point when nothing follows it). */
    static String format(BigDecimal x) {
        String s = x.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }
}

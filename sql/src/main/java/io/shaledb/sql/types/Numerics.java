package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * PostgreSQL's {@code numeric} on {@link BigDecimal}: exact decimals whose scale is the display
 * scale. The result scales follow PostgreSQL: {@code +}/{@code -} keep the larger scale,
 * {@code *} adds the scales, {@code /} picks at least 16 significant digits
 * ({@link #divisionScale}), and rounding is half away from zero ({@link RoundingMode#HALF_UP}).
 *
 * <p>A type modifier {@code numeric(p,s)} is packed as {@code (p << 16) | s} (see
 * {@link #typmod}); applying it rounds to scale s and rejects values with more than p - s integer
 * digits (22003 numeric field overflow). NaN and the infinities of PostgreSQL's numeric are not
 * supported.
 */
public final class Numerics {
    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: division and functions keep at least this many digits. */
    static final int MIN_SIG_DIGITS = 16;
    static final int MAX_DISPLAY_SCALE = 1000;
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Numerics() {}

    /** The typmod of {@code numeric(precision, scale)}. */
    public static int typmod(int precision, int scale) {
        return (precision << 16) | (scale & 0xFFFF);
    }

    public static int precision(int typmod) {
        return typmod >>> 16;
    }

    public static int scale(int typmod) {
        return (short) (typmod & 0xFFFF);
    }

    /** numeric_in. */
    public static BigDecimal parse(String text) {
        String s = text.strip();
        if (!SYNTAX.matcher(s).matches()) {
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type numeric: \"" + text + "\"");
        }
        return normalize(new BigDecimal(s));
    }

    /** A display scale is never negative: 1e3 is {@code 1000}, not {@code 1E+3}. */
    public static BigDecimal normalize(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** numeric_out: plain digits with the value's scale. */
    public static String toText(BigDecimal d) {
        return normalize(d).toPlainString();
    }

    /** Applies {@code numeric(p,s)}: rounds to s digits, then checks the integer digits. */
    public static BigDecimal applyTypmod(BigDecimal d, int typmod) {
        if (typmod < 0) {
            return d;
        }
        int precision = precision(typmod);
        int scale = scale(typmod);
        BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (r.signum() != 0 && r.precision() - r.scale() > maxDigits) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow", 0,
                    "A field with precision " + precision + ", scale " + scale
                            + " must round to an absolute value less than " + (maxDigits > 0 ? "10^" + maxDigits : "1") + ".",
                    null, null);
        }
        return r;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a.add(b);
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return a.subtract(b);
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a.multiply(b);
    }

    /** numeric division rounded to {@link #divisionScale}. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Values.divisionByZero();
        }
        return a.divide(b, divisionScale(a, b), RoundingMode.HALF_UP);
    }

    /** numeric modulo: the remainder with the dividend's sign, at the larger scale. */
    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Values.divisionByZero();
        }
        return a.remainder(b);
    }

    /**
     * PostgreSQL's select_div_scale: enough digits for 16 significant digits of the quotient,
     * judged from the base-10000 weights and first digit groups of the operands, and never fewer
     * than either operand's scale.
     */
    static int divisionScale(BigDecimal a, BigDecimal b) {
        int w1 = weight(a);
        int w2 = weight(b);
        int qweight = w1 - w2;
        if (firstGroup(a, w1) <= firstGroup(b, w2)) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), b.scale()));
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    /** The base-10000 weight of the first non-zero digit group (0 for zero). */
    static int weight(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        int exp10 = d.precision() - d.scale() - 1;
        return Math.floorDiv(exp10, 4);
    }

    private static int firstGroup(BigDecimal d, int weight) {
        if (d.signum() == 0) {
            return 0;
        }
        return d.abs().movePointLeft(4 * weight).intValue();
    }

    /** sqrt(numeric) with PostgreSQL's result scale. */
    public static BigDecimal sqrt(BigDecimal d) {
        if (d.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
        }
        int sweight = (weight(d) + 1) * 4 / 2 - 1;
        int rscale = Math.max(Math.max(MIN_SIG_DIGITS - sweight, d.scale()), 0);
        return d.sqrt(new MathContext(rscale + 2 + Math.max(0, d.precision()))).setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * A numeric result of a transcendental function computed in double precision, shown with
     * 16 significant digits like PostgreSQL (whose last digit can differ: PostgreSQL computes
     * these exactly). Used only where {@link #exp}, {@link #ln} and {@link #power} do not apply.
     */
    public static BigDecimal fromTranscendental(double r, int minScale) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        BigDecimal d = new BigDecimal(r);
        int exp10 = r == 0 ? 0 : d.precision() - d.scale() - 1;
        int scale = Math.max(Math.max(MIN_SIG_DIGITS - exp10, minScale), 0);
        return d.setScale(Math.min(scale, MAX_DISPLAY_SCALE), RoundingMode.HALF_UP);
    }

    /** exp(numeric): result scale 16 minus the result's approximate decimal weight, as PostgreSQL. */
    public static BigDecimal exp(BigDecimal x) {
        double weight = x.doubleValue() * 0.434294481903252;
        if (weight > 1000) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - (int) weight, x.scale()));
        return expExact(x, new MathContext(rscale + Math.max(0, (int) weight) + 10)).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** ln(numeric): 16 significant digits at least, as PostgreSQL. */
    public static BigDecimal ln(BigDecimal x) {
        checkLogArgument(x);
        BigDecimal r = lnExact(x, new MathContext(MIN_SIG_DIGITS + 30));
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - decimalWeight(r), x.scale()));
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** log(base, x) in numeric. */
    public static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLogArgument(base);
        checkLogArgument(x);
        MathContext mc = new MathContext(MIN_SIG_DIGITS + 30);
        BigDecimal lnBase = lnExact(base, mc);
        if (lnBase.signum() == 0) {
            throw Values.divisionByZero();
        }
        BigDecimal r = lnExact(x, mc).divide(lnBase, mc);
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - decimalWeight(r), Math.max(base.scale(), x.scale())));
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** base ^ exponent for a non-integer exponent (positive base), PostgreSQL's result scale. */
    public static BigDecimal power(BigDecimal base, BigDecimal exponent) {
        if (base.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(clampScale(Math.max(MIN_SIG_DIGITS, Math.max(base.scale(), exponent.scale()))));
        }
        MathContext mc = new MathContext(MIN_SIG_DIGITS + 30);
        BigDecimal lnResult = lnExact(base, mc).multiply(exponent, mc);
        double weight = lnResult.doubleValue() * 0.434294481903252;
        if (weight > 1000) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - (int) weight, Math.max(base.scale(), exponent.scale())));
        return expExact(lnResult, new MathContext(rscale + Math.max(0, (int) weight) + 10)).setScale(rscale, RoundingMode.HALF_UP);
    }

    private static void checkLogArgument(BigDecimal x) {
        if (x.signum() == 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        }
    }

    private static int clampScale(int scale) {
        return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
    }

    /** floor(log10(|d|)), 0 for zero. */
    private static int decimalWeight(BigDecimal d) {
        return d.signum() == 0 ? 0 : d.precision() - d.scale() - 1;
    }

    /** e^x to {@code mc}: halve x until small, Taylor series, square back. */
    static BigDecimal expExact(BigDecimal x, MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 20);
        int halvings = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(new BigDecimal("0.5")) > 0) {
            y = y.divide(BigDecimal.valueOf(2), work);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int i = 1; i < 1000 && term.abs().compareTo(epsilon) > 0; i++) {
            term = term.multiply(y, work).divide(BigDecimal.valueOf(i), work);
            sum = sum.add(term, work);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }

    /** ln(x) for x > 0 to {@code mc}: x = m * 10^k, then Halley iterations on m from a double guess. */
    static BigDecimal lnExact(BigDecimal x, MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 20);
        int k = decimalWeight(x);
        BigDecimal m = x.movePointLeft(k); // in [1, 10)
        BigDecimal y = new BigDecimal(Math.log(m.doubleValue()));
        for (int i = 0; i < 10; i++) {
            BigDecimal ey = expExact(y, work);
            BigDecimal step = m.subtract(ey).multiply(BigDecimal.valueOf(2)).divide(m.add(ey), work);
            y = y.add(step, work);
            if (step.signum() == 0 || step.abs().compareTo(BigDecimal.ONE.movePointLeft(work.getPrecision())) < 0) {
                break;
            }
        }
        if (k != 0) {
            BigDecimal ln10 = k == 0 ? BigDecimal.ZERO : lnTen(work);
            y = y.add(ln10.multiply(BigDecimal.valueOf(k), work), work);
        }
        return y.round(mc);
    }

    private static BigDecimal lnTen(MathContext work) {
        BigDecimal y = new BigDecimal(Math.log(10));
        BigDecimal ten = BigDecimal.TEN;
        for (int i = 0; i < 10; i++) {
            BigDecimal ey = expExact(y, work);
            BigDecimal step = ten.subtract(ey).multiply(BigDecimal.valueOf(2)).divide(ten.add(ey), work);
            y = y.add(step, work);
            if (step.signum() == 0 || step.abs().compareTo(BigDecimal.ONE.movePointLeft(work.getPrecision())) < 0) {
                break;
            }
        }
        return y;
    }

    /** numeric to integer types: round half away from zero, then range-check. */
    public static long toLong(BigDecimal d, SqlType target) {
        BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (i.bitLength() > 63) {
            throw Values.outOfRangeFor(target);
        }
        return i.longValue();
    }

    /** float to numeric: like PostgreSQL, keeps 15 significant digits of a double (6 of a real). */
    public static BigDecimal fromDouble(double d, SqlType from) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity") + " to numeric");
        }
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(d).round(new MathContext(from == SqlType.REAL ? 6 : 15, RoundingMode.HALF_EVEN));
        return normalize(exact.stripTrailingZeros());
    }
}

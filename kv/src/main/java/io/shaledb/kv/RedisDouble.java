package io.shaledb.kv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Doubles as Redis 7.0 prints scores ({@code %.17g}: 1500 is "1500", 1.1 is "1.1000000000000001"). */
public final class RedisDouble {
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    private RedisDouble() {}

    public static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(d).round(SEVENTEEN);
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = stripZeros(bd.unscaledValue().abs().toString());
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = Integer.toString(Math.abs(exponent));
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        String fixed = bd.setScale(Math.max(0, 16 - exponent), RoundingMode.HALF_EVEN).toPlainString();
        if (fixed.indexOf('.') >= 0) {
            fixed = stripZeros(fixed);
            if (fixed.endsWith(".")) {
                fixed = fixed.substring(0, fixed.length() - 1);
            }
        }
        return fixed;
    }

    private static String stripZeros(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A score argument as Redis reads it (strtod: decimal, exponent, inf/-inf); NaN is refused. */
    public static double parse(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
                || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
            throw new KvException(KvException.NOT_FLOAT);
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d)) {
                throw new KvException(KvException.NOT_FLOAT);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new KvException(KvException.NOT_FLOAT);
        }
    }
}

package io.shaledb.sql.types;

import java.math.BigInteger;

/**
 * An interval value as PostgreSQL keeps it: months, days and microseconds, each signed and kept
 * apart (a month is not a fixed number of days, nor a day a fixed number of hours across DST).
 * Comparison and hashing use PostgreSQL's normalization: a month counts 30 days and a day 24 hours,
 * so {@code '1 mon' = '30 days'}.
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    /** The linear value used for ordering: months * 30 days + days, in microseconds (128-bit). */
    public BigInteger linear() {
        return BigInteger.valueOf((long) months * 30 + days).multiply(BigInteger.valueOf(MICROS_PER_DAY))
                .add(BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Interval o) {
        return linear().compareTo(o.linear());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && compareTo(i) == 0;
    }

    @Override
    public int hashCode() {
        return linear().hashCode();
    }

    /** IntervalStyle postgres output: {@code 1 year 2 mons -3 days +04:05:06.5}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int years = months / 12;
        int mons = months % 12;
        // Like PostgreSQL, a positive field after a negative one gets an explicit '+'.
        boolean anyNegative = appendField(sb, years, "year", false);
        anyNegative = appendField(sb, mons, "mon", anyNegative);
        anyNegative = appendField(sb, days, "day", anyNegative);
        if (micros != 0 || sb.isEmpty()) {
            boolean neg = micros < 0;
            // Unsigned magnitude; Long.MIN_VALUE's magnitude still fits the arithmetic below.
            long abs = neg ? -micros : micros;
            long hours = Long.divideUnsigned(abs, MICROS_PER_HOUR);
            long rest = Long.remainderUnsigned(abs, MICROS_PER_HOUR);
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (neg) {
                sb.append('-');
            } else if (anyNegative) {
                sb.append('+');
            }
            sb.append(hours < 10 ? "0" : "").append(hours).append(':');
            appendTwo(sb, rest / MICROS_PER_MINUTE).append(':');
            long secMicros = rest % MICROS_PER_MINUTE;
            appendTwo(sb, secMicros / MICROS_PER_SECOND);
            DateTimes.appendFraction(sb, secMicros % MICROS_PER_SECOND);
        }
        return sb.toString();
    }

    /** Appends one field if non-zero; returns whether the last field written so far is negative. */
    private static boolean appendField(StringBuilder sb, int value, String unit, boolean anyNegative) {
        if (value == 0) {
            return anyNegative;
        }
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        if (value > 0 && anyNegative) {
            sb.append('+');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        return value < 0;
    }

    private static StringBuilder appendTwo(StringBuilder sb, long v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }
}

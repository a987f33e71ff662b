package io.shaledb.sql.types;

import java.time.LocalDate;

/**
 * A fast path for the one timestamp spelling that bulk loads carry by the million, the one
 * PostgreSQL itself prints: {@code YYYY-MM-DD HH:MM:SS[.f…f][+HH[:MM]]} (a {@code T} for the
 * space allowed, 1 to 6 fraction digits). Read by hand, without the regular expressions of
 * {@link DateTimes}' general parser. Anything else, and anything out of range, is not taken here
 * ({@code Long.MIN_VALUE}) and goes to the general parser, which also words the errors.
 *
 * <pre>
 *   2026-10-21 06:34:47.134+00
 *   0123456789012345678
 *   date      time     fraction zone
 * </pre>
 */
final class IsoTimestamps {
    /** Returned for text this fast path does not handle. */
    static final long NOT_HANDLED = Long.MIN_VALUE;
    /** A zone offset that the text did not carry. */
    static final int NO_OFFSET = Integer.MIN_VALUE;

    private IsoTimestamps() {}

    /**
     * The local timestamp (microseconds, as {@link DateTimes#fromLocal} counts them) of
     * {@code s}, with the zone offset in seconds in {@code offset[0]} ({@link #NO_OFFSET} when
     * there is none); {@link #NOT_HANDLED} when {@code s} is not in the plain form.
     */
    static long parseLocal(String s, int[] offset) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_HANDLED;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59) {
            return NOT_HANDLED; // 24:00:00, leap seconds, bad fields: the general parser decides
        }
        int pos = 19;
        long micros = 0;
        if (pos < n && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && isDigit(s.charAt(pos))) {
                pos++;
            }
            int len = pos - start;
            if (len == 0 || len > 6) {
                return NOT_HANDLED;
            }
            micros = digits(s, start, len);
            for (int i = len; i < 6; i++) {
                micros *= 10;
            }
        }
        offset[0] = NO_OFFSET;
        if (pos < n) {
            char sign = s.charAt(pos);
            if (sign != '+' && sign != '-' || pos + 3 > n) {
                return NOT_HANDLED;
            }
            int oh = digits(s, pos + 1, 2);
            int om = 0;
            pos += 3;
            if (pos < n) {
                if (s.charAt(pos) != ':' || pos + 3 != n) {
                    return NOT_HANDLED;
                }
                om = digits(s, pos + 1, 2);
                pos += 3;
            }
            if (oh < 0 || om < 0 || oh > 15 || om > 59) {
                return NOT_HANDLED;
            }
            int total = oh * 3600 + om * 60;
            offset[0] = sign == '-' ? -total : total;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || micros < 0) {
            return NOT_HANDLED; // a non-digit somewhere
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return (days * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L + micros; // as DateTimes.fromLocal
    }

    /** The number of {@code len} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

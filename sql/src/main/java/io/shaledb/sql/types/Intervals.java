package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interval input (PostgreSQL's {@code '1 day 02:03:04'}, {@code '@ 1 hour ago'} and ISO 8601
 * {@code 'P1Y2M3DT4H5M6S'}) and the date/time arithmetic that involves intervals.
 *
 * <p>Fractions spill downwards as in PostgreSQL: {@code '1.5 years'} is 1 year 6 mons,
 * {@code '1.5 mons'} is 1 mon 15 days, {@code '1.5 days'} is 1 day 12:00:00.
 */
public final class Intervals {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(@)|(ago)\\b|([+-]?\\d+(?::\\d+(?::\\d+)?(?:\\.\\d*)?)?(?:\\.\\d*)?|[+-]?\\.\\d+)\\s*([a-z]*))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO = Pattern.compile(
            "P(?:([+-]?\\d+(?:\\.\\d+)?)Y)?(?:([+-]?\\d+(?:\\.\\d+)?)M)?(?:([+-]?\\d+(?:\\.\\d+)?)W)?(?:([+-]?\\d+(?:\\.\\d+)?)D)?"
                    + "(?:T(?:([+-]?\\d+(?:\\.\\d+)?)H)?(?:([+-]?\\d+(?:\\.\\d+)?)M)?(?:([+-]?\\d+(?:\\.\\d+)?)S)?)?",
            Pattern.CASE_INSENSITIVE);

    private Intervals() {}

    /** Accumulates fields with PostgreSQL's fraction spill. */
    private static final class Acc {
        long months;
        long days;
        BigDecimal micros = BigDecimal.ZERO;

        void add(BigDecimal value, String unit, String text) {
            switch (unit) {
                case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> micros = micros.add(value);
                case "millisecond", "milliseconds", "ms", "msec", "msecs" -> micros = micros.add(value.movePointRight(3));
                case "", "second", "seconds", "s", "sec", "secs" -> micros = micros.add(value.movePointRight(6));
                case "minute", "minutes", "m", "min", "mins" -> micros = micros.add(value.multiply(BigDecimal.valueOf(Interval.MICROS_PER_MINUTE)));
                case "hour", "hours", "h", "hr", "hrs" -> micros = micros.add(value.multiply(BigDecimal.valueOf(Interval.MICROS_PER_HOUR)));
                case "day", "days", "d" -> addDays(value);
                case "week", "weeks", "w" -> addDays(value.multiply(BigDecimal.valueOf(7)));
                case "month", "months", "mon", "mons" -> addMonths(value);
                case "year", "years", "y", "yr", "yrs" -> addMonths(value.multiply(BigDecimal.valueOf(12)));
                case "decade", "decades", "dec", "decs" -> addMonths(value.multiply(BigDecimal.valueOf(120)));
                case "century", "centuries", "c", "cent" -> addMonths(value.multiply(BigDecimal.valueOf(1200)));
                case "millennium", "millennia", "mil", "mils" -> addMonths(value.multiply(BigDecimal.valueOf(12000)));
                default -> throw invalid(text);
            }
        }

        void addDays(BigDecimal value) {
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            days += whole.longValueExact();
            micros = micros.add(value.subtract(whole).multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
        }

        void addMonths(BigDecimal value) {
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            months += whole.longValueExact();
            addDays(value.subtract(whole).multiply(BigDecimal.valueOf(30)));
        }

        Interval build(boolean negate, String text) {
            long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValue();
            long m = negate ? -months : months;
            long d = negate ? -days : days;
            if (m != (int) m || d != (int) d) {
                throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
            }
            return new Interval((int) m, (int) d, negate ? -us : us);
        }
    }

    public static Interval parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(text);
        }
        if (s.charAt(0) == 'P' || s.charAt(0) == 'p') {
            return parseIso(s, text);
        }
        Acc acc = new Acc();
        boolean ago = false;
        Matcher m = TOKEN.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos || m.end() == pos) {
                throw invalid(text);
            }
            pos = m.end();
            if (m.group(1) != null) {
                continue;
            }
            if (m.group(2) != null) {
                ago = true;
                continue;
            }
            String number = m.group(3);
            String unit = m.group(4).toLowerCase(Locale.ROOT);
            if (number.indexOf(':') >= 0) {
                if (!unit.isEmpty()) {
                    throw invalid(text);
                }
                acc.micros = acc.micros.add(BigDecimal.valueOf(timeField(number, text)));
            } else {
                acc.add(new BigDecimal(number.startsWith("+") ? number.substring(1) : number), unit, text);
            }
        }
        return acc.build(ago, text);
    }

    /** {@code [-]h:mm[:ss[.f]]} in microseconds. */
    private static long timeField(String t, String text) {
        boolean neg = t.startsWith("-");
        String[] parts = t.replaceFirst("^[+-]", "").split(":");
        long h = Long.parseLong(parts[0]);
        long min = Long.parseLong(parts[1]);
        BigDecimal sec = parts.length > 2 ? new BigDecimal(parts[2]) : BigDecimal.ZERO;
        if (min > 59 || sec.compareTo(BigDecimal.valueOf(60)) >= 0) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
        }
        long us = h * Interval.MICROS_PER_HOUR + min * Interval.MICROS_PER_MINUTE
                + sec.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValue();
        return neg ? -us : us;
    }

    private static Interval parseIso(String s, String text) {
        Matcher m = ISO.matcher(s);
        if (!m.matches() || s.length() == 1) {
            throw invalid(text);
        }
        Acc acc = new Acc();
        String[] units = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"};
        for (int i = 0; i < units.length; i++) {
            if (m.group(i + 1) != null) {
                acc.add(new BigDecimal(m.group(i + 1)), units[i], text);
            }
        }
        return acc.build(false, text);
    }

    private static SqlException invalid(String text) {
        return new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"");
    }

    private static SqlException intervalOutOfRange() {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    // ------------------------------------------------------------------ arithmetic

    public static Interval add(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    public static Interval negate(Interval a) {
        try {
            return new Interval(Math.negateExact(a.months()), Math.negateExact(a.days()), Math.negateExact(a.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    /** interval * factor with PostgreSQL's spill of fractional months to days and days to time. */
    public static Interval multiply(Interval a, double factor) {
        if (Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw intervalOutOfRange();
        }
        double months = a.months() * factor;
        double days = a.days() * factor;
        int wholeMonths = (int) months;
        double monthFrac = months - wholeMonths;
        double daysWithSpill = days + monthFrac * 30;
        int wholeDays = (int) daysWithSpill;
        double dayFrac = daysWithSpill - wholeDays;
        double micros = a.micros() * factor + Math.rint(dayFrac * Interval.MICROS_PER_DAY);
        if (Math.abs(months) > Integer.MAX_VALUE || Math.abs(daysWithSpill) > Integer.MAX_VALUE || Math.abs(micros) > 9.2e18) {
            throw intervalOutOfRange();
        }
        return new Interval(wholeMonths, wholeDays, (long) Math.rint(micros));
    }

    public static Interval divide(Interval a, double divisor) {
        if (divisor == 0) {
            throw Values.divisionByZero();
        }
        return multiply(a, 1 / divisor);
    }

    /** timestamp + interval: months first (clamping the day), then days, then time. */
    public static long addToTimestamp(long ts, Interval i) {
        if (DateTimes.isInfinite(ts)) {
            return ts;
        }
        try {
            LocalDateTime t = DateTimes.toLocal(ts);
            t = t.plusMonths(i.months()).plusDays(i.days());
            return Math.addExact(DateTimes.fromLocal(t), i.micros());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw DateTimes.timestampOutOfRange();
        }
    }

    /** timestamptz + interval: months and days in the session's wall-clock time (DST-aware). */
    public static long addToTimestamptz(long ts, Interval i, ZoneId zone) {
        if (DateTimes.isInfinite(ts)) {
            return ts;
        }
        try {
            ZonedDateTime z = DateTimes.toInstant(ts).atZone(zone);
            if (i.months() != 0 || i.days() != 0) {
                z = z.toLocalDateTime().plusMonths(i.months()).plusDays(i.days()).atZone(zone).withLaterOffsetAtOverlap();
            }
            return Math.addExact(DateTimes.fromInstant(z.toInstant()), i.micros());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw DateTimes.timestampOutOfRange();
        }
    }

    /** timestamp - timestamp: days and time (justify_hours), no months. */
    public static Interval between(long a, long b) {
        if (DateTimes.isInfinite(a) || DateTimes.isInfinite(b)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        long diff;
        try {
            diff = Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
        long days = diff / Interval.MICROS_PER_DAY;
        return new Interval(0, (int) days, diff - days * Interval.MICROS_PER_DAY);
    }

    /** time + interval: the interval's time part, wrapped around midnight. */
    public static long addToTime(long time, Interval i) {
        return Math.floorMod(time + i.micros() % Interval.MICROS_PER_DAY, Interval.MICROS_PER_DAY);
    }

    /** age(a, b): years, months, days and time between two local timestamps, borrowing like PostgreSQL. */
    public static Interval age(long a, long b) {
        LocalDateTime x = DateTimes.toLocal(a);
        LocalDateTime y = DateTimes.toLocal(b);
        boolean negative = a < b;
        if (negative) {
            LocalDateTime t = x;
            x = y;
            y = t;
        }
        long fsec = (x.toLocalTime().toNanoOfDay() - y.toLocalTime().toNanoOfDay()) / 1000;
        int days = x.getDayOfMonth() - y.getDayOfMonth();
        int months = x.getMonthValue() - y.getMonthValue();
        int years = x.getYear() - y.getYear();
        if (fsec < 0) {
            fsec += Interval.MICROS_PER_DAY;
            days--;
        }
        if (days < 0) {
            // borrow the length of y's month, as PostgreSQL does for a positive result
            LocalDate ym = y.toLocalDate();
            days += ym.lengthOfMonth();
            months--;
        }
        if (months < 0) {
            months += 12;
            years--;
        }
        Interval r = new Interval(years * 12 + months, days, fsec);
        return negative ? negate(r) : r;
    }

    /** justify_hours: whole 24-hour periods become days. */
    public static Interval justifyHours(Interval i) {
        long days = i.micros() / Interval.MICROS_PER_DAY;
        long rest = i.micros() - days * Interval.MICROS_PER_DAY;
        long d = i.days() + days;
        if (d > 0 && rest < 0) {
            rest += Interval.MICROS_PER_DAY;
            d--;
        } else if (d < 0 && rest > 0) {
            rest -= Interval.MICROS_PER_DAY;
            d++;
        }
        return new Interval(i.months(), Math.toIntExact(d), rest);
    }

    /** justify_interval: both justifications, with signs made consistent as PostgreSQL does. */
    public static Interval justifyInterval(Interval i) {
        long time = i.micros();
        long day = i.days() + time / Interval.MICROS_PER_DAY;
        time -= time / Interval.MICROS_PER_DAY * Interval.MICROS_PER_DAY;
        long month = i.months() + day / 30;
        day -= day / 30 * 30;
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
            day += 30;
            month--;
        } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
            day -= 30;
            month++;
        }
        if (day > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            day++;
        }
        return new Interval(Math.toIntExact(month), Math.toIntExact(day), time);
    }

    /** justify_days: whole 30-day periods become months. */
    public static Interval justifyDays(Interval i) {
        int months = i.months() + i.days() / 30;
        int days = i.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return new Interval(months, days, i.micros());
    }
}

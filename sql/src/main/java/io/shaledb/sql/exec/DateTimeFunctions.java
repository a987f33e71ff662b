package io.shaledb.sql.exec;

import static io.shaledb.sql.exec.Functions.register;
import static io.shaledb.sql.types.SqlType.BOOLEAN;
import static io.shaledb.sql.types.SqlType.DATE;
import static io.shaledb.sql.types.SqlType.DOUBLE;
import static io.shaledb.sql.types.SqlType.INTEGER;
import static io.shaledb.sql.types.SqlType.INTERVAL;
import static io.shaledb.sql.types.SqlType.NUMERIC;
import static io.shaledb.sql.types.SqlType.TEXT;
import static io.shaledb.sql.types.SqlType.TIME;
import static io.shaledb.sql.types.SqlType.TIMESTAMP;
import static io.shaledb.sql.types.SqlType.TIMESTAMPTZ;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Intervals;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Date/time functions: the clock ({@code now()} is the transaction's start, the same for every
 * statement of a transaction; {@code statement_timestamp()}; {@code clock_timestamp()}),
 * {@code date_trunc}, {@code extract} (numeric, PostgreSQL 14+) and {@code date_part} (double
 * precision), {@code age}, {@code make_*} and {@code justify_*}. A timestamptz is truncated and
 * taken apart in the session TimeZone.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {}

    static void registerAll() {
        for (String n : new String[] {"now", "current_timestamp", "transaction_timestamp"}) {
            register(n, TIMESTAMPTZ, a -> DateTimes.transactionStart());
        }
        register("statement_timestamp", TIMESTAMPTZ, a -> DateTimes.statementStart());
        register("clock_timestamp", TIMESTAMPTZ, a -> DateTimes.nowMicros());
        register("localtimestamp", TIMESTAMP, a -> DateTimes.tzToLocal(DateTimes.transactionStart(), DateTimes.zone()));
        register("current_date", DATE, a -> DateTimes.timestampToDate(DateTimes.tzToLocal(DateTimes.transactionStart(), DateTimes.zone())));
        register("localtime", TIME, a -> DateTimes.timeOfDay(DateTimes.tzToLocal(DateTimes.transactionStart(), DateTimes.zone())));

        register("date_trunc", TIMESTAMP, a -> trunc((String) a[0], (Long) a[1], "timestamp without time zone"), TEXT, TIMESTAMP);
        register("date_trunc", TIMESTAMPTZ, a -> DateTimes.localToTz(trunc((String) a[0],
                DateTimes.tzToLocal((Long) a[1], DateTimes.zone()), "timestamp with time zone"), DateTimes.zone()), TEXT, TIMESTAMPTZ);
        register("date_trunc", INTERVAL, a -> truncInterval((String) a[0], (Interval) a[1]), TEXT, INTERVAL);

        for (SqlType t : new SqlType[] {TIMESTAMP, TIMESTAMPTZ, DATE, TIME, INTERVAL}) {
            register("extract", NUMERIC, a -> extract((String) a[0], a[1], t), TEXT, t);
            register("date_part", DOUBLE, a -> extract((String) a[0], a[1], t).doubleValue(), TEXT, t);
        }
        register("age", INTERVAL, a -> Intervals.age((Long) a[0], (Long) a[1]), TIMESTAMP, TIMESTAMP);
        register("age", INTERVAL, a -> Intervals.age(DateTimes.tzToLocal((Long) a[0], DateTimes.zone()),
                DateTimes.tzToLocal((Long) a[1], DateTimes.zone())), TIMESTAMPTZ, TIMESTAMPTZ);
        register("age", INTERVAL, a -> Intervals.age(midnightToday(), (Long) a[0]), TIMESTAMP);
        register("make_date", DATE, a -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]), INTEGER, INTEGER, INTEGER);
        register("make_time", TIME, a -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2]), INTEGER, INTEGER, DOUBLE);
        register("make_timestamp", TIMESTAMP, a -> DateTimes.dateToTimestamp(makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]))
                + makeTime((Integer) a[3], (Integer) a[4], (Double) a[5]), INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);
        // make_interval(years, months, weeks, days, hours, mins, secs), every argument defaulting to 0
        for (int n = 0; n <= 7; n++) {
            SqlType[] params = new SqlType[n];
            for (int i = 0; i < n; i++) {
                params[i] = i == 6 ? DOUBLE : INTEGER;
            }
            register("make_interval", INTERVAL, DateTimeFunctions::makeInterval, params);
        }
        register("justify_days", INTERVAL, a -> Intervals.justifyDays((Interval) a[0]), INTERVAL);
        register("justify_hours", INTERVAL, a -> Intervals.justifyHours((Interval) a[0]), INTERVAL);
        register("justify_interval", INTERVAL, a -> Intervals.justifyInterval((Interval) a[0]), INTERVAL);
        register("isfinite", BOOLEAN, a -> !DateTimes.isInfinite((Long) a[0]), TIMESTAMP);
        register("isfinite", BOOLEAN, a -> (Integer) a[0] != DateTimes.DATE_NEG_INFINITY
                && (Integer) a[0] != DateTimes.DATE_POS_INFINITY, DATE);
        register("to_char", TEXT, a -> ToChar.format((Long) a[0], (String) a[1], null, (Long) a[0]), TIMESTAMP, TEXT);
        register("to_char", TEXT, a -> ToChar.format(DateTimes.tzToLocal((Long) a[0], DateTimes.zone()), (String) a[1],
                DateTimes.zone(), (Long) a[0]), TIMESTAMPTZ, TEXT);
        register("to_timestamp", TIMESTAMPTZ, a -> (long) Math.rint((Double) a[0] * 1_000_000), DOUBLE);
    }

    private static Interval makeInterval(Object[] a) {
        long[] f = new long[6];
        for (int i = 0; i < Math.min(a.length, 6); i++) {
            f[i] = (Integer) a[i];
        }
        double secs = a.length > 6 ? (Double) a[6] : 0;
        try {
            int months = Math.toIntExact(Math.addExact(Math.multiplyExact(f[0], 12), f[1]));
            int days = Math.toIntExact(Math.addExact(Math.multiplyExact(f[2], 7), f[3]));
            long micros = Math.addExact(Math.addExact(Math.multiplyExact(f[4], Interval.MICROS_PER_HOUR),
                    Math.multiplyExact(f[5], Interval.MICROS_PER_MINUTE)), (long) Math.rint(secs * 1_000_000));
            return new Interval(months, days, micros);
        } catch (ArithmeticException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    private static long midnightToday() {
        long local = DateTimes.tzToLocal(DateTimes.transactionStart(), DateTimes.zone());
        return Math.floorDiv(local, Interval.MICROS_PER_DAY) * Interval.MICROS_PER_DAY;
    }

    private static int makeDate(int y, int m, int d) {
        try {
            return (int) LocalDate.of(y > 0 ? y : y + 1, m, d).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + y + "-"
                    + String.format(Locale.ROOT, "%02d-%02d", m, d));
        }
    }

    private static long makeTime(int h, int m, double s) {
        if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 60) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: " + h + ":"
                    + String.format(Locale.ROOT, "%02d", m) + ":" + io.shaledb.sql.types.SqlType.formatDouble(s));
        }
        return h * Interval.MICROS_PER_HOUR + m * Interval.MICROS_PER_MINUTE + (long) Math.rint(s * 1_000_000);
    }

    private static SqlException unit(String field, String typeName) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + field + "\" not recognized for type " + typeName);
    }

    private static String normalizeField(String f) {
        String s = f.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "years", "y", "yr", "yrs" -> "year";
            case "months", "mon", "mons" -> "month";
            case "days", "d" -> "day";
            case "hours", "h", "hr", "hrs" -> "hour";
            case "minutes", "m", "min", "mins" -> "minute";
            case "seconds", "s", "sec", "secs" -> "second";
            case "weeks", "w" -> "week";
            case "ms", "msec", "msecs", "millisecond" -> "milliseconds";
            case "us", "usec", "usecs", "microsecond" -> "microseconds";
            case "centuries" -> "century";
            case "decades" -> "decade";
            case "millennia" -> "millennium";
            default -> s;
        };
    }

    /** date_trunc on a local timestamp. */
    static long trunc(String field, long ts, String typeName) {
        if (DateTimes.isInfinite(ts)) {
            return ts;
        }
        LocalDateTime t = DateTimes.toLocal(ts);
        LocalDateTime r = switch (normalizeField(field)) {
            case "microseconds" -> t;
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case "decade" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
            case "century" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1)
                    .withYear(t.getYear() > 0 ? (t.getYear() - 1) / 100 * 100 + 1 : -((99 - (t.getYear() - 1)) / 100 * 100) + 1);
            case "millennium" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1)
                    .withYear(t.getYear() > 0 ? (t.getYear() - 1) / 1000 * 1000 + 1 : -((999 - (t.getYear() - 1)) / 1000 * 1000) + 1);
            default -> throw unit(field, typeName);
        };
        return DateTimes.fromLocal(r);
    }

    private static Interval truncInterval(String field, Interval i) {
        long us = i.micros();
        return switch (normalizeField(field)) {
            case "microseconds" -> i;
            case "milliseconds" -> new Interval(i.months(), i.days(), us - us % 1000);
            case "second" -> new Interval(i.months(), i.days(), us - us % Interval.MICROS_PER_SECOND);
            case "minute" -> new Interval(i.months(), i.days(), us - us % Interval.MICROS_PER_MINUTE);
            case "hour" -> new Interval(i.months(), i.days(), us - us % Interval.MICROS_PER_HOUR);
            case "day" -> new Interval(i.months(), i.days(), 0);
            case "month" -> new Interval(i.months(), 0, 0);
            case "quarter" -> new Interval(i.months() - i.months() % 3, 0, 0);
            case "year" -> new Interval(i.months() - i.months() % 12, 0, 0);
            case "decade" -> new Interval(i.months() - i.months() % 120, 0, 0);
            case "century" -> new Interval(i.months() - i.months() % 1200, 0, 0);
            case "millennium" -> new Interval(i.months() - i.months() % 12000, 0, 0);
            default -> throw unit(field, "interval");
        };
    }

    /** EXTRACT(field FROM value) as numeric, with PostgreSQL's scales (seconds and epoch have 6 decimals). */
    static BigDecimal extract(String field, Object value, SqlType type) {
        String f = normalizeField(field);
        return switch (type) {
            case INTERVAL -> extractInterval(f, field, (Interval) value);
            case TIME -> {
                long us = (Long) value;
                yield switch (f) {
                    case "hour" -> BigDecimal.valueOf(us / Interval.MICROS_PER_HOUR);
                    case "minute" -> BigDecimal.valueOf(us / Interval.MICROS_PER_MINUTE % 60);
                    case "second" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE, 6);
                    case "milliseconds" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE, 3);
                    case "microseconds" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE);
                    case "epoch" -> BigDecimal.valueOf(us, 6);
                    default -> throw unit(field, "time without time zone");
                };
            }
            case DATE -> {
                int d = (Integer) value;
                if (f.equals("epoch")) {
                    yield BigDecimal.valueOf(d * 86400L);
                }
                if (f.equals("hour") || f.equals("minute") || f.equals("second") || f.equals("milliseconds")
                        || f.equals("microseconds")) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + field + "\" not supported for type date");
                }
                yield fieldOf(f, field, DateTimes.toLocal(DateTimes.dateToTimestamp(d)), "date").setScale(0);
            }
            case TIMESTAMP -> f.equals("epoch") ? BigDecimal.valueOf((Long) value, 6)
                    : fieldOf(f, field, DateTimes.toLocal((Long) value), "timestamp without time zone");
            case TIMESTAMPTZ -> {
                long us = (Long) value;
                if (f.equals("epoch")) {
                    yield BigDecimal.valueOf(us, 6);
                }
                if (f.equals("timezone")) {
                    yield BigDecimal.valueOf(DateTimes.zone().getRules().getOffset(DateTimes.toInstant(us)).getTotalSeconds());
                }
                yield fieldOf(f, field, DateTimes.toLocal(DateTimes.tzToLocal(us, DateTimes.zone())), "timestamp with time zone");
            }
            default -> throw new IllegalArgumentException("extract from " + type);
        };
    }

    private static BigDecimal fieldOf(String f, String field, LocalDateTime t, String typeName) {
        long secMicros = t.getSecond() * Interval.MICROS_PER_SECOND + t.getNano() / 1000;
        int year = t.getYear() > 0 ? t.getYear() : t.getYear() - 1;
        return switch (f) {
            case "year" -> BigDecimal.valueOf(year);
            case "month" -> BigDecimal.valueOf(t.getMonthValue());
            case "day" -> BigDecimal.valueOf(t.getDayOfMonth());
            case "hour" -> BigDecimal.valueOf(t.getHour());
            case "minute" -> BigDecimal.valueOf(t.getMinute());
            case "second" -> BigDecimal.valueOf(secMicros, 6);
            case "milliseconds" -> BigDecimal.valueOf(secMicros, 3);
            case "microseconds" -> BigDecimal.valueOf(secMicros);
            case "dow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case "isodow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy" -> BigDecimal.valueOf(t.getDayOfYear());
            case "week" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case "quarter" -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "decade" -> BigDecimal.valueOf(Math.floorDiv(year, 10));
            case "century" -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - year) / 100));
            case "millennium" -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - year) / 1000));
            default -> throw unit(field, typeName);
        };
    }

    private static BigDecimal extractInterval(String f, String field, Interval i) {
        long us = i.micros();
        return switch (f) {
            case "year" -> BigDecimal.valueOf(i.months() / 12);
            case "month" -> BigDecimal.valueOf(i.months() % 12);
            case "day" -> BigDecimal.valueOf(i.days());
            case "hour" -> BigDecimal.valueOf(us / Interval.MICROS_PER_HOUR);
            case "minute" -> BigDecimal.valueOf(us / Interval.MICROS_PER_MINUTE % 60);
            case "second" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE, 6);
            case "milliseconds" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE, 3);
            case "microseconds" -> BigDecimal.valueOf(us % Interval.MICROS_PER_MINUTE);
            case "quarter" -> BigDecimal.valueOf(i.months() % 12 / 3 + 1);
            case "decade" -> BigDecimal.valueOf(i.months() / 120);
            case "century" -> BigDecimal.valueOf(i.months() / 1200);
            case "millennium" -> BigDecimal.valueOf(i.months() / 12000);
            case "epoch" -> {
                // PostgreSQL: a year is 365.25 days, a month 30 days
                BigDecimal years = BigDecimal.valueOf(i.months() / 12).multiply(BigDecimal.valueOf(31557600));
                BigDecimal months = BigDecimal.valueOf(i.months() % 12).multiply(BigDecimal.valueOf(30L * 86400));
                BigDecimal days = BigDecimal.valueOf(i.days()).multiply(BigDecimal.valueOf(86400));
                yield years.add(months).add(days).add(BigDecimal.valueOf(us, 6));
            }
            default -> throw unit(field, "interval");
        };
    }
}

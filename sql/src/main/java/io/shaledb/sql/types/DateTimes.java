package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input and output of date, time, timestamp and timestamptz in PostgreSQL's DateStyle
 * {@code ISO, MDY}, and the session context they need: the TimeZone that timestamptz is shown and
 * read in, and the transaction and statement start times behind {@code now()}.
 *
 * <pre>
 *   '2024-01-02 03:04:05.5+02'  --parse-->  micros since epoch (UTC)  --format(zone)-->  '2024-01-02 01:04:05.5+00'
 * </pre>
 *
 * The context is a thread-local: a session runs one statement at a time on one thread and sets it
 * around each statement ({@link #with}); the wire layer formats rows on that same thread.
 */
public final class DateTimes {
    public static final int DATE_NEG_INFINITY = Integer.MIN_VALUE;
    public static final int DATE_POS_INFINITY = Integer.MAX_VALUE;
    public static final long TS_NEG_INFINITY = Long.MIN_VALUE;
    public static final long TS_POS_INFINITY = Long.MAX_VALUE;

    /** The session state a statement's date/time expressions see. */
    public record Context(ZoneId zone, long transactionStartMicros, long statementStartMicros) {}

    private static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();
    private static final Pattern DATE_ISO = Pattern.compile("(\\d{4,})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATE_MDY = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4,})");
    private static final Pattern DATE_COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?");
    private static final Pattern ZONE_OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?");

    private DateTimes() {}

    /** Runs {@code body} with {@code context} installed for this thread. */
    public static <T> T with(Context context, java.util.function.Supplier<T> body) {
        Context previous = CONTEXT.get();
        CONTEXT.set(context);
        try {
            return body.get();
        } finally {
            CONTEXT.set(previous);
        }
    }

    /** Installs {@code context} for this thread until replaced (the session's current settings). */
    public static void install(Context context) {
        CONTEXT.set(context);
    }

    /** The session TimeZone (UTC outside a session). */
    public static ZoneId zone() {
        Context c = CONTEXT.get();
        return c == null ? ZoneOffset.UTC : c.zone();
    }

    /** The transaction start time (now(), current_timestamp). */
    public static long transactionStart() {
        Context c = CONTEXT.get();
        return c == null ? nowMicros() : c.transactionStartMicros();
    }

    /** The statement start time (statement_timestamp()). */
    public static long statementStart() {
        Context c = CONTEXT.get();
        return c == null ? nowMicros() : c.statementStartMicros();
    }

    /** The wall clock, in microseconds since the epoch (clock_timestamp()). */
    public static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    /** Parses a TimeZone setting value: a zone name, an offset, or 'UTC'/'GMT'. */
    public static ZoneId parseZone(String name) {
        String n = name.strip();
        if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("gmt") || n.equalsIgnoreCase("z")
                || n.equalsIgnoreCase("zulu") || n.equalsIgnoreCase("localtime") || n.equalsIgnoreCase("default")) {
            return ZoneOffset.UTC;
        }
        Matcher m = ZONE_OFFSET.matcher(n);
        if (m.matches()) {
            return offset(m);
        }
        try {
            return ZoneId.of(n);
        } catch (DateTimeException e) {
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(n)) {
                    return ZoneId.of(id);
                }
            }
            return null;
        }
    }

    private static ZoneOffset offset(Matcher m) {
        int h = Integer.parseInt(m.group(2));
        int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sec = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int total = h * 3600 + min * 60 + sec;
        return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? -total : total);
    }

    // ------------------------------------------------------------------ conversions

    public static LocalDateTime toLocal(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    public static long fromLocal(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    public static long fromInstant(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** timestamptz to timestamp: the wall-clock time in {@code zone}. */
    public static long tzToLocal(long micros, ZoneId zone) {
        if (isInfinite(micros)) {
            return micros;
        }
        ZoneOffset off = zone.getRules().getOffset(toInstant(micros));
        return micros + off.getTotalSeconds() * 1_000_000L;
    }

    /** timestamp to timestamptz: the wall-clock time read in {@code zone}. */
    public static long localToTz(long micros, ZoneId zone) {
        if (isInfinite(micros)) {
            return micros;
        }
        // an ambiguous wall-clock time (the hour repeated when clocks go back) takes the offset in force
        // after the change, as PostgreSQL does; a skipped one moves forward by the gap, as in PostgreSQL
        return fromInstant(toLocal(micros).atZone(zone).withLaterOffsetAtOverlap().toInstant());
    }

    public static boolean isInfinite(long micros) {
        return micros == TS_NEG_INFINITY || micros == TS_POS_INFINITY;
    }

    public static long dateToTimestamp(int days) {
        if (days == DATE_NEG_INFINITY) {
            return TS_NEG_INFINITY;
        }
        if (days == DATE_POS_INFINITY) {
            return TS_POS_INFINITY;
        }
        return days * Interval.MICROS_PER_DAY;
    }

    public static int timestampToDate(long micros) {
        if (micros == TS_NEG_INFINITY) {
            return DATE_NEG_INFINITY;
        }
        if (micros == TS_POS_INFINITY) {
            return DATE_POS_INFINITY;
        }
        return (int) Math.floorDiv(micros, Interval.MICROS_PER_DAY);
    }

    // ------------------------------------------------------------------ output

    public static String formatDate(int days) {
        if (days == DATE_NEG_INFINITY) {
            return "-infinity";
        }
        if (days == DATE_POS_INFINITY) {
            return "infinity";
        }
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, LocalDate.ofEpochDay(days));
        return sb.toString();
    }

    public static String formatTime(long micros) {
        StringBuilder sb = new StringBuilder(16);
        appendTime(sb, micros);
        return sb.toString();
    }

    public static String formatTimestamp(long micros) {
        if (isInfinite(micros)) {
            return micros > 0 ? "infinity" : "-infinity";
        }
        LocalDateTime t = toLocal(micros);
        StringBuilder sb = new StringBuilder(32);
        appendDateTime(sb, t);
        appendBc(sb, t.toLocalDate());
        return sb.toString();
    }

    public static String formatTimestamptz(long micros, ZoneId zone) {
        if (isInfinite(micros)) {
            return micros > 0 ? "infinity" : "-infinity";
        }
        ZonedDateTime z = toInstant(micros).atZone(zone);
        StringBuilder sb = new StringBuilder(32);
        appendDateTime(sb, z.toLocalDateTime());
        int off = z.getOffset().getTotalSeconds();
        sb.append(off < 0 ? '-' : '+');
        off = Math.abs(off);
        append2(sb, off / 3600);
        if (off % 3600 != 0) {
            sb.append(':');
            append2(sb, off % 3600 / 60);
            if (off % 60 != 0) {
                sb.append(':');
                append2(sb, off % 60);
            }
        }
        appendBc(sb, z.toLocalDate());
        return sb.toString();
    }

    private static void appendDateTime(StringBuilder sb, LocalDateTime t) {
        appendDateNoEra(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.toLocalTime().toNanoOfDay() / 1000);
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        appendDateNoEra(sb, d);
        appendBc(sb, d);
    }

    private static void appendDateNoEra(StringBuilder sb, LocalDate d) {
        int year = d.getYear() > 0 ? d.getYear() : 1 - d.getYear();
        String y = Integer.toString(year);
        sb.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        append2(sb, d.getMonthValue()).append('-');
        append2(sb, d.getDayOfMonth());
    }

    private static void appendBc(StringBuilder sb, LocalDate d) {
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
    }

    private static void appendTime(StringBuilder sb, long micros) {
        append2(sb, (int) (micros / Interval.MICROS_PER_HOUR)).append(':');
        append2(sb, (int) (micros / Interval.MICROS_PER_MINUTE % 60)).append(':');
        append2(sb, (int) (micros / Interval.MICROS_PER_SECOND % 60));
        appendFraction(sb, micros % Interval.MICROS_PER_SECOND);
    }

    /** {@code .ffffff} without trailing zeros, nothing for a whole second. */
    static void appendFraction(StringBuilder sb, long fracMicros) {
        if (fracMicros == 0) {
            return;
        }
        String f = Long.toString(1_000_000 + fracMicros).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    private static StringBuilder append2(StringBuilder sb, int v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    // ------------------------------------------------------------------ input

    public static int parseDate(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "infinity", "+infinity" -> {
                return DATE_POS_INFINITY;
            }
            case "-infinity" -> {
                return DATE_NEG_INFINITY;
            }
            case "epoch" -> {
                return 0;
            }
            default -> {
                // a date, possibly followed by a time that the date ignores
            }
        }
        Special sp = special(s);
        if (sp != null) {
            return (int) Math.floorDiv(tzToLocal(sp.micros, zone()), Interval.MICROS_PER_DAY) + sp.dayOffset;
        }
        Parsed p = parseDateTime(text, "date");
        return (int) p.date.toEpochDay();
    }

    public static long parseTimestamp(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Long inf = infinity(s);
        if (inf != null) {
            return inf;
        }
        Special sp = special(s);
        if (sp != null) {
            long local = tzToLocal(sp.micros, zone());
            return sp.dayOffset == Integer.MIN_VALUE ? local
                    : (Math.floorDiv(local, Interval.MICROS_PER_DAY) + sp.dayOffset) * Interval.MICROS_PER_DAY;
        }
        Parsed p = parseDateTime(text, "timestamp without time zone");
        return fromLocal(p.date.atStartOfDay()) + p.timeMicros;
    }

    public static long parseTimestamptz(String text) {
        int[] offset = new int[1];
        long plain = IsoTimestamps.parseLocal(text, offset); // the common ISO spelling, without regexes
        if (plain != IsoTimestamps.NOT_HANDLED) {
            return offset[0] == IsoTimestamps.NO_OFFSET ? localToTz(plain, zone()) : plain - offset[0] * 1_000_000L;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        Long inf = infinity(s);
        if (inf != null) {
            return inf;
        }
        Special sp = special(s);
        if (sp != null) {
            if (sp.dayOffset == Integer.MIN_VALUE) {
                return sp.micros;
            }
            long local = (Math.floorDiv(tzToLocal(sp.micros, zone()), Interval.MICROS_PER_DAY) + sp.dayOffset)
                    * Interval.MICROS_PER_DAY;
            return localToTz(local, zone());
        }
        Parsed p = parseDateTime(text, "timestamp with time zone");
        long local = fromLocal(p.date.atStartOfDay()) + p.timeMicros;
        if (p.zone == null) {
            return localToTz(local, zone());
        }
        return localToTz(local, p.zone);
    }

    public static long parseTime(String text) {
        String s = text.strip();
        Matcher m = TIME.matcher(s);
        if (s.equalsIgnoreCase("allballs")) {
            return 0;
        }
        if (!m.lookingAt()) {
            // a timestamp string: take its time of day
            Parsed p = parseDateTime(text, "time without time zone");
            return p.timeMicros;
        }
        if (m.end() != s.length() && !s.substring(m.end()).isBlank()) {
            Parsed p = parseDateTime("2000-01-01 " + s, "time without time zone");
            return p.timeMicros;
        }
        return timeMicros(m, text);
    }

    private static Long infinity(String s) {
        return switch (s) {
            case "infinity", "+infinity" -> TS_POS_INFINITY;
            case "-infinity" -> TS_NEG_INFINITY;
            case "epoch" -> 0L;
            default -> null;
        };
    }

    /** 'now' (exact time, dayOffset MIN_VALUE) or 'today'/'tomorrow'/'yesterday' (midnight + offset). */
    private record Special(long micros, int dayOffset) {}

    private static Special special(String s) {
        return switch (s) {
            case "now" -> new Special(transactionStart(), Integer.MIN_VALUE);
            case "today" -> new Special(transactionStart(), 0);
            case "tomorrow" -> new Special(transactionStart(), 1);
            case "yesterday" -> new Special(transactionStart(), -1);
            default -> null;
        };
    }

    private record Parsed(LocalDate date, long timeMicros, ZoneId zone) {}

    /** {@code date [T| ] [time] [zone]}, date as YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD. */
    private static Parsed parseDateTime(String text, String typeName) {
        String s = text.strip();
        Matcher d = DATE_ISO.matcher(s);
        int year;
        int month;
        int day;
        int pos;
        if (d.lookingAt()) {
            year = Integer.parseInt(d.group(1));
            month = Integer.parseInt(d.group(2));
            day = Integer.parseInt(d.group(3));
        } else if ((d = DATE_MDY.matcher(s)).lookingAt()) {
            month = Integer.parseInt(d.group(1));
            day = Integer.parseInt(d.group(2));
            year = Integer.parseInt(d.group(3));
        } else if ((d = DATE_COMPACT.matcher(s)).lookingAt()) {
            year = Integer.parseInt(d.group(1));
            month = Integer.parseInt(d.group(2));
            day = Integer.parseInt(d.group(3));
        } else {
            throw invalid(typeName, text);
        }
        pos = d.end();
        String rest = s.substring(pos);
        boolean bc = false;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.endsWith(" bc")) {
            bc = true;
            rest = rest.substring(0, rest.length() - 3);
        } else if (lower.endsWith(" ad")) {
            rest = rest.substring(0, rest.length() - 3);
        }
        LocalDate date;
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            SqlException e = outOfRange(text);
            // PostgreSQL suspects a day/month mix-up when the month field is too large
            throw month > 12 ? new SqlException(e.state(), e.getMessage(), 0, null,
                    "Perhaps you need a different \"datestyle\" setting.", null) : e;
        }
        try {
            date = LocalDate.of(bc ? 1 - year : year, month, day);
        } catch (DateTimeException e) {
            throw outOfRange(text);
        }
        long time = 0;
        ZoneId zone = null;
        if (!rest.isEmpty()) {
            if (rest.charAt(0) == 'T' || rest.charAt(0) == 't' || rest.charAt(0) == ' ') {
                rest = rest.substring(1).strip();
            } else {
                throw invalid(typeName, text);
            }
            Matcher t = TIME.matcher(rest);
            if (t.lookingAt()) {
                time = timeMicros(t, text);
                if (time == Interval.MICROS_PER_DAY) {
                    date = date.plusDays(1);
                    time = 0;
                }
                rest = rest.substring(t.end()).strip();
            }
            if (!rest.isEmpty()) {
                zone = parseZone(rest);
                if (zone == null) {
                    if (ZONE_OFFSET.matcher(rest).matches()) {
                        throw invalid(typeName, text);
                    }
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + rest + "\" not recognized");
                }
            }
        }
        return new Parsed(date, time, zone);
    }

    private static long timeMicros(Matcher m, String text) {
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int sec = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        long frac = 0;
        String f = m.group(4);
        if (f != null && !f.isEmpty()) {
            // round to microseconds, half away from zero
            String padded = (f + "0000000").substring(0, 7);
            frac = (Long.parseLong(padded) + 5) / 10;
        }
        if (h > 24 || min > 59 || sec > 60 || (h == 24 && (min > 0 || sec > 0 || frac > 0))) {
            throw outOfRange(text);
        }
        return h * Interval.MICROS_PER_HOUR + min * Interval.MICROS_PER_MINUTE + sec * Interval.MICROS_PER_SECOND + frac;
    }

    static SqlException invalid(String typeName, String text) {
        return new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static SqlException outOfRange(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }

    public static SqlException timestampOutOfRange() {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }

    /** The time of day of a local timestamp. */
    public static long timeOfDay(long micros) {
        return Math.floorMod(micros, Interval.MICROS_PER_DAY);
    }

    /** A LocalTime for a time value (for extract). */
    public static LocalTime toLocalTime(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1000);
    }
}

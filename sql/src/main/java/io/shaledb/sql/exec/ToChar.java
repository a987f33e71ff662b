package io.shaledb.sql.exec;

import io.shaledb.sql.types.DateTimes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * {@code to_char(timestamp, format)}: PostgreSQL's date/time template patterns, the common subset.
 *
 * <pre>
 *   YYYY YYY YY Y  year      MM  month number    Month MONTH month / Mon MON mon  names (9 wide unless FM)
 *   DD day   DDD day of year D day of week (Sunday 1)   Day DAY day / Dy DY dy  weekday names
 *   HH24 HH12 HH  MI  SS  MS  US   AM PM am pm A.M. P.M.   Q quarter   IW ISO week   TZ tz zone
 *   FM prefix: no padding     "text": literal     anything else: copied
 * </pre>
 */
final class ToChar {
    private static final String[] PATTERNS = {"HH24", "HH12", "HH", "MI", "SS", "MS", "US", "YYYY", "YYY", "YY", "Y",
        "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "DDD", "DD", "DAY", "Day", "day", "DY", "Dy", "dy", "D",
        "A.M.", "P.M.", "a.m.", "p.m.", "AM", "PM", "am", "pm", "Q", "IW", "TZ", "tz"};

    private ToChar() {}

    /** Formats local time {@code local}; {@code zone} names TZ (null for timestamp without zone). */
    static String format(long local, String fmt, ZoneId zone, long utcMicros) {
        if (DateTimes.isInfinite(local)) {
            return null;
        }
        LocalDateTime t = DateTimes.toLocal(local);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            boolean fm = false;
            if (fmt.startsWith("FM", i)) {
                fm = true;
                i += 2;
            }
            if (i < fmt.length() && fmt.charAt(i) == '"') {
                int end = fmt.indexOf('"', i + 1);
                end = end < 0 ? fmt.length() : end;
                out.append(fmt, i + 1, end);
                i = end + 1;
                continue;
            }
            String p = match(fmt, i);
            if (p == null) {
                if (i < fmt.length()) {
                    out.append(fmt.charAt(i));
                }
                i++;
                continue;
            }
            out.append(field(p, t, fm, zone, utcMicros));
            i += p.length();
        }
        return out.toString();
    }

    private static String match(String fmt, int i) {
        for (String p : PATTERNS) {
            if (fmt.startsWith(p, i)) {
                return p;
            }
        }
        return null;
    }

    private static String field(String p, LocalDateTime t, boolean fm, ZoneId zone, long utcMicros) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        boolean am = t.getHour() < 12;
        return switch (p) {
            case "HH24" -> num(t.getHour(), 2, fm);
            case "HH12", "HH" -> num(hour12, 2, fm);
            case "MI" -> num(t.getMinute(), 2, fm);
            case "SS" -> num(t.getSecond(), 2, fm);
            case "MS" -> num(t.getNano() / 1_000_000, 3, fm);
            case "US" -> num(t.getNano() / 1000, 6, fm);
            case "YYYY" -> num(t.getYear(), 4, fm);
            case "YYY" -> num(t.getYear() % 1000, 3, fm);
            case "YY" -> num(t.getYear() % 100, 2, fm);
            case "Y" -> num(t.getYear() % 10, 1, fm);
            case "MM" -> num(t.getMonthValue(), 2, fm);
            case "DDD" -> num(t.getDayOfYear(), 3, fm);
            case "DD" -> num(t.getDayOfMonth(), 2, fm);
            case "D" -> Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
            case "Q" -> Integer.toString((t.getMonthValue() - 1) / 3 + 1);
            case "IW" -> num(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm, 9);
            case "MON", "Mon", "mon" -> name(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, true, 3);
            case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm, 9);
            case "DY", "Dy", "dy" -> name(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, true, 3);
            case "AM", "PM" -> am ? "AM" : "PM";
            case "am", "pm" -> am ? "am" : "pm";
            case "A.M.", "P.M." -> am ? "A.M." : "P.M.";
            case "a.m.", "p.m." -> am ? "a.m." : "p.m.";
            case "TZ", "tz" -> {
                if (zone == null) {
                    yield "";
                }
                String abbrev = zone.getRules().isDaylightSavings(DateTimes.toInstant(utcMicros))
                        ? java.util.TimeZone.getTimeZone(zone).getDisplayName(true, java.util.TimeZone.SHORT, Locale.ENGLISH)
                        : java.util.TimeZone.getTimeZone(zone).getDisplayName(false, java.util.TimeZone.SHORT, Locale.ENGLISH);
                yield p.equals("tz") ? abbrev.toLowerCase(Locale.ROOT) : abbrev;
            }
            default -> p;
        };
    }

    private static String num(int v, int width, boolean fm) {
        String s = Integer.toString(v);
        return fm || s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** A name in the pattern's case; full names pad to 9 characters unless FM. */
    private static String name(String n, String pattern, boolean fm, int width) {
        String cased = Character.isLowerCase(pattern.charAt(0)) ? n.toLowerCase(Locale.ROOT)
                : Character.isUpperCase(pattern.charAt(1)) ? n.toUpperCase(Locale.ROOT) : n;
        return fm || cased.length() >= width ? cased : cased + " ".repeat(width - cased.length());
    }
}

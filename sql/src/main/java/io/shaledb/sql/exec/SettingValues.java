package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.List;
import java.util.Locale;

/**
 * How PostgreSQL reads and prints the values of its run-time parameters, for the kinds ShaleDB
 * needs: booleans, enums, durations in milliseconds and memory sizes in kilobytes ({@code work_mem}).
 *
 * <p><b>Durations</b> accept what PostgreSQL's integer parser accepts: C {@code strtol} syntax
 * (so {@code 010} is octal 8 and {@code 0x10} is 16), falling back to a decimal fraction when the
 * number continues with {@code .} or {@code e}; then an optional unit, case-sensitive, with blanks
 * allowed around it. A fractional value is rounded to the next smaller unit, then to whole
 * milliseconds, half to even:
 *
 * <pre>
 *   "1.5s"  -&gt; 1500      "1.23456min" -&gt; 74 s -&gt; 74000      "1500us" -&gt; 1.5 -&gt; 2
 *   SHOW prints the largest unit that divides evenly:  0 -&gt; "0"   1000 -&gt; "1s"   90000 -&gt; "90s"
 * </pre>
 */
final class SettingValues {

    /** A time unit PostgreSQL accepts for millisecond parameters, largest first. */
    private record TimeUnit(String name, double millis) {}

    private static final List<TimeUnit> TIME_UNITS = List.of(
            new TimeUnit("d", 86_400_000), new TimeUnit("h", 3_600_000), new TimeUnit("min", 60_000),
            new TimeUnit("s", 1_000), new TimeUnit("ms", 1), new TimeUnit("us", 0.001));

    /** PostgreSQL reads at most this many characters as a unit name. */
    private static final int MAX_UNIT_LENGTH = 3;

    static final String TIME_UNITS_HINT = "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    static final String INTEGER_RANGE_HINT = "Value exceeds integer range.";

    private SettingValues() {}

    // ------------------------------------------------------------------ booleans

    /**
     * PostgreSQL's boolean spellings: any prefix of {@code true}, {@code false}, {@code yes},
     * {@code no}; {@code on}, {@code of}, {@code off}; {@code 1}, {@code 0}; case-insensitive, no blanks.
     */
    static boolean bool(String value, String name) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.isEmpty()) {
            switch (v.charAt(0)) {
                case 't' -> { if ("true".startsWith(v)) { return true; } }
                case 'f' -> { if ("false".startsWith(v)) { return false; } }
                case 'y' -> { if ("yes".startsWith(v)) { return true; } }
                case 'n' -> { if ("no".startsWith(v)) { return false; } }
                case 'o' -> {
                    if (v.equals("on")) {
                        return true;
                    }
                    if (v.equals("of") || v.equals("off")) {
                        return false;
                    }
                }
                case '1' -> { if (v.length() == 1) { return true; } }
                case '0' -> { if (v.length() == 1) { return false; } }
                default -> { }
            }
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" requires a Boolean value");
    }

    static String showBool(boolean b) {
        return b ? "on" : "off";
    }

    // ------------------------------------------------------------------ enums

    /** The allowed value equal to {@code value} ignoring case; else 22023 listing them in a hint. */
    static String enumValue(String value, String name, List<String> allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": \"" + value + "\"",
                0, null, "Available values: " + String.join(", ", allowed) + ".", null);
    }

    // ------------------------------------------------------------------ durations

    /** {@code value} as whole milliseconds within {@code [min, max]}, or PostgreSQL's 22023 error. */
    static int millis(String value, String name, int min, int max) {
        double ms = parseMillis(value, name);
        ms = Math.rint(ms);
        if (ms > Integer.MAX_VALUE || ms < Integer.MIN_VALUE) {
            throw invalid(value, name, INTEGER_RANGE_HINT);
        }
        int n = (int) ms;
        if (n < min || n > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, n + " ms is outside the valid range for parameter \""
                    + name + "\" (" + min + " .. " + max + ")");
        }
        return n;
    }

    /** Milliseconds as SHOW prints them: the largest unit that divides evenly; zero and below bare. */
    static String showMillis(long ms) {
        if (ms <= 0) {
            return Long.toString(ms);
        }
        for (TimeUnit u : TIME_UNITS) {
            if (u.millis() >= 1 && ms % (long) u.millis() == 0) {
                return ms / (long) u.millis() + u.name();
            }
        }
        throw new IllegalStateException("the ms unit divides everything");
    }

    // ------------------------------------------------------------------ memory sizes

    /** A memory unit PostgreSQL accepts for kilobyte parameters ({@code work_mem}), largest first, in kB. */
    private static final List<TimeUnit> MEMORY_UNITS = List.of(
            new TimeUnit("TB", 1024.0 * 1024 * 1024), new TimeUnit("GB", 1024.0 * 1024), new TimeUnit("MB", 1024),
            new TimeUnit("kB", 1), new TimeUnit("B", 1.0 / 1024));

    static final String MEMORY_UNITS_HINT = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";

    /**
     * {@code value} as whole kilobytes within {@code [min, max]} (a bare number is kB, units are
     * case-sensitive {@code B kB MB GB TB}), or PostgreSQL's 22023 error: {@code "1.5MB"} is 1536.
     */
    static int kilobytes(String value, String name, int min, int max) {
        double kb = Math.rint(parseUnits(value, name, MEMORY_UNITS, MEMORY_UNITS_HINT));
        if (kb > Integer.MAX_VALUE || kb < Integer.MIN_VALUE) {
            throw invalid(value, name, INTEGER_RANGE_HINT);
        }
        int n = (int) kb;
        if (n < min || n > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, n + " kB is outside the valid range for parameter \""
                    + name + "\" (" + min + " .. " + max + ")");
        }
        return n;
    }

    /** A floating-point value as SHOW prints it: no trailing ".0". */
    static String showReal(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Kilobytes as SHOW prints them: the largest unit that divides evenly ({@code 4096 -> "4MB"}). */
    static String showKilobytes(long kb) {
        if (kb <= 0) {
            return Long.toString(kb);
        }
        for (TimeUnit u : MEMORY_UNITS) {
            if (u.millis() >= 1 && kb % (long) u.millis() == 0) {
                return kb / (long) u.millis() + u.name();
            }
        }
        throw new IllegalStateException("the kB unit divides everything");
    }

    /** The number and unit of {@code value} in (fractional) milliseconds, before rounding and range checks. */
    private static double parseMillis(String value, String name) {
        return parseUnits(value, name, TIME_UNITS, TIME_UNITS_HINT);
    }

    /** The number and unit of {@code value} in (fractional) base units of {@code units}, before rounding and range checks. */
    private static double parseUnits(String value, String name, List<TimeUnit> units, String hint) {
        NumberPrefix number = NumberPrefix.parse(value);
        if (number == null) {
            throw invalid(value, name, null);
        }
        int i = skipSpace(value, number.end());
        if (i == value.length()) {
            return number.value();
        }
        int unitEnd = i;
        while (unitEnd < value.length() && !isSpace(value.charAt(unitEnd))) {
            unitEnd++;
        }
        String unit = value.substring(i, unitEnd);
        if (unit.length() > MAX_UNIT_LENGTH || skipSpace(value, unitEnd) != value.length()) {
            throw invalid(value, name, hint);
        }
        for (int u = 0; u < units.size(); u++) {
            if (units.get(u).name().equals(unit)) {
                double ms = number.value() * units.get(u).millis();
                if (u + 1 < units.size()) {
                    double finer = units.get(u + 1).millis();
                    ms = Math.rint(ms / finer) * finer;
                }
                return ms;
            }
        }
        throw invalid(value, name, hint);
    }

    private static SqlException invalid(String value, String name, String hint) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": \"" + value + "\"",
                0, null, hint, null);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}

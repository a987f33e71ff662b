package io.shaledb.server.slt;

import io.shaledb.server.slt.SltRecord.SortMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a result set into sqllogictest's canonical text values, sorts them and hashes them.
 *
 * <p>The rules are those of SQLite's reference runner, which wrote the expected results:
 * <ul>
 *   <li>NULL is {@code NULL}, whatever the column type;
 *   <li>{@code T} (text): the value's text, {@code (empty)} for the empty string, and every
 *       character outside printable ASCII replaced by {@code @};
 *   <li>{@code I} (integer): the value converted to a 64-bit integer as C does, so a fraction is
 *       truncated toward zero (PostgreSQL's {@code numeric} and {@code double} results of an
 *       integer column print the way SQLite's {@code sqlite3_column_int64} would), a boolean is 1 or
 *       0, and text that does not start with a number is 0;
 *   <li>{@code R} (real): the value as a double printed with {@code "%.3f"}, rounded from its exact
 *       binary value as C's printf rounds.
 * </ul>
 * The hash is the hex MD5 of every value followed by a newline, after sorting.
 */
final class SltValues {
    private static final Pattern HASHED = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    private SltValues() {}

    /** The formatted values of every row of {@code rs}, row after row, as {@code types} says. */
    static List<String[]> rows(ResultSet rs, String types) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        if (columns != types.length()) {
            throw new SQLException("the query returns " + columns + " columns but its record declares " + types.length()
                    + " ('" + types + "')", "SLT01");
        }
        int[] sqlTypes = new int[columns];
        for (int c = 0; c < columns; c++) {
            sqlTypes[c] = md.getColumnType(c + 1);
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                String raw = rs.getString(c + 1);
                row[c] = raw == null ? "NULL" : format(types.charAt(c), sqlTypes[c], raw);
            }
            rows.add(row);
        }
        return rows;
    }

    /** One non-null value as column type {@code type} ('T', 'I' or 'R') prints it. */
    static String format(char type, int sqlType, String raw) {
        boolean bool = sqlType == Types.BOOLEAN || sqlType == Types.BIT;
        return switch (type) {
            case 'I' -> bool ? (isTrue(raw) ? "1" : "0") : toInteger(raw);
            case 'R' -> bool ? (isTrue(raw) ? "1.000" : "0.000") : toReal(raw);
            default -> toText(raw);
        };
    }

    /** The values in the order a sort mode compares them: rows kept, rows sorted, or values sorted. */
    static List<String> sorted(List<String[]> rows, SortMode sort) {
        List<String[]> ordered = new ArrayList<>(rows);
        if (sort == SortMode.ROWSORT) {
            ordered.sort(SltValues::compareRows);
        }
        List<String> values = new ArrayList<>();
        for (String[] row : ordered) {
            values.addAll(Arrays.asList(row));
        }
        if (sort == SortMode.VALUESORT) {
            values.sort(SltValues::compareText);
        }
        return values;
    }

    /** {@code "N values hashing to <md5>"} of these values. */
    static String hashLine(List<String> values) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md5.update(v.getBytes(StandardCharsets.UTF_8));
                md5.update((byte) '\n');
            }
            return values.size() + " values hashing to " + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Whether the expected lines are the hashed form rather than the values themselves. */
    static boolean isHashed(List<String> expected) {
        return expected.size() == 1 && HASHED.matcher(expected.getFirst()).matches();
    }

    /** Values as the file would write them: themselves, or their hash above the threshold. */
    static List<String> render(List<String> values, int hashThreshold) {
        return hashThreshold > 0 && values.size() > hashThreshold ? List.of(hashLine(values)) : values;
    }

    private static String toText(String raw) {
        if (raw.isEmpty()) {
            return "(empty)";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            out.append(ch < ' ' || ch > '~' ? '@' : ch);
        }
        return out.toString();
    }

    private static String toInteger(String raw) {
        Matcher m = LEADING_NUMBER.matcher(raw);
        if (!m.find()) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(m.group(1));
        return exact.setScale(0, RoundingMode.DOWN).toBigInteger().toString();
    }

    private static String toReal(String raw) {
        double d;
        String s = raw.strip();
        if (s.equalsIgnoreCase("NaN") || s.endsWith("Infinity")) {
            return s.startsWith("-") ? "-inf" : s.equalsIgnoreCase("NaN") ? "nan" : "inf";
        }
        Matcher m = LEADING_NUMBER.matcher(s);
        d = m.find() ? Double.parseDouble(m.group(1)) : 0.0;
        String text = new BigDecimal(d).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    private static boolean isTrue(String raw) {
        return raw.equals("t") || raw.equalsIgnoreCase("true") || raw.equals("1");
    }

    private static int compareRows(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = compareText(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** strcmp order: byte by byte, which for the ASCII the values are reduced to is char order. */
    private static int compareText(String a, String b) {
        return a.compareTo(b);
    }
}

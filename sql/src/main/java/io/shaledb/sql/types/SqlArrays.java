package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * One-dimensional arrays: PostgreSQL's text form ({@code {1,2,NULL,"a b"}}) in and out, and the
 * btree order. An array value is a {@code java.util.List} of element values with null for a
 * NULL element; lower bounds are always 1.
 *
 * <pre>
 *   '{1, 2 ,NULL,"x,y"}'  --parse-->  [1, 2, null, "x,y"]  --toText-->  {1,2,NULL,"x,y"}
 * </pre>
 *
 * Elements are quoted on output when they are empty, spell NULL, or contain a brace, comma,
 * double quote, backslash or white space; quotes and backslashes inside are backslash-escaped.
 */
public final class SqlArrays {
    private SqlArrays() {}

    /** array_out. */
    public static String toText(List<?> elements, SqlType elementType) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = elements.get(i);
            if (e == null) {
                sb.append("NULL");
                continue;
            }
            String t = elementType.toText(e);
            if (needsQuotes(t)) {
                sb.append('"');
                for (int k = 0; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(t);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String t) {
        if (t.isEmpty() || t.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || isSpace(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** array_in for a one-dimensional array of {@code elementType}. */
    public static List<Object> parse(String text, SqlType elementType) {
        int p = 0;
        int n = text.length();
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        if (p >= n || text.charAt(p) != '{') {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        p++;
        List<Object> out = new ArrayList<>();
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        if (p < n && text.charAt(p) == '}') {
            p++;
        } else {
            while (true) {
                while (p < n && isSpace(text.charAt(p))) {
                    p++;
                }
                if (p >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                char c = text.charAt(p);
                if (c == '{') {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
                }
                if (c == ',' || c == '}') {
                    throw malformed(text, "Unexpected \"" + c + "\" character.");
                }
                StringBuilder element = new StringBuilder();
                boolean quoted = false;
                int lastSignificant = 0; // length of element without trailing unquoted spaces
                while (p < n) {
                    c = text.charAt(p);
                    if (c == '\\') {
                        if (p + 1 >= n) {
                            throw malformed(text, "Unexpected end of input.");
                        }
                        element.append(text.charAt(p + 1));
                        p += 2;
                        lastSignificant = element.length();
                    } else if (c == '"') {
                        quoted = true;
                        p++;
                        while (true) {
                            if (p >= n) {
                                throw malformed(text, "Unexpected end of input.");
                            }
                            char q = text.charAt(p);
                            if (q == '\\' && p + 1 < n) {
                                element.append(text.charAt(p + 1));
                                p += 2;
                            } else if (q == '"') {
                                p++;
                                break;
                            } else {
                                element.append(q);
                                p++;
                            }
                        }
                        lastSignificant = element.length();
                    } else if (c == ',' || c == '}') {
                        break;
                    } else if (c == '{') {
                        throw malformed(text, "Unexpected \"{\" character.");
                    } else {
                        element.append(c);
                        p++;
                        if (!isSpace(c)) {
                            lastSignificant = element.length();
                        }
                    }
                }
                if (p >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                String value = element.substring(0, lastSignificant);
                out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : Values.parse(value, elementType));
                if (text.charAt(p++) == '}') {
                    break;
                }
            }
        }
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        if (p < n) {
            throw malformed(text, "Junk after closing right brace.");
        }
        return out;
    }

    private static SqlException malformed(String text, String detail) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"", 0,
                detail, null, null);
    }

    /**
     * PostgreSQL's array order: element by element (a NULL element sorts after any value, two
     * NULLs are equal), then the shorter array first.
     */
    public static int compare(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
                continue;
            }
            int c = Values.compare(x, y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The element equality used by @&gt;, &lt;@, &amp;&amp;, array_position: NULLs never match. */
    public static boolean elementEquals(Object x, Object y) {
        return x != null && y != null && Values.compare(x, y) == 0;
    }
}

package io.shaledb.sql.exec;

import static io.shaledb.sql.exec.Functions.register;
import static io.shaledb.sql.types.SqlType.BIGINT;
import static io.shaledb.sql.types.SqlType.BOOLEAN;
import static io.shaledb.sql.types.SqlType.BYTEA;
import static io.shaledb.sql.types.SqlType.INTEGER;
import static io.shaledb.sql.types.SqlType.TEXT;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * String functions with PostgreSQL's semantics: positions and lengths count characters (code
 * points), not UTF-16 units; {@code substring} accepts start positions before 1; {@code
 * split_part} and {@code left}/{@code right} take negative counts from the end.
 */
final class StringFunctions {
    private StringFunctions() {}

    static void registerAll() {
        register("lower", TEXT, a -> mapCodePoints(s(a[0]), false), TEXT);
        register("upper", TEXT, a -> mapCodePoints(s(a[0]), true), TEXT);
        for (String n : List.of("length", "char_length", "character_length")) {
            register(n, INTEGER, a -> len(s(a[0])), TEXT);
        }
        register("length", INTEGER, a -> ((Bytea) a[0]).length(), BYTEA);
        register("octet_length", INTEGER, a -> s(a[0]).getBytes(StandardCharsets.UTF_8).length, TEXT);
        register("octet_length", INTEGER, a -> ((Bytea) a[0]).length(), BYTEA);
        // char(n) counts its padding in bytes (but not in characters: length() goes through text)
        register("octet_length", INTEGER, a -> s(a[0]).getBytes(StandardCharsets.UTF_8).length, SqlType.BPCHAR);
        register("bit_length", INTEGER, a -> 8 * s(a[0]).getBytes(StandardCharsets.UTF_8).length, TEXT);
        register("substring", TEXT, a -> substring(s(a[0]), (Integer) a[1], null), TEXT, INTEGER);
        register("substring", TEXT, a -> substring(s(a[0]), (Integer) a[1], (Integer) a[2]), TEXT, INTEGER, INTEGER);
        register("substr", TEXT, a -> substring(s(a[0]), (Integer) a[1], null), TEXT, INTEGER);
        register("substr", TEXT, a -> substring(s(a[0]), (Integer) a[1], (Integer) a[2]), TEXT, INTEGER, INTEGER);
        register("strpos", INTEGER, a -> strpos(s(a[0]), s(a[1])), TEXT, TEXT);
        register("position", INTEGER, a -> strpos(s(a[0]), s(a[1])), TEXT, TEXT);
        register("btrim", TEXT, a -> trim(s(a[0]), " ", true, true), TEXT);
        register("btrim", TEXT, a -> trim(s(a[0]), s(a[1]), true, true), TEXT, TEXT);
        register("ltrim", TEXT, a -> trim(s(a[0]), " ", true, false), TEXT);
        register("ltrim", TEXT, a -> trim(s(a[0]), s(a[1]), true, false), TEXT, TEXT);
        register("rtrim", TEXT, a -> trim(s(a[0]), " ", false, true), TEXT);
        register("rtrim", TEXT, a -> trim(s(a[0]), s(a[1]), false, true), TEXT, TEXT);
        register("replace", TEXT, a -> s(a[1]).isEmpty() ? s(a[0]) : s(a[0]).replace(s(a[1]), s(a[2])), TEXT, TEXT, TEXT);
        register("split_part", TEXT, a -> splitPart(s(a[0]), s(a[1]), (Integer) a[2]), TEXT, TEXT, INTEGER);
        register("left", TEXT, a -> left(s(a[0]), (Integer) a[1]), TEXT, INTEGER);
        register("right", TEXT, a -> right(s(a[0]), (Integer) a[1]), TEXT, INTEGER);
        register("repeat", TEXT, a -> ((Integer) a[1]) <= 0 ? "" : s(a[0]).repeat((Integer) a[1]), TEXT, INTEGER);
        register("reverse", TEXT, a -> new StringBuilder(s(a[0])).reverse().toString(), TEXT);
        register("lpad", TEXT, a -> pad(s(a[0]), (Integer) a[1], " ", true), TEXT, INTEGER);
        register("lpad", TEXT, a -> pad(s(a[0]), (Integer) a[1], s(a[2]), true), TEXT, INTEGER, TEXT);
        register("rpad", TEXT, a -> pad(s(a[0]), (Integer) a[1], " ", false), TEXT, INTEGER);
        register("rpad", TEXT, a -> pad(s(a[0]), (Integer) a[1], s(a[2]), false), TEXT, INTEGER, TEXT);
        register("initcap", TEXT, a -> initcap(s(a[0])), TEXT);
        register("md5", TEXT, a -> md5(s(a[0]).getBytes(StandardCharsets.UTF_8)), TEXT);
        register("md5", TEXT, a -> md5(((Bytea) a[0]).bytes()), BYTEA);
        register("starts_with", BOOLEAN, a -> s(a[0]).startsWith(s(a[1])), TEXT, TEXT);
        register("ascii", INTEGER, a -> s(a[0]).isEmpty() ? 0 : s(a[0]).codePointAt(0), TEXT);
        register("chr", TEXT, a -> chr((Integer) a[0]), INTEGER);
        register("translate", TEXT, a -> translate(s(a[0]), s(a[1]), s(a[2])), TEXT, TEXT, TEXT);
        register("quote_ident", TEXT, a -> quoteIdent(s(a[0])), TEXT);
        register("quote_literal", TEXT, a -> quoteLiteral(s(a[0])), TEXT);
        register("to_hex", TEXT, a -> Long.toHexString(((Number) a[0]).longValue()), BIGINT);
        // concat, concat_ws and format take any arguments, which arrive as their output text
        Functions.add(new Functions.Overload("concat", List.of(), null, TEXT, false, StringFunctions::concat));
        Functions.add(new Functions.Overload("concat_ws", List.of(TEXT), null, TEXT, false, StringFunctions::concatWs));
        Functions.add(new Functions.Overload("format", List.of(TEXT), null, TEXT, false, StringFunctions::format));
    }

    private static String s(Object o) {
        return (String) o;
    }

    /** Case mapping one code point at a time, like PostgreSQL's towupper/towlower (no 'ß' to "SS"). */
    static String mapCodePoints(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
        return sb.toString();
    }

    static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    /** PostgreSQL substring: characters from {@code start} (1-based, may be before 1) for {@code count}. */
    static String substring(String s, int start, Integer count) {
        if (count != null && count < 0) {
            throw new SqlException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        int n = len(s);
        long from = start;
        long to = count == null ? Long.MAX_VALUE : (long) start + count; // exclusive
        from = Math.max(from, 1);
        to = Math.min(to, (long) n + 1);
        if (from >= to) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) from - 1);
        int e = s.offsetByCodePoints(b, (int) (to - from));
        return s.substring(b, e);
    }

    static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int b = 0;
        int e = s.length();
        while (leading && b < e && chars.indexOf(s.codePointAt(b)) >= 0) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (trailing && e > b && chars.indexOf(s.codePointBefore(e)) >= 0) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    private static String splitPart(String s, String delim, int n) {
        if (n == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        List<String> parts;
        if (delim.isEmpty()) {
            parts = List.of(s);
        } else {
            parts = new java.util.ArrayList<>();
            int from = 0;
            int i;
            while ((i = s.indexOf(delim, from)) >= 0) {
                parts.add(s.substring(from, i));
                from = i + delim.length();
            }
            parts.add(s.substring(from));
        }
        int idx = n > 0 ? n - 1 : parts.size() + n;
        return idx >= 0 && idx < parts.size() ? parts.get(idx) : "";
    }

    private static String left(String s, int n) {
        int len = len(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    private static String right(String s, int n) {
        int len = len(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    private static String pad(String s, int length, String fill, boolean leftSide) {
        int len = len(s);
        if (length <= len) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(length, 0)));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder p = new StringBuilder();
        int[] cps = fill.codePoints().toArray();
        for (int i = 0; i < length - len; i++) {
            p.appendCodePoint(cps[i % cps.length]);
        }
        return leftSide ? p + s : s + p;
    }

    private static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.appendCodePoint(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = !Character.isLetterOrDigit(c);
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    private static String chr(int code) {
        if (code == 0) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    private static String translate(String s, String from, String to) {
        StringBuilder sb = new StringBuilder(s.length());
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        s.codePoints().forEach(c -> {
            int idx = -1;
            for (int i = 0; i < f.length; i++) {
                if (f[i] == c) {
                    idx = i;
                    break;
                }
            }
            if (idx < 0) {
                sb.appendCodePoint(c);
            } else if (idx < t.length) {
                sb.appendCodePoint(t[idx]);
            }
        });
        return sb.toString();
    }

    static String quoteIdent(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_')
                && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
                && !io.shaledb.sql.parser.Keywords.isReserved(s);
        return plain ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    private static Object concat(Object[] a) {
        StringBuilder sb = new StringBuilder();
        for (Object o : a) {
            if (o != null) {
                sb.append((String) o);
            }
        }
        return sb.toString();
    }

    private static Object concatWs(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < a.length; i++) {
            if (a[i] != null) {
                if (!first) {
                    sb.append((String) a[0]);
                }
                sb.append((String) a[i]);
                first = false;
            }
        }
        return sb.toString();
    }

    /** format(fmt, ...): {@code %s} text (NULL as empty), {@code %I} identifier, {@code %L} literal (NULL as NULL), {@code %%}. */
    private static Object format(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        String f = (String) a[0];
        StringBuilder sb = new StringBuilder();
        int arg = 1;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (++i >= f.length()) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier", 0, null,
                        "For a single \"%\" use \"%%\".", null);
            }
            char spec = f.charAt(i);
            if (spec == '%') {
                sb.append('%');
                continue;
            }
            if (arg >= a.length) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            Object v = a[arg++];
            switch (spec) {
                case 's' -> sb.append(v == null ? "" : (String) v);
                case 'I' -> {
                    if (v == null) {
                        throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
                    }
                    sb.append(quoteIdent((String) v));
                }
                case 'L' -> sb.append(v == null ? "NULL" : quoteLiteral((String) v));
                default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + spec + "\"", 0, null,
                        "For a single \"%\" use \"%%\".", null);
            }
        }
        return sb.toString();
    }
}

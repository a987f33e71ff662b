package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The two string literal forms with escapes, decoded as PostgreSQL's scanner decodes them.
 *
 * <pre>
 *   E'a\nb\x41\101\u00e9'   escape string: \b \f \n \r \t, \ooo octal, \xhh hex (1-2 digits),
 *                           \\uXXXX and \\UXXXXXXXX code points, \\c = c, '' = '
 *   U&amp;'d\0061t\+000061'     Unicode escapes: \XXXX, \+XXXXXX, \\ (UESCAPE 'c' picks another escape)
 * </pre>
 *
 * <p>Octal and hex escapes produce bytes, not characters: {@code E'\xc3\xa9'} is "é". The bytes
 * are collected and must form valid UTF-8 at the end (22021 otherwise, as PostgreSQL checks the
 * literal against the server encoding). A zero byte is invalid too.
 */
final class EscapeStrings {
    private EscapeStrings() {}

    /**
     * Decodes the body of {@code E'...'} starting at {@code pos} (just after the opening quote);
     * returns the decoded text and sets {@code end[0]} to the offset after the closing quote.
     * {@code start} is the literal's offset for error positions.
     */
    static String escape(String src, int pos, int start, int[] end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int highSurrogate = -1;
        int i = pos;
        while (true) {
            if (i >= src.length()) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "unterminated quoted string at or near \"" + src.substring(start) + "\"", start + 1);
            }
            char c = src.charAt(i);
            if (c == '\'') {
                if (i + 1 < src.length() && src.charAt(i + 1) == '\'') {
                    bytes.write('\'');
                    i += 2;
                    continue;
                }
                if (highSurrogate >= 0) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \"'\"", i + 1);
                }
                end[0] = i + 1;
                return utf8(bytes.toByteArray());
            }
            if (c != '\\') {
                if (highSurrogate >= 0) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \""
                            + c + "\"", i + 1);
                }
                int cp = src.codePointAt(i);
                writeCodePoint(bytes, cp);
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= src.length()) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "unterminated quoted string at or near \"" + src.substring(start) + "\"", start + 1);
            }
            char e = src.charAt(i + 1);
            if (e == 'u' || e == 'U') {
                int digits = e == 'u' ? 4 : 8;
                int cp = hex(src, i + 2, digits);
                if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                    throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape", i + 1, null,
                            "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.", null);
                }
                i += 2 + digits;
                if (Character.isHighSurrogate((char) cp) && cp <= 0xFFFF) {
                    if (highSurrogate >= 0) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \"'\"", i + 1);
                    }
                    highSurrogate = cp;
                    continue;
                }
                if (Character.isLowSurrogate((char) cp) && cp <= 0xFFFF) {
                    if (highSurrogate < 0) {
                        throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \"'\"", i + 1);
                    }
                    cp = Character.toCodePoint((char) highSurrogate, (char) cp);
                    highSurrogate = -1;
                } else if (highSurrogate >= 0) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \"'\"", i + 1);
                }
                if (cp == 0) {
                    throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                            "invalid byte sequence for encoding \"UTF8\": 0x00");
                }
                writeCodePoint(bytes, cp);
                continue;
            }
            if (highSurrogate >= 0) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair at or near \"'\"", i + 1);
            }
            i += 2;
            switch (e) {
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'x' -> {
                    int n = 0;
                    int v = 0;
                    while (n < 2 && i < src.length() && Character.digit(src.charAt(i), 16) >= 0) {
                        v = v * 16 + Character.digit(src.charAt(i++), 16);
                        n++;
                    }
                    if (n == 0) {
                        bytes.write('x');
                    } else {
                        bytes.write(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '7') {
                            v = v * 8 + (src.charAt(i++) - '0');
                            n++;
                        }
                        bytes.write(v & 0xFF);
                    } else {
                        int cp = src.codePointAt(i - 1);
                        writeCodePoint(bytes, cp);
                        i += Character.charCount(cp) - 1;
                    }
                }
            }
        }
    }

    /**
     * Decodes the body of a {@code U&'...'} literal (already unquoted, {@code ''} folded) with
     * {@code escape} as the escape character; {@code errorPos} is the 1-based position of the body's
     * first character (errors point at the bad escape, as PostgreSQL's do).
     */
    static String unicode(String body, char escape, int errorPos) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < body.length() && body.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
                continue;
            }
            int escAt = i;
            int cp;
            if (i + 1 < body.length() && body.charAt(i + 1) == '+') {
                cp = hex(body, i + 2, 6);
                i += 8;
            } else {
                cp = hex(body, i + 1, 4);
                i += 5;
            }
            if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape", errorPos + escAt, null,
                        "Unicode escapes must be \\XXXX or \\+XXXXXX.", null);
            }
            if (cp == 0) {
                throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00");
            }
            if (Character.isHighSurrogate((char) cp) && cp <= 0xFFFF && i < body.length() && body.charAt(i) == escape) {
                int low = hex(body, i + 1, 4);
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    cp = Character.toCodePoint((char) cp, (char) low);
                    i += 5;
                }
            }
            if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair", errorPos + escAt);
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** The value of exactly {@code n} hex digits at {@code at}, or -1. */
    private static int hex(String s, int at, int n) {
        if (at + n > s.length()) {
            return -1;
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            int d = Character.digit(s.charAt(at + k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static void writeCodePoint(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": " + firstInvalid(bytes));
        }
    }

    /** PostgreSQL's report of the first invalid sequence: its bytes in hex, e.g. {@code 0xff} or {@code 0xc3 0x28}. */
    private static String firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
            boolean ok = len > 0 && i + len <= bytes.length;
            for (int k = 1; ok && k < len; k++) {
                ok = (bytes[i + k] & 0xC0) == 0x80;
            }
            if (!ok) {
                StringBuilder sb = new StringBuilder();
                int n = Math.max(1, Math.min(len, bytes.length - i));
                for (int k = 0; k < n; k++) {
                    sb.append(k > 0 ? " " : "").append(String.format("0x%02x", bytes[i + k] & 0xFF));
                }
                return sb.toString();
            }
            i += len;
        }
        return String.format("0x%02x", bytes[0] & 0xFF);
    }
}

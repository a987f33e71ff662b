package io.shaledb.sql.copy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * PostgreSQL's two text formats of COPY, both ways: a record's bytes into fields, and a row's
 * field texts into a line.
 *
 * <p><b>text</b>: fields separated by the delimiter (tab), {@code \N} for NULL (compared with the
 * field as written, before escapes are undone), backslash escapes {@code \b \f \n \r \t \v \\},
 * {@code \}<i>ooo</i> (octal) and {@code \x}<i>hh</i> (hex) for bytes, and a backslash before any
 * other character for that character. On output the delimiter, backslash and control characters
 * are escaped.
 *
 * <p><b>CSV</b>: fields separated by the delimiter (comma); a field in quotes may hold
 * delimiters, newlines and quotes (doubled, or preceded by ESCAPE); an unquoted field equal to the
 * NULL string (empty by default) is NULL, a quoted one never is (unless FORCE_NULL), and
 * FORCE_NOT_NULL reads unquoted NULL strings as values. On output a field is quoted when it holds
 * a delimiter, quote, newline or carriage return, equals the NULL string, is {@code \.} alone on
 * its line, or is forced.
 */
public final class CopyCodec {
    private final CopyOptions options;
    private final String nullString;
    private final byte[] nullBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] field = new byte[256];

    public CopyCodec(CopyOptions options) {
        this.options = options;
        this.nullString = options.nullString();
        this.nullBytes = nullString.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ reading

    /**
     * The fields of one record, null for SQL NULL. {@code forceNotNull[i]} / {@code forceNull[i]}
     * (CSV only; may be shorter than the record) change how field i treats the NULL string.
     */
    public List<String> parse(byte[] buf, int off, int len, boolean[] forceNotNull, boolean[] forceNull) {
        return options.csv() ? parseCsv(buf, off, len, forceNotNull, forceNull) : parseText(buf, off, len);
    }

    private List<String> parseText(byte[] buf, int off, int len) {
        List<String> out = new ArrayList<>();
        byte delim = options.delimiter();
        int end = off + len;
        int i = off;
        while (true) {
            int start = i;
            int n = 0;
            boolean escaped = false;
            while (i < end && buf[i] != delim) {
                byte b = buf[i++];
                if (b != '\\' || i >= end) {
                    n = put(n, b);
                    continue;
                }
                escaped = true;
                byte c = buf[i++];
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    for (int k = 0; k < 2 && i < end && buf[i] >= '0' && buf[i] <= '7'; k++) {
                        v = v * 8 + (buf[i++] - '0');
                    }
                    n = put(n, (byte) v);
                } else if (c == 'x' && i < end && hex(buf[i]) >= 0) {
                    int v = hex(buf[i++]);
                    if (i < end && hex(buf[i]) >= 0) {
                        v = v * 16 + hex(buf[i++]);
                    }
                    n = put(n, (byte) v);
                } else {
                    n = put(n, switch (c) {
                        case 'b' -> (byte) '\b';
                        case 'f' -> (byte) '\f';
                        case 'n' -> (byte) '\n';
                        case 'r' -> (byte) '\r';
                        case 't' -> (byte) '\t';
                        case 'v' -> (byte) 0x0B;
                        default -> c;
                    });
                }
            }
            boolean isNull = Arrays.equals(buf, start, i, nullBytes, 0, nullBytes.length);
            out.add(isNull ? null : escaped ? decode(field, 0, n) : decode(buf, start, i - start));
            if (i >= end) {
                return out;
            }
            i++; // the delimiter
        }
    }

    private List<String> parseCsv(byte[] buf, int off, int len, boolean[] forceNotNull, boolean[] forceNull) {
        List<String> out = new ArrayList<>();
        byte delim = options.delimiter();
        byte quote = options.quote();
        byte escape = options.escape();
        int end = off + len;
        int i = off;
        while (true) {
            int start = i;
            int n = 0;
            boolean quoted = false;
            boolean inQuote = false;
            while (i < end) {
                byte b = buf[i];
                if (inQuote) {
                    i++;
                    if (b == escape && i < end && (buf[i] == quote || buf[i] == escape) && (escape != quote || buf[i] == quote)) {
                        n = put(n, buf[i++]);
                    } else if (b == quote) {
                        inQuote = false;
                    } else {
                        n = put(n, b);
                    }
                } else if (b == delim) {
                    break;
                } else {
                    i++;
                    if (b == quote) {
                        inQuote = true;
                        quoted = true;
                    } else {
                        n = put(n, b);
                    }
                }
            }
            if (inQuote) {
                throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
            }
            int col = out.size();
            boolean matchesNull = !quoted ? Arrays.equals(buf, start, i, nullBytes, 0, nullBytes.length)
                    : Arrays.equals(field, 0, n, nullBytes, 0, nullBytes.length);
            boolean isNull;
            if (quoted) {
                isNull = matchesNull && col < forceNull.length && forceNull[col];
            } else {
                isNull = matchesNull && !(col < forceNotNull.length && forceNotNull[col]);
            }
            out.add(isNull ? null : decode(field, 0, n));
            if (i >= end) {
                return out;
            }
            i++; // the delimiter
        }
    }

    private int put(int n, byte b) {
        if (n == field.length) {
            field = Arrays.copyOf(field, n * 2);
        }
        field[n] = b;
        return n + 1;
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** Strict UTF-8, reported as PostgreSQL words it. */
    private String decode(byte[] bytes, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, off, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            StringBuilder hex = new StringBuilder();
            for (int i = off; i < off + len; i++) {
                if (bytes[i] < 0 || bytes[i] == 0) {
                    for (int k = i; k < Math.min(i + 2, off + len); k++) {
                        hex.append(hex.isEmpty() ? "" : " ").append("0x").append(HexFormat.of().toHexDigits(bytes[k]));
                    }
                    break;
                }
            }
            throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": " + hex);
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Appends one line (with its newline) for {@code fields} (null for NULL); {@code forceQuote[i]}
     * quotes field i in CSV.
     */
    public void format(StringBuilder out, String[] fields, boolean[] forceQuote) {
        char delim = (char) options.delimiter();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(delim);
            }
            String f = fields[i];
            if (f == null) {
                out.append(nullString);
            } else if (options.csv()) {
                csvField(out, f, forceQuote[i] || options.forceQuoteAll(), fields.length == 1);
            } else {
                textField(out, f, delim);
            }
        }
        out.append('\n');
    }

    private static void textField(StringBuilder out, String f, char delim) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c == delim) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
    }

    private void csvField(StringBuilder out, String f, boolean force, boolean single) {
        char quote = (char) options.quote();
        char escape = (char) options.escape();
        char delim = (char) options.delimiter();
        boolean useQuote = force || f.equals(nullString) || (single && f.equals("\\."));
        for (int i = 0; i < f.length() && !useQuote; i++) {
            char c = f.charAt(i);
            useQuote = c == delim || c == quote || c == '\n' || c == '\r';
        }
        if (!useQuote) {
            out.append(f);
            return;
        }
        out.append(quote);
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == quote || c == escape) {
                out.append(escape);
            }
            out.append(c);
        }
        out.append(quote);
    }
}

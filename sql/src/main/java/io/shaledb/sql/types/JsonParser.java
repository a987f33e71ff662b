package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A recursive-descent JSON parser producing {@link Jsonb} nodes, with PostgreSQL's lexical rules
 * and error details: a token is a structural character, a string, a number, or a run of
 * alphanumeric characters that must be {@code true}, {@code false} or {@code null}.
 */
final class JsonParser {
    private final String s;
    private int pos;
    /** The current token's text and kind. */
    private String token;
    private char kind; // '{' '}' '[' ']' ',' ':' 's' string, 'n' number, 'w' word, 'e' end

    JsonParser(String s) {
        this.s = s;
    }

    Object parseDocument() {
        lex();
        Object v = value();
        if (kind != 'e') {
            throw expected("end of input");
        }
        return v;
    }

    private Object value() {
        switch (kind) {
            case '{' -> {
                TreeMap<String, Object> map = Jsonb.newObject();
                lex();
                if (kind == '}') {
                    lex();
                    return map;
                }
                while (true) {
                    if (kind != 's') {
                        throw kind == 'e' ? ended() : Jsonb.invalid("Expected string" + (map.isEmpty() ? " or \"}\"" : "")
                                + ", but found \"" + token + "\".");
                    }
                    String key = stringValue;
                    lex();
                    if (kind != ':') {
                        throw expected("\":\"");
                    }
                    lex();
                    map.put(key, value()); // last duplicate wins
                    if (kind == ',') {
                        lex();
                    } else if (kind == '}') {
                        lex();
                        return map;
                    } else {
                        throw expected("\",\" or \"}\"");
                    }
                }
            }
            case '[' -> {
                List<Object> list = new ArrayList<>();
                lex();
                if (kind == ']') {
                    lex();
                    return list;
                }
                while (true) {
                    list.add(value());
                    if (kind == ',') {
                        lex();
                    } else if (kind == ']') {
                        lex();
                        return list;
                    } else {
                        throw expected("\",\" or \"]\"");
                    }
                }
            }
            case 's' -> {
                String v = stringValue;
                lex();
                return v;
            }
            case 'n' -> {
                BigDecimal d = new BigDecimal(token);
                lex();
                return d;
            }
            case 'w' -> {
                Object v = switch (token) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> Jsonb.NULL;
                    default -> throw Jsonb.invalid("Token \"" + token + "\" is invalid.");
                };
                lex();
                return v;
            }
            case 'e' -> throw ended();
            default -> throw expected("JSON value");
        }
    }

    private SqlException expected(String what) {
        if (kind == 'e') {
            return ended();
        }
        return Jsonb.invalid("Expected " + what + ", but found \"" + token + "\".");
    }

    private static SqlException ended() {
        return Jsonb.invalid("The input string ended unexpectedly.");
    }

    private String stringValue;

    private void lex() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
                || s.charAt(pos) == '\r')) {
            pos++;
        }
        if (pos >= s.length()) {
            kind = 'e';
            token = "";
            return;
        }
        int start = pos;
        char c = s.charAt(pos);
        if ("{}[],:".indexOf(c) >= 0) {
            pos++;
            kind = c;
            token = String.valueOf(c);
            return;
        }
        if (c == '"') {
            lexString();
            return;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            lexNumber(start);
            return;
        }
        while (pos < s.length() && isAlnum(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            pos++;
            throw Jsonb.invalid("Token \"" + s.substring(start, pos) + "\" is invalid.");
        }
        kind = 'w';
        token = s.substring(start, pos);
        if (!token.equals("true") && !token.equals("false") && !token.equals("null")) {
            throw Jsonb.invalid("Token \"" + token + "\" is invalid.");
        }
    }

    private static boolean isAlnum(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c >= 128;
    }

    private void lexNumber(int start) {
        boolean ok = true;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '0') {
            pos++;
        } else if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            ok = false;
        }
        if (ok && pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                ok = false;
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (ok && pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                ok = false;
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        // trailing alphanumerics make the whole run one invalid token (PostgreSQL: "Token "1x" is invalid.")
        while (pos < s.length() && isAlnum(s.charAt(pos)) || (!ok && pos < s.length() && s.charAt(pos) == '.')) {
            ok = false;
            pos++;
        }
        token = s.substring(start, pos);
        if (!ok) {
            throw Jsonb.invalid("Token \"" + token + "\" is invalid.");
        }
        kind = 'n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void lexString() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                token = s.substring(start);
                throw ended();
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                throw Jsonb.invalid(String.format("Character with value 0x%02x must be escaped.", (int) c));
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= s.length()) {
                throw ended();
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape(sb));
                default -> throw Jsonb.invalid("Escape sequence \"\\" + e + "\" is invalid.");
            }
        }
        kind = 's';
        token = s.substring(start, pos);
        stringValue = sb.toString();
    }

    private String unicodeEscape(StringBuilder sb) {
        if (pos + 4 > s.length() || !s.substring(pos, pos + 4).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw Jsonb.invalid("\"\\u\" must be followed by four hexadecimal digits.");
        }
        char ch = (char) Integer.parseInt(s.substring(pos, pos + 4), 16);
        pos += 4;
        if (ch == 0) {
            throw new SqlException(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence", 0,
                    "\\u0000 cannot be converted to text.", null, null);
        }
        if (Character.isLowSurrogate(ch) && (sb.isEmpty() || !Character.isHighSurrogate(sb.charAt(sb.length() - 1)))) {
            throw Jsonb.invalid("Unicode low surrogate must follow a high surrogate.");
        }
        if (Character.isHighSurrogate(ch) && !(pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u')) {
            throw Jsonb.invalid("Unicode high surrogate must not follow a high surrogate.");
        }
        return String.valueOf(ch);
    }
}

package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole query string into tokens, skipping whitespace and both comment styles
 * ({@code -- to end of line} and nestable {@code /* ... *&#47;}). Every token remembers its
 * character offset in the whole string so that errors point at the right place even in the
 * third statement of a multi-statement string.
 *
 * <p>Operators follow PostgreSQL's rule: a run of operator characters is one operator, except that
 * a trailing {@code +} or {@code -} is split off when the run has no other "exotic" characters, so
 * {@code 1+-2} lexes as {@code 1 + -2}.
 */
public final class Lexer {
    private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";
    private static final String EXOTIC_OP_CHARS = "~!@#%^&|`?";

    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    /** Tokenizes {@code sql}; the list always ends with an {@link TokenKind#EOF} token. */
    public static List<Token> tokenize(String sql) {
        Lexer lx = new Lexer(sql);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind() != TokenKind.EOF);
        return out;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= src.length()) {
            return new Token(TokenKind.EOF, "", "", src.length());
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '\'') {
            return string(start);
        }
        if (c == '"') {
            return quotedIdent(start);
        }
        if (c == '$') {
            Token dollar = dollarQuoted(start);
            if (dollar != null) {
                return dollar;
            }
            if (pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
                return param(start);
            }
        }
        // ".." (PL/pgSQL's FOR i IN 1..10) is two dots, never a dot starting the number after it
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))
                && !(pos > 0 && src.charAt(pos - 1) == '.'))) {
            return number(start);
        }
        if ((c == 'e' || c == 'E') && pos + 1 < src.length() && src.charAt(pos + 1) == '\'') {
            int[] end = new int[1];
            String text = EscapeStrings.escape(src, pos + 2, start, end);
            pos = end[0];
            return new Token(TokenKind.STRING, text, src.substring(start, pos), start);
        }
        if ((c == 'u' || c == 'U') && src.startsWith("&'", pos + 1)) {
            return unicodeString(start);
        }
        if (isIdentStart(c)) {
            while (pos < src.length() && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            String raw = src.substring(start, pos);
            return new Token(TokenKind.WORD, foldCase(raw), raw, start);
        }
        if (c == ':' && pos + 1 < src.length() && src.charAt(pos + 1) == ':') {
            pos += 2;
            return symbol("::", start);
        }
        if ("(),;.[]:".indexOf(c) >= 0) {
            pos++;
            return symbol(String.valueOf(c), start);
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        pos++;
        throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + c + "\"", start + 1);
    }

    /** {@code $n}: a positional parameter (the extended query protocol's, or a PL/pgSQL argument). */
    private Token param(int start) {
        pos++;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        return new Token(TokenKind.PARAM, src.substring(start + 1, pos), src.substring(start, pos), start);
    }

    private Token symbol(String s, int start) {
        return new Token(TokenKind.SYMBOL, s, s, start);
    }

    private Token operator(int start) {
        int end = start;
        while (end < src.length() && OP_CHARS.indexOf(src.charAt(end)) >= 0) {
            // A comment start ends the operator.
            if (end > start && (src.startsWith("--", end) || src.startsWith("/*", end))) {
                break;
            }
            end++;
        }
        String op = src.substring(start, end);
        if (op.length() > 1 && (op.endsWith("+") || op.endsWith("-")) && op.chars().noneMatch(ch -> EXOTIC_OP_CHARS.indexOf(ch) >= 0)) {
            int n = op.length();
            while (n > 1 && (op.charAt(n - 1) == '+' || op.charAt(n - 1) == '-')) {
                n--;
            }
            op = op.substring(0, n);
        }
        pos = start + op.length();
        return symbol(op, start);
    }

    private Token string(int start) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "unterminated quoted string at or near \"" + src.substring(start) + "\"", start + 1);
            }
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (pos < src.length() && src.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                    continue;
                }
                return new Token(TokenKind.STRING, sb.toString(), src.substring(start, pos), start);
            }
            sb.append(c);
        }
    }

    /** {@code U&'...'} with an optional {@code UESCAPE 'c'} after it (see {@link EscapeStrings#unicode}). */
    private Token unicodeString(int start) {
        pos += 2;
        String body = string(pos).text();
        char escape = '\\';
        int afterLiteral = pos;
        skipSpaceAndComments();
        if (src.regionMatches(true, pos, "uescape", 0, 7) && (pos + 7 >= src.length() || !isIdentPart(src.charAt(pos + 7)))) {
            pos += 7;
            skipSpaceAndComments();
            int escStart = pos;
            if (pos >= src.length() || src.charAt(pos) != '\'') {
                throw new SqlException(SqlState.SYNTAX_ERROR, "UESCAPE must be followed by a simple string literal", escStart + 1);
            }
            String e = string(pos).text();
            if (e.length() != 1 || "0123456789abcdefABCDEF+'\" \t\n\r".indexOf(e.charAt(0)) >= 0) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape character", escStart + 1);
            }
            escape = e.charAt(0);
        } else {
            pos = afterLiteral;
        }
        return new Token(TokenKind.STRING, EscapeStrings.unicode(body, escape, start + 4), src.substring(start, pos), start);
    }

    /**
     * A dollar-quoted string {@code $tag$ ... $tag$} (the tag may be empty; it follows identifier
     * rules without the {@code $}); its text is taken literally, without escapes. Null when the
     * {@code $} does not start a tag (e.g. {@code $1}).
     */
    private Token dollarQuoted(int start) {
        int end = start + 1;
        if (end < src.length() && isIdentStart(src.charAt(end))) {
            while (end < src.length() && isIdentStart(src.charAt(end)) || end < src.length() && isDigit(src.charAt(end))) {
                end++;
            }
        }
        if (end >= src.length() || src.charAt(end) != '$') {
            return null;
        }
        String tag = src.substring(start, end + 1);
        int close = src.indexOf(tag, end + 1);
        if (close < 0) {
            pos = src.length();
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "unterminated dollar-quoted string at or near \"" + src.substring(start) + "\"", start + 1);
        }
        pos = close + tag.length();
        return new Token(TokenKind.STRING, src.substring(end + 1, close), src.substring(start, pos), start);
    }

    private Token quotedIdent(int start) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "unterminated quoted identifier at or near \"" + src.substring(start) + "\"", start + 1);
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                if (pos < src.length() && src.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                    continue;
                }
                if (sb.isEmpty()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR,
                            "zero-length delimited identifier at or near \"\"\"\"", start + 1);
                }
                return new Token(TokenKind.QUOTED_IDENT, sb.toString(), src.substring(start, pos), start);
            }
            sb.append(c);
        }
    }

    private Token number(int start) {
        boolean decimal = false;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        // "1..2" is not a decimal: leave ".." alone.
        if (pos < src.length() && src.charAt(pos) == '.' && !src.startsWith("..", pos)) {
            decimal = true;
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && isDigit(src.charAt(pos))) {
                decimal = true;
                while (pos < src.length() && isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && isIdentStart(src.charAt(pos))) {
            int end = pos;
            while (end < src.length() && isIdentPart(src.charAt(end))) {
                end++;
            }
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "trailing junk after numeric literal at or near \"" + src.substring(start, end) + "\"", start + 1);
        }
        String raw = src.substring(start, pos);
        return new Token(decimal ? TokenKind.DECIMAL : TokenKind.INTEGER, raw, raw, start);
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("--", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR,
                "unterminated /* comment at or near \"" + src.substring(start) + "\"", start + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    /** PostgreSQL folds only ASCII letters of unquoted identifiers. */
    private static String foldCase(String raw) {
        StringBuilder sb = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(raw);
                }
                sb.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return sb == null ? raw : sb.toString();
    }
}

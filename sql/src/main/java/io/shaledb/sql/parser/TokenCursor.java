package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.List;

/**
 * The token stream under the parsers: look-ahead, accept/expect helpers and the error
 * constructors that give every syntax error its PostgreSQL message and position.
 */
abstract class TokenCursor {
    protected final String sql;
    protected final List<Token> tokens;
    protected int index;

    protected TokenCursor(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    // ---------------------------------------------------------------- token helpers

    protected Token peek() {
        return tokens.get(index);
    }

    protected Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    protected Token next() {
        Token t = tokens.get(index);
        if (t.kind() != TokenKind.EOF) {
            index++;
        }
        return t;
    }

    protected boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            next();
            return true;
        }
        return false;
    }

    protected boolean acceptWord(String w) {
        if (peek().isWord(w)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code IF EXISTS} when it comes next ({@code if} alone is a name: it is unreserved). */
    protected boolean acceptIfExists() {
        if (peek().isWord("if") && peek(1).isWord("exists")) {
            next();
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code IF NOT EXISTS} when it comes next. */
    protected boolean acceptIfNotExists() {
        if (peek().isWord("if") && peek(1).isWord("not")) {
            next();
            next();
            expectWord("exists");
            return true;
        }
        return false;
    }

    /** Consumes an optional {@code CASCADE | RESTRICT} of a DROP; true for CASCADE. */
    protected boolean acceptDropBehavior() {
        return !acceptWord("restrict") && acceptWord("cascade");
    }

    protected Token expectSymbol(String s) {
        if (!peek().isSymbol(s)) {
            throw syntaxError(peek());
        }
        return next();
    }

    protected Token expectWord(String w) {
        if (!peek().isWord(w)) {
            throw syntaxError(peek());
        }
        return next();
    }

    protected SqlException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input", sql.length() + 1);
        }
        return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"", t.position());
    }

    protected static SqlException unsupported(Token t, String what) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what, t.position());
    }
}

package io.shaledb.sql.parser;

/**
 * One token.
 *
 * @param kind its lexical class
 * @param text the token's value: the folded word, the identifier, the string contents, the digits,
 *     or the symbol
 * @param raw the exact source text (used in "at or near" messages)
 * @param offset 0-based character offset in the whole query string
 */
public record Token(TokenKind kind, String text, String raw, int offset) {

    public boolean isSymbol(String s) {
        return kind == TokenKind.SYMBOL && text.equals(s);
    }

    /** True for the unquoted word {@code w} (lower case), i.e. a keyword match. */
    public boolean isWord(String w) {
        return kind == TokenKind.WORD && text.equals(w);
    }

    /** 1-based position as PostgreSQL reports it. */
    public int position() {
        return offset + 1;
    }
}

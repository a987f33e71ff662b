package io.shaledb.sql.parser;

/** The parser's keyword knowledge for other packages (quote_ident and format's %I quote reserved words). */
public final class Keywords {
    private Keywords() {}

    /** Whether {@code word} (lower case) cannot be used as a bare identifier. */
    public static boolean isReserved(String word) {
        return ExpressionParser.RESERVED.contains(word);
    }
}

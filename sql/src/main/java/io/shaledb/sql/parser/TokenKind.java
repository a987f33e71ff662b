package io.shaledb.sql.parser;

/** The lexical classes of SQL tokens. */
public enum TokenKind {
    /** An unquoted word, folded to lower case (keywords are words too). */
    WORD,
    /** A double-quoted identifier, case preserved. */
    QUOTED_IDENT,
    /** A string literal {@code 'text'}. */
    STRING,
    /** A numeric literal without decimal point or exponent. */
    INTEGER,
    /** A numeric literal with a decimal point or exponent. */
    DECIMAL,
    /** An operator or punctuation: {@code + - * / % < > = <= >= <> != || :: ( ) , ; .}. */
    SYMBOL,
    /** A positional parameter {@code $n} of the extended query protocol; its text is {@code n}. */
    PARAM,
    /** End of input. */
    EOF
}

/**
 * From SQL text to syntax trees, by hand: a lexer and a recursive-descent parser.
 *
 * <pre>
 *   "SELECT 1 + x;\n SELEC 2"
 *    |                          Lexer: words (folded), "quoted idents", 'strings', numbers,
 *    v                                 operators; comments and whitespace skipped
 *   [SELECT][1][+][x][;][SELEC][2][EOF]     each token knows its offset in the WHOLE string
 *    |                          Parser (statements) / QueryParser (queries, FROM, set operations)
 *    v                          / ExpressionParser (precedence climbing) / TokenCursor (look-ahead, errors)
 *   syntax error at or near "SELEC", position 16   ->  psql draws its ^ under SELEC
 * </pre>
 *
 * <p>A query string is parsed completely before anything runs, so a syntax error in its last
 * statement runs none of them, as in PostgreSQL's simple query protocol. Positions are 1-based
 * character offsets into the whole query string, the convention of PostgreSQL's error position
 * field. Token text follows PostgreSQL's lexer: unquoted identifiers fold ASCII letters to lower
 * case, {@code 1+-2} is {@code 1 + -2}, {@code 123abc} is "trailing junk", and a minus sign
 * before a numeric constant is folded into the constant so {@code -2147483648} is an integer.
 * Queries are {@code QueryParser}'s: INTERSECT binds tighter than UNION/EXCEPT, ORDER BY and
 * LIMIT after the last operand belong to the whole, and a parenthesized {@code (SELECT ...)} in an
 * expression is a subquery ({@code ExpressionParser} asks {@code QueryParser} for its body).
 * {@code CallSyntax} parses what surrounds a call's arguments (aggregate ORDER BY, FILTER,
 * OVER with frames) and the WINDOW clause. {@code EscapeStrings} decodes {@code E'...'} and
 * {@code U&'...'} literals for the lexer; {@code OperatorSyntax} parses what catalog queries use
 * ({@code OPERATOR(pg_catalog.~)}, {@code COLLATE}, {@code SIMILAR TO}).
 * Grammar that PostgreSQL has but ShaleDB does not yet (LATERAL, WITHIN GROUP, ...) raises SQLSTATE
 * 0A000 naming the feature rather than a bare syntax error. Statements outside queries and
 * tables have their own small parsers over the same cursor: {@code TransactionParser} (BEGIN,
 * COMMIT, SAVEPOINT, SET TRANSACTION ...), {@code LockingParser} (the FOR UPDATE tail of a
 * SELECT) and {@code VacuumParser}; each follows PostgreSQL's grammar closely enough that its
 * syntax errors land on the same token.
 */
package io.shaledb.sql.parser;

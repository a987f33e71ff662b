/**
 * SQL types and the PostgreSQL semantics of their values.
 *
 * <pre>
 *   text  --Values.parse (input function)-->  Java value  --SqlType.toText (output)-->  text
 *                                        Boolean Integer Long Double String
 *   casts:   integer ──implicit──> bigint ──implicit──> double precision
 *                  <──assignment──        <──assignment──
 *            anything ──assignment──> text ──explicit──> anything
 * </pre>
 *
 * <p>Input accepts what PostgreSQL accepts ({@code ' 12 '} is an integer, {@code 'on'} a
 * boolean) and rejects the rest with its messages and SQLSTATEs (22P02, 22003). Output matches
 * PostgreSQL 15 byte for byte, including float8's shortest round-trip form with
 * {@code extra_float_digits = 1}. Arithmetic is checked like PostgreSQL's (int4 overflow is an
 * error, integer division truncates, division by zero is 22012), comparison orders NaN above
 * every number and text by code point (the "C" collation).
 */
package io.shaledb.sql.types;

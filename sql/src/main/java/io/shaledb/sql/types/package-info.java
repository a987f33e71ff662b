/**
 * SQL types and the PostgreSQL semantics of their values.
 *
 * <pre>
 *   text --Values.parse (input function)--> Java value --SqlType.toText (output)--> text
 *
 *   SqlType      the type: OID, typlen, category (N numeric, S string, D datetime, T interval...)
 *   Values       input, casts (pg_cast contexts), comparison, checked arithmetic
 *   Numerics     numeric on BigDecimal: display scales, division scale, numeric(p,s), exp/ln/power
 *   DateTimes    date/time input and output, the session TimeZone and transaction clock
 *   Intervals    interval input and date/time arithmetic;  Interval, Bytea: value classes
 *   TypeMods     varchar(n), char(n), numeric(p,s), timestamp(p) applied on assignment and cast
 *   Jsonb        jsonb values: a normalized tree (sorted keys, last duplicate wins), output, order,
 *                containment; JsonParser is its input function with PostgreSQL's error details
 *   SqlArrays    one-dimensional arrays (java.util.List): array_in / array_out quoting, order
 *   ContainerCasts  T[] -> U[] element-wise, jsonb -> number/boolean
 *   OidTypes     oid, regclass/regtype/regproc/regnamespace/regrole, name, "char": input,
 *                output and pg_cast; the names behind reg* come from ObjectNames, a resolver
 *                the session installs per statement (the catalog owns OIDs, not the types)
 *
 *   casts:  smallint -> integer -> bigint -> numeric -> real -> double precision   (implicit)
 *           date -> timestamp -> timestamptz;  varchar, char -> text               (implicit)
 *           the reverse directions, anything -> text                                 (assignment)
 *           text -> anything (input function), integer <-> boolean                   (explicit)
 *           integers -> oid and reg* (implicit), reg* <-> oid (implicit), oid -> integer (assignment)
 * </pre>
 *
 * <p>Input accepts what PostgreSQL accepts ({@code ' 12 '} is an integer, {@code 'on'} a
 * boolean, {@code '@ 1 hour ago'} an interval) and rejects the rest with its messages and
 * SQLSTATEs (22P02, 22003, 22007, 22008). Output matches PostgreSQL 15 byte for byte: float's
 * shortest round-trip form, numeric's display scale, DateStyle ISO, IntervalStyle postgres.
 * Arithmetic is checked like PostgreSQL's (overflow is 22003, integer division truncates, division
 * by zero is 22012); comparison orders NaN above every number, text by code point (the "C"
 * collation) and intervals by their 30-day-month normalization.
 */
package io.shaledb.sql.types;

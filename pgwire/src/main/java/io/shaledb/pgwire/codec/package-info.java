/**
 * Values on the wire: PostgreSQL's two formats for a value of each built-in type, both ways.
 *
 * <h2>The idea</h2>
 *
 * Every parameter a client binds and every column value we send travels in one of two formats,
 * chosen per value by a format code in Bind: <b>text</b> (0), the type's output/input function's
 * spelling, the same as psql shows; or <b>binary</b> (1), the type's send/receive function's
 * fixed layout, big-endian. Text is done by the SQL types themselves
 * ({@link io.shaledb.sql.types.SqlType#toText}, {@link io.shaledb.sql.types.Values#parse}); this
 * package does binary, and maps type OIDs of Parse messages to ShaleDB's types.
 *
 * <pre>
 *   Bind param (format, bytes) --TypeOids.type(oid)--&gt; SqlType
 *        text   : String  --(parsed by the session, in the statement's TimeZone)--&gt; Java value
 *        binary : byte[]  --BinaryCodec.decode(type, bytes)--------------------------&gt; Java value
 *   DataRow value  Java value --text  : SqlType.toText(value) as UTF-8
 *                             --binary: BinaryCodec.encode(type, value)
 *
 *   binary layouts (PostgreSQL's):   int2/int4/int8/float4/float8  big-endian, 2/4/8 bytes
 *     bool 1 byte    date int4 days since 2000-01-01    time int8 us    timestamp[tz] int8 us since 2000-01-01
 *     interval int8 us, int4 days, int4 months    uuid 16 bytes    bytea raw    text UTF-8    jsonb 0x01 + text
 *     numeric  int2 ndigits, int2 weight, int2 sign, int2 dscale, ndigits x int2 base-10000 digits
 *     array    int4 ndim, int4 has-nulls, int4 element oid, (int4 length, int4 lower bound) per dim,
 *              then per element int4 length (-1 NULL) + element bytes
 * </pre>
 *
 * Infinity of dates and timestamps maps to PostgreSQL's, which uses the same extreme integers
 * ShaleDB keeps. A malformed binary value is 22P03, PostgreSQL's "incorrect binary data format".
 */
package io.shaledb.pgwire.codec;

/**
 * PostgreSQL's COPY data formats, text and CSV, as pure byte-and-string code: no tables, no
 * transactions, no sockets, so every quoting rule can be tested on its own.
 *
 * <h2>The idea</h2>
 *
 * COPY moves rows as lines of text between a table and a client stream. The stream arrives in
 * chunks cut anywhere — a row may straddle two chunks, a quoted CSV field may hold newlines — so
 * reading happens in two stages: {@link io.shaledb.sql.copy.CopyRecordReader} finds where each
 * record ends (keeping only the unfinished one), then {@link io.shaledb.sql.copy.CopyCodec}
 * splits a record into field texts and undoes escapes or quotes. Writing is the codec alone: a
 * row's field texts become one escaped or quoted line. {@link io.shaledb.sql.copy.CopyOptions}
 * turns the options as written (both of PostgreSQL's syntaxes parse to the same list) into the
 * checked settings, with PostgreSQL's defaults and errors.
 *
 * <pre>
 *   COPY FROM:  chunk, chunk, ... ─> CopyRecordReader ─record─> CopyCodec.parse ─> ["1", null, "a,b"]
 *                                    (newline not escaped        (NULL string, \ escapes,
 *                                     nor inside quotes; \. ends)  CSV quotes, FORCE_*)
 *
 *   COPY TO:    ["1", null, "a,b"] ─> CopyCodec.format ─> 1\t\N\ta,b\n   or   1,,"a,b"\n
 * </pre>
 *
 * <p>Delimiter, quote and escape are single ASCII bytes, which never occur inside a multi-byte
 * UTF-8 sequence, so both stages scan bytes and decode each field once, strictly (bad UTF-8 is
 * 22021 as in PostgreSQL). Turning field texts into typed values — the types' input and output
 * functions, constraints, the table itself — is the executor's part
 * ({@code io.shaledb.sql.exec.CopyExecutor}).
 */
package io.shaledb.sql.copy;

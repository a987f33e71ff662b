/**
 * The relational model of ShaleDB: SQL text in, rows and command tags out, stored as ordered
 * key-value pairs in a {@link io.shaledb.storage.StorageEngine}.
 *
 * <pre>
 *   "SELECT a FROM t WHERE b > 1"
 *        |  parser   Lexer -> tokens -> Parser -> ast.Statement (positions kept for errors)
 *        v
 *   ast.Statement
 *        |  exec     Binder: names -> slots, types checked, implicit casts made explicit
 *        v
 *   Bound plan  ---- Executor ---->  ResultSink.columns / row / complete
 *        |                 ^
 *        v                 |  rows: RowCodec,  't' tableId pk-tuple -> row value
 *   StorageEngine  <-------+  catalog: Catalog, 'c' 't' tableId -> table descriptor
 * </pre>
 *
 * <p>The public surface is small and fixed because the wire protocols are written against it:
 * {@link io.shaledb.sql.SqlDatabase} (one per engine, loads the catalog), {@link
 * io.shaledb.sql.SqlSession} (one per client connection), {@link io.shaledb.sql.ResultSink}
 * (streamed results in the shape of PostgreSQL's RowDescription / DataRow / CommandComplete) and
 * {@link io.shaledb.sql.SqlException} (SQLSTATE, message, position, detail, hint, context). COPY
 * turns a statement's stream around: {@link io.shaledb.sql.ResultSink#copyIn} hands the executor
 * a {@link io.shaledb.sql.CopyIn} to pull the client's data from, {@link
 * io.shaledb.sql.ResultSink#copyOut} a {@link io.shaledb.sql.CopyOut} to push rows into — the
 * protocol layer decides what that means on its wire; the formats live in {@code copy}. Everything
 * behaves like PostgreSQL 15 where ShaleDB implements it at all: messages, SQLSTATEs, command
 * tags, output formats, result column names and types. What differs is listed in
 * {@code src/test/resources/golden/pg_divergences.sql}.
 */
package io.shaledb.sql;

/**
 * How a table row becomes one key-value pair in the engine.
 *
 * <pre>
 *   CREATE TABLE t (a int, b text, c bigint, PRIMARY KEY (c, a))       -- table id 7
 *   row (a=1, b='x', c=9)
 *
 *   key   = 't' 00 00 00 07 | tuple(c=9, a=1)      order-preserving TupleEncoder:
 *                                                  a forward scan returns rows in key order
 *   value = 01 | n=1 | nulls=00 | varint(1) 'x'    version, non-key column count, null bitmap,
 *                                                  then the non-NULL non-key columns
 * </pre>
 *
 * <p>Key columns live only in the key. A table without a primary key gets a hidden, increasing
 * int64 row id as its key (the sequence is re-seeded from the last key when the database is
 * opened). The value carries a format version and its own column count, so a later ADD COLUMN
 * can read old rows (missing trailing columns read as NULL) without rewriting them.
 */
package io.shaledb.sql.rows;

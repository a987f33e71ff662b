/**
 * Golden-script testing: a script of statements in, a transcript out, compared with the
 * transcript checked in next to it.
 *
 * <pre>
 *   select.sql ──ScriptSplitter──> blocks ──Runner (module-specific)──> output text
 *        │                                                                  │
 *        └──────────── echo each block, then its output ───────────> transcript
 *                                                                           │
 *   select.out  <──── -Dgolden.update=true writes ── compare otherwise ─────┘
 * </pre>
 *
 * <p>A block ends at a line where a semicolon closed a statement outside quotes, comments and
 * parentheses, the way psql reads files; a block is executed as one query string. The runner is
 * any function from block text to output text, so every protocol module can reuse this:
 * {@link io.shaledb.testkit.golden.PsqlFormat} renders psql-identical tables and errors for SQL,
 * which makes a transcript directly comparable with {@code psql -a -f script.sql} against real
 * PostgreSQL.
 */
package io.shaledb.testkit.golden;

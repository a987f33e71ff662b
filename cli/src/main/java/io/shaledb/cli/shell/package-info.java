/**
 * {@code shale sql}: an interactive SQL shell for people without psql, speaking the PostgreSQL
 * protocol through pgjdbc (so it works against ShaleDB and PostgreSQL alike).
 *
 * <h2>The idea</h2>
 *
 * Lines come from a JLine terminal (history in {@code ~/.shale_history}, line editing), from
 * {@code -c} or from standard input; all go through the same {@link io.shaledb.cli.shell.Shell},
 * which is what makes the interactive shell testable by piping a script into it:
 *
 * <pre>
 *   JLine LineReader ─┐
 *   -c 'SQL'  ────────┼─&gt; Shell.line() ─&gt; StatementBuffer (ends at ; outside quotes,
 *   stdin lines ──────┘        |                             dollar quotes, comments)
 *                              |  \q \timing \x \d \dt \d NAME      (meta-commands at once)
 *                              v
 *                   pgjdbc Statement.execute (simple query protocol)
 *                              v
 *                   ResultPrinter: psql's aligned table + "(N rows)", or \x records;
 *                   Tags: "CREATE TABLE", "INSERT 0 3" rebuilt from the statement and count;
 *                   errors "ERROR:  42P01: relation ... does not exist" with DETAIL / HINT
 * </pre>
 *
 * The describe commands ask {@code pg_class} and {@code information_schema} as psql would and
 * fall back to ShaleDB's own {@code shale_tables} and result metadata when those are missing
 * (see {@link io.shaledb.cli.shell.Describe}).
 */
package io.shaledb.cli.shell;

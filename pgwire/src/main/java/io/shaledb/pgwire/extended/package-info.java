/**
 * The state of the extended query protocol on one connection: prepared statements, portals and
 * the parameter values bound into them.
 *
 * <h2>The idea</h2>
 *
 * The extended protocol splits what a simple Query does in one step into four, so that a client
 * can do the expensive part once and the cheap part many times: <b>Parse</b> turns SQL text with
 * {@code $1..$n} placeholders into a named (or the unnamed) statement, <b>Bind</b> combines a
 * statement with parameter values into a portal, <b>Execute</b> runs a portal, <b>Describe</b>
 * says what a statement takes and what a statement or portal returns. A {@link
 * io.shaledb.pgwire.extended.ParsedStatement} wraps what {@link io.shaledb.sql.SqlSession#prepare}
 * analysed once (AST, parameter types, result columns); a {@link io.shaledb.pgwire.extended.Portal}
 * holds a {@link io.shaledb.pgwire.extended.Binding} of values and the result formats, and, when
 * it is fetched a few rows at a time, its result.
 *
 * <pre>
 *   Parse "s1": SELECT v FROM kv WHERE id = $1      statements["s1"] = ParsedStatement
 *                       (types: declared, else inferred: $1 int4)        |
 *   Bind "p" &lt;- "s1", [$1 = 42 binary], results binary     portals["p"] = Portal(s1, Binding, formats)
 *   Execute "p", 0 rows ----------------------------------&gt; DataRow..., CommandComplete
 *   Execute "p", 100 rows --&gt; query paused after 100 -----&gt; 100 DataRows, PortalSuspended ... CommandComplete
 *   Sync -----------------&gt; implicit transaction committed; portals of an ended transaction dropped
 * </pre>
 *
 * <h2>Lifetimes</h2>
 *
 * Named statements live until Close or the end of the connection; the unnamed statement and
 * portal are replaced by the next Parse or Bind of them (and by a simple Query). Portals never
 * outlive their transaction: after a Sync outside a transaction block, or a COMMIT, they are gone,
 * as in PostgreSQL (ShaleDB has no WITH HOLD cursors). A query fetched a few rows at a time runs on
 * a {@link io.shaledb.pgwire.extended.PortalThread} that pauses mid-statement between fetches; if the
 * connection needs its session for another statement meanwhile, the rest of the result is computed
 * then and kept, encoded, in the portal.
 *
 * <p>Nothing here touches the network: {@code io.shaledb.pgwire.ExtendedQueryHandler} plays the
 * messages and writes the replies; {@link io.shaledb.pgwire.codec} turns values into bytes.
 */
package io.shaledb.pgwire.extended;

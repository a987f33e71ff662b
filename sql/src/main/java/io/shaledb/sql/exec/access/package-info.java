/**
 * Access-path choice: how one stored table of a FROM clause is read.
 *
 * <p>The executor hands {@link io.shaledb.sql.exec.access.AccessChooser} a
 * {@link io.shaledb.sql.exec.access.ScanRequest} (the table, the conjuncts placed on it, the
 * columns the statement reads, the order and limit it wants) and the indexes the statement's
 * snapshot may read ({@link io.shaledb.sql.exec.access.IndexCandidate}). For each index the
 * chooser derives what a scan of it would read by ({@link io.shaledb.sql.exec.access.IndexCond}:
 * equalities, IN lists and IS NULL on leading keys, then one range), checks that a partial index's
 * predicate follows from the conjuncts ({@code Implication}), whether the entries store every
 * column read (an index-only scan) and whether the index order is the wanted order, and prices
 * each alternative with PostgreSQL's formulas ({@code ScanCosts}, {@code Estimates}):
 *
 * <pre>
 *   WHERE status IN ('pending') AND created_at &gt; now() - '1 day' ORDER BY created_at DESC LIMIT 10
 *
 *   Seq Scan                         pages + rows·cpu            + sort
 *   Index Scan on (status, created_at DESC) WHERE status IN ('pending','processing')
 *     implied? yes   cond: status = 'pending', created_at &gt; $1   ordered: yes (status pinned)
 *     index pages + entries + heap pages (Mackert-Lohman)     × 10 / rows   (LIMIT stops it)
 *                                          ─────────► cheapest: an {@link io.shaledb.sql.exec.access.AccessPath}
 * </pre>
 *
 * Nothing here reads data: the executor's {@code ScanOperator} runs the chosen path, evaluating
 * the condition values when it opens ({@link io.shaledb.sql.exec.access.IndexCond#ranges}), and
 * still applies every conjunct as a filter, so an index condition only ever narrows what is read.
 * See docs/architecture/planner.md.
 */
package io.shaledb.sql.exec.access;

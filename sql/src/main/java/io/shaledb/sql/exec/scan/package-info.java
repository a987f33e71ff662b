/**
 * Helpers of the table scan's per-row path: what a scan can skip without changing an answer.
 *
 * <p>A scan reads every row of its table, so what it does per row is the query's cost. Two
 * shortcuts live in {@code ScanOperator} and {@link io.shaledb.sql.rows.RowCodec}; this package
 * holds the one with rules of its own, {@link io.shaledb.sql.exec.scan.EarlyFilter}:
 *
 * <pre>
 *   stored row ──decode filter columns──&gt; test leading pure filters ──false──&gt; next row (counted)
 *                                                  │ true
 *                                                  └─&gt; decode the other wanted columns ──&gt; row up
 *   (columns no part of the statement reads are never decoded: their bytes are skipped)
 * </pre>
 *
 * <p>Nothing here changes a plan: the filters still sit above the scan (and test the surviving
 * rows again), EXPLAIN prints what it printed, and EXPLAIN ANALYZE adds the rows dropped inside
 * the scan to {@code Rows Removed by Filter}.
 */
package io.shaledb.sql.exec.scan;

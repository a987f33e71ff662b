/**
 * Table and column statistics, and the selectivity estimates a cost-based planner builds on:
 * PostgreSQL's ANALYZE, {@code pg_stats}, {@code pg_stat_user_tables}, autoanalyze and selfuncs.c,
 * in ShaleDB's terms (docs/architecture/statistics.md).
 *
 * <pre>
 *   ANALYZE t ──Analyzer──> one pass over t's visible rows: count, pages, reservoir sample (300 x target)
 *                  │
 *                  └─ per column: ColumnStatsBuilder (null_frac, avg_width, n_distinct, MCVs, histogram,
 *                     correlation) ──> TableStats ──StatisticsStore.put──> MVCC row 'c' 's' id (kind 9)
 *
 *   RowWriter.finish ──count──> TableActivity (n_mod_since_analyze ...) ──> AutoAnalyzer (background)
 *
 *   planner:  Statistics.table(tx, t) ──> Selectivity.column(stats, col, type, rows)
 *                                           .eq / .lt / .between / .in / .isNull / .like ...
 *             Selectivity.eqJoin(a, b), Selectivity.groups(cols, tuples, rows)
 * </pre>
 *
 * <p>The idea: estimates are only as good as the statistics and only as comparable as their
 * units, so everything follows PostgreSQL closely — the same sample size, the same estimators
 * (Haas-Stokes for n_distinct, the Wald-interval test for MCVs, equal-population histograms of
 * the non-MCV values), the same widths and pages in PostgreSQL's storage units, the same
 * selectivity formulas and defaults. On tables no bigger than the sample the statistics are
 * exactly PostgreSQL's, which the golden test checks against a real server, and so are the row
 * estimates derived from them.
 *
 * <p>Statistics are MVCC rows of their own relation in the catalog engine, written in the
 * analyzing transaction: they commit and roll back with it, survive restarts, and are deleted
 * with their table. Activity counters, like PostgreSQL's cumulative statistics, are in memory
 * and not transactional.
 */
package io.shaledb.sql.stats;

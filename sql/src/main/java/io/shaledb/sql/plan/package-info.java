/**
 * The cost model: what a plan is estimated to cost, in PostgreSQL's units, so that EXPLAIN can
 * print {@code (cost=startup..total rows=N width=W)} and a planner can compare alternatives.
 *
 * <pre>
 *   TableSizes (rows, pages)  --+
 *   Selectivity (conditions)  --+--&gt;  CostModel.seqScan / hashJoin / sort / ...  --&gt;  Cost(startup, total, rows, width)
 *   Widths (column types)     --+          ^ seq_page_cost, random_page_cost, cpu_tuple_cost,
 *                                            cpu_index_tuple_cost, cpu_operator_cost (session settings)
 * </pre>
 *
 * <p>{@link io.shaledb.sql.plan.CostModel} holds the five unit constants, settable per session
 * like PostgreSQL's, and one formula per plan node after PostgreSQL's {@code costsize.c} (with
 * simplifications: no parallelism, no caching effects, no per-batch hash costs). A node's cost is
 * built from its inputs' {@link io.shaledb.sql.plan.Cost}s, so a planner can cost a candidate
 * tree bottom-up without building operators.
 *
 * <p>Row estimates come from a table's size ({@link io.shaledb.sql.plan.TableSizes}: counted today,
 * {@code reltuples} once statistics exist) times the selectivity of its conditions
 * ({@link io.shaledb.sql.plan.Selectivity}: PostgreSQL's defaults — 0.005 for {@code =}, 1/3 for
 * ranges — until column statistics plug in an estimator of their own).
 */
package io.shaledb.sql.plan;

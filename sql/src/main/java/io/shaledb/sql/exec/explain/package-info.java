/**
 * EXPLAIN: descriptions of the operator trees the planners build, per-operator instrumentation,
 * and PostgreSQL 15's TEXT and JSON layouts.
 *
 * <p>ShaleDB has no separate logical plan: planners build Volcano operators directly. So EXPLAIN
 * does not re-derive a plan; it watches the planners build one. While an EXPLAIN runs, the
 * planners' hooks ({@code exec.PlanHooks}) hand every operator PostgreSQL would show to a
 * {@link io.shaledb.sql.exec.explain.PlanRecorder}, which attaches a
 * {@link io.shaledb.sql.exec.explain.PlanNode} (node name, detail lines, cost estimate, children).
 * Under ANALYZE the recorder also wraps the operator in an
 * {@link io.shaledb.sql.exec.explain.Instrumented} decorator, so the tree that runs is the tree
 * that counts rows, loops, time and buffer pages.
 *
 * <pre>
 *   planner                recorder                                printer
 *   Filter ─┐              PlanNode "Seq Scan on t"                 Seq Scan on t  (cost=..) (actual ..)
 *   Place   ├─ same node ─&gt;  Filter: (x &gt; 1)            ─────────&gt;    Filter: (x &gt; 1)
 *   Scan  ──┘              Instrumentation(rows, loops, ns, pages)    Rows Removed by Filter: 3
 * </pre>
 *
 * <p>Operators without a PostgreSQL counterpart (projections, slot placement, conversions) share
 * their input's node; a filter becomes a {@code Filter} line of the node below it, with {@code Rows
 * Removed by Filter} computed from the counters under and over it. Expressions are kept as bound
 * trees and deparsed only when printed ({@link io.shaledb.sql.exec.explain.Deparser}, naming slots
 * through a {@link io.shaledb.sql.exec.explain.Namer} per row layout), because whether columns are
 * qualified ({@code t.x}) depends on how many relations the whole statement has. Sub-plans
 * (subqueries in expressions) are found while deparsing and printed under the node whose expression
 * holds them, as {@code InitPlan n (returns $k)} or {@code SubPlan n}.
 *
 * <p>What operators report after running goes through small interfaces in {@code exec.op}
 * ({@code SortReport}: method and space; {@code HashReport}: buckets, batches, memory), so an
 * operator that learns to spill reports {@code external merge  Disk: ..kB} or several batches
 * without touching this package. Estimates come from {@link io.shaledb.sql.plan.CostModel}.
 */
package io.shaledb.sql.exec.explain;

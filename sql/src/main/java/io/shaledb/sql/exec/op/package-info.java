/**
 * The physical operators of the query engine: Volcano-style iterators over {@code Object[]} rows.
 *
 * <pre>
 *        Limit                 open()  -- (re)start: scans open, sorts and hash tables fill
 *          |                   next()  -- the next row, or null at the end
 *        Sort                  close() -- release scans; safe to call twice
 *          |
 *        Join (hash keys | nested loop; INNER, LEFT, RIGHT, FULL, SEMI, ANTI)
 *        /    \
 *    Filter   Place  &lt;-- writes a narrow row into its slot range of the full layout
 *      |        |
 *    Place    Rows / table scan
 * </pre>
 *
 * <p>An operator pulls from its inputs only as far as it needs: {@link io.shaledb.sql.exec.op.Limit}
 * stops after its last row, so a streaming plan under it stops reading the table. Blocking
 * operators ({@link io.shaledb.sql.exec.op.Sort}, {@link io.shaledb.sql.exec.op.SetOperation},
 * the right side of {@link io.shaledb.sql.exec.op.Join}, {@link io.shaledb.sql.exec.op.RecursiveUnion})
 * read their input in {@code open}. Because {@code open} restarts, a correlated subquery re-runs
 * its plan by opening it again for each outer row.
 *
 * <p>Sort, the hash table of Join, Distinct and SetOperation (and {@code exec.AggregateOperator})
 * hold at most their {@code work_mem} budget, captured when they are planned
 * ({@link io.shaledb.sql.exec.spill.WorkMem}); beyond it they spill rows to temporary files:
 * sorted runs merged back, or hash partitions / join batches processed one at a time. Each reports
 * what it did (sort method, batches, memory and disk used) for EXPLAIN ANALYZE.
 *
 * <p>These classes know nothing of names, types or the catalog: they evaluate
 * {@link io.shaledb.sql.exec.Bound} expressions the planner ({@code exec.QueryPlanner}) built, and
 * compare keys with SQL equality through {@link io.shaledb.sql.exec.op.HashKey} (integer 1, bigint
 * 1 and double 1.0 are one key). Operators that need the transaction or the catalog (table scans,
 * aggregation) live in {@code exec}.
 */
package io.shaledb.sql.exec.op;

/**
 * Memory budgets and temporary files for the operators that must see all their input before
 * producing output: sorts and hash tables (aggregation, DISTINCT, set operations, hash joins).
 *
 * <pre>
 *   SET work_mem = '64kB' ─> SessionSettings ─> Session: WorkMem.run(budget, statement)
 *                                                   │ planner: WorkMem.current()
 *                                                   v
 *   Sort / Join / AggregateOperator / Distinct / SetOperation
 *       │ RowSizes: estimated bytes held            │ over budget
 *       v                                           v
 *   in memory, as before                     SpillFile (rows, SpillCodec)  in TempFiles' directory
 *                                             ├─ sorted runs  ─> ExternalMerge (k-way, stable)
 *                                             └─ Partitions by key hash (8 per split, recursive)
 * </pre>
 *
 * <p>The idea is PostgreSQL's: each memory-hungry operator may hold about {@code work_mem} bytes
 * (hash tables {@code work_mem × hash_mem_multiplier}); beyond that it writes rows out and works
 * through them piece by piece, each piece within the budget again. A sort writes sorted runs and
 * merges them; a hash operator writes the rows of keys it has no room for into partitions by key
 * hash, so that each partition can be finished on its own.
 *
 * <p>Memory is estimated, not measured ({@link io.shaledb.sql.exec.spill.RowSizes}): cheap and
 * conservative. Files never outlive their statement: operators close them, the statement scope of
 * {@link io.shaledb.sql.exec.spill.WorkMem#run} closes what is left (errors, cancellation), and
 * {@link io.shaledb.sql.exec.spill.TempFiles} deletes a crash's leftovers when it opens. See
 * {@code docs/architecture/spilling.md} and {@code docs/formats/spill-files.md}.
 */
package io.shaledb.sql.exec.spill;

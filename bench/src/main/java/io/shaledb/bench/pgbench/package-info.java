/**
 * The pgbench benchmark ({@code shale-bench pgbench}, {@code bin/shale bench pgbench}): pgbench's
 * own tables and built-in scripts, unmodified, against PostgreSQL 15 and ShaleDB in one run.
 *
 * <h2>Idea</h2>
 *
 * The {@code txn} suite next door drives both servers with custom scripts to compare isolation
 * levels. This one measures what a user who types {@code pgbench} sees: {@code pgbench -i -s 10}
 * builds the four TPC-B tables on each server (COPY, VACUUM, primary keys added after the load),
 * then the TPC-B-like script (three UPDATEs, a SELECT and an INSERT per transaction) and the
 * select-only script ({@code -S}) run in each query mode, PostgreSQL and ShaleDB taking turns:
 *
 * <pre>
 *   pgbench -i -s N ──► PostgreSQL 15 (fsync=on, synchronous_commit=on)
 *                   ──► ShaleDB server, child JVM (btree, WAL fsync per commit, group commit)
 *
 *   for script in (tpcb, select-only):
 *     for mode in (simple[, extended, prepared]):
 *       for server in (postgresql, shaledb-btree):
 *         pgbench -n -M mode -c 4 -j 2 -T warm-up (discarded), then -T measured -> tps
 *
 *   balance check on each: sum(abalance) = sum(delta) = sum(bbalance) = sum(tbalance)
 * </pre>
 *
 * The report gives both tps, ShaleDB ÷ PostgreSQL and whether it meets the target (0.6×), pgbench
 * {@code -i}'s own timing line, and the balance check. The servers are the {@code txn} suite's
 * ({@link io.shaledb.bench.txn.PostgresServer}, {@link io.shaledb.bench.txn.ShaleServer}), run by
 * the same {@link io.shaledb.bench.txn.Pgbench}.
 */
package io.shaledb.bench.pgbench;

/**
 * The transaction benchmark ({@code shale-bench txn}): ShaleDB's transactions against PostgreSQL's,
 * through the same client, on the same machine, in the same run.
 *
 * <h2>Idea</h2>
 *
 * The storage benchmarks next door compare engines through their Java APIs. Transactions only make
 * sense end to end: a client sends {@code BEGIN ISOLATION LEVEL ...}, statements and
 * {@code COMMIT} over the PostgreSQL protocol, the server takes row locks, checks for conflicts,
 * makes the commit durable and answers. So this benchmark measures what a user would: PostgreSQL's
 * own load generator, {@code pgbench}, runs the same custom scripts against a real PostgreSQL 15
 * and against a ShaleDB server process, and the report puts the two side by side:
 *
 * <pre>
 *                      same script, same -c/-j/-T, --max-tries
 *   pgbench ──simple protocol──> PostgreSQL 15 (fsync=on, synchronous_commit=on)
 *   pgbench ──simple protocol──> ShaleDB server, child JVM (--engine btree | lsm, WAL SYNC)
 *
 *   for workload in (uncontended, contended, transfer):
 *     for level in (READ COMMITTED, REPEATABLE READ, SERIALIZABLE):
 *       for server in (postgresql, shaledb-btree[, shaledb-lsm]):
 *         VACUUM; warm-up run; measured run -> tps, failed, retried; VACUUM
 * </pre>
 *
 * <h2>Fairness</h2>
 *
 * Both servers make every commit durable before acknowledging it (PostgreSQL's test clusters
 * usually run with {@code fsync=off}; here it is on), both get the same rows through the same
 * multi-row {@code INSERT}s, every statement is a primary-key point lookup on both, and both are
 * reached over TCP on 127.0.0.1 in the simple query protocol (the only one ShaleDB speaks). The
 * servers take turns within each cell, so a machine that gets busier during the run penalises
 * all of them alike; the ratio ShaleDB ÷ PostgreSQL is the number to track, not the absolute tps.
 *
 * <h2>Aborts</h2>
 *
 * Under contention the isolation levels differ in how many transactions they abort: READ
 * COMMITTED re-checks the newest row version and waits, REPEATABLE READ aborts the second updater
 * of a row (40001), SERIALIZABLE also aborts transactions whose reads were overwritten
 * (PostgreSQL by SSI's dangerous structures, ShaleDB by commit-time read validation), and any
 * level can deadlock (40P01) when two transactions lock rows in opposite orders. pgbench's
 * {@code --max-tries} retries such transactions the way an application should; the report gives
 * the share that still failed and the share that needed a retry. Any other error stops the
 * client, and the cell is reported as an error with the server's message.
 *
 * <ul>
 *   <li>{@link io.shaledb.bench.txn.TxnSuite}: runs the cells, owns the servers' lifetimes.
 *   <li>{@link io.shaledb.bench.txn.TxnWorkload}, {@link io.shaledb.bench.txn.Isolation}: the scripts.
 *   <li>{@link io.shaledb.bench.txn.Pgbench}, {@link io.shaledb.bench.txn.PgbenchResult}: running
 *       pgbench and reading its summary.
 *   <li>{@link io.shaledb.bench.txn.PostgresServer}, {@link io.shaledb.bench.txn.ShaleServer}: the
 *       two {@link io.shaledb.bench.txn.BenchServer}s; {@link io.shaledb.bench.txn.AccountsTable} loads them.
 *   <li>{@link io.shaledb.bench.txn.TxnReport}: the markdown tables.
 * </ul>
 */
package io.shaledb.bench.txn;

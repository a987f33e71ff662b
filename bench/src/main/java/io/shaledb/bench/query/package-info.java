/**
 * The query benchmark ({@code shale-bench query}): ShaleDB's query engine against PostgreSQL 15's on
 * the same data, the same indexes and the same queries, in the same run.
 *
 * <h2>Idea</h2>
 *
 * A planner is judged by the latency of the queries people write, so this benchmark builds the
 * seed's shop (users, products, orders with a skewed status over 90 days, order items), loads it
 * into both servers byte for byte through {@code COPY}, creates the same secondary indexes (among
 * them the seed's partial {@code (status, created_at DESC) WHERE status IN ('pending','processing')}),
 * runs {@code ANALYZE} and {@code VACUUM}, and then times a fixed set of queries: point lookups by
 * primary and secondary key, range scans, the seed's "recent orders" query, two 3-way joins,
 * group-by aggregates and a top-N.
 *
 * <pre>
 *   QueryData ──COPY files──> PostgreSQL 15 (fsync, synchronous_commit on)
 *             └─────────────> ShaleDB server, child JVM (WAL SYNC)
 *   indexes, ANALYZE, VACUUM on both      (unsupported statements recorded, not fatal)
 *
 *   for each BenchQuery:
 *     verify: the same parameter draws on both; answers compared as text rows
 *     warm up: each server runs it untimed for the warm-up time
 *     time:   4 rounds; in each, postgresql then shaledb run a quarter of the N executions
 *             (and of the time cap), latencies into one HdrHistogram per server
 *     [--explain: EXPLAIN (ANALYZE, BUFFERS) on both]
 *   report: p50 / mean per server, speed = pg p50 ÷ shale p50, geometric mean vs the 0.7 target
 * </pre>
 *
 * <h2>Fairness</h2>
 *
 * Both servers are reached the same way: one pgjdbc connection each over TCP on 127.0.0.1, by
 * default the simple query protocol ({@code preferQueryMode=simple}) with parameters inlined as
 * literals ({@code --protocol extended}: pgjdbc's defaults, the point lookups as prepared statements
 * with parameters), one query at a time, every row fetched. Both make commits
 * durable (which matters only for the load). PostgreSQL keeps its defaults otherwise, parallel
 * query and JIT included; the report names the ones that shape plans. A ratio is only reported for
 * a query whose answers were the same on both servers: a fast wrong answer is not a result.
 *
 * <h2>Still changing underneath</h2>
 *
 * The issue this benchmark belongs to is adding ANALYZE, index data, index scans and EXPLAIN to
 * ShaleDB while the benchmark is written. A setup statement the server rejects is listed in the
 * report with its error (and the SQLSTATE {@code 0A000} marks "not supported yet"), and the run goes
 * on; EXPLAIN falls back from {@code (ANALYZE, BUFFERS)} to plain, then to the error text.
 *
 * <ul>
 *   <li>{@link io.shaledb.bench.query.QueryData}: the schema, indexes and deterministic data.
 *   <li>{@link io.shaledb.bench.query.BenchQuery}: the fixed query set and its parameter draws.
 *   <li>{@link io.shaledb.bench.query.ResultRows}: answers normalised for comparison.
 *   <li>{@link io.shaledb.bench.query.QuerySuite}: the servers, the load, verification and timing.
 *   <li>{@link io.shaledb.bench.query.QueryReport}: the markdown.
 * </ul>
 */
package io.shaledb.bench.query;

/**
 * The benchmark runner: one command that measures ShaleDB's storage layer side by side with
 * embedded peers, and its transactions side by side with PostgreSQL, and prints the result as a
 * markdown report.
 *
 * <h2>Why a module of its own</h2>
 *
 * Benchmarks answer a different question from tests. A test asks "is this right?" and must be
 * fast and deterministic, so it runs on every build. A benchmark asks "how fast is this, compared
 * with what?" and is slow, noisy and machine-dependent, so it never runs in {@code ./mvnw verify}:
 * the build only smoke-tests that the runner and every benchmark body work on tiny sizes. The
 * numbers come from an explicit run of {@code bench/target/shale-bench.jar}, described in
 * {@code docs/benchmarks.md}.
 *
 * <h2>Ratios, not absolute numbers</h2>
 *
 * Absolute throughput moves with the machine, the kernel, the disk, the other processes and the
 * phase of the moon; on the project's 2-core machines it moves a lot. What is stable enough to
 * track is a ratio between two things measured in the same run on the same disk: ShaleDB against
 * H2's MVStore and SQLite for the storage operations, group commit against the raw
 * append-and-{@code fdatasync} ceiling for durable commits, and a ShaleDB server against
 * PostgreSQL 15 for transactions driven by pgbench and for queries. Every table therefore prints the peer's
 * number next to ShaleDB's and the quotient, and the targets are stated as ratios
 * (point get at least 1.0× MVStore; 64 durable committers at least 5× the single-sync ceiling).
 *
 * <h2>Structure</h2>
 *
 * <ul>
 *   <li>{@link io.shaledb.bench.BenchMain}: the picocli command ({@code peers}, {@code commits},
 *       {@code engines}, {@code txn}, {@code query}, {@code all}) and the report; {@link io.shaledb.bench.Profile} holds the quick and full
 *       presets. Report text goes to stdout (it is this program's product), progress to stderr.
 *   <li>{@link io.shaledb.bench.engine}: the JMH micro-benchmarks over a small
 *       {@link io.shaledb.bench.engine.KvStore} seam with one adapter per store.
 *   <li>{@link io.shaledb.bench.commit}: the durable-commit throughput runner, a plain
 *       multi-threaded loop with HdrHistogram latencies (JMH adds nothing when every operation
 *       waits for the disk).
 *   <li>{@link io.shaledb.bench.compare}: the B-Tree vs LSM comparison ({@code engines}):
 *       ShaleDB's B+Tree and LSM engines and RocksDB on the same workloads, with throughput and
 *       write, space and read amplification from each engine's counters.
 *   <li>{@link io.shaledb.bench.txn}: the transaction benchmark ({@code txn}): pgbench scripts at
 *       each isolation level against a throwaway PostgreSQL 15 and ShaleDB server processes.
 *   <li>{@link io.shaledb.bench.query}: the query benchmark ({@code query}): the same data, indexes
 *       and queries (lookups, range scans, joins, aggregates, top-N) on ShaleDB and PostgreSQL 15,
 *       answers checked to be the same, latencies and their ratios.
 *   <li>{@link io.shaledb.bench.kv}: the kv command micro-benchmark (a plain main, not a
 *       subcommand): one Redis command's cost below the protocol layer, in-process.
 * </ul>
 */
package io.shaledb.bench;

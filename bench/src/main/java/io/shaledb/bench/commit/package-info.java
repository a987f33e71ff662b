/**
 * Durable-commit throughput: how many single-key commits per second ShaleDB acknowledges as on
 * disk, with 1, 8 and 64 concurrent committers, against what the disk allows one committer.
 *
 * <h2>The ceiling</h2>
 *
 * A commit is durable once its log record has been synced. A log that syncs once per commit can
 * never beat the disk's sync rate, which {@link io.shaledb.bench.commit.FsyncCeiling} measures
 * directly: one thread appending 4 KiB to a file and calling {@code FileChannel.force(false)}
 * ({@code fdatasync}) after each append, nothing else. The suite measures it before and after the
 * commit runs and divides by the mean, so a disk that speeds up or slows down during the run is
 * visible instead of silently skewing the ratios.
 *
 * <h2>Group commit</h2>
 *
 * The only way past the ceiling is to make one sync cover many commits: while one committer's
 * sync is in flight the others append their records, and the next sync acknowledges all of them
 * (see {@code io.shaledb.wal}). With one committer there is nothing to share, so its rate is at
 * best the ceiling's; with 64 the issue asks for at least 5× the ceiling. The ratio, not the
 * absolute rate, is what carries from one machine to another.
 *
 * <h2>Targets</h2>
 *
 * A {@link io.shaledb.bench.commit.CommitTarget} is one way of making a single-key commit durable.
 * {@link io.shaledb.bench.commit.BTreeCommitTarget} is the product: a B+Tree put on an engine whose
 * WAL runs in {@code SYNC} mode, through the public {@code StorageEngine} API.
 * {@link io.shaledb.bench.commit.WalCommitTarget} commits one put-sized record straight to the
 * write-ahead log: group commit on its own, the upper bound for anything that logs through it. The
 * gap between the two is the cost of the tree (its write latch, page changes and the size of the
 * records it logs). Each committer count gets a fresh directory. {@link io.shaledb.bench.commit.CommitRun} runs the
 * committers as platform threads for a warm-up and a measured window, counting commits
 * acknowledged inside the window and recording each one's latency in an HdrHistogram, so the
 * report shows the latency price of batching (p50/p99) next to its throughput gain.
 */
package io.shaledb.bench.commit;

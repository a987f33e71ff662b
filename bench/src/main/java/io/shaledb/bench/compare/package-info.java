/**
 * The measured B-Tree vs LSM comparison: ShaleDB's two storage engines, and RocksDB as the
 * reference LSM, run through the same workloads on the same data in one process, with the
 * throughput and the three amplifications that decide which engine a table should use.
 *
 * <h2>Why not JMH</h2>
 *
 * The JMH suite next door ({@link io.shaledb.bench.engine}) answers "how fast is one operation on a
 * warm, fixed data set". The question here is different: what does a store cost over a whole
 * workload, including the work it defers (a B+Tree's page writes behind its log, an LSM's flushes
 * and compactions). That needs a fixed number of operations rather than a fixed time, the engine's
 * I/O counters before and after, and a settle step that pays the deferred work and charges it to
 * the workload that caused it. A plain loop timed with {@link System#nanoTime()} does that; JMH's
 * iterations would cut a workload at arbitrary points and hide the background work between them.
 * Each store therefore gets a short unmeasured warm-up on a scratch directory, so the JIT has
 * compiled its code before the first measured operation.
 *
 * <h2>The three amplifications</h2>
 *
 * <ul>
 *   <li><b>Write amplification</b>: bytes written to disk per byte the user wrote. Each engine
 *       counts its own (WAL, data pages, flush and compaction output; for RocksDB its statistics
 *       tickers), and the kernel's {@code write_bytes} of {@code /proc/self/io} counts the same
 *       span for all three alike, as a cross-check that no engine's counters leave something out.
 *   <li><b>Space amplification</b>: bytes of the store's files per byte of live keys and values,
 *       after the settle, with and without the write-ahead log (a log that is kept after its
 *       records are flushed is space the store holds, but says nothing about the tables).
 *   <li><b>Read amplification</b>: files consulted and pages or blocks touched per point read, and
 *       how many of those missed the store's cache. A B+Tree touches one page per level; an LSM
 *       consults the files whose key range holds the key and reads a block only where the bloom
 *       filter cannot rule the key out.
 * </ul>
 *
 * <h2>Comparable settings</h2>
 *
 * {@link io.shaledb.bench.compare.CompareSettings} holds every knob the stores share: the cache
 * budget, the memtable, level and file sizes, bloom bits, block size, compression, L0 triggers,
 * background threads and the WAL sync policy. RocksDB is configured to match ShaleDB's LSM
 * (static leveled compaction rather than RocksDB's dynamic level sizes), and where ShaleDB's WAL
 * syncs in the background, a thread of the benchmark does the same for RocksDB. What stays
 * different is stated in the report (RocksDB's compaction priority, its per-memtable log files).
 *
 * <h2>Structure</h2>
 *
 * {@link io.shaledb.bench.compare.CompareSuite} runs the workloads and returns the measurements;
 * {@link io.shaledb.bench.compare.CompareReport} renders them as markdown; one small adapter per
 * store implements the package-private {@code CompareStore} seam. The command is
 * {@code java -jar bench/target/shale-bench.jar compare}; {@code docs/benchmarks.md} describes the
 * options and the measured numbers.
 */
package io.shaledb.bench.compare;

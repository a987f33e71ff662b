/**
 * JMH micro-benchmarks of the storage operations, ShaleDB's B+Tree side by side with H2 MVStore
 * and SQLite.
 *
 * <h2>Same data, same operations, same durability</h2>
 *
 * A comparison is only as fair as its weakest difference, so the three stores are put on the same
 * footing wherever they allow it:
 * <ul>
 *   <li><b>Data.</b> {@link io.shaledb.bench.engine.Dataset} makes the keys (16 bytes, byte order =
 *       index order) and values (100 pseudo-random bytes) for everyone; each store is loaded with
 *       keys {@code 0 .. N-1} in key order, in large batches, before anything is measured.
 *   <li><b>Order.</b> All three compare keys as unsigned bytes: ShaleDB by contract, MVStore
 *       through {@code ByteArrayDataType}, SQLite's {@code BLOB} primary key by {@code memcmp}. The
 *       SQLite table is {@code WITHOUT ROWID}, so it is one B-tree keyed by our key, like the others.
 *   <li><b>Cache.</b> Every store gets the same cache budget (512 MiB by default), large enough to
 *       hold the data set, so "point get, warm" measures the in-memory read path of each.
 *   <li><b>Interface.</b> Each store is driven through its own public API with no layer of ours in
 *       between beyond a method call: ShaleDB's {@code StorageEngine}, the MVStore {@code MVMap},
 *       SQLite through JDBC with prepared statements reused (JDBC's own overhead is part of what
 *       an embedded Java user of SQLite pays, and is named as such in the docs).
 *   <li><b>Durability.</b> Each put is one transaction. The {@code relaxed} level, used by the
 *       micro-benchmarks, acknowledges before the disk has the data; the {@code durable} level
 *       syncs on every put. {@link io.shaledb.bench.engine.StoreKind#durabilityNote} spells out the
 *       exact setting of each store and the report prints it under the table.
 * </ul>
 *
 * <h2>How a trial runs</h2>
 *
 * {@link io.shaledb.bench.engine.EngineSuite} runs one JMH trial per (workload, store) in a forked
 * JVM with a fixed heap: a fresh temporary directory on the real disk, the load, JMH's warm-up
 * and measured iterations of one thread calling the workload, then close and delete. One trial at
 * a time keeps the stores from competing for the two cores. Scores are mean operations per second
 * with JMH's 99.9% confidence interval; with few iterations that interval is wide, and the report
 * shows it so nobody reads a 3% difference as real.
 *
 * <h2>Adding a store</h2>
 *
 * Implement {@link io.shaledb.bench.engine.KvStore} (get, put as one transaction, scan of N rows
 * from a key, bulk load), add a constant to {@link io.shaledb.bench.engine.StoreKind} with its
 * durability notes, and add its label to the {@code store} parameter of
 * {@link io.shaledb.bench.engine.EngineBenchmark}.
 */
package io.shaledb.bench.engine;

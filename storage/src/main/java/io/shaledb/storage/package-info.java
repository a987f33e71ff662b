/**
 * The storage engine API: an ordered map from byte-string keys to byte-string values.
 *
 * <p>This is the narrow waist of ShaleDB. Below it sit interchangeable engines (in memory, a
 * B+Tree, an LSM tree); above it every data model (SQL tables and indexes, key-value, documents,
 * graphs, wide columns) maps its data onto ordered keys with the encoding in
 * {@code io.shaledb.common.encoding}, and transactions (MVCC) are built on top of the same map. An
 * engine therefore knows nothing about rows, types or versions: it stores bytes and keeps them in
 * order.
 *
 * <h2>The contract in brief</h2>
 * <ul>
 *   <li>{@link io.shaledb.storage.StorageEngine#get get}, {@link io.shaledb.storage.StorageEngine#put
 *       put} and {@link io.shaledb.storage.StorageEngine#delete delete} on single keys; any byte
 *       string is a key (the empty one included) and any byte string a value (an empty value is not
 *       the same as no value).
 *   <li>Keys are ordered unsigned-lexicographically ({@link io.shaledb.common.bytes.Bytes#UNSIGNED_ORDER}).
 *   <li>{@link io.shaledb.storage.StorageEngine#scan scan} opens a {@link io.shaledb.storage.Cursor}
 *       over a {@link io.shaledb.storage.KeyRange} (each bound inclusive, exclusive or absent) in
 *       either {@link io.shaledb.storage.Direction}. An inverted or empty range simply yields nothing.
 *       Cursors must be closed; they stay ordered and never fail under concurrent writes.
 *   <li>A {@link io.shaledb.storage.WriteBatch} is applied atomically and in order: a later operation
 *       on the same key wins, and a concurrent {@code get} sees the whole batch or none of it. This
 *       is the unit the WAL will log and the unit a transaction commit will write.
 *   <li>Engines are thread-safe; after {@code close()} every operation throws
 *       {@link IllegalStateException}.
 * </ul>
 *
 * <h2>The conformance suite</h2>
 *
 * The contract is executable: {@code io.shaledb.storage.conformance.StorageEngineConformanceTest},
 * shipped in this module's test-jar, is an abstract test class that each engine module extends with
 * one method, {@code openEngine()}. Besides example tests for every clause above, it runs random
 * operation sequences against the engine and a {@link java.util.TreeMap} model and compares every
 * read, and it runs concurrent writers and scanners. Durable engines additionally enable the
 * reopen-after-close tests. An engine is done when it passes the suite unchanged.
 */
package io.shaledb.storage;

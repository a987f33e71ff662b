/**
 * The in-memory engine: the reference implementation of the storage API and the engine of tests
 * and of the walking skeleton.
 *
 * <p>{@link io.shaledb.storage.memory.MemoryEngine} is a {@link
 * java.util.concurrent.ConcurrentSkipListMap} with the unsigned byte comparator, which gives it
 * ordered, lock-free point operations and scans for free. Two small additions make it meet the
 * contract:
 * <ul>
 *   <li><b>Atomic batches.</b> A skip list applies one put at a time, so a batch takes the write
 *       side of a read-write lock while it applies, and point operations take the read side. A
 *       {@code get} therefore never sees half a batch. Scans do not take the lock: cursors are the
 *       skip list's weakly consistent iterators, which never fail, return keys in order and each at
 *       most once, and may or may not reflect writes made after they started (including half of a
 *       concurrent batch). Snapshot reads are the business of the MVCC layer, not of this engine.
 *   <li><b>Defensive copies.</b> Keys and values are cloned on the way in, so callers may reuse
 *       their arrays; arrays handed out are the stored ones and must not be modified.
 * </ul>
 *
 * <p>Nothing is persisted: {@code close()} only marks the engine closed, and the data is gone with
 * the object. It is the baseline the disk engines are measured and tested against.
 */
package io.shaledb.storage.memory;

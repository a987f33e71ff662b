/**
 * The paged B+Tree storage engine: {@link io.shaledb.storage.btree.BTreeEngine}.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   put/delete ──▶ [gate: shared] ┐  BTree: page latches (crabbing; optimistic leaf-only change,
 *   apply (batch) ─▶ [gate: excl.] ┴▶ pessimistic retry for splits/merges), changed pages kept latched
 *                                │                        │ deltas / first-change full images
 *                                │                        ▼
 *                                │                 Wal.append(btree.page-changes) ─▶ LSN stamped on the pages
 *                                ▼ (latches, gate released)
 *                          Wal.awaitCommit(lsn)   ◀── many writers share one fdatasync (group commit)
 *
 *   get / cursor refill ──▶ [gate: shared] ──▶ BTree (shared crabbing) ──▶ BufferPool (CLOCK-sweep) ──▶ btree.data
 *   background writer ──▶ dirty unpinned pages ahead of the CLOCK hand (frame latch shared, LSN durable)
 *
 *   directory:  btree.data      pages: 0 = meta, then leaves, internals, overflow and free pages
 *               btree.control   page size + redo LSN of the last checkpoint (atomic replace)
 *               wal/            the write-ahead log's segments
 * </pre>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Concurrency is page latches</b> (protocol in the {@code tree} package essay): readers
 *       crab down with shared latches; a put or delete first tries to change only its leaf
 *       (optimistic descent) and retries pessimistically, holding the meta page, for splits,
 *       merges and overflow chains. Operations on different leaves run in parallel. What still
 *       serializes: structure modifications and page allocation among themselves (meta page
 *       latch); a {@code WriteBatch} against everything (engine gate, for its atomicity towards
 *       concurrent gets); buffer-pool misses and eviction writes (under the pool's monitor). The
 *       commit wait (the fsync) happens outside all latches, so concurrent writers share syncs.
 *   <li><b>A batch keeps a finger.</b> Consecutive operations of a {@code WriteBatch} usually
 *       land in the same leaf (a list's elements, ascending primary keys, a transaction's write
 *       buffer in key order), so the batch remembers the leaf its previous operation changed and the
 *       key range its descent found, and goes straight there while the next key is in range and it
 *       still holds the leaf; a split or merge forgets it (argument in the {@code tree} essay;
 *       {@code BTreeOptions.batchFinger} turns it off, {@code BTreeStats} counts hits and descents).
 *   <li><b>Cursors re-descend.</b> A cursor holds no latch or pin between refills; it buffers up to
 *       a few hundred entries, remembers its last key and descends again from the root for the next
 *       batch. Simple, and immune to splits, merges and page reuse in between.
 *   <li><b>Redo is physiological, with full page images after each checkpoint</b> (PostgreSQL's
 *       {@code full_page_writes}): one WAL record per operation or batch (atomic in recovery),
 *       holding per changed page either a compact delta (the slot inserts and removes, replayed by
 *       the same slotted-page code) or, for a page's first change since the latest checkpoint's
 *       redo point and for splits, merges, new pages and the meta page, its hole-eliminated full
 *       image. A small random put logs ~360 bytes instead of ~6.4 KB; torn pages are still always
 *       repaired (the argument is in the recovery package essay).
 *   <li><b>No steal for the operation in flight</b>: its pages stay pinned until its record is
 *       appended; after that the buffer pool may write a page back any time, once the log is durable
 *       up to the page's LSN (WAL before data).
 *   <li><b>Failure stops the engine</b>: an I/O error inside a write leaves memory in an unknown
 *       state, so the engine refuses further work; reopening recovers from disk and log.
 * </ul>
 */
package io.shaledb.storage.btree;

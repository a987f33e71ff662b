/**
 * The paged B+Tree storage engine: {@link io.shaledb.storage.btree.BTreeEngine}.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   put/delete/apply ──▶ [tree latch: exclusive] ──▶ BTree (split/merge on pinned pages)
 *                                │                        │ after-images of changed pages
 *                                │                        ▼
 *                                │                 Wal.append(btree.page-images) ─▶ LSN stamped on the pages
 *                                ▼ (latch released)
 *                          Wal.awaitCommit(lsn)   ◀── many writers share one fdatasync (group commit)
 *
 *   get / cursor refill ──▶ [tree latch: shared] ──▶ BTree ──▶ BufferPool (CLOCK-sweep) ──▶ btree.data
 *
 *   directory:  btree.data      pages: 0 = meta, then leaves, internals, overflow and free pages
 *               btree.control   page size + redo LSN of the last checkpoint (atomic replace)
 *               wal/            the write-ahead log's segments
 * </pre>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Concurrency is a tree-level read/write latch</b> for now: readers in parallel, one
 *       writer at a time. The commit wait (the fsync) happens outside the latch, so concurrent
 *       writers still share syncs. Page-level latch crabbing or optimistic lock coupling is the next
 *       step; the tree code already confines all page access to a per-operation
 *       {@code PageContext}, which is where page latches would be taken.
 *   <li><b>Cursors re-descend.</b> A cursor holds no latch or pin between refills; it buffers up to
 *       a few hundred entries, remembers its last key and descends again from the root for the next
 *       batch. Simple, and immune to splits, merges and page reuse in between.
 *   <li><b>Redo is physical: full page images</b> of every page an operation changed, one WAL record
 *       per operation or batch (atomic in recovery), with the unused middle of each page left out.
 *       That costs write amplification (a small put logs one leaf, roughly half a page on average)
 *       but makes redo trivially idempotent and gives torn-page protection for free. Physiological
 *       records with a full image only on the first change after a checkpoint are the obvious
 *       optimisation.
 *   <li><b>No steal for the operation in flight</b>: its pages stay pinned until its record is
 *       appended; after that the buffer pool may write a page back any time, once the log is durable
 *       up to the page's LSN (WAL before data).
 *   <li><b>Failure stops the engine</b>: an I/O error inside a write leaves memory in an unknown
 *       state, so the engine refuses further work; reopening recovers from disk and log.
 * </ul>
 */
package io.shaledb.storage.btree;

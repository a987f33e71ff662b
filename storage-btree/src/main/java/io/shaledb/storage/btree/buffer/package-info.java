/**
 * The buffer pool: a memory budget of page frames with pin counts, dirty flags and CLOCK-sweep
 * replacement with usage counts.
 *
 * <pre>
 *            hand ─▶ ┌──────┬──────┬──────┬──────┬──────┐
 *                    │ p17  │ p3   │ p42  │ p9   │ p1   │    usage: 0..5, bumped on each hit
 *                    │ u=0  │ u=3  │ pin2 │ u=1* │ u=5  │    pinned frames are skipped
 *                    └──────┴──────┴──────┴──────┴──────┘    * dirty: written back first, after
 *                       ▲ victim: unpinned and usage 0         the WAL is durable to its page LSN
 * </pre>
 *
 * Frames are created lazily up to the budget. <b>A hit takes no monitor</b>: the page table is an
 * array indexed by page number, read lock-free, and the pin count is an atomic on the frame.
 *
 * <pre>
 *   pin(p):  f = table[p] ─▶ CAS f.pins n ─▶ n+1 (only if n >= 0) ─▶ f.pageId == p ? hit
 *                                                                   : unpin, take the monitor path
 *   evict:   (monitor) f.pins 0 ─▶ LOCKED (-1) by CAS ─▶ write back if dirty ─▶ table[old] = null
 *            ─▶ read the new page ─▶ table[new] = f ─▶ f.pins = 1 (publishes page id and image)
 * </pre>
 *
 * The rest of the bookkeeping (misses, eviction, the hand, dirty flags, growing the table) is under
 * the pool's monitor, and so are a miss's read and an eviction's synchronous write of a dirty
 * victim. A frame the pool works on is LOCKED first (an unpinned frame, so nobody holds its latch),
 * which makes every lock-free pin of it fail over to the monitor until the pool is done; a pin that
 * found a frame through a stale table entry sees another page id after its CAS and backs out. The
 * CLOCK usage count is bumped racily on hits (a lost bump is harmless). Every frame has a
 * read/write latch for its contents, taken only while pinned. Checkpoint and background writes pin
 * the frame, take its latch shared and write outside the monitor.
 *
 * <h2>Background writer</h2>
 *
 * A daemon thread of the engine ({@code BTreeOptions.backgroundWriterMillis}, default 20 ms) that
 * each round writes up to an eighth of the frames that are dirty and unpinned, starting at the
 * hand (the next victims), so eviction finds clean frames. It writes only pages whose LSN the log
 * has already made durable and skips frames whose latch is busy; when pages wait for the log it
 * flushes the log at the start of the next round. Counters: {@code evictionWrites} (synchronous,
 * on a caller's thread) and {@code backgroundWrites}. It stops (joined, never interrupted, since an
 * interrupt would close the file channel) on close and after a failure.
 */
package io.shaledb.storage.btree.buffer;

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
 * Frames are created lazily up to the budget. The pool's bookkeeping (page table, pin counts,
 * usage, dirty flags, the hand) is under its monitor, and so are a miss's read and an eviction's
 * synchronous write of a dirty victim (an unpinned frame, so nobody holds its latch). Every frame
 * has a read/write latch for its contents, taken only while pinned. Checkpoint and background
 * writes pin the frame, take its latch shared and write outside the monitor.
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

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
 * Frames are created lazily up to the budget. The pool's bookkeeping is under its monitor; page
 * contents are protected by the tree latch and pins.
 */
package io.shaledb.storage.btree.buffer;

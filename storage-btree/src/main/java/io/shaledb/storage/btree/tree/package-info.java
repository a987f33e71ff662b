/**
 * The B+Tree algorithms over buffer-pool pages.
 *
 * <h2>Tree shape</h2>
 *
 * <pre>
 *                        internal (root)
 *            [ -inf | "f" | "p" ]            cell 0 is the low sentinel
 *             /        |       \
 *       leaf            leaf           leaf          all leaves at one depth
 *   [a b c e]       [f g k n]      [p q x z]
 *
 *   child i of an internal page holds keys in [key(i), key(i+1)), key(0) = -inf
 * </pre>
 *
 * <ul>
 *   <li><b>Insert</b> descends remembering the path; a full page splits at the byte midpoint, and
 *       the separator pushed into the parent is the shortest prefix of the right page's first key
 *       that sorts above the left page's last key (suffix truncation). A root split adds a level.
 *       Exception, as in PostgreSQL's nbtree: an insert past the last key of the rightmost page of
 *       its level (the descent took the last child slot all the way down) splits so that the left
 *       page keeps 90% of its capacity, so ascending (sequential) loads leave pages ~90% full
 *       instead of half full.
 *   <li><b>Delete</b> removes the cell; an emptied page leaves its parent and goes to the free list;
 *       a page under a quarter full merges with a sibling when both fit in one page (the separator
 *       comes down for internal pages); a root with one child hands over to it. Siblings that do not
 *       fit together are left as they are (no redistribution): simple, and every emptied page is
 *       still reclaimed.
 *   <li><b>Large keys and values</b> live in overflow chains; a key in a chain keeps its first 128
 *       bytes inline so most comparisons never read the chain.
 *   <li><b>Page ownership</b>: every overflow chain is owned by exactly one cell; separators never
 *       share a chain with the key they came from. {@link io.shaledb.storage.btree.tree.TreeChecker}
 *       accounts for every page (tree, chain or free list) and checks order and fences.
 * </ul>
 *
 * <h2>Latch protocol</h2>
 *
 * Every buffer frame has a read/write latch (taken only while the frame is pinned); the root
 * pointer (mirrored from the meta page) has its own <em>root latch</em>. Order: meta page, root
 * latch, then tree pages top-down (a parent before its child, siblings only under their latched
 * parent), overflow pages last. Nobody waits for a latch above one it holds, so there are no cycles.
 *
 * <pre>
 *   get / scan leaf:  root latch S ─ root S ─ release root latch ─ child S ─ release parent ─ ... ─ leaf S
 *                     copy out, release. A scan does one leaf per descent, remembering the leaf's
 *                     fences; the next leaf is reached by a new descent to the high fence (forward)
 *                     or below the low fence (backward): no sibling links, nothing held across leaves.
 *                     Readers do this without a PageContext (BTree.descendRead): at most two frames
 *                     pinned and latched, no allocation, and the binary searches compare the probe
 *                     key straight against the page bytes (first eight bytes as one unsigned long).
 *
 *   put / delete, optimistic:  shared crabbing as above, but the leaf latched X. If the change stays
 *                     in the leaf (fits; no split, no underflow, no overflow chain to write or free)
 *                     it is made there; otherwise nothing is changed, everything released, and:
 *
 *   put / delete, pessimistic (structure modification):
 *                     meta page X ─ root latch X ─ root X ─ child X ─ ... ─ leaf X, and whenever a
 *                     page is safe (an insert cannot split it, a removal cannot underflow or empty
 *                     it) every latch above it and the root latch are released. Splits, merges
 *                     (siblings latched X under their parent), page allocation and freeing (free
 *                     list in the meta page) and root changes therefore happen on held pages only.
 *
 *   batch finger:    a WriteBatch runs its operations in one context that remembers the leaf the
 *                    previous optimistic put or delete descended to, with the fences that descent
 *                    found ([low, high) from the separators above it). The next operation whose key
 *                    lies in [low, high), while the context still holds that leaf X, uses it without
 *                    descending; anything else descends (and moves the finger; after many misses in
 *                    a row only every 16th descent copies the fences). See below why.
 *
 *   end of a write:  changed pages stay latched X (and pinned) until the engine has appended the WAL
 *                    record with their deltas or images and stamped its LSN on them; then all are
 *                    released. Cell inserts and removals go through PageContext.insertCell/removeCell,
 *                    which record a delta; any other change (PageContext.dirty, fresh) makes the page
 *                    a full image in the record.
 * </pre>
 *
 * <p><b>Why the finger is safe.</b> A leaf's key range changes only when the leaf itself splits
 * or merges (both latch it X) or when a neighbour empties and leaves the parent (its range grows).
 * The finger is followed only while its context has held the leaf X without a break since the
 * descent that recorded the fences (a changed page stays latched to the end of the batch; an
 * unchanged one is released and fails the check), so no other thread can have split, merged or
 * freed it, and the recorded range is still inside its real range. The batch's own structure
 * modifications are the exception, so every pessimistic path clears the finger before descending.
 * The leaf is pinned the whole time, so eviction cannot take it, and the operation then makes
 * exactly the slot insert or removal a descent would have found: the pages, deltas and images in
 * the batch's WAL record are the same with or without the finger ({@code BatchFingerTest} compares
 * the logs byte for byte).
 *
 * <p>Holding the meta page X serializes structure modifications (and allocation) against each other;
 * they still run alongside reads and optimistic writes everywhere outside the subtree they hold.
 * Overflow pages are protected by the latch of the page whose cell owns the chain (they are only
 * written while fresh, before any cell points to them, and freed with their cell), so readers pin
 * them without latching. Checkpoints and the background writer take a page's latch shared (the
 * background writer only if free) while writing it, so they never see a change in progress.
 * The engine adds a gate above all this: shared for gets, scans, puts and deletes; exclusive for a
 * {@code WriteBatch} (a batch's pages stay latched across its operations, and no get may see half
 * of it), for verify/inspect and for close.
 */
package io.shaledb.storage.btree.tree;

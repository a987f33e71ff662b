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
 * <pre>
 *   reader:  tree latch S ── pin root ── pin child ── ... ── pin leaf ── copy out ── unpin all ── release S
 *   writer:  tree latch X ── pin path, modify, split/merge (pins kept) ── log images ── unpin all ── release X
 * </pre>
 *
 * Callers (the engine) take the latch; this package assumes it is held.
 */
package io.shaledb.storage.btree.tree;

package io.shaledb.storage.btree.tree;

/**
 * What {@code inspect()} reports about a tree.
 *
 * @param height levels, leaves included (1: the root is a leaf)
 * @param pageCount pages in the file, meta page included
 * @param leafPages leaf pages
 * @param internalPages internal pages
 * @param overflowPages pages of overflow chains (large keys and values)
 * @param freePages pages on the free list
 * @param entries key/value pairs
 * @param fillFactor average fraction of a leaf page in use (header, slots and cells)
 * @param averageFanout average number of children of an internal page (0 when there is none)
 */
public record TreeShape(int height, int pageCount, int leafPages, int internalPages, int overflowPages, int freePages,
                        long entries, double fillFactor, double averageFanout) {}

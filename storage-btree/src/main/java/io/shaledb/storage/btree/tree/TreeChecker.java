package io.shaledb.storage.btree.tree;

import io.shaledb.storage.btree.page.Cells;
import io.shaledb.storage.btree.page.MetaPage;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Walks a whole tree, checking the invariants listed on {@link BTree} and accounting for every page,
 * and measures its shape. The caller keeps writers out (the engine holds its gate exclusively).
 */
public final class TreeChecker {

    private final BTree tree;
    private final PageContext ctx;
    private final List<String> problems = new ArrayList<>();
    private final BitSet seen = new BitSet();
    private int leaves;
    private int internals;
    private int overflow;
    private long entries;
    private long leafBytes;
    private long children;

    private TreeChecker(BTree tree, PageContext ctx) {
        this.tree = tree;
        this.ctx = ctx;
    }

    /** The tree's shape; {@code problems} (if not null) receives every invariant violation found. */
    public static TreeShape check(BTree tree, List<String> problems) throws IOException {
        try (PageContext ctx = tree.context()) {
            TreeChecker c = new TreeChecker(tree, ctx);
            TreeShape shape = c.run();
            if (problems != null) {
                problems.addAll(c.problems);
            }
            return shape;
        }
    }

    private TreeShape run() throws IOException {
        byte[] meta = read(BTree.META, PageType.META);
        int pageCount = MetaPage.pageCount(meta);
        int height = MetaPage.height(meta);
        mark(BTree.META);
        if (MetaPage.root(meta) != tree.cachedRoot() || height != tree.cachedHeight()) {
            problems.add("meta page says root " + MetaPage.root(meta) + " height " + height + ", the tree's root pointer says "
                    + tree.cachedRoot() + " height " + tree.cachedHeight());
        }
        walk(MetaPage.root(meta), 0, height, null, null);
        int free = 0;
        int id = MetaPage.freeHead(meta);
        while (id != Page.NO_PAGE && free <= pageCount) {
            mark(id);
            byte[] p = read(id);
            if (Page.type(p) != PageType.FREE) {
                problems.add("page " + id + " is on the free list but is " + Page.type(p));
                break;
            }
            free++;
            id = Page.getInt(p, Page.OFF_FREE_NEXT);
        }
        if (free != MetaPage.freeCount(meta)) {
            problems.add("free list has " + free + " pages, meta says " + MetaPage.freeCount(meta));
        }
        if (seen.cardinality() != pageCount || seen.length() > pageCount) {
            BitSet missing = new BitSet();
            missing.set(0, pageCount);
            missing.andNot(seen);
            problems.add("pages unaccounted for (leaked): " + missing + "; pages beyond the count: "
                    + (seen.length() > pageCount));
        }
        double fill = leaves == 0 ? 0 : (double) leafBytes / ((long) leaves * tree.pageSize());
        double fanout = internals == 0 ? 0 : (double) children / internals;
        return new TreeShape(height, pageCount, leaves, internals, overflow, free, entries, fill, fanout);
    }

    /** A copy of page {@code id}, unpinned at once: a whole-tree walk must not pin the whole tree. */
    private byte[] read(int id) throws IOException {
        byte[] copy = ctx.page(id).clone();
        ctx.release();
        return copy;
    }

    private byte[] read(int id, PageType expected) throws IOException {
        byte[] p = read(id);
        if (Page.type(p) != expected) {
            throw new io.shaledb.storage.btree.page.CorruptPageException(tree.file(), id, "expected " + expected + ", found " + Page.type(p));
        }
        return p;
    }

    private void mark(int id) {
        if (seen.get(id)) {
            problems.add("page " + id + " is reachable twice");
        }
        seen.set(id);
    }

    /** Checks the subtree at {@code id}; its keys must be in {@code [low, high)} (null: unbounded). */
    private void walk(int id, int depth, int height, byte[] low, byte[] high) throws IOException {
        mark(id);
        byte[] p = read(id);
        PageType t = Page.type(p);
        boolean leaf = t == PageType.LEAF;
        if (leaf != (depth == height - 1)) {
            problems.add("page " + id + " (" + t + ") at depth " + depth + " of height " + height);
            return;
        }
        int n = SlottedPage.count(p);
        if (leaf) {
            leaves++;
            entries += n;
            leafBytes += SlottedPage.usedBytes(p);
            byte[] prev = null;
            for (int i = 0; i < n; i++) {
                int off = SlottedPage.cellOffset(p, i);
                byte[] key = tree.key(p, off, true);
                checkOrder(id, i, prev, key, low, high);
                prev = key;
                int flags = Cells.flags(p, off);
                if ((flags & Cells.KEY_OVERFLOW) != 0) {
                    chain(Cells.keyOverflowPage(p, off));
                }
                if ((flags & Cells.VALUE_OVERFLOW) != 0) {
                    chain(Page.getInt(p, Cells.leafValueOffset(p, off)));
                }
            }
            return;
        }
        internals++;
        children += n;
        if (n == 0) {
            problems.add("internal page " + id + " has no children");
            return;
        }
        if ((Cells.flags(p, SlottedPage.cellOffset(p, 0)) & Cells.LOW_SENTINEL) == 0) {
            problems.add("internal page " + id + ": cell 0 is not the low sentinel");
        }
        byte[][] keys = new byte[n + 1][];
        keys[0] = low;
        keys[n] = high;
        for (int i = 1; i < n; i++) {
            int off = SlottedPage.cellOffset(p, i);
            keys[i] = tree.key(p, off, false);
            checkOrder(id, i, i == 1 ? null : keys[i - 1], keys[i], low, high);
            if ((Cells.flags(p, off) & Cells.KEY_OVERFLOW) != 0) {
                chain(Cells.keyOverflowPage(p, off));
            }
        }
        for (int i = 0; i < n; i++) {
            int child = Cells.internalChild(p, SlottedPage.cellOffset(p, i));
            walk(child, depth + 1, height, keys[i], keys[i + 1]);
        }
    }

    private void checkOrder(int id, int i, byte[] prev, byte[] key, byte[] low, byte[] high) {
        if (prev != null && Arrays.compareUnsigned(prev, key) >= 0) {
            problems.add("page " + id + " slot " + i + ": keys not strictly ascending");
        }
        if (low != null && Arrays.compareUnsigned(key, low) < 0) {
            problems.add("page " + id + " slot " + i + ": key below its subtree's lower fence");
        }
        if (high != null && Arrays.compareUnsigned(key, high) >= 0) {
            problems.add("page " + id + " slot " + i + ": key not below its subtree's upper fence");
        }
    }

    private void chain(int first) throws IOException {
        int id = first;
        while (id != Page.NO_PAGE) {
            mark(id);
            byte[] p = read(id);
            if (Page.type(p) != PageType.OVERFLOW) {
                problems.add("page " + id + " in an overflow chain is " + Page.type(p));
                return;
            }
            overflow++;
            id = Page.getInt(p, Page.OFF_OVERFLOW_NEXT);
        }
    }
}

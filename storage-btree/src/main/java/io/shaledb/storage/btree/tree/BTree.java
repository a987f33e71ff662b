package io.shaledb.storage.btree.tree;

import io.shaledb.storage.KeyRange;
import io.shaledb.storage.btree.buffer.BufferPool;
import io.shaledb.storage.btree.buffer.Frame;
import io.shaledb.storage.btree.page.Cells;
import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.MetaPage;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The B+Tree algorithms over pages in a {@link BufferPool}, thread-safe through page latches (the
 * protocol is in the package essay): readers crab down with shared latches; a put or delete first
 * tries an optimistic descent that latches only the leaf exclusively and succeeds when the change
 * stays inside that leaf; otherwise it retries pessimistically, holding the meta page exclusively
 * (which serializes structure modifications and page allocation) and crabbing down with exclusive
 * latches, releasing the ancestors of every node that cannot split or merge. Every operation has
 * its own {@link PageContext}; a writer's context keeps its changed pages latched until the engine
 * has logged them.
 *
 * <p>Invariants (checked by {@link TreeChecker}):
 * <ol>
 *   <li>All leaves are at the same depth ({@code height - 1} below the root).
 *   <li>Keys within a page are strictly ascending (unsigned byte order).
 *   <li>In an internal page, cell 0 is the low sentinel; child {@code i} holds only keys
 *       {@code >= key(i)} (i &gt; 0) and {@code < key(i + 1)}, within the page's own bounds.
 *   <li>Only the root may be empty (a leaf with no cells) or have a single child transiently.
 *   <li>Every page is exactly one of: meta, tree page, overflow page of one cell, free-list page.
 * </ol>
 */
public final class BTree {

    static final int META = 0;

    private final BufferPool pool;
    private final Path file;
    private final int pageSize;
    private final int maxCell;
    private final int maxInlineKey;
    private final int capacity;

    /**
     * Guards the root pointer: shared while a descent reads it and latches the root page, exclusive
     * from before a structure modification latches the root until it knows the root will not change.
     */
    private final ReentrantReadWriteLock rootLatch = new ReentrantReadWriteLock();
    /** Root page and height, mirrored from the meta page (changed under the root latch and the meta page latch). */
    private volatile int rootPage = -1;
    private volatile int treeHeight;

    /** Test hook, called with the leaf a writer holds exclusively just before it changes the leaf. */
    public interface LeafHook {
        void beforeLeafChange(int leafId, ReentrantReadWriteLock leafLatch) throws IOException;
    }

    private volatile LeafHook leafHook;

    public BTree(BufferPool pool, Path file) {
        this.pool = pool;
        this.file = file;
        this.pageSize = pool.pageSize();
        this.maxCell = Cells.maxCellSize(pageSize);
        this.maxInlineKey = Cells.maxInlineKey(pageSize);
        this.capacity = SlottedPage.capacity(pageSize);
    }

    /** A context for a read (latches shared). */
    public PageContext context() {
        return new PageContext(pool, file, false, rootLatch, false);
    }

    /** A context for a write (pages reached other than by a shared descent are latched exclusive). */
    public PageContext writeContext() {
        return new PageContext(pool, file, true, rootLatch, false);
    }

    /**
     * A write context for the many operations of one batch that keeps a {@link Finger}: an
     * operation whose key falls in the range of the leaf the previous one changed (and still
     * holds) goes straight to that leaf instead of descending from the root.
     */
    public PageContext batchContext() {
        return new PageContext(pool, file, true, rootLatch, true);
    }

    /** Reads the root pointer from the meta page; call once the file is initialised or recovered, before any operation. */
    public void loadRoot() throws IOException {
        try (PageContext ctx = context()) {
            byte[] meta = ctx.page(META, PageType.META);
            rootPage = MetaPage.root(meta);
            treeHeight = MetaPage.height(meta);
        }
    }

    /** The cached root page (for the checker). */
    int cachedRoot() {
        return rootPage;
    }

    int cachedHeight() {
        return treeHeight;
    }

    public void setLeafHook(LeafHook hook) {
        this.leafHook = hook;
    }

    private void setRoot(PageContext ctx, byte[] meta, int root, int height) {
        if (!ctx.holdsRootExclusive() || !ctx.holdsExclusive(META)) {
            throw new IllegalStateException("changing the root without the root latch and the meta page latch");
        }
        MetaPage.setRoot(meta, root);
        MetaPage.setHeight(meta, height);
        ctx.dirty(META);
        rootPage = root;
        treeHeight = height;
    }

    public BufferPool pool() {
        return pool;
    }

    /** Writes a fresh meta page and an empty root leaf (pages 0 and 1) into the pool, dirty. */
    public void initialize() throws IOException {
        try (PageContext ctx = writeContext()) {
            MetaPage.init(ctx.fresh(META), pageSize, 1);
            SlottedPage.init(ctx.fresh(1), PageType.LEAF, 1);
        }
    }

    // ================================================================== keys and values

    private static boolean isLeaf(byte[] p) {
        return Page.type(p) == PageType.LEAF;
    }

    /** The first eight bytes of {@code key} as an unsigned big-endian number (0 for shorter keys, which never use it). */
    private static long head(byte[] key) {
        return key.length >= 8 ? Page.getLong(key, 0) : 0;
    }

    /**
     * Compares {@code key} (whose {@link #head} is {@code keyHead}) with the key of the cell at
     * {@code off}, straight against the page bytes; the low sentinel is below everything. When both
     * keys have at least eight bytes their first eight, read as unsigned big-endian longs, decide
     * most probes with one load; otherwise the key part is compared with
     * {@link Arrays#compareUnsigned} on the page's backing array (a vectorised mismatch).
     */
    private int compare(byte[] key, long keyHead, byte[] p, int off, boolean leaf) throws IOException {
        int flags = p[off];
        int keyOff;
        int cellKeyLen;
        if (leaf) {
            keyOff = off + Cells.LEAF_HEADER;
            cellKeyLen = Page.getInt(p, off + 1);
        } else {
            if ((flags & Cells.LOW_SENTINEL) != 0) {
                return 1;
            }
            keyOff = off + Cells.INTERNAL_HEADER;
            cellKeyLen = Page.getInt(p, off + 5);
        }
        // an overflowing key keeps KEY_PREFIX (>= 8) bytes inline, so eight key bytes are in the page
        if (key.length >= 8 && cellKeyLen >= 8) {
            long h = Page.getLong(p, keyOff);
            if (h != keyHead) {
                return Long.compareUnsigned(keyHead, h);
            }
        }
        if ((flags & Cells.KEY_OVERFLOW) == 0) {
            return Arrays.compareUnsigned(key, 0, key.length, p, keyOff, keyOff + cellKeyLen);
        }
        int n = Math.min(key.length, Cells.KEY_PREFIX);
        int c = Arrays.compareUnsigned(key, 0, n, p, keyOff, keyOff + Cells.KEY_PREFIX);
        if (c != 0 || key.length < Cells.KEY_PREFIX) {
            return c; // decided within the inline prefix (a shorter key that matches it sorts first)
        }
        byte[] full = readChain(Cells.keyOverflowPage(p, off), cellKeyLen);
        return Arrays.compareUnsigned(key, full);
    }

    /** The whole key of the cell at {@code off}. */
    byte[] key(byte[] p, int off, boolean leaf) throws IOException {
        int flags = Cells.flags(p, off);
        if (!leaf && (flags & Cells.LOW_SENTINEL) != 0) {
            throw new IllegalStateException("the low sentinel has no key");
        }
        int len = Cells.keyLength(p, off, leaf);
        if ((flags & Cells.KEY_OVERFLOW) != 0) {
            return readChain(Cells.keyOverflowPage(p, off), len);
        }
        int keyOff = Cells.keyOffset(off);
        return Arrays.copyOfRange(p, keyOff, keyOff + len);
    }

    byte[] value(byte[] p, int off) throws IOException {
        int len = Cells.leafValueLength(p, off);
        int voff = Cells.leafValueOffset(p, off);
        if ((Cells.flags(p, off) & Cells.VALUE_OVERFLOW) != 0) {
            return readChain(Page.getInt(p, voff), len);
        }
        return Arrays.copyOfRange(p, voff, voff + len);
    }

    /** Reads {@code length} bytes from the overflow chain starting at {@code first}, one page pinned at a time. */
    private byte[] readChain(int first, int length) throws IOException {
        byte[] out = new byte[length];
        int pos = 0;
        int id = first;
        while (pos < length) {
            if (id == Page.NO_PAGE) {
                throw new CorruptPageException(file, first, "overflow chain ends after " + pos + " of " + length + " bytes");
            }
            Frame f = pool.pin(id);
            try {
                byte[] p = f.data();
                if (Page.type(p) != PageType.OVERFLOW) {
                    throw new CorruptPageException(file, id, "expected an overflow page, found " + Page.type(p));
                }
                int n = Page.getInt(p, Page.OFF_OVERFLOW_LENGTH);
                if (n <= 0 || n > Page.overflowCapacity(pageSize) || pos + n > length) {
                    throw new CorruptPageException(file, id, "overflow page holds an implausible " + n + " bytes");
                }
                System.arraycopy(p, Page.HEADER_SIZE, out, pos, n);
                pos += n;
                id = Page.getInt(p, Page.OFF_OVERFLOW_NEXT);
            } finally {
                pool.unpin(f);
            }
        }
        return out;
    }

    private int writeChain(PageContext ctx, byte[] data) throws IOException {
        int per = Page.overflowCapacity(pageSize);
        int pages = (data.length + per - 1) / per;
        int[] ids = new int[pages];
        for (int i = 0; i < pages; i++) {
            ids[i] = allocate(ctx, PageType.OVERFLOW);
        }
        for (int i = 0; i < pages; i++) {
            byte[] p = ctx.page(ids[i]);
            int n = Math.min(per, data.length - i * per);
            Page.putInt(p, Page.OFF_OVERFLOW_NEXT, i + 1 < pages ? ids[i + 1] : Page.NO_PAGE);
            Page.putInt(p, Page.OFF_OVERFLOW_LENGTH, n);
            System.arraycopy(data, i * per, p, Page.HEADER_SIZE, n);
        }
        return ids[0];
    }

    private void freeChain(PageContext ctx, int first) throws IOException {
        int id = first;
        while (id != Page.NO_PAGE) {
            byte[] p = ctx.page(id, PageType.OVERFLOW);
            int next = Page.getInt(p, Page.OFF_OVERFLOW_NEXT);
            free(ctx, id);
            id = next;
        }
    }

    /** Frees the overflow chains a cell owns. */
    private void freeCellChains(PageContext ctx, byte[] p, int off, boolean leaf) throws IOException {
        int flags = Cells.flags(p, off);
        if ((flags & Cells.LOW_SENTINEL) != 0 && !leaf) {
            return;
        }
        if ((flags & Cells.KEY_OVERFLOW) != 0) {
            freeChain(ctx, Cells.keyOverflowPage(p, off));
        }
        if (leaf && (flags & Cells.VALUE_OVERFLOW) != 0) {
            freeChain(ctx, Page.getInt(p, Cells.leafValueOffset(p, off)));
        }
    }

    private byte[] leafCell(PageContext ctx, byte[] key, byte[] value) throws IOException {
        boolean keyOvf = key.length > maxInlineKey;
        int keyPart = keyOvf ? Cells.KEY_PREFIX + 4 : key.length;
        boolean valOvf = Cells.LEAF_HEADER + keyPart + value.length > maxCell;
        int keyChain = keyOvf ? writeChain(ctx, key) : 0;
        int valChain = valOvf ? writeChain(ctx, value) : 0;
        return Cells.leaf(key, keyOvf, keyChain, value, valOvf, valChain);
    }

    private byte[] internalCell(PageContext ctx, byte[] key, int child) throws IOException {
        boolean keyOvf = key.length > maxInlineKey;
        return Cells.internal(key, keyOvf, keyOvf ? writeChain(ctx, key) : 0, child);
    }

    // ================================================================== page allocation

    private int allocate(PageContext ctx, PageType type) throws IOException {
        byte[] meta = ctx.page(META, PageType.META);
        int head = MetaPage.freeHead(meta);
        int id;
        if (head != Page.NO_PAGE) {
            byte[] p = ctx.page(head, PageType.FREE);
            MetaPage.setFreeHead(meta, Page.getInt(p, Page.OFF_FREE_NEXT));
            MetaPage.setFreeCount(meta, MetaPage.freeCount(meta) - 1);
            id = head;
        } else {
            id = MetaPage.pageCount(meta);
            if (id < 0 || id == Integer.MAX_VALUE) {
                throw new IllegalStateException("data file is full: " + id + " pages");
            }
            MetaPage.setPageCount(meta, id + 1);
        }
        ctx.dirty(META);
        byte[] p = ctx.fresh(id);
        if (type == PageType.LEAF || type == PageType.INTERNAL) {
            SlottedPage.init(p, type, id);
        } else {
            Page.init(p, type, id);
        }
        return id;
    }

    private void free(PageContext ctx, int id) throws IOException {
        byte[] meta = ctx.page(META, PageType.META);
        byte[] p = ctx.fresh(id);
        Page.init(p, PageType.FREE, id);
        Page.putInt(p, Page.OFF_FREE_NEXT, MetaPage.freeHead(meta));
        MetaPage.setFreeHead(meta, id);
        MetaPage.setFreeCount(meta, MetaPage.freeCount(meta) + 1);
        ctx.dirty(META);
    }

    // ================================================================== search

    /** Index of {@code key} in leaf {@code p}, or {@code -(insertion point) - 1}. */
    private int searchLeaf(byte[] p, byte[] key) throws IOException {
        long keyHead = head(key);
        int lo = 0;
        int hi = SlottedPage.count(p) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(key, keyHead, p, SlottedPage.cellOffset(p, mid), true);
            if (c == 0) {
                return mid;
            }
            if (c > 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    /** Index of {@code key} in leaf {@code p}, or {@code -(insertion point) - 1}. */
    private int searchLeaf(PageContext ctx, byte[] p, byte[] key) throws IOException {
        return searchLeaf(p, key);
    }

    /** The child slot of internal page {@code p} whose subtree may hold {@code key}. */
    private int childSlot(byte[] p, byte[] key) throws IOException {
        long keyHead = head(key);
        int lo = 1;
        int hi = SlottedPage.count(p) - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(key, keyHead, p, SlottedPage.cellOffset(p, mid), false) >= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static int child(byte[] p, int slot) {
        return Cells.internalChild(p, SlottedPage.cellOffset(p, slot));
    }

    /** The path from the root to a leaf: pages[0] is the root, slots[i] the child slot taken in pages[i]. */
    static final class Descent {
        final int[] pages;
        final int[] slots;
        int depth; // number of entries; pages[depth - 1] is the leaf
        int top; // highest level whose page is still latched (pessimistic descents)
        /**
         * Deepest level whose page is the rightmost of its level (its subtree has no upper fence):
         * pages[0..rightEdge] were all reached through the last child slot. Only structure
         * modifications (serialized by the meta page latch) move fences, so this stays true while
         * the descent's structure modification runs.
         */
        int rightEdge;

        Descent(int height) {
            pages = new int[height];
            slots = new int[height];
        }

        int leaf() {
            return pages[depth - 1];
        }
    }

    int root(PageContext ctx) throws IOException {
        return MetaPage.root(ctx.page(META, PageType.META));
    }

    int height(PageContext ctx) throws IOException {
        return MetaPage.height(ctx.page(META, PageType.META));
    }

    /** Where a shared descent goes in each internal page. */
    private enum Target { KEY, BELOW_KEY, LEFTMOST, RIGHTMOST }

    /** The key range a leaf reached by a shared descent covers: [low, high), null for unbounded. */
    private static final class Fences {
        byte[] low;
        byte[] high;
    }

    /**
     * The largest child slot whose separator is strictly below {@code key}: the subtree holding the
     * largest key {@code < key}.
     */
    private int childSlotBelow(byte[] p, byte[] key) throws IOException {
        long keyHead = head(key);
        int lo = 1;
        int hi = SlottedPage.count(p) - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(key, keyHead, p, SlottedPage.cellOffset(p, mid), false) > 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Crabs down with shared latches (the root pointer under the root latch, then each child latched
     * before its parent is released) and returns the leaf, held shared, or exclusive when
     * {@code exclusiveLeaf}. {@code fences}, when not null, receives the leaf's key range.
     */
    private int descendShared(PageContext ctx, Target target, byte[] key, boolean exclusiveLeaf, Fences fences)
            throws IOException {
        ctx.lockRoot(false);
        int id;
        int height;
        try {
            id = rootPage;
            height = treeHeight;
            ctx.latch(id, exclusiveLeaf && height == 1);
        } finally {
            ctx.unlockRoot();
        }
        for (int level = 0; ; level++) {
            if (level >= height) {
                throw new CorruptPageException(file, id, "tree deeper than its recorded height " + height);
            }
            byte[] p = ctx.page(id);
            PageType t = Page.type(p);
            if (t == PageType.LEAF) {
                if (level != height - 1) {
                    throw new CorruptPageException(file, id, "leaf at depth " + level + " of a tree of height " + height);
                }
                return id;
            }
            if (t != PageType.INTERNAL) {
                throw new CorruptPageException(file, id, "expected a tree page, found " + t);
            }
            int childId = stepDown(p, id, target, key, fences);
            ctx.latch(childId, exclusiveLeaf && level + 1 == height - 1);
            ctx.unlatch(id);
            id = childId;
        }
    }

    /**
     * One step of a descent at internal page {@code id} (its bytes {@code p}): picks the child for
     * {@code target}, records the fence keys that bound that child's subtree when asked, and returns
     * the child's page id.
     */
    private int stepDown(byte[] p, int id, Target target, byte[] key, Fences fences) throws IOException {
        int n = SlottedPage.count(p);
        if (n == 0) {
            throw new CorruptPageException(file, id, "internal page without children");
        }
        int slot = switch (target) {
            case KEY -> childSlot(p, key);
            case BELOW_KEY -> childSlotBelow(p, key);
            case LEFTMOST -> 0;
            case RIGHTMOST -> n - 1;
        };
        if (fences != null) {
            if (slot > 0) {
                fences.low = key(p, SlottedPage.cellOffset(p, slot), false);
            }
            if (slot + 1 < n) {
                fences.high = key(p, SlottedPage.cellOffset(p, slot + 1), false);
            }
        }
        return child(p, slot);
    }

    /**
     * The reader's descent, without a {@link PageContext}: the same shared crabbing as
     * {@link #descendShared} (root latch shared while the root page is latched, then each child
     * latched before its parent is released), holding at most two frames and allocating nothing
     * (but the fences, when asked for). Returns the leaf's frame, pinned and latched shared; the
     * caller releases it with {@link #releaseRead}.
     */
    private Frame descendRead(Target target, byte[] key, Fences fences) throws IOException {
        ReentrantReadWriteLock.ReadLock rootShared = rootLatch.readLock();
        int id;
        int height;
        Frame f;
        rootShared.lock();
        try {
            id = rootPage;
            height = treeHeight;
            f = latchRead(id);
        } finally {
            rootShared.unlock();
        }
        try {
            for (int level = 0; ; level++) {
                if (level >= height) {
                    throw new CorruptPageException(file, id, "tree deeper than its recorded height " + height);
                }
                byte[] p = f.data();
                int type = p[Page.OFF_TYPE];
                if (type == LEAF_CODE) {
                    if (level != height - 1) {
                        throw new CorruptPageException(file, id, "leaf at depth " + level + " of a tree of height " + height);
                    }
                    return f;
                }
                if (type != INTERNAL_CODE) {
                    throw new CorruptPageException(file, id, "expected a tree page, found " + Page.type(p));
                }
                int childId = stepDown(p, id, target, key, fences);
                Frame c = latchRead(childId);
                releaseRead(f);
                f = c;
                id = childId;
            }
        } catch (IOException | RuntimeException | Error e) {
            releaseRead(f);
            throw e;
        }
    }

    private static final int LEAF_CODE = PageType.LEAF.code();
    private static final int INTERNAL_CODE = PageType.INTERNAL.code();

    private Frame latchRead(int pageId) throws IOException {
        Frame f = pool.pin(pageId);
        try {
            f.latch().readLock().lock();
        } catch (RuntimeException | Error e) {
            pool.unpin(f);
            throw e;
        }
        return f;
    }

    private void releaseRead(Frame f) {
        try {
            f.latch().readLock().unlock();
        } finally {
            pool.unpin(f);
        }
    }

    /** What a pessimistic descent prepares for: decides which pages are safe (cannot split or merge). */
    private enum Change { INSERT, REMOVE }

    /**
     * Whether the page at {@code level} surely absorbs the change below it without splitting (an
     * insert of one cell of up to {@code cellBytes}) or underflowing (a removal of one cell), so its
     * ancestors need not stay latched.
     */
    private boolean safe(byte[] p, int level, Change change, int cellBytes) {
        int n = SlottedPage.count(p);
        if (change == Change.INSERT) {
            int need = (isLeaf(p) ? cellBytes : maxCell) + SlottedPage.SLOT_SIZE;
            return SlottedPage.freeSpace(p) >= need;
        }
        if (level == 0) {
            return isLeaf(p) || n >= 3; // a root only collapses, when it is down to one child
        }
        int left = SlottedPage.usedBytes(p) - Page.HEADER_SIZE - maxCell - SlottedPage.SLOT_SIZE;
        return n >= (isLeaf(p) ? 2 : 3) && left >= capacity / 4;
    }

    /**
     * The pessimistic descent of a structure modification: the meta page exclusive (allocation,
     * and one structure modification at a time), the root latch exclusive, then exclusive latches
     * down the path; whenever a page is safe for {@code change}, every latch above it (and the root
     * latch) is released. {@code path.top} is the highest level still held.
     */
    private Descent descendExclusive(PageContext ctx, byte[] key, Change change, int cellBytes) throws IOException {
        byte[] meta = ctx.page(META, PageType.META);
        ctx.lockRoot(true);
        int height = MetaPage.height(meta);
        int id = MetaPage.root(meta);
        Descent path = new Descent(height);
        for (int level = 0; ; level++) {
            if (level >= height) {
                throw new CorruptPageException(file, id, "tree deeper than its recorded height " + height);
            }
            byte[] p = ctx.latch(id, true).data();
            path.pages[level] = id;
            path.depth = level + 1;
            if (safe(p, level, change, cellBytes)) {
                for (int l = path.top; l < level; l++) {
                    ctx.unlatch(path.pages[l]);
                }
                ctx.unlockRoot();
                path.top = level;
            }
            PageType t = Page.type(p);
            if (t == PageType.LEAF) {
                if (level != height - 1) {
                    throw new CorruptPageException(file, id, "leaf at depth " + level + " of a tree of height " + height);
                }
                return path;
            }
            if (t != PageType.INTERNAL) {
                throw new CorruptPageException(file, id, "expected a tree page, found " + t);
            }
            int n = SlottedPage.count(p);
            if (n == 0) {
                throw new CorruptPageException(file, id, "internal page without children");
            }
            int slot = childSlot(p, key);
            path.slots[level] = slot;
            if (path.rightEdge == level && slot == n - 1) {
                path.rightEdge = level + 1;
            }
            id = child(p, slot);
        }
    }

    /** A page the algorithm is about to change or read at {@code level}; it must still be held. */
    private byte[] held(PageContext ctx, Descent path, int level) throws IOException {
        int id = path.pages[level];
        if (level < path.top || !ctx.holds(id)) {
            throw new IllegalStateException("page " + id + " at level " + level + " is not latched (held from level "
                    + path.top + ")");
        }
        return ctx.page(id);
    }

    private void beforeLeafChange(PageContext ctx, int leafId) throws IOException {
        LeafHook h = leafHook;
        if (h != null) {
            h.beforeLeafChange(leafId, ctx.latch(leafId, true).latch());
        }
    }

    // ================================================================== point operations

    /** The value of {@code key}, or null: a shared descent holding at most two frames, one copy of the value. */
    public byte[] get(byte[] key) throws IOException {
        Frame leaf = descendRead(Target.KEY, key, null);
        try {
            byte[] p = leaf.data();
            int i = searchLeaf(p, key);
            return i < 0 ? null : value(p, SlottedPage.cellOffset(p, i));
        } finally {
            releaseRead(leaf);
        }
    }

    /**
     * The leaf for an optimistic write of {@code key}, latched exclusive: the context's
     * {@link Finger} leaf when it covers the key and the context still holds that leaf exclusive
     * (held without a break since the descent that found its range: see {@link Finger}), otherwise
     * a shared descent, which then becomes the finger (with the fences it found) when the context
     * keeps one and is not backing off after many misses in a row ({@link Finger#recordsFences}).
     */
    private int leafForWrite(PageContext ctx, byte[] key) throws IOException {
        Finger finger = ctx.finger();
        if (finger == null) {
            return descendShared(ctx, Target.KEY, key, true, null);
        }
        int leafId = finger.leafFor(key);
        if (leafId >= 0 && ctx.holdsExclusive(leafId)) {
            finger.hit();
            return leafId;
        }
        finger.miss();
        if (!finger.recordsFences()) {
            finger.clear();
            return descendShared(ctx, Target.KEY, key, true, null);
        }
        Fences fences = new Fences();
        leafId = descendShared(ctx, Target.KEY, key, true, fences);
        finger.set(leafId, fences.low, fences.high);
        return leafId;
    }

    private static void forgetFinger(PageContext ctx) {
        Finger finger = ctx.finger();
        if (finger != null) {
            finger.clear();
        }
    }

    /** Inserts or replaces. */
    public void put(PageContext ctx, byte[] key, byte[] value) throws IOException {
        try {
            if (!tryPutInLeaf(ctx, key, value)) {
                ctx.releaseClean();
                putPessimistic(ctx, key, value);
            }
        } finally {
            ctx.releaseClean();
        }
    }

    /**
     * The optimistic put: shared crabbing to the leaf, latched exclusive; succeeds (true) if the
     * change fits in the leaf and needs no page allocated or freed (inline key and value, no
     * overflow chain on a replaced cell). Changes nothing when it returns false.
     */
    private boolean tryPutInLeaf(PageContext ctx, byte[] key, byte[] value) throws IOException {
        if (key.length > maxInlineKey || Cells.LEAF_HEADER + key.length + value.length > maxCell) {
            return false;
        }
        int leafId = leafForWrite(ctx, key);
        byte[] leaf = ctx.page(leafId);
        int i = searchLeaf(ctx, leaf, key);
        int cellBytes = Cells.LEAF_HEADER + key.length + value.length;
        int need;
        if (i >= 0) {
            if ((Cells.flags(leaf, SlottedPage.cellOffset(leaf, i)) & (Cells.KEY_OVERFLOW | Cells.VALUE_OVERFLOW)) != 0) {
                return false;
            }
            need = cellBytes - SlottedPage.cellLength(leaf, i);
        } else {
            need = cellBytes + SlottedPage.SLOT_SIZE;
        }
        if (SlottedPage.freeSpace(leaf) < need) {
            return false;
        }
        beforeLeafChange(ctx, leafId);
        if (i >= 0) {
            ctx.removeCell(leafId, i);
        } else {
            i = -i - 1;
        }
        if (!ctx.insertCell(leafId, i, Cells.leaf(key, false, 0, value, false, 0))) {
            throw new IllegalStateException("a cell that was measured to fit did not fit in page " + leafId);
        }
        return true;
    }

    private void putPessimistic(PageContext ctx, byte[] key, byte[] value) throws IOException {
        forgetFinger(ctx); // the structure modification may split or free the remembered leaf
        boolean keyOvf = key.length > maxInlineKey;
        int keyPart = keyOvf ? Cells.KEY_PREFIX + 4 : key.length;
        boolean valOvf = Cells.LEAF_HEADER + keyPart + value.length > maxCell;
        int cellBytes = Cells.LEAF_HEADER + keyPart + (valOvf ? 4 : value.length);
        Descent path = descendExclusive(ctx, key, Change.INSERT, cellBytes);
        int leafId = path.leaf();
        byte[] leaf = ctx.page(leafId);
        beforeLeafChange(ctx, leafId);
        int i = searchLeaf(ctx, leaf, key);
        if (i >= 0) {
            int off = SlottedPage.cellOffset(leaf, i);
            freeCellChains(ctx, leaf, off, true);
            ctx.removeCell(leafId, i);
        } else {
            i = -i - 1;
        }
        byte[] cell = leafCell(ctx, key, value); // the leaf is changed (and logged) by the insert below

        insert(ctx, path, path.depth - 1, i, cell);
    }

    /** Removes {@code key}; returns whether it was present. */
    public boolean delete(PageContext ctx, byte[] key) throws IOException {
        try {
            int r = tryDeleteInLeaf(ctx, key);
            if (r >= 0) {
                return r == 1;
            }
            ctx.releaseClean();
            return deletePessimistic(ctx, key);
        } finally {
            ctx.releaseClean();
        }
    }

    /** The optimistic delete: 1 deleted, 0 absent, -1 needs the pessimistic path (nothing changed). */
    private int tryDeleteInLeaf(PageContext ctx, byte[] key) throws IOException {
        int leafId = leafForWrite(ctx, key);
        byte[] leaf = ctx.page(leafId);
        int i = searchLeaf(ctx, leaf, key);
        if (i < 0) {
            return 0;
        }
        int off = SlottedPage.cellOffset(leaf, i);
        if ((Cells.flags(leaf, off) & (Cells.KEY_OVERFLOW | Cells.VALUE_OVERFLOW)) != 0) {
            return -1;
        }
        // a root leaf never rebalances; any other leaf must stay non-empty and at least a quarter full
        boolean root = leafId == rootPage;
        int after = SlottedPage.usedBytes(leaf) - Page.HEADER_SIZE - SlottedPage.cellLength(leaf, i) - SlottedPage.SLOT_SIZE;
        if (!root && (SlottedPage.count(leaf) < 2 || after < capacity / 4)) {
            return -1;
        }
        beforeLeafChange(ctx, leafId);
        ctx.removeCell(leafId, i);
        return 1;
    }

    private boolean deletePessimistic(PageContext ctx, byte[] key) throws IOException {
        forgetFinger(ctx); // the merge may free the remembered leaf or move its fences
        Descent path = descendExclusive(ctx, key, Change.REMOVE, 0);
        int leafId = path.leaf();
        byte[] leaf = ctx.page(leafId);
        int i = searchLeaf(ctx, leaf, key);
        if (i < 0) {
            return false;
        }
        beforeLeafChange(ctx, leafId);
        freeCellChains(ctx, leaf, SlottedPage.cellOffset(leaf, i), true);
        ctx.removeCell(leafId, i);
        rebalance(ctx, path, path.depth - 1);
        return true;
    }

    // ================================================================== insert and split

    /** Inserts {@code cell} at slot {@code slot} of the page at {@code level} of {@code path}, splitting as needed. */
    private void insert(PageContext ctx, Descent path, int level, int slot, byte[] cell) throws IOException {
        int id = path.pages[level];
        byte[] p = held(ctx, path, level);
        if (ctx.insertCell(id, slot, cell)) {
            return; // a cell insert: logged as a delta unless this is the page's first change since the checkpoint
        }
        ctx.dirty(id); // a split: every page it touches is logged as a full image
        boolean leaf = isLeaf(p);
        int n = SlottedPage.count(p);
        // appending past the last key of the rightmost page of its level: sequential inserts
        boolean append = level <= path.rightEdge && slot == n;
        List<byte[]> cells = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            cells.add(SlottedPage.cell(p, i));
        }
        cells.add(slot, cell);
        int split = append ? appendSplitPoint(cells, leaf) : splitPoint(cells);
        List<byte[]> left = cells.subList(0, split);
        List<byte[]> right = new ArrayList<>(cells.subList(split, cells.size()));
        int rightId = allocate(ctx, leaf ? PageType.LEAF : PageType.INTERNAL);
        byte[] up;
        if (leaf) {
            byte[] leftLast = key(left.getLast(), 0, true);
            byte[] rightFirst = key(right.getFirst(), 0, true);
            up = internalCell(ctx, shortestSeparator(leftLast, rightFirst), rightId);
        } else {
            // the first right cell moves up (with its key and any key chain); its child becomes the right page's child 0
            byte[] first = right.getFirst();
            right.set(0, Cells.lowSentinel(Cells.internalChild(first, 0)));
            up = first.clone();
            Cells.setInternalChild(up, 0, rightId);
        }
        SlottedPage.rebuild(p, new ArrayList<>(left));
        SlottedPage.rebuild(ctx.page(rightId), right);
        if (level == 0) {
            int newRoot = allocate(ctx, PageType.INTERNAL);
            byte[] r = ctx.page(newRoot);
            SlottedPage.insert(r, 0, Cells.lowSentinel(id));
            SlottedPage.insert(r, 1, up);
            byte[] meta = ctx.page(META);
            setRoot(ctx, meta, newRoot, MetaPage.height(meta) + 1);
            return;
        }
        insert(ctx, path, level - 1, path.slots[level - 1] + 1, up);
    }

    /** The split index that balances bytes best while both halves fit (four maximal cells always do). */
    private int splitPoint(List<byte[]> cells) {
        long total = 0;
        for (byte[] c : cells) {
            total += c.length + SlottedPage.SLOT_SIZE;
        }
        long leftBytes = 0;
        int best = -1;
        long bestDiff = Long.MAX_VALUE;
        for (int s = 1; s < cells.size(); s++) {
            leftBytes += cells.get(s - 1).length + SlottedPage.SLOT_SIZE;
            long rightBytes = total - leftBytes;
            if (leftBytes <= capacity && rightBytes <= capacity) {
                long diff = Math.abs(leftBytes - rightBytes);
                if (diff < bestDiff) {
                    bestDiff = diff;
                    best = s;
                }
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no split point for " + cells.size() + " cells, " + total + " bytes");
        }
        return best;
    }

    /** Fraction (percent) of a page's capacity an append split leaves in the left page, as PostgreSQL's nbtree fillfactor 90. */
    static final int APPEND_FILL_PERCENT = 90;

    /**
     * The split index for an insert past the last key of the rightmost page of a level (ascending
     * keys): the left page keeps as many cells as fit in {@value #APPEND_FILL_PERCENT}% of its
     * capacity, the right page starts nearly empty, so a sequential load leaves pages ~90% full
     * instead of half full. The right page keeps at least one cell (two for an internal page, whose
     * first right cell moves up and leaves only a child pointer). Falls back to the balanced split
     * when no such point exists (large cells).
     */
    private int appendSplitPoint(List<byte[]> cells, boolean leaf) {
        long total = 0;
        for (byte[] c : cells) {
            total += c.length + SlottedPage.SLOT_SIZE;
        }
        long target = (long) capacity * APPEND_FILL_PERCENT / 100;
        int minRight = leaf ? 1 : 2;
        long leftBytes = 0;
        int best = -1;
        for (int s = 1; s <= cells.size() - minRight; s++) {
            leftBytes += cells.get(s - 1).length + SlottedPage.SLOT_SIZE;
            if (leftBytes > target) {
                break;
            }
            if (total - leftBytes <= capacity) {
                best = s;
            }
        }
        return best > 0 ? best : splitPoint(cells);
    }

    /** The shortest prefix of {@code rightFirst} that sorts above {@code leftLast} (suffix truncation). */
    static byte[] shortestSeparator(byte[] leftLast, byte[] rightFirst) {
        int m = Arrays.mismatch(leftLast, rightFirst);
        if (m < 0 || m >= rightFirst.length) {
            throw new IllegalStateException("keys out of order at a split");
        }
        return Arrays.copyOf(rightFirst, m + 1);
    }

    // ================================================================== delete, merge and collapse

    /**
     * Restores the shape after a removal from the page at {@code level}: an empty page leaves its
     * parent; a page under a quarter full merges with a sibling when the two fit in one page; a root
     * with a single child hands the root to it. Pages that are emptied or merged away go to the free
     * list. (No redistribution between siblings that do not fit together: they stay as they are.)
     */
    private void rebalance(PageContext ctx, Descent path, int level) throws IOException {
        int id = path.pages[level];
        byte[] p = held(ctx, path, level);
        boolean leaf = isLeaf(p);
        int n = SlottedPage.count(p);
        if (level == 0) {
            collapseRoot(ctx);
            return;
        }
        if (n > 0 && SlottedPage.usedBytes(p) - Page.HEADER_SIZE >= capacity / 4) {
            return; // decided before looking at the parent: a page the descent found safe lets go of its parent
        }
        int parentId = path.pages[level - 1];
        int slot = path.slots[level - 1];
        byte[] parent = held(ctx, path, level - 1);
        if (n == 0) {
            removeChildSlot(ctx, parentId, parent, slot, true);
            free(ctx, id);
            rebalance(ctx, path, level - 1);
            return;
        }
        if (SlottedPage.count(parent) < 2) {
            return;
        }
        int leftSlot = slot + 1 < SlottedPage.count(parent) ? slot : slot - 1;
        int leftId = child(parent, leftSlot);
        int rightId = child(parent, leftSlot + 1);
        byte[] left = ctx.page(leftId);
        byte[] right = ctx.page(rightId);
        int sepOff = SlottedPage.cellOffset(parent, leftSlot + 1);
        List<byte[]> cells = new ArrayList<>();
        for (int i = 0; i < SlottedPage.count(left); i++) {
            cells.add(SlottedPage.cell(left, i));
        }
        for (int i = 0; i < SlottedPage.count(right); i++) {
            byte[] c = SlottedPage.cell(right, i);
            if (!leaf && i == 0) {
                // the separator comes down from the parent as the key of the right page's first child
                byte[] sep = SlottedPage.cell(parent, leftSlot + 1);
                Cells.setInternalChild(sep, 0, Cells.internalChild(c, 0));
                c = sep;
            }
            cells.add(c);
        }
        long bytes = 0;
        for (byte[] c : cells) {
            bytes += c.length + SlottedPage.SLOT_SIZE;
        }
        if (bytes > capacity) {
            return;
        }
        SlottedPage.rebuild(left, cells);
        ctx.dirty(leftId);
        // a leaf merge drops the separator (and its key chain); an internal merge moved it into the left page
        if (leaf) {
            freeCellChains(ctx, parent, sepOff, false);
        }
        ctx.removeCell(parentId, leftSlot + 1);
        free(ctx, rightId);
        rebalance(ctx, path, level - 1);
    }

    /** Removes child slot {@code slot} from an internal page, keeping cell 0 the low sentinel. */
    private void removeChildSlot(PageContext ctx, int parentId, byte[] parent, int slot, boolean freeKey) throws IOException {
        int off = SlottedPage.cellOffset(parent, slot);
        if (freeKey) {
            freeCellChains(ctx, parent, off, false);
        }
        ctx.removeCell(parentId, slot);
        if (slot == 0 && SlottedPage.count(parent) > 0) {
            // the old cell 1 becomes cell 0: its key goes, its subtree now also covers everything below
            int off0 = SlottedPage.cellOffset(parent, 0);
            int childId = Cells.internalChild(parent, off0);
            freeCellChains(ctx, parent, off0, false);
            ctx.removeCell(parentId, 0);
            if (!ctx.insertCell(parentId, 0, Cells.lowSentinel(childId))) {
                throw new IllegalStateException("no room for the low sentinel in page " + parentId);
            }
        }
    }

    private void collapseRoot(PageContext ctx) throws IOException {
        byte[] meta = ctx.page(META);
        while (true) {
            int rootId = MetaPage.root(meta);
            byte[] r = ctx.page(rootId);
            if (isLeaf(r)) {
                return;
            }
            int n = SlottedPage.count(r);
            if (n == 0) {
                // every child went away: the tree is empty again
                SlottedPage.init(r, PageType.LEAF, rootId);
                ctx.dirty(rootId);
                setRoot(ctx, meta, rootId, 1);
                return;
            }
            if (n > 1) {
                return;
            }
            setRoot(ctx, meta, child(r, 0), MetaPage.height(meta) - 1);
            free(ctx, rootId);
        }
    }

    // ================================================================== range scans

    /**
     * Entries read by one {@link #collect} call: {@code keys[i]} and {@code values[i]} for
     * {@code i < size}, in scan order (arrays, not a list of entries, so a refill allocates two
     * arrays per row and nothing else per row).
     */
    public record Batch(byte[][] keys, byte[][] values, int size, boolean exhausted) {}

    /** Grows the parallel key/value arrays of a batch being filled. */
    private static final class BatchBuilder {
        byte[][] keys;
        byte[][] values;
        int size;

        BatchBuilder(int expected) {
            keys = new byte[expected][];
            values = new byte[expected][];
        }

        void add(byte[] key, byte[] value) {
            if (size == keys.length) {
                int n = Math.max(8, size * 2);
                keys = Arrays.copyOf(keys, n);
                values = Arrays.copyOf(values, n);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }

        Batch build(boolean exhausted) {
            return new Batch(keys, values, size, exhausted);
        }
    }

    /**
     * Reads up to {@code maxEntries} entries (and roughly {@code maxBytes}, at least one entry) of
     * {@code range} in the given direction, starting strictly after {@code resumeAfter} when it is
     * not null. {@code exhausted} tells whether the range has nothing beyond the returned entries.
     */
    public Batch collect(KeyRange range, boolean forward, byte[] resumeAfter, int maxEntries, long maxBytes)
            throws IOException {
        BatchBuilder out = new BatchBuilder(Math.max(1, Math.min(maxEntries, 1024)));
        if (range.isEmpty()) {
            return out.build(true);
        }
        byte[] start;
        boolean inclusive;
        if (resumeAfter != null) {
            start = resumeAfter;
            inclusive = false;
        } else {
            start = forward ? range.low() : range.high();
            inclusive = forward ? range.lowInclusive() : range.highInclusive();
        }
        long bytes = 0;
        // one leaf at a time, each reached by its own shared descent (there are no sibling links):
        // the next leaf is the one holding the current leaf's high fence (forward) or the largest
        // key below its low fence (backward); fences only move on, so no key is returned twice
        while (true) {
            Fences fences = new Fences();
            Target target = start == null ? (forward ? Target.LEFTMOST : Target.RIGHTMOST)
                    : (!forward && !inclusive ? Target.BELOW_KEY : Target.KEY);
            Frame frame = descendRead(target, start, fences);
            try {
                byte[] leaf = frame.data();
                int count = SlottedPage.count(leaf);
                int pos;
                if (start == null) {
                    pos = forward ? 0 : count - 1;
                } else {
                    int i = searchLeaf(leaf, start);
                    if (forward) {
                        pos = i >= 0 ? (inclusive ? i : i + 1) : -i - 1;
                    } else {
                        pos = i >= 0 ? (inclusive ? i : i - 1) : -i - 2;
                    }
                }
                // forward, when the leaf's high fence is inside the range so is every key of the leaf:
                // no per-key bound check (the common case of a scan through a big range)
                boolean leafInside = forward && fences.high != null && !range.aboveHigh(fences.high);
                while (pos >= 0 && pos < count) {
                    if (out.size >= maxEntries || (bytes >= maxBytes && out.size > 0)) {
                        return out.build(false);
                    }
                    int off = SlottedPage.cellOffset(leaf, pos);
                    byte[] key;
                    byte[] value;
                    if ((leaf[off] & (Cells.KEY_OVERFLOW | Cells.VALUE_OVERFLOW)) == 0) {
                        // the common cell, decoded once: header, key, value, one copy each
                        int keyLen = Page.getInt(leaf, off + 1);
                        int valueLen = Page.getInt(leaf, off + 5);
                        int keyOff = off + Cells.LEAF_HEADER;
                        key = Arrays.copyOfRange(leaf, keyOff, keyOff + keyLen);
                        if (!leafInside && (forward ? range.aboveHigh(key) : range.belowLow(key))) {
                            return out.build(true);
                        }
                        value = Arrays.copyOfRange(leaf, keyOff + keyLen, keyOff + keyLen + valueLen);
                    } else {
                        key = key(leaf, off, true);
                        if (forward ? range.aboveHigh(key) : range.belowLow(key)) {
                            return out.build(true);
                        }
                        value = value(leaf, off);
                    }
                    out.add(key, value);
                    bytes += key.length + value.length;
                    pos += forward ? 1 : -1;
                }
            } finally {
                releaseRead(frame);
            }
            byte[] next = forward ? fences.high : fences.low;
            if (next == null) {
                return out.build(true);
            }
            // forward: everything left is >= next; backward: everything left is < next
            boolean beyond = forward ? range.aboveHigh(next)
                    : range.low() != null && Arrays.compareUnsigned(next, range.low()) <= 0;
            if (beyond) {
                return out.build(true);
            }
            start = next;
            inclusive = forward;
        }
    }

    int pageSize() {
        return pageSize;
    }

    /** The data file (for messages). */
    public Path file() {
        return file;
    }
}

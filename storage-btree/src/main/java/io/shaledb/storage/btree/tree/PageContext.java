package io.shaledb.storage.btree.tree;

import io.shaledb.storage.btree.buffer.BufferPool;
import io.shaledb.storage.btree.buffer.Frame;
import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import io.shaledb.storage.btree.recovery.PageChanges;
import io.shaledb.storage.btree.recovery.PageDelta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The pages one tree operation holds: each pinned and latched (shared or exclusive), plus the
 * tree's root latch when the operation holds it. A page the operation changed stays pinned and
 * exclusively latched until {@link #release()}, which the engine calls only after the operation's
 * WAL record is appended and its LSN stamped on the pages: no other thread sees, and no write-back
 * writes, a page between a change and its log record ("no steal" for the operation in flight), and
 * the log order of a page's images is the order of its changes.
 *
 * <p>Latches not covering a change can be dropped early ({@link #unlatch}, {@link #releaseClean}):
 * that is how descents crab. A context belongs to one thread.
 */
public final class PageContext implements AutoCloseable {

    private static final class Held {
        final Frame frame;
        final boolean exclusive;

        Held(Frame frame, boolean exclusive) {
            this.frame = frame;
            this.exclusive = exclusive;
        }
    }

    private final BufferPool pool;
    private final java.nio.file.Path file;
    private final boolean writer;
    private final ReentrantReadWriteLock rootLatch;
    private final Map<Integer, Held> held = new LinkedHashMap<>();
    private final Set<Integer> dirty = new LinkedHashSet<>();
    /**
     * The changed pages whose every change so far was a slot insert or removal, with those
     * operations; a changed page not in here changed otherwise and is logged as a full image.
     */
    private final Map<Integer, PageDelta> deltas = new HashMap<>();
    private int rootHold; // 0: not held, 1: shared, 2: exclusive
    /** The leaf the previous operation landed in, for a batch's context; null for every other context. */
    private final Finger finger;

    PageContext(BufferPool pool, java.nio.file.Path file, boolean writer, ReentrantReadWriteLock rootLatch, boolean finger) {
        this.pool = pool;
        this.file = file;
        this.writer = writer;
        this.rootLatch = rootLatch;
        this.finger = finger ? new Finger() : null;
    }

    boolean isWriter() {
        return writer;
    }

    /** The batch's finger (see {@link Finger}), or null when this context does not keep one. */
    Finger finger() {
        return finger;
    }

    /** Operations of this context that went straight to the remembered leaf (0 without a finger). */
    public long fingerHits() {
        return finger == null ? 0 : finger.hits();
    }

    /** Operations of this context that descended from the root although it keeps a finger. */
    public long fingerMisses() {
        return finger == null ? 0 : finger.misses();
    }

    // ---------------------------------------------------------------- root latch

    void lockRoot(boolean exclusive) {
        if (rootHold != 0) {
            if (exclusive && rootHold != 2) {
                throw new IllegalStateException("root latch upgrade");
            }
            return;
        }
        if (exclusive) {
            rootLatch.writeLock().lock();
        } else {
            rootLatch.readLock().lock();
        }
        rootHold = exclusive ? 2 : 1;
    }

    void unlockRoot() {
        if (rootHold == 2) {
            rootLatch.writeLock().unlock();
        } else if (rootHold == 1) {
            rootLatch.readLock().unlock();
        }
        rootHold = 0;
    }

    boolean holdsRootExclusive() {
        return rootHold == 2;
    }

    // ---------------------------------------------------------------- page latches

    /** Pins and latches page {@code pageId} (a page already held is returned as it is). */
    Frame latch(int pageId, boolean exclusive) throws IOException {
        Held h = held.get(pageId);
        if (h != null) {
            if (exclusive && !h.exclusive) {
                throw new IllegalStateException("latch upgrade on page " + pageId + " (would self-deadlock)");
            }
            return h.frame;
        }
        Frame f = pool.pin(pageId);
        try {
            if (exclusive) {
                f.latch().writeLock().lock();
            } else {
                f.latch().readLock().lock();
            }
        } catch (RuntimeException | Error e) {
            pool.unpin(f);
            throw e;
        }
        held.put(pageId, new Held(f, exclusive));
        return f;
    }

    /** Unlatches and unpins page {@code pageId} unless the operation changed it (then it stays to the end). */
    void unlatch(int pageId) {
        if (dirty.contains(pageId)) {
            return;
        }
        Held h = held.remove(pageId);
        if (h != null) {
            unlock(h);
        }
    }

    private void unlock(Held h) {
        try {
            if (h.exclusive) {
                h.frame.latch().writeLock().unlock();
            } else {
                h.frame.latch().readLock().unlock();
            }
        } finally {
            pool.unpin(h.frame);
        }
    }

    boolean holds(int pageId) {
        return held.containsKey(pageId);
    }

    boolean holdsExclusive(int pageId) {
        Held h = held.get(pageId);
        return h != null && h.exclusive;
    }

    /** A held page's image; a page not yet held is latched first (exclusive for a writer, shared for a reader). */
    byte[] page(int pageId) throws IOException {
        Held h = held.get(pageId);
        return h != null ? h.frame.data() : latch(pageId, writer).data();
    }

    /** A page whose type must be one of {@code expected}; anything else means a damaged tree. */
    byte[] page(int pageId, PageType expected) throws IOException {
        byte[] p = page(pageId);
        if (Page.type(p) != expected) {
            throw new CorruptPageException(file, pageId, "expected a " + expected + " page, found " + Page.type(p));
        }
        return p;
    }

    /** A frame for a page whose current contents are irrelevant (newly allocated or being freed), latched exclusive. */
    byte[] fresh(int pageId) throws IOException {
        Held h = held.get(pageId);
        Frame f;
        if (h == null) {
            f = pool.pinFresh(pageId);
            try {
                f.latch().writeLock().lock();
            } catch (RuntimeException | Error e) {
                pool.unpin(f);
                throw e;
            }
            held.put(pageId, new Held(f, true));
        } else {
            if (!h.exclusive) {
                throw new IllegalStateException("fresh image of page " + pageId + " latched shared");
            }
            f = h.frame;
        }
        pool.markDirty(f);
        dirty.add(pageId);
        deltas.remove(pageId);
        return f.data();
    }

    /**
     * Records that the operation changed page {@code pageId} (which it holds exclusively) in a way
     * other than {@link #insertCell}/{@link #removeCell}: the page will be logged as a full image.
     */
    void dirty(int pageId) {
        pool.markDirty(heldExclusive(pageId).frame);
        dirty.add(pageId);
        deltas.remove(pageId);
    }

    private Held heldExclusive(int pageId) {
        Held h = held.get(pageId);
        if (h == null || !h.exclusive) {
            throw new IllegalStateException("changing page " + pageId + " without its exclusive latch");
        }
        return h;
    }

    /** The delta that records the next slot operation on page {@code h}, or null when it is logged as an image. */
    private PageDelta deltaFor(int pageId, Held h) {
        if (!dirty.contains(pageId)) {
            PageDelta d = new PageDelta(Page.lsn(h.frame.data())); // nothing stamps a page before its record is appended
            pool.markDirty(h.frame);
            dirty.add(pageId);
            deltas.put(pageId, d);
            return d;
        }
        return deltas.get(pageId);
    }

    /**
     * Inserts {@code cell} as slot {@code slot} of the slotted page {@code pageId} (held
     * exclusively) with {@link SlottedPage#insert}, recording the change as a delta (redo runs the
     * same insert). False, and nothing changed or recorded, when the cell does not fit.
     */
    boolean insertCell(int pageId, int slot, byte[] cell) {
        Held h = heldExclusive(pageId);
        byte[] p = h.frame.data();
        if (SlottedPage.freeSpace(p) < cell.length + SlottedPage.SLOT_SIZE) {
            return false;
        }
        PageDelta d = deltaFor(pageId, h);
        if (!SlottedPage.insert(p, slot, cell)) {
            throw new IllegalStateException("a cell that was measured to fit did not fit in page " + pageId);
        }
        if (d != null) {
            d.insert(slot, cell);
        }
        return true;
    }

    /** Removes slot {@code slot} of the slotted page {@code pageId} (held exclusively), recording it as a delta. */
    void removeCell(int pageId, int slot) {
        Held h = heldExclusive(pageId);
        PageDelta d = deltaFor(pageId, h);
        SlottedPage.remove(h.frame.data(), slot);
        if (d != null) {
            d.remove(slot);
        }
    }

    public boolean hasChanges() {
        return !dirty.isEmpty();
    }

    /** The frames changed by this operation, in first-change order (still latched exclusive). */
    public List<Frame> dirtyFrames() {
        List<Frame> out = new ArrayList<>(dirty.size());
        for (int id : dirty) {
            out.add(held.get(id).frame);
        }
        return out;
    }

    /**
     * The pages changed by this operation, in first-change order (still latched exclusive), each
     * with its delta when all its changes were slot operations ({@link #insertCell}, {@link #removeCell}).
     */
    public List<PageChanges.Change> changes() {
        List<PageChanges.Change> out = new ArrayList<>(dirty.size());
        for (int id : dirty) {
            out.add(new PageChanges.Change(held.get(id).frame.data(), deltas.get(id)));
        }
        return out;
    }

    /** Drops every latch that covers no change, and the root latch (between the operations of a batch, after a read). */
    void releaseClean() {
        unlockRoot();
        if (held.size() == dirty.size()) {
            // every held page is changed (changed pages stay held): nothing to drop, and a batch of
            // thousands of writes would otherwise walk all its changed pages after each one
            return;
        }
        Iterator<Map.Entry<Integer, Held>> it = held.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Held> e = it.next();
            if (!dirty.contains(e.getKey())) {
                it.remove();
                unlock(e.getValue());
            }
        }
    }

    /** Drops everything. */
    public void release() {
        Throwable first = null;
        for (Held h : held.values()) {
            try {
                unlock(h);
            } catch (RuntimeException | Error e) {
                first = first == null ? e : first;
            }
        }
        held.clear();
        dirty.clear();
        deltas.clear();
        if (finger != null) {
            finger.clear(); // its leaf is no longer held
        }
        unlockRoot();
        if (first instanceof RuntimeException re) {
            throw re;
        } else if (first instanceof Error err) {
            throw err;
        }
    }

    @Override
    public void close() {
        release();
    }
}

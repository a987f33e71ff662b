package io.shaledb.storage.btree.tree;

import io.shaledb.storage.btree.buffer.BufferPool;
import io.shaledb.storage.btree.buffer.Frame;
import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pages one tree operation has pinned. Every page it touches stays pinned until
 * {@link #release()}, so images it reads cannot be evicted under it, and (for a write) the pages it
 * dirtied cannot be written back before the operation is logged ("no steal" for the operation in
 * flight: a half-done split never reaches the disk).
 */
public final class PageContext implements AutoCloseable {

    private final BufferPool pool;
    private final Map<Integer, Frame> pinned = new LinkedHashMap<>();
    private final Set<Integer> dirty = new LinkedHashSet<>();
    private final java.nio.file.Path file;

    public PageContext(BufferPool pool, java.nio.file.Path file) {
        this.pool = pool;
        this.file = file;
    }

    Frame frame(int pageId) throws IOException {
        Frame f = pinned.get(pageId);
        if (f == null) {
            f = pool.pin(pageId);
            pinned.put(pageId, f);
        }
        return f;
    }

    byte[] page(int pageId) throws IOException {
        return frame(pageId).data();
    }

    /** A page whose type must be one of {@code expected}; anything else means a damaged tree. */
    byte[] page(int pageId, PageType expected) throws IOException {
        byte[] p = page(pageId);
        if (Page.type(p) != expected) {
            throw new CorruptPageException(file, pageId, "expected a " + expected + " page, found " + Page.type(p));
        }
        return p;
    }

    /** A frame for a page whose current contents are irrelevant (newly allocated or being freed). */
    byte[] fresh(int pageId) throws IOException {
        Frame f = pinned.get(pageId);
        if (f == null) {
            f = pool.pinFresh(pageId);
            pinned.put(pageId, f);
        } else {
            pool.markDirty(f);
        }
        dirty.add(pageId);
        return f.data();
    }

    /** Records that the operation changed page {@code pageId} (which it has pinned). */
    void dirty(int pageId) {
        Frame f = pinned.get(pageId);
        if (f == null) {
            throw new IllegalStateException("dirtying unpinned page " + pageId);
        }
        pool.markDirty(f);
        dirty.add(pageId);
    }

    public boolean hasChanges() {
        return !dirty.isEmpty();
    }

    /** The frames changed by this operation, in first-change order. */
    public List<Frame> dirtyFrames() {
        List<Frame> out = new ArrayList<>(dirty.size());
        for (int id : dirty) {
            out.add(pinned.get(id));
        }
        return out;
    }

    public void release() {
        for (Frame f : pinned.values()) {
            pool.unpin(f);
        }
        pinned.clear();
        dirty.clear();
    }

    @Override
    public void close() {
        release();
    }
}

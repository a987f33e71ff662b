package io.shaledb.storage.btree.buffer;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One buffer-pool slot holding a page image. {@link #pageId}, the pin count, usage and dirty flag
 * are guarded by the pool's monitor; {@link #data} is guarded by the frame's {@link #latch()}: shared
 * to read the image, exclusive to change it (see the package essays). A latch is only ever taken
 * on a pinned frame, so a latched frame is never evicted or reused for another page.
 */
public final class Frame {

    final int index;
    int pageId = -1;
    final byte[] data;
    int pinCount;
    boolean dirty;
    /** CLOCK usage count: bumped on every hit (capped), decremented by the sweeping hand. */
    int usage;
    private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();

    Frame(int index, int pageSize) {
        this.index = index;
        this.data = new byte[pageSize];
    }

    public int pageId() {
        return pageId;
    }

    /** The page image; read it holding the latch shared, change it holding it exclusive (and pinned). */
    public byte[] data() {
        return data;
    }

    /** The page latch: a read/write lock, held only while the frame is pinned. */
    public ReentrantReadWriteLock latch() {
        return latch;
    }

    @Override
    public String toString() {
        return "Frame[page " + pageId + ", pins " + pinCount + (dirty ? ", dirty" : "") + "]";
    }
}

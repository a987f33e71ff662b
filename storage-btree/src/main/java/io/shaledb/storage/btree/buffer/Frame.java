package io.shaledb.storage.btree.buffer;

/**
 * One buffer-pool slot holding a page image. Fields other than {@link #data} are guarded by the
 * pool's monitor; {@link #data} is guarded by the tree's latch protocol (see the package essay).
 */
public final class Frame {

    final int index;
    int pageId = -1;
    final byte[] data;
    int pinCount;
    boolean dirty;
    /** CLOCK usage count: bumped on every hit (capped), decremented by the sweeping hand. */
    int usage;

    Frame(int index, int pageSize) {
        this.index = index;
        this.data = new byte[pageSize];
    }

    public int pageId() {
        return pageId;
    }

    /** The page image; mutate only while pinned and holding the tree's write latch. */
    public byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "Frame[page " + pageId + ", pins " + pinCount + (dirty ? ", dirty" : "") + "]";
    }
}

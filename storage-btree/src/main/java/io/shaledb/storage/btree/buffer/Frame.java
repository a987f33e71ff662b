package io.shaledb.storage.btree.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One buffer-pool slot holding a page image. {@link #data} is guarded by the frame's
 * {@link #latch()}: shared to read the image, exclusive to change it (see the package essays). A
 * latch is only ever taken on a pinned frame, so a latched frame is never evicted or reused for
 * another page.
 *
 * <p>The pin count is atomic, so a buffer-pool hit pins without the pool's monitor: a count
 * {@code >= 0} is pinnable by compare-and-set; {@value #LOCKED} means the pool has the frame
 * locked (being evicted, read from disk, or inspected by the background writer) and a pin must go
 * through the monitor. Only the pool, under its monitor, moves a count from 0 to {@value #LOCKED}
 * and back. {@link #pageId} is volatile: a lock-free pin re-reads it after its compare-and-set to
 * catch a frame that was reused for another page in between. The dirty flag is guarded by the
 * pool's monitor; the usage count is a racy heuristic (hits bump it without the monitor).
 */
public final class Frame {

    /** Pin count while the pool holds the frame locked. */
    static final int LOCKED = -1;

    private static final VarHandle PIN;

    static {
        try {
            PIN = MethodHandles.lookup().findVarHandle(Frame.class, "pinCount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    volatile int pageId = -1;
    final byte[] data;
    private volatile int pinCount;
    boolean dirty;
    /** CLOCK usage count: bumped on every hit (capped), decremented by the sweeping hand. */
    int usage;
    private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();

    Frame(int index, int pageSize) {
        this.index = index;
        this.data = new byte[pageSize];
        this.pinCount = LOCKED; // a new frame is the pool's until it is installed
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

    int pinCount() {
        return pinCount;
    }

    /** Adds a pin unless the pool holds the frame locked. */
    boolean tryPin() {
        int c;
        do {
            c = pinCount;
            if (c < 0) {
                return false;
            }
        } while (!PIN.weakCompareAndSet(this, c, c + 1));
        return true;
    }

    /** Adds a pin to a frame that is already pinned (count must be positive). */
    boolean pinIfPinned() {
        int c;
        do {
            c = pinCount;
            if (c <= 0) {
                return false;
            }
        } while (!PIN.weakCompareAndSet(this, c, c + 1));
        return true;
    }

    /** Drops a pin; false (nothing changed) if the frame was not pinned. */
    boolean unpin() {
        int c;
        do {
            c = pinCount;
            if (c <= 0) {
                return false;
            }
        } while (!PIN.weakCompareAndSet(this, c, c - 1));
        return true;
    }

    /** Locks an unpinned frame for the pool (under its monitor): 0 to {@value #LOCKED}. */
    boolean lockUnpinned() {
        return PIN.compareAndSet(this, 0, LOCKED);
    }

    /** Ends the pool's lock (under its monitor), leaving {@code pins} pins (0 or 1). */
    void unlock(int pins) {
        pinCount = pins; // volatile write: publishes pageId and the image to the next lock-free pin
    }

    @Override
    public String toString() {
        return "Frame[page " + pageId + ", pins " + pinCount + (dirty ? ", dirty" : "") + "]";
    }
}

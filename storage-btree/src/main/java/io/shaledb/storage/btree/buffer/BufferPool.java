package io.shaledb.storage.btree.buffer;

import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageFile;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed memory budget of page frames over a {@link PageFile}, with pin counts, dirty tracking
 * and CLOCK-sweep replacement with usage counts (as PostgreSQL's buffer manager does): a hit bumps
 * a frame's usage count (capped at {@value #MAX_USAGE}); the hand decrements counts as it passes
 * and takes the first unpinned frame whose count is zero. A page touched once by a long scan has
 * count 1 and is gone after one revolution, while hot inner pages keep a high count, so one big
 * scan does not flush the tree's upper levels the way plain LRU would.
 *
 * <p>Write-back obeys the WAL-before-data rule: before a dirty page is written, the
 * {@link WriteBackGuard} is asked to make the log durable up to the page's LSN.
 *
 * <p>Thread-safe. A hit never takes the pool's monitor: the page table is an array indexed by page
 * number (grown under the monitor, read lock-free), and a hit pins the frame it finds with a
 * compare-and-set on the frame's pin count, then re-checks that the frame still holds the page (a
 * frame can be evicted and reused between the table read and the pin; then the pin is dropped and
 * the monitor path taken). Eviction, misses, installs and write-back of victims are under the
 * monitor, and the pool moves a frame's pin count from 0 to {@link Frame#LOCKED} before touching
 * it, which makes lock-free pins of that frame fail until it is installed again. Frames are
 * allocated lazily up to the budget. When every frame is pinned the pool grows past the budget rather than fail (and
 * counts it in {@link #overBudgetAllocations()}); that only happens when one operation pins more
 * pages than the budget holds.
 */
public final class BufferPool {

    /** Called before a dirty page is written back; makes the log durable through {@code pageLsn}. */
    @FunctionalInterface
    public interface WriteBackGuard {
        void beforeWrite(long pageLsn) throws IOException;
    }

    static final int MAX_USAGE = 5;
    private static final Logger log = LoggerFactory.getLogger(BufferPool.class);

    private final PageFile file;
    private final int pageSize;
    private final int budgetFrames;
    private final WriteBackGuard guard;
    private final List<Frame> frames = new ArrayList<>();
    /**
     * The page table: {@code table[pageId]} is the frame holding that page, or null. Written under
     * the monitor (elements with release semantics; a grown array is published through the volatile
     * field), read without it. A stale entry is harmless: a pin re-checks the frame's page id.
     */
    private volatile Frame[] table = new Frame[1024];
    private int hand;
    /** Set when the engine stopped after a failure: pages may hold unlogged half-done changes, never write them. */
    private volatile boolean stopped;

    private static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(Frame[].class);

    private final LongAdder hits = new LongAdder();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong writeBacks = new AtomicLong();
    private final AtomicLong overBudget = new AtomicLong();
    private final AtomicLong evictionWrites = new AtomicLong();
    private final AtomicLong backgroundWrites = new AtomicLong();

    public BufferPool(PageFile file, long budgetBytes, WriteBackGuard guard) {
        this.file = file;
        this.pageSize = file.pageSize();
        this.budgetFrames = (int) Math.max(16, Math.min(Integer.MAX_VALUE, budgetBytes / pageSize));
        this.guard = guard;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Pins page {@code pageId}, reading (and verifying) it from disk on a miss. */
    public Frame pin(int pageId) throws IOException {
        Frame[] t = table;
        if (pageId >= 0 && pageId < t.length) {
            Frame f = (Frame) TABLE.getAcquire(t, pageId);
            if (f != null && f.tryPin()) {
                if (f.pageId == pageId) {
                    hit(f);
                    return f;
                }
                f.unpin(); // reused for another page since the table was read
            }
        }
        return pinLocked(pageId);
    }

    private void hit(Frame f) {
        hits.increment();
        io.shaledb.storage.BufferUsage.hit();
        if (f.usage < MAX_USAGE) {
            f.usage++; // racy on purpose: a lost bump only makes the frame a victim a little earlier
        }
    }

    private Frame lookup(int pageId) {
        Frame[] t = table;
        return pageId >= 0 && pageId < t.length ? t[pageId] : null;
    }

    private synchronized Frame pinLocked(int pageId) throws IOException {
        Frame f = lookup(pageId);
        if (f != null) {
            if (!f.tryPin()) {
                throw new IllegalStateException("frame in the page table locked outside the monitor: " + f);
            }
            hit(f);
            return f;
        }
        misses.incrementAndGet();
        io.shaledb.storage.BufferUsage.read();
        f = victim();
        try {
            file.read(pageId, f.data);
        } catch (IOException | RuntimeException e) {
            f.pageId = -1;
            f.unlock(0);
            throw e;
        }
        install(f, pageId);
        return f;
    }

    /**
     * Pins a frame for a page whose old contents do not matter (a page just allocated): no read;
     * the caller latches it exclusive, marks it dirty and initialises the image.
     */
    public synchronized Frame pinFresh(int pageId) throws IOException {
        Frame f = lookup(pageId);
        if (f == null) {
            f = victim();
            Arrays.fill(f.data, (byte) 0);
            install(f, pageId);
        } else if (!f.tryPin()) {
            throw new IllegalStateException("frame in the page table locked outside the monitor: " + f);
        }
        return f;
    }

    /** Installs a locked frame as page {@code pageId}, pinned once (under the monitor). */
    private void install(Frame f, int pageId) {
        if (pageId < 0) {
            throw new IllegalArgumentException("page " + pageId);
        }
        f.pageId = pageId;
        f.usage = 1;
        f.dirty = false;
        Frame[] t = table;
        if (pageId >= t.length) {
            t = Arrays.copyOf(t, Math.max(pageId + 1, t.length * 2));
            table = t;
        }
        TABLE.setRelease(t, pageId, f);
        f.unlock(1);
    }

    /** Drops a pin (no monitor). */
    public void unpin(Frame f) {
        if (!f.unpin()) {
            throw new IllegalStateException("unpin of an unpinned " + f);
        }
    }

    /** Pins an already pinned frame once more. */
    public void pinAgain(Frame f) {
        if (!f.pinIfPinned()) {
            throw new IllegalStateException("pinAgain of an unpinned " + f);
        }
    }

    public synchronized void markDirty(Frame f) {
        f.dirty = true;
    }

    /** A free frame (detached from any page), evicting with CLOCK-sweep when the budget is used up. */
    private Frame victim() throws IOException {
        if (frames.size() < budgetFrames) {
            Frame f = new Frame(frames.size(), pageSize);
            frames.add(f);
            return f;
        }
        int n = frames.size();
        for (int step = 0; step < n * (MAX_USAGE + 1); step++) {
            Frame f = frames.get(hand);
            hand = (hand + 1) % n;
            if (f.pinCount() != 0) {
                continue;
            }
            if (f.usage > 0) {
                f.usage--;
                continue;
            }
            // from here on no lock-free pin can succeed: the frame is unpinned, unlatched and ours
            if (!f.lockUnpinned()) {
                continue; // pinned in the meantime
            }
            if (f.dirty) {
                try {
                    writeBack(f);
                } catch (IOException | RuntimeException e) {
                    f.unlock(0);
                    throw e;
                }
            }
            if (f.pageId >= 0) {
                TABLE.setRelease(table, f.pageId, null);
            }
            f.pageId = -1;
            evictions.incrementAndGet();
            return f; // locked: install() or a failed read unlocks it
        }
        if (overBudget.getAndIncrement() % 1000 == 0) {
            log.warn("buffer pool: all {} frames pinned; growing past the budget (warned once per 1000 times)", n);
        }
        Frame f = new Frame(frames.size(), pageSize);
        frames.add(f);
        return f;
    }

    /**
     * Stops all write-back for good: after a failure in the middle of an operation, frames may hold
     * changes that were never logged, and they must not reach the disk.
     */
    public void stopWrites() {
        stopped = true;
    }

    private void checkWritable() throws IOException {
        if (stopped) {
            throw new IOException("buffer pool stopped after a failure; no page is written back");
        }
    }

    /** Eviction's synchronous write of a locked victim (under the monitor; it was unpinned, so unlatched). */
    private void writeBack(Frame f) throws IOException {
        checkWritable();
        guard.beforeWrite(Page.lsn(f.data));
        file.write(f.pageId, f.data);
        f.dirty = false;
        writeBacks.incrementAndGet();
        evictionWrites.incrementAndGet();
    }

    /**
     * Writes a pinned frame if it is dirty, holding its latch shared (so no writer is half-way
     * through the image) for the duration of the write, and outside the pool's monitor. Two writers
     * of one frame both hold the latch shared, so they write the same image.
     */
    private boolean writeLatched(Frame f) throws IOException {
        synchronized (this) {
            if (!f.dirty) {
                return false;
            }
        }
        checkWritable();
        guard.beforeWrite(Page.lsn(f.data));
        file.write(f.pageId, f.data);
        synchronized (this) {
            f.dirty = false;
        }
        writeBacks.incrementAndGet();
        return true;
    }

    /** Page ids of the dirty frames right now. */
    public synchronized List<Integer> dirtyPages() {
        List<Integer> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.dirty && f.pageId >= 0) {
                out.add(f.pageId);
            }
        }
        return out;
    }

    /**
     * Writes page {@code pageId} if it is cached and dirty: pins it, waits for its latch shared
     * (a writer in the middle of changing it finishes and logs first) and writes the image.
     */
    public boolean flushIfDirty(int pageId) throws IOException {
        Frame f;
        synchronized (this) {
            f = lookup(pageId);
            if (f == null || !f.dirty) {
                return false;
            }
            if (!f.tryPin()) {
                throw new IllegalStateException("frame in the page table locked outside the monitor: " + f);
            }
        }
        try {
            f.latch().readLock().lock();
            try {
                return writeLatched(f);
            } finally {
                f.latch().readLock().unlock();
            }
        } finally {
            unpin(f);
        }
    }

    /**
     * One round of the background writer: writes up to {@code max} dirty, unpinned pages just ahead
     * of the CLOCK hand (the next victims), only those whose page LSN is at most {@code durableLsn}
     * (so the round never forces the log) and only if their latch is free right now.
     *
     * @return pages written, and (second element) dirty pages skipped because the log is not yet
     *     durable to their LSN
     */
    public int[] writeAhead(int max, long durableLsn) throws IOException {
        List<Frame> candidates = new ArrayList<>();
        int waitingForLog = 0;
        synchronized (this) {
            int n = frames.size();
            for (int i = 0; i < n && candidates.size() < max; i++) {
                Frame f = frames.get((hand + i) % n);
                // locked while unpinned: no latch is held on it and nobody can pin it, so its image
                // is stable while we look at it
                if (f.dirty && f.pageId >= 0 && f.lockUnpinned()) {
                    if (Page.lsn(f.data) <= durableLsn) {
                        f.unlock(1);
                        candidates.add(f);
                    } else {
                        f.unlock(0);
                        waitingForLog++;
                    }
                }
            }
        }
        int written = 0;
        Throwable failure = null;
        for (Frame f : candidates) {
            try {
                if (failure == null && f.latch().readLock().tryLock()) {
                    try {
                        if (writeLatched(f)) {
                            written++;
                            backgroundWrites.incrementAndGet();
                        }
                    } finally {
                        f.latch().readLock().unlock();
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                unpin(f);
            }
        }
        if (failure instanceof IOException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        }
        return new int[] {written, waitingForLog};
    }

    /** Writes every dirty page. The caller must keep writers out (nothing may hold a latch). */
    public synchronized int flushAll() throws IOException {
        int n = 0;
        for (Frame f : frames) {
            if (f.dirty && f.pageId >= 0) {
                if (f.pinCount() > 0) {
                    throw new IllegalStateException("flushAll with a pinned " + f);
                }
                checkWritable();
                guard.beforeWrite(Page.lsn(f.data));
                file.write(f.pageId, f.data);
                f.dirty = false;
                writeBacks.incrementAndGet();
                n++;
            }
        }
        return n;
    }

    /** Forgets every cached page (after the file was changed underneath, e.g. by recovery). */
    public synchronized void invalidateAll() {
        for (Frame f : frames) {
            if (f.pinCount() > 0) {
                throw new IllegalStateException("invalidate with a pinned " + f);
            }
            f.pageId = -1;
            f.dirty = false;
        }
        Arrays.fill(table, null);
    }

    public synchronized int pinnedFrames() {
        int n = 0;
        for (Frame f : frames) {
            n += f.pinCount() > 0 ? 1 : 0;
        }
        return n;
    }

    public int budgetFrames() {
        return budgetFrames;
    }

    public synchronized int allocatedFrames() {
        return frames.size();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.get();
    }

    public long evictions() {
        return evictions.get();
    }

    public long writeBacks() {
        return writeBacks.get();
    }

    /** Dirty pages eviction had to write synchronously (the background writer's job is to keep this low). */
    public long evictionWrites() {
        return evictionWrites.get();
    }

    /** Pages written by the background writer. */
    public long backgroundWrites() {
        return backgroundWrites.get();
    }

    public long overBudgetAllocations() {
        return overBudget.get();
    }
}

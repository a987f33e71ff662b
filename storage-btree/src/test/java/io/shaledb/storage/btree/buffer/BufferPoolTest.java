package io.shaledb.storage.btree.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.storage.btree.page.PageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The lock-free page table: hits pin without the pool's monitor, so a pin can race with the
 * eviction and reuse of the very frame it found. Every pin must still return the frame holding the
 * page asked for, with that page's image, and pins must balance.
 */
class BufferPoolTest {

    private static final int PAGE = 4096;
    private static final int PAGES = 300;
    /** Payload offset: a counter per page, bumped by writers (under the exclusive latch). */
    private static final int OFF_STAMP = Page.HEADER_SIZE;

    private static BufferPool pool(PageFile file) {
        return new BufferPool(file, 16L * PAGE, lsn -> {});
    }

    private static PageFile file() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        fs.createDirectoriesDurably(Path.of("/bp"));
        return PageFile.open(fs, Path.of("/bp/data"), PAGE);
    }

    /** Writes pages 0 .. PAGES-1 through the pool (stamp 0) and flushes them. */
    private static void populate(BufferPool pool) throws Exception {
        for (int id = 0; id < PAGES; id++) {
            Frame f = pool.pinFresh(id);
            f.latch().writeLock().lock();
            try {
                Page.init(f.data(), PageType.OVERFLOW, id);
                Page.putInt(f.data(), OFF_STAMP, 0);
                pool.markDirty(f);
            } finally {
                f.latch().writeLock().unlock();
                pool.unpin(f);
            }
        }
        pool.flushAll();
    }

    @Test
    void pinsUnderConcurrentEvictionAlwaysGetTheirPage() throws Exception {
        try (PageFile file = file()) {
            BufferPool pool = pool(file);
            populate(pool);
            int readers = 4;
            ExecutorService threads = Executors.newFixedThreadPool(readers + 2);
            AtomicBoolean stop = new AtomicBoolean();
            try {
                List<Future<Long>> work = new ArrayList<>();
                for (int t = 0; t < readers; t++) {
                    work.add(threads.submit(() -> {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        long n = 0;
                        while (!stop.get()) {
                            // a small hot set (hits) and a large cold one (misses that evict)
                            int id = rnd.nextInt(4) == 0 ? rnd.nextInt(PAGES) : rnd.nextInt(8);
                            Frame f = pool.pin(id);
                            f.latch().readLock().lock();
                            try {
                                assertThat(f.pageId()).isEqualTo(id);
                                assertThat(Page.pageNo(f.data())).isEqualTo(id);
                                assertThat(Page.getInt(f.data(), OFF_STAMP)).isNotNegative();
                            } finally {
                                f.latch().readLock().unlock();
                                pool.unpin(f);
                            }
                            n++;
                        }
                        return n;
                    }));
                }
                // a writer dirties pages, so eviction also writes victims back
                work.add(threads.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    long n = 0;
                    while (!stop.get()) {
                        int id = rnd.nextInt(PAGES);
                        Frame f = pool.pin(id);
                        f.latch().writeLock().lock();
                        try {
                            assertThat(Page.pageNo(f.data())).isEqualTo(id);
                            Page.putInt(f.data(), OFF_STAMP, Page.getInt(f.data(), OFF_STAMP) + 1);
                            pool.markDirty(f);
                        } finally {
                            f.latch().writeLock().unlock();
                            pool.unpin(f);
                        }
                        n++;
                    }
                    return n;
                }));
                // and the background writer's rounds lock unpinned frames while they look at them
                work.add(threads.submit(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        n += pool.writeAhead(4, Long.MAX_VALUE)[0];
                    }
                    return n;
                }));
                Thread.sleep(1500);
                stop.set(true);
                for (Future<Long> w : work) {
                    w.get(30, TimeUnit.SECONDS);
                }
            } finally {
                stop.set(true);
                threads.shutdownNow();
            }
            assertThat(pool.pinnedFrames()).isZero();
            assertThat(pool.evictions()).isPositive();
            assertThat(pool.hits()).isPositive();
            assertThat(pool.overBudgetAllocations()).isZero();
            // what the writer did is all there, through the pool and after a flush on disk
            long total = 0;
            for (int id = 0; id < PAGES; id++) {
                Frame f = pool.pin(id);
                total += Page.getInt(f.data(), OFF_STAMP);
                pool.unpin(f);
            }
            pool.flushAll();
            pool.invalidateAll();
            long onDisk = 0;
            byte[] buf = new byte[PAGE];
            for (int id = 0; id < PAGES; id++) {
                file.read(id, buf);
                onDisk += Page.getInt(buf, OFF_STAMP);
            }
            assertThat(onDisk).isEqualTo(total).isPositive();
        }
    }

    @Test
    void unbalancedUnpinIsRefused() throws Exception {
        try (PageFile file = file()) {
            BufferPool pool = pool(file);
            populate(pool);
            Frame f = pool.pin(3);
            pool.pinAgain(f);
            pool.unpin(f);
            pool.unpin(f);
            assertThatThrownBy(() -> pool.unpin(f)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.pinAgain(f)).isInstanceOf(IllegalStateException.class);
            assertThat(pool.pinnedFrames()).isZero();
        }
    }

    @Test
    void pageTableGrowsPastItsInitialSize() throws Exception {
        try (PageFile file = file()) {
            BufferPool pool = new BufferPool(file, 64L * PAGE, lsn -> {});
            int id = 5000;
            Frame f = pool.pinFresh(id);
            f.latch().writeLock().lock();
            Page.init(f.data(), PageType.OVERFLOW, id);
            pool.markDirty(f);
            f.latch().writeLock().unlock();
            pool.unpin(f);
            Frame again = pool.pin(id);
            assertThat(again).isSameAs(f);
            pool.unpin(again);
            assertThat(pool.hits()).isEqualTo(1);
        }
    }
}

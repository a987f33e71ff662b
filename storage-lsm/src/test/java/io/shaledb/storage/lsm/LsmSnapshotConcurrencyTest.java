package io.shaledb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.wal.SyncMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cursors are snapshots even while memtables are frozen and flushed and files are compacted away
 * underneath them: a writer rewrites every key of a small table in one batch per version (and
 * deletes and re-adds a marker key), with memtables so small that nearly every batch triggers a
 * flush and compactions run continuously; scanners, reading slowly in both directions, must see
 * every key at one single version.
 */
class LsmSnapshotConcurrencyTest {
    private static final int KEYS = 40;

    private static byte[] key(int i) {
        return new byte[] {'k', (byte) i};
    }

    @Test
    @Timeout(120)
    void scansSeeOneVersionWhileFlushesAndCompactionsRun() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        LsmOptions options = LsmEngineConformanceTest.tinyOptions().withSyncMode(SyncMode.OFF).withL0Triggers(2, 8, 12);
        try (LsmEngine e = LsmEngine.open(fs, Path.of("/snap"), options)) {
            WriteBatch first = new WriteBatch();
            for (int i = 0; i < KEYS; i++) {
                first.put(key(i), ByteBuffer.allocate(8).putLong(0).array());
            }
            e.apply(first);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<Integer>> readers = new ArrayList<>();
            try {
                Future<?> writer = pool.submit(() -> {
                    try {
                        for (long version = 1; version <= 1500; version++) {
                            WriteBatch b = new WriteBatch();
                            for (int i = 0; i < KEYS; i++) {
                                b.put(key(i), ByteBuffer.allocate(8).putLong(version).array());
                            }
                            if (version % 2 == 0) {
                                b.delete(key(KEYS));
                            } else {
                                b.put(key(KEYS), ByteBuffer.allocate(8).putLong(version).array());
                            }
                            e.apply(b);
                        }
                    } finally {
                        done.set(true);
                    }
                    return null;
                });
                for (int r = 0; r < 2; r++) {
                    Direction d = r == 0 ? Direction.FORWARD : Direction.BACKWARD;
                    readers.add(pool.submit(() -> {
                        int scans = 0;
                        while (!done.get() || scans < 3) {
                            Set<Long> versions = new HashSet<>();
                            int count = 0;
                            boolean marker = false;
                            try (Cursor c = e.scan(KeyRange.prefix(new byte[] {'k'}), d)) {
                                while (c.next()) {
                                    long v = ByteBuffer.wrap(c.value()).getLong();
                                    if (c.key()[1] == KEYS) {
                                        marker = true;
                                    } else {
                                        count++;
                                    }
                                    versions.add(v);
                                    if (count % 8 == 0) {
                                        Thread.onSpinWait();
                                        Thread.yield();
                                    }
                                }
                            }
                            assertThat(count).isEqualTo(KEYS);
                            assertThat(versions).as("one batch's version").hasSize(1);
                            long v = versions.iterator().next();
                            assertThat(marker).as("marker present exactly at odd versions (v=%d)", v).isEqualTo(v % 2 == 1);
                            scans++;
                        }
                        return scans;
                    }));
                }
                writer.get(100, TimeUnit.SECONDS);
                for (Future<Integer> f : readers) {
                    assertThat(f.get(100, TimeUnit.SECONDS)).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(e.stats().flushes()).isGreaterThan(10);
            assertThat(e.stats().compactions() + e.stats().trivialMoves()).isPositive();
        }
    }
}

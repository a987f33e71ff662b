package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.page.PageFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Writers (disjoint key spaces, puts, deletes and batches, values of all sizes) and scanners in
 * both directions at once, with a small buffer pool so pages are evicted and re-read throughout.
 * Afterwards: every scan was strictly ordered, the tree invariants hold (ordering within and across
 * leaves, fences bound subtrees, every page accounted for), nothing was lost, and every page on
 * disk passes its checksum. {@code -Dshaledb.btree.soak=true} runs it ten times longer.
 */
class ConcurrentStressTest {

    @Test
    void writersAndScannersKeepTheTreeSound() throws Exception {
        boolean soak = Boolean.getBoolean("shaledb.btree.soak");
        int writers = 3;
        int scanners = 2;
        int opsPerWriter = soak ? 60_000 : 6_000;
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path dir = Path.of("/stress");
        BTreeOptions options = BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(256L << 10);
        List<TreeMap<byte[], byte[]>> models = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong scans = new AtomicLong();
        try (BTreeEngine engine = BTreeEngine.open(fs, dir, options)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers + scanners);
            List<Future<?>> writerFutures = new ArrayList<>();
            List<Future<?>> scannerFutures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
                models.add(model);
                int id = w;
                writerFutures.add(pool.submit(() -> {
                    Random r = new Random(id);
                    for (int i = 0; i < opsPerWriter; i++) {
                        byte[] key = key(id, r.nextInt(3000));
                        int op = r.nextInt(10);
                        if (op < 5) {
                            byte[] value = new byte[r.nextInt(20) == 0 ? r.nextInt(10_000) : r.nextInt(60)];
                            r.nextBytes(value);
                            engine.put(key, value);
                            model.put(key, value);
                        } else if (op < 8) {
                            engine.delete(key);
                            model.remove(key);
                        } else {
                            WriteBatch b = new WriteBatch();
                            for (int j = 0; j < 10; j++) {
                                byte[] k = key(id, r.nextInt(3000));
                                if (r.nextBoolean()) {
                                    byte[] v = new byte[r.nextInt(100)];
                                    b.put(k, v);
                                    model.put(k, v);
                                } else {
                                    b.delete(k);
                                    model.remove(k);
                                }
                            }
                            engine.apply(b);
                        }
                    }
                    return null;
                }));
            }
            for (int s = 0; s < scanners; s++) {
                Direction d = s % 2 == 0 ? Direction.FORWARD : Direction.BACKWARD;
                scannerFutures.add(pool.submit(() -> {
                    while (writing.get()) {
                        byte[] prev = null;
                        try (Cursor c = engine.scan(KeyRange.all(), d)) {
                            while (c.next()) {
                                byte[] k = c.key();
                                if (prev != null) {
                                    int cmp = Bytes.compare(prev, k);
                                    assertThat(d == Direction.FORWARD ? cmp < 0 : cmp > 0).as("scan order").isTrue();
                                }
                                prev = k;
                            }
                        }
                        scans.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : writerFutures) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                writing.set(false);
            }
            for (Future<?> f : scannerFutures) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(engine.verify()).isEmpty();
            TreeMap<byte[], byte[]> union = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            models.forEach(union::putAll);
            List<Map.Entry<byte[], byte[]>> all = new ArrayList<>();
            try (Cursor c = engine.scan(KeyRange.all(), Direction.FORWARD)) {
                while (c.next()) {
                    all.add(Map.entry(c.key(), c.value()));
                }
            }
            assertThat(all).hasSize(union.size());
            int i = 0;
            for (Map.Entry<byte[], byte[]> m : union.entrySet()) {
                assertThat(all.get(i).getKey()).isEqualTo(m.getKey());
                assertThat(all.get(i).getValue()).isEqualTo(m.getValue());
                i++;
            }
            assertThat(scans.get()).isPositive();
            assertThat(engine.stats().evictions()).as("the small pool evicted pages").isPositive();
        }
        // every page on disk passes verification
        try (PageFile file = PageFile.open(fs, dir.resolve(BTreeEngine.DATA_FILE), 4096)) {
            byte[] page = new byte[4096];
            for (int p = 0; p < file.pagesOnDisk(); p++) {
                file.read(p, page);
            }
        }
    }

    private static byte[] key(int writer, int n) {
        return ByteBuffer.allocate(5).put((byte) (0x10 + writer)).putInt(Integer.reverse(n)).array();
    }
}

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Writers, scanners (both directions, whole tree and random ranges) and point readers at once, on a
 * buffer pool of 64 pages so pages are evicted and re-read throughout.
 *
 * <p>Keys {@code n} (stored bit-reversed, so every part of the key space is busy) fall in three
 * classes: {@code n % 7 == 0} are <em>stable</em> (written before the threads start, never
 * changed); {@code 1..4} belong to one writer each (disjoint); {@code 5, 6} are <em>shared</em> by
 * all writers (overlapping), each guarded by a test-side lock that is held across the engine call
 * and the model update, so the model is exact: it holds every acknowledged write in the engine's
 * order for that key, while writes to different keys race freely.
 *
 * <p>During the run every scan must be strictly ordered and contain every stable key with its
 * value (splits and merges next to a scan must not hide keys), and every point read of a stable key
 * must find it. Afterwards: the tree invariants ({@code verify()}: ordering within and across leaves,
 * separators bound their subtrees, every page accounted for), contents equal to the model, and every
 * page on disk passes its checksum. {@code -Dshaledb.btree.soak=true} runs it ten times longer.
 */
class ConcurrentStressTest {

    private static final int KEYS = 14_000;

    @Test
    void writersScannersAndReadersKeepTheTreeSound() throws Exception {
        boolean soak = Boolean.getBoolean("shaledb.btree.soak");
        int writers = 4;
        int scanners = 2;
        int readers = 2;
        int opsPerWriter = soak ? 80_000 : 8_000;
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path dir = Path.of("/stress");
        BTreeOptions options = BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(256L << 10)
                .withCheckpointWalBytes(4L << 20);
        Map<Integer, byte[]> model = new ConcurrentHashMap<>();
        ReentrantLock[] sharedLocks = new ReentrantLock[KEYS];
        for (int i = 0; i < KEYS; i++) {
            sharedLocks[i] = new ReentrantLock();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong scans = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        int stableCount = 0;
        try (BTreeEngine engine = BTreeEngine.open(fs, dir, options)) {
            for (int n = 0; n < KEYS; n += 7) {
                engine.put(key(n), stableValue(n));
                stableCount++;
            }
            int stable = stableCount;
            ExecutorService pool = Executors.newFixedThreadPool(writers + scanners + readers);
            List<Future<?>> writerFutures = new ArrayList<>();
            List<Future<?>> otherFutures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                writerFutures.add(pool.submit(() -> {
                    Random r = new Random(id);
                    for (int i = 0; i < opsPerWriter; i++) {
                        int op = r.nextInt(10);
                        if (op < 8) {
                            int n = pick(r, id);
                            byte[] value = op < 5 ? value(r) : null;
                            lockShared(sharedLocks, List.of(n));
                            try {
                                if (value != null) {
                                    engine.put(key(n), value);
                                    model.put(n, value);
                                } else {
                                    engine.delete(key(n));
                                    model.remove(n);
                                }
                            } finally {
                                unlockShared(sharedLocks, List.of(n));
                            }
                        } else {
                            TreeMap<Integer, byte[]> ops = new TreeMap<>();
                            WriteBatch b = new WriteBatch();
                            for (int j = 0; j < 10; j++) {
                                int n = pick(r, id);
                                if (ops.containsKey(n)) {
                                    continue;
                                }
                                byte[] v = r.nextBoolean() ? new byte[r.nextInt(100)] : null;
                                if (v != null) {
                                    r.nextBytes(v);
                                    b.put(key(n), v);
                                } else {
                                    b.delete(key(n));
                                }
                                ops.put(n, v); // null: a delete
                            }
                            List<Integer> keys = new ArrayList<>(ops.keySet());
                            lockShared(sharedLocks, keys);
                            try {
                                engine.apply(b);
                                ops.forEach((n, v) -> {
                                    if (v == null) {
                                        model.remove(n);
                                    } else {
                                        model.put(n, v);
                                    }
                                });
                            } finally {
                                unlockShared(sharedLocks, keys);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int s = 0; s < scanners; s++) {
                int id = s;
                otherFutures.add(pool.submit(() -> {
                    Random r = new Random(100 + id);
                    while (writing.get()) {
                        Direction d = r.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD;
                        boolean whole = r.nextInt(3) == 0;
                        byte[] lo = key(r.nextInt(KEYS));
                        byte[] hi = key(r.nextInt(KEYS));
                        if (Bytes.compare(lo, hi) > 0) {
                            byte[] t = lo;
                            lo = hi;
                            hi = t;
                        }
                        KeyRange range = whole ? KeyRange.all() : KeyRange.halfOpen(lo, hi);
                        byte[] prev = null;
                        int stableSeen = 0;
                        try (Cursor c = engine.scan(range, d)) {
                            while (c.next()) {
                                byte[] k = c.key();
                                if (prev != null) {
                                    int cmp = Bytes.compare(prev, k);
                                    assertThat(d == Direction.FORWARD ? cmp < 0 : cmp > 0).as("scan order").isTrue();
                                }
                                prev = k;
                                int n = number(k);
                                if (n % 7 == 0) {
                                    assertThat(c.value()).as("stable key %d", n).isEqualTo(stableValue(n));
                                    stableSeen++;
                                }
                            }
                        }
                        int expected = whole ? stable : stableIn(lo, hi);
                        assertThat(stableSeen).as("stable keys seen by a %s scan", d).isEqualTo(expected);
                        scans.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int g = 0; g < readers; g++) {
                int id = g;
                otherFutures.add(pool.submit(() -> {
                    Random r = new Random(200 + id);
                    while (writing.get()) {
                        int n = r.nextInt(KEYS / 7) * 7;
                        assertThat(engine.get(key(n))).as("stable key %d", n).isEqualTo(stableValue(n));
                        engine.get(key(r.nextInt(KEYS))); // anything, just traffic
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : writerFutures) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                writing.set(false);
            }
            for (Future<?> f : otherFutures) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(engine.verify()).isEmpty();
            TreeMap<byte[], byte[]> expected = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            model.forEach((n, v) -> expected.put(key(n), v));
            for (int n = 0; n < KEYS; n += 7) {
                expected.put(key(n), stableValue(n));
            }
            List<Map.Entry<byte[], byte[]>> all = new ArrayList<>();
            try (Cursor c = engine.scan(KeyRange.all(), Direction.FORWARD)) {
                while (c.next()) {
                    all.add(Map.entry(c.key(), c.value()));
                }
            }
            assertThat(all).hasSize(expected.size());
            int i = 0;
            for (Map.Entry<byte[], byte[]> m : expected.entrySet()) {
                assertThat(all.get(i).getKey()).isEqualTo(m.getKey());
                assertThat(all.get(i).getValue()).as("value of key %d", number(m.getKey())).isEqualTo(m.getValue());
                i++;
            }
            assertThat(scans.get()).isPositive();
            assertThat(reads.get()).isPositive();
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

    /** A key of writer {@code w} (disjoint) or, two times in six, a shared key. */
    private static int pick(Random r, int w) {
        int cls = r.nextInt(6) < 4 ? 1 + w : 5 + r.nextInt(2);
        return r.nextInt(KEYS / 7 - 1) * 7 + cls;
    }

    private static byte[] value(Random r) {
        byte[] v = new byte[r.nextInt(25) == 0 ? r.nextInt(10_000) : r.nextInt(60)];
        r.nextBytes(v);
        return v;
    }

    private static void lockShared(ReentrantLock[] locks, List<Integer> sortedKeys) {
        for (int n : sortedKeys) {
            if (n % 7 >= 5) {
                locks[n].lock();
            }
        }
    }

    private static void unlockShared(ReentrantLock[] locks, List<Integer> keys) {
        for (int n : keys) {
            if (n % 7 >= 5) {
                locks[n].unlock();
            }
        }
    }

    private static byte[] key(int n) {
        return ByteBuffer.allocate(4).putInt(Integer.reverse(n)).array();
    }

    private static int number(byte[] key) {
        return Integer.reverse(ByteBuffer.wrap(key).getInt());
    }

    private static byte[] stableValue(int n) {
        return ("stable-" + n).getBytes();
    }

    private static final TreeSet<byte[]> STABLE = new TreeSet<>(Bytes.UNSIGNED_ORDER);

    static {
        for (int n = 0; n < KEYS; n += 7) {
            STABLE.add(key(n));
        }
    }

    private static int stableIn(byte[] lo, byte[] hi) {
        return STABLE.subSet(lo, true, hi, false).size();
    }

    static {
        assert Arrays.equals(key(number(key(12345))), key(12345));
    }
}

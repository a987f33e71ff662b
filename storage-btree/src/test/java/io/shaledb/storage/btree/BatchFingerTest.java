package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.wal.SyncMode;
import io.shaledb.wal.Wal;
import io.shaledb.wal.WalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The batch finger ({@code tree.Finger}): a batch operation whose key falls in the range of the
 * leaf the previous one changed goes straight to that leaf. It must change nothing but the number
 * of descents: the same workload with the finger on and off leaves the same contents and appends
 * byte-for-byte the same {@code btree.page-changes} records (the same pages, the same deltas and
 * images, in the same order), through splits, merges, overflow chains, deletes of absent keys,
 * checkpoints and a buffer pool small enough to evict.
 */
class BatchFingerTest {

    private static final Path DIR = Path.of("/finger");

    private static BTreeOptions options(boolean finger, long poolBytes) {
        return BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(poolBytes).withSyncMode(SyncMode.SYNC)
                .withBackgroundWriterMillis(0).withBatchFinger(finger);
    }

    /** What one run left behind: the log's records (type and payload, hex) and the stats at the end. */
    private record Run(List<String> records, BTreeStats stats) {}

    /**
     * Runs {@code workload} on a fresh engine, then loses whatever was not synced (nothing: every
     * batch waited for its record), reopens the engine to check that redo rebuilds {@code model},
     * and reads the records straight from the log.
     */
    private static Run run(boolean finger, long poolBytes, Consumer<BTreeEngine> workload, TreeMap<byte[], byte[]> model)
            throws IOException {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        BTreeEngine e = BTreeEngine.open(fs, DIR, options(finger, poolBytes));
        workload.accept(e);
        assertSameContents(e, model, "finger " + finger + " before the crash");
        assertThat(e.verify()).isEmpty();
        BTreeStats stats = e.stats();
        fs.crash();
        try {
            e.close();
        } catch (RuntimeException deadHandles) {
            // its files died in the simulated crash; only what is on disk matters now
        }
        List<String> records = new ArrayList<>();
        try (Wal wal = Wal.open(fs, DIR.resolve(BTreeEngine.WAL_DIR), WalOptions.defaults())) {
            wal.replay(wal.firstLsn(), (lsn, type, payload) -> {
                byte[] b = new byte[payload.remaining()];
                payload.get(b);
                records.add(type + ":" + HexFormat.of().formatHex(b));
            });
        }
        try (BTreeEngine reopened = BTreeEngine.open(fs, DIR, options(finger, poolBytes))) {
            assertSameContents(reopened, model, "finger " + finger + " after redo");
            assertThat(reopened.verify()).isEmpty();
        }
        return new Run(records, stats);
    }

    /** A Redis-list-like key: a long shared prefix, then the element's position (big-endian, so ascending). */
    private static byte[] listKey(int list, long position) {
        return Bytes.concat(("shale:list:" + list + ":elements:").getBytes(), ByteBuffer.allocate(8).putLong(position).array());
    }

    @Test
    void ascendingBatchesWithASharedPrefixSkipTheDescentAndLogTheSame() throws IOException {
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        Consumer<BTreeEngine> workload = e -> {
            for (int b = 0; b < 8; b++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 512; i++) {
                    byte[] key = listKey(b % 2, b * 512L + i);
                    byte[] value = ("element-" + b + "-" + i).getBytes();
                    batch.put(key, value);
                }
                e.apply(batch);
            }
        };
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < 512; i++) {
                model.put(listKey(b % 2, b * 512L + i), ("element-" + b + "-" + i).getBytes());
            }
        }
        Run with = run(true, 8L << 20, workload, model);
        Run without = run(false, 8L << 20, workload, model);

        assertThat(with.records()).isEqualTo(without.records());
        assertThat(without.stats().batchFingerHits()).isZero();
        // 4,096 puts of ~45-byte cells into 4 KiB leaves: a descent after each of the ~60 leaf splits
        // (and the first operation of each batch), the rest straight to the remembered leaf
        assertThat(with.stats().batchFingerHits()).isGreaterThan(3_900);
        assertThat(with.stats().batchFingerHits() + with.stats().batchDescents()).isEqualTo(8 * 512);
    }

    /**
     * After many scattered keys the finger stops recording fences on every miss (a batch of random
     * keys would pay for copies it never uses), but a run of neighbouring keys later in the same
     * batch is still picked up within the back-off.
     */
    @Test
    void aRunOfNeighboursAfterScatteredKeysIsPickedUp() throws IOException {
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        Random r = new Random(11);
        WriteBatch load = new WriteBatch();
        for (int i = 0; i < 5_000; i++) {
            byte[] key = ByteBuffer.allocate(4).putInt(r.nextInt()).array();
            load.put(key, new byte[20]);
            model.put(key, new byte[20]);
        }
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 200; i++) {
            byte[] key = ByteBuffer.allocate(4).putInt(r.nextInt()).array();
            batch.put(key, new byte[20]);
            model.put(key, new byte[20]);
        }
        for (int i = 0; i < 300; i++) {
            batch.put(listKey(7, i), new byte[8]);
            model.put(listKey(7, i), new byte[8]);
        }
        long[] hits = new long[2];
        Consumer<BTreeEngine> workload = e -> {
            e.apply(load);
            hits[0] = e.stats().batchFingerHits();
            e.apply(batch);
            hits[1] = e.stats().batchFingerHits();
        };
        Run with = run(true, 8L << 20, workload, model);
        long batchHits = hits[1] - hits[0];
        assertThat(with.records()).isEqualTo(run(false, 8L << 20, workload, model).records());
        // 300 neighbours of ~30-byte cells fill about three 4 KiB leaves: a descent after each split,
        // and at most the back-off (16) before the run is noticed
        assertThat(batchHits).isGreaterThanOrEqualTo(300 - 16 - 10);
    }

    /**
     * Random batches mixing clustered puts (runs of neighbouring keys), large values (overflow
     * chains: the pessimistic path in the middle of a finger run), deletes of ranges (merges, emptied
     * leaves), deletes of absent keys and random keys, with checkpoints between batches, against a
     * model and against the same batches applied without the finger.
     */
    @Property(tries = 25)
    void anyBatchSequenceLogsAndStoresTheSameWithAndWithoutTheFinger(@ForAll long seed) throws IOException {
        List<WriteBatch> batches = new ArrayList<>();
        List<Boolean> checkpointAfter = new ArrayList<>();
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        Random r = new Random(seed);
        int n = 5 + r.nextInt(20);
        for (int b = 0; b < n; b++) {
            batches.add(randomBatch(r, model));
            checkpointAfter.add(r.nextInt(6) == 0);
        }
        Consumer<BTreeEngine> workload = e -> {
            for (int b = 0; b < batches.size(); b++) {
                e.apply(batches.get(b));
                if (checkpointAfter.get(b)) {
                    e.checkpoint();
                }
            }
        };
        long pool = r.nextBoolean() ? 8L << 20 : 96L << 10; // 24 frames: eviction between and within batches
        Run with = run(true, pool, workload, model);
        Run without = run(false, pool, workload, model);
        assertThat(with.records()).as("seed %d", seed).isEqualTo(without.records());
        assertThat(with.stats().batchFingerHits()).as("seed %d", seed).isPositive();
    }

    private static WriteBatch randomBatch(Random r, TreeMap<byte[], byte[]> model) {
        WriteBatch batch = new WriteBatch();
        int runs = 1 + r.nextInt(4);
        for (int run = 0; run < runs; run++) {
            int list = r.nextInt(3);
            long start = r.nextInt(2_000);
            int length = 1 + r.nextInt(300);
            int kind = r.nextInt(10);
            for (int i = 0; i < length; i++) {
                byte[] key = kind == 9 ? ByteBuffer.allocate(4).putInt(r.nextInt()).array() : listKey(list, start + i);
                if (kind < 6 || kind == 9) {
                    byte[] value = new byte[r.nextInt(40) == 0 ? 2_000 + r.nextInt(6_000) : r.nextInt(60)];
                    r.nextBytes(value);
                    batch.put(key, value);
                    model.put(key, value);
                } else {
                    batch.delete(key); // present or not
                    model.remove(key);
                }
            }
        }
        return batch;
    }

    private static void assertSameContents(BTreeEngine e, TreeMap<byte[], byte[]> model, String what) {
        CrashRecoveryTest.assertSameContents(e, model, what);
        for (Map.Entry<byte[], byte[]> m : model.entrySet()) {
            assertThat(e.get(m.getKey())).as("%s: get %s", what, Bytes.toHex(m.getKey())).isEqualTo(m.getValue());
        }
    }
}

package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.wal.SyncMode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery against a model: random operations on a {@link CrashSimulatingFileSystem}, every
 * acknowledged write recorded in a {@link TreeMap}; a crash at a random point that keeps a random
 * prefix of the unsynced writes of each file and may tear the next one; reopen (redo from the last
 * checkpoint) and compare. A small buffer pool makes pages get written back (and torn) between
 * checkpoints; small checkpoint intervals exercise fuzzy checkpoints and WAL truncation.
 */
class CrashRecoveryTest {

    private static final Path DIR = Path.of("/crash");

    private static BTreeOptions options(Random r) {
        return BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(128L << 10)
                .withCheckpointWalBytes(32_768L << r.nextInt(6)).withSyncMode(SyncMode.SYNC);
    }

    @Property(tries = 60)
    void acknowledgedWritesSurviveACrashAndNoPageIsCorrupt(@ForAll long seed) {
        Random r = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        BTreeOptions options = options(r);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        for (int cycle = 0; cycle < 3; cycle++) {
            BTreeEngine e = BTreeEngine.open(fs, DIR, options);
            assertSameContents(e, model, "seed " + seed + " after crash " + cycle + ": " + fs.lastCrashReport());
            assertThat(e.verify()).as("seed %d cycle %d", seed, cycle).isEmpty();
            int ops = r.nextInt(400);
            for (int i = 0; i < ops; i++) {
                randomOp(e, r, model);
                if (r.nextInt(200) == 0) {
                    e.checkpoint();
                }
            }
            fs.crash(r);
            closeAfterCrash(e);
        }
        verifyFinalState(fs, options, model, seed);
    }

    /**
     * Checkpoints at random points, from the writing thread between operations and from a second
     * thread while operations are in flight, across crashes: the first change of a page after each
     * checkpoint's redo point is logged as a full image and later ones as deltas, so a crash right
     * after any checkpoint (or in the middle of one) must find, for every page torn or written
     * since the redo point, a full image before the first delta that touches it.
     */
    @Property(tries = 40)
    void checkpointsAtRandomPointsSurviveCrashes(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        BTreeOptions options = options(r);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        for (int cycle = 0; cycle < 4; cycle++) {
            BTreeEngine e = BTreeEngine.open(fs, DIR, options);
            assertSameContents(e, model, "seed " + seed + " after crash " + cycle + ": " + fs.lastCrashReport());
            assertThat(e.verify()).as("seed %d cycle %d", seed, cycle).isEmpty();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            long checkpointerSeed = r.nextLong();
            Thread checkpointer = Thread.ofPlatform().start(() -> {
                Random cr = new Random(checkpointerSeed);
                while (!stop.get()) {
                    try {
                        Thread.sleep(cr.nextInt(3));
                        e.checkpoint();
                    } catch (InterruptedException | RuntimeException afterCrash) {
                        return; // dead handles or a stopped engine
                    }
                }
            });
            int ops = r.nextInt(400);
            for (int i = 0; i < ops; i++) {
                randomOp(e, r, model);
                if (r.nextInt(15) == 0) {
                    e.checkpoint();
                }
            }
            fs.crash(r);
            stop.set(true);
            checkpointer.join();
            closeAfterCrash(e);
        }
        verifyFinalState(fs, options, model, seed);
    }

    /**
     * The same with three writer threads on disjoint key spaces, crashed while they run: every
     * write acknowledged before the crash survives, and the one each writer had in flight is there
     * entirely or not at all.
     */
    @Property(tries = 30)
    void concurrentWritersSurviveACrashMidFlight(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        BTreeOptions options = options(r);
        int writers = 3;
        List<TreeMap<byte[], byte[]>> models = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            models.add(new TreeMap<>(Bytes.UNSIGNED_ORDER));
        }
        for (int cycle = 0; cycle < 2; cycle++) {
            BTreeEngine e = BTreeEngine.open(fs, DIR, options);
            checkWriters(e, models, List.of(), "seed " + seed + " cycle " + cycle);
            assertThat(e.verify()).as("seed %d cycle %d", seed, cycle).isEmpty();
            java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<java.util.concurrent.atomic.AtomicReference<TreeMap<byte[], byte[]>>> inFlight = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                long wseed = r.nextLong();
                var pending = new java.util.concurrent.atomic.AtomicReference<TreeMap<byte[], byte[]>>();
                inFlight.add(pending);
                Thread t = Thread.ofPlatform().start(() -> {
                    Random wr = new Random(wseed);
                    while (!stop.get()) {
                        TreeMap<byte[], byte[]> op = new TreeMap<>(Bytes.UNSIGNED_ORDER); // null value: delete
                        WriteBatch b = new WriteBatch();
                        int n = wr.nextInt(5) == 0 ? 1 + wr.nextInt(20) : 1;
                        for (int i = 0; i < n; i++) {
                            byte[] key = Bytes.concat(new byte[] {(byte) id}, key(wr));
                            if (op.containsKey(key)) {
                                continue;
                            }
                            if (wr.nextInt(3) == 0) {
                                op.put(key, null);
                                b.delete(key);
                            } else {
                                byte[] value = new byte[wr.nextInt(15) == 0 ? wr.nextInt(12_000) : wr.nextInt(80)];
                                wr.nextBytes(value);
                                op.put(key, value);
                                b.put(key, value);
                            }
                        }
                        pending.set(op);
                        try {
                            if (n == 1 && op.size() == 1) {
                                var only = op.firstEntry();
                                if (only.getValue() == null) {
                                    e.delete(only.getKey());
                                } else {
                                    e.put(only.getKey(), only.getValue());
                                }
                            } else {
                                e.apply(b);
                            }
                        } catch (RuntimeException afterCrash) {
                            return; // dead handles or a stopped engine: this op's outcome is open
                        }
                        apply(models.get(id), op);
                        pending.set(null);
                        done.incrementAndGet();
                    }
                });
                threads.add(t);
            }
            long crashAfter = r.nextInt(300);
            while (done.get() < crashAfter && threads.stream().anyMatch(Thread::isAlive)) {
                Thread.onSpinWait();
            }
            fs.crash(r);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            closeAfterCrash(e);
            List<TreeMap<byte[], byte[]>> pendings = new ArrayList<>();
            inFlight.forEach(p -> pendings.add(p.get()));
            try (BTreeEngine reopened = BTreeEngine.open(fs, DIR, options)) {
                checkWriters(reopened, models, pendings, "seed " + seed + " after crash " + cycle + ": " + fs.lastCrashReport());
            }
        }
        try (BTreeEngine e = BTreeEngine.open(fs, DIR, options)) {
            checkWriters(e, models, List.of(), "seed " + seed + " final");
            assertThat(e.verify()).isEmpty();
        }
        assertEveryPageVerifies(fs);
    }

    private static void apply(TreeMap<byte[], byte[]> model, TreeMap<byte[], byte[]> op) {
        op.forEach((k, v) -> {
            if (v == null) {
                model.remove(k);
            } else {
                model.put(k, v);
            }
        });
    }

    /**
     * Each writer's keys (first byte = writer) equal its model, or its model with its in-flight op
     * applied (then the model adopts it).
     */
    private static void checkWriters(BTreeEngine e, List<TreeMap<byte[], byte[]>> models, List<TreeMap<byte[], byte[]>> pending,
                                     String what) {
        for (int w = 0; w < models.size(); w++) {
            TreeMap<byte[], byte[]> actual = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            try (Cursor c = e.scan(KeyRange.prefix(new byte[] {(byte) w}), Direction.FORWARD)) {
                while (c.next()) {
                    actual.put(c.key(), c.value());
                }
            }
            TreeMap<byte[], byte[]> model = models.get(w);
            if (!sameContents(actual, model)) {
                TreeMap<byte[], byte[]> op = w < pending.size() ? pending.get(w) : null;
                TreeMap<byte[], byte[]> with = new TreeMap<>(model);
                if (op != null) {
                    apply(with, op);
                }
                assertThat(op != null && sameContents(actual, with))
                        .as("%s: writer %d has %d keys, acknowledged model %d (in flight: %s)", what, w, actual.size(),
                                model.size(), op == null ? "nothing" : op.size() + " keys")
                        .isTrue();
                apply(model, op);
            }
        }
    }

    private static boolean sameContents(TreeMap<byte[], byte[]> a, TreeMap<byte[], byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        var ia = a.entrySet().iterator();
        for (Map.Entry<byte[], byte[]> eb : b.entrySet()) {
            Map.Entry<byte[], byte[]> ea = ia.next();
            if (!java.util.Arrays.equals(ea.getKey(), eb.getKey()) || !java.util.Arrays.equals(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void diskFullFailsTheWriteAndKeepsEverythingCommitted() {
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
            BTreeOptions options = options(r);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            BTreeEngine e = BTreeEngine.open(fs, DIR, options);
            for (int i = 0; i < 300; i++) {
                randomOp(e, r, model);
            }
            fs.failWritesAfter(r.nextInt(200_000));
            byte[] failedKey = null;
            byte[] failedValue = null;
            try {
                for (int i = 0; i < 100_000; i++) {
                    byte[] key = ByteBuffer.allocate(8).putInt(0x7000_0000).putInt(i).array();
                    byte[] value = new byte[r.nextInt(3000)];
                    r.nextBytes(value);
                    failedKey = key;
                    failedValue = value;
                    e.put(key, value);
                    model.put(key, value);
                }
                throw new AssertionError("the disk never filled up");
            } catch (UncheckedIOException expected) {
                assertThat(expected.getCause()).isInstanceOf(java.io.IOException.class);
            }
            byte[] k = failedKey;
            assertThatThrownBy(() -> e.put(k, k)).isInstanceOf(io.shaledb.storage.EngineStoppedException.class);
            fs.clearFaults();
            fs.crash(r);
            closeAfterCrash(e);
            try (BTreeEngine reopened = BTreeEngine.open(fs, DIR, options)) {
                byte[] got = reopened.get(failedKey);
                assertThat(got == null || java.util.Arrays.equals(got, failedValue))
                        .as("the failed write is all there or not at all").isTrue();
                if (got != null) {
                    model.put(failedKey, failedValue);
                }
                assertSameContents(reopened, model, "seed " + seed);
                assertThat(reopened.verify()).isEmpty();
            }
        }
    }

    private static void randomOp(BTreeEngine e, Random r, TreeMap<byte[], byte[]> model) {
        int op = r.nextInt(10);
        if (op < 5) {
            byte[] key = key(r);
            byte[] value = new byte[r.nextInt(15) == 0 ? r.nextInt(12_000) : r.nextInt(80)];
            r.nextBytes(value);
            e.put(key, value);
            model.put(key, value);
        } else if (op < 8) {
            byte[] key = key(r);
            e.delete(key);
            model.remove(key);
        } else {
            WriteBatch b = new WriteBatch();
            int n = 1 + r.nextInt(30);
            // half the batches are runs of neighbouring keys (one base key, ascending suffixes), as a
            // list push or a bulk insert: most of their operations go straight to the batch's finger leaf
            byte[] base = r.nextBoolean() ? key(r) : null;
            for (int i = 0; i < n; i++) {
                byte[] key = base == null ? key(r) : Bytes.concat(base, new byte[] {(byte) i});
                if (r.nextInt(3) == 0) {
                    b.delete(key);
                    model.remove(key);
                } else {
                    byte[] value = new byte[r.nextInt(200)];
                    r.nextBytes(value);
                    b.put(key, value);
                    model.put(key, value);
                }
            }
            e.apply(b);
        }
    }

    private static byte[] key(Random r) {
        int n = r.nextInt(1500);
        return r.nextInt(50) == 0 ? Bytes.concat(new byte[1200], ByteBuffer.allocate(4).putInt(n).array())
                : ByteBuffer.allocate(4).putInt(Integer.reverse(n)).array();
    }

    /** The engine's scan equals {@code model}, key by key and value by value. */
    static void assertSameContents(BTreeEngine e, TreeMap<byte[], byte[]> model, String what) {
        List<Map.Entry<byte[], byte[]>> all = new ArrayList<>();
        try (Cursor c = e.scan(KeyRange.all(), Direction.FORWARD)) {
            while (c.next()) {
                all.add(Map.entry(c.key(), c.value()));
            }
        }
        assertThat(all.size()).as("%s: entry count", what).isEqualTo(model.size());
        int i = 0;
        for (Map.Entry<byte[], byte[]> m : model.entrySet()) {
            assertThat(Bytes.toHex(all.get(i).getKey())).as(what).isEqualTo(Bytes.toHex(m.getKey()));
            assertThat(all.get(i).getValue()).as("%s: value of %s", what, Bytes.toHex(m.getKey())).isEqualTo(m.getValue());
            i++;
        }
    }

    /** After a clean close every page the meta page counts passes its checksum on disk. */
    /** Closes an engine whose file handles died in a simulated crash; only the disk's state matters now. */
    private static void closeAfterCrash(BTreeEngine e) {
        try {
            e.close();
        } catch (RuntimeException expectedAfterCrash) {
            // its handles are dead, or it stopped itself before the crash
        }
    }

    /** A last reopen: contents equal the model, tree invariants hold, every page on disk verifies. */
    private static void verifyFinalState(CrashSimulatingFileSystem fs, BTreeOptions options, TreeMap<byte[], byte[]> model,
                                         long seed) {
        try (BTreeEngine e = BTreeEngine.open(fs, DIR, options)) {
            assertSameContents(e, model, "seed " + seed + " final: " + fs.lastCrashReport());
            assertThat(e.verify()).isEmpty();
        }
        assertEveryPageVerifies(fs);
    }

    private static void assertEveryPageVerifies(CrashSimulatingFileSystem fs) {
        try (PageFile file = PageFile.open(fs, DIR.resolve(BTreeEngine.DATA_FILE), 4096)) {
            byte[] page = new byte[4096];
            file.read(0, page);
            int count = io.shaledb.storage.btree.page.MetaPage.pageCount(page);
            for (int p = 0; p < count; p++) {
                file.read(p, page);
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

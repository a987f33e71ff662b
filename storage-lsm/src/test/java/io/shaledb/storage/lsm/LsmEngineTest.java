package io.shaledb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.wal.SyncMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stats, inspection, leveled shape, write stalls, and the real file system. */
class LsmEngineTest {
    private static final Logger log = LoggerFactory.getLogger(LsmEngineTest.class);

    private static byte[] key(int i) {
        return ByteBuffer.allocate(8).putInt(0x6b657900).putInt(i).array();
    }

    private static byte[] value(int i, int round) {
        return ("v" + round + "-" + i + "-" + "payload".repeat(1 + i % 7)).getBytes();
    }

    @Test
    @Timeout(120)
    void leveledCompactionKeepsLevelsSortedAndReportsStats() {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        LsmOptions options = LsmOptions.defaults().withMemtableSize(32 * 1024).withLevel1TargetBytes(64 * 1024)
                .withTargetFileSize(32 * 1024).withL0Triggers(4, 8, 12).withSyncMode(SyncMode.OFF);
        int n = 6000;
        try (LsmEngine e = LsmEngine.open(fs, Path.of("/stats"), options)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < n; i++) {
                    e.put(key((i * 7919) % n), value((i * 7919) % n, round));
                }
            }
            for (int i = 0; i < n; i += 3) {
                e.delete(key(i));
            }
            e.flushMemtable();
            e.awaitBackgroundIdle();
            for (int i = 0; i < n; i++) {
                byte[] got = e.get(key(i));
                if (i % 3 == 0) {
                    assertThat(got).isNull();
                } else {
                    assertThat(got).isEqualTo(value(i, 2));
                }
            }
            for (int i = n; i < n + 2000; i++) {
                assertThat(e.get(key(i))).isNull();
            }
            LsmInspection in = e.inspect();
            log.info("after {} puts and {} deletes:\n{}", 3 * n, n / 3, in.render());
            assertThat(in.levels()).hasSize(options.maxLevels());
            assertThat(in.levels().get(0).files().size()).isLessThan(options.l0CompactionTrigger());
            assertThat(in.levels().stream().skip(2).mapToInt(l -> l.files().size()).sum())
                    .as("data reached level 2 or deeper").isPositive();
            for (LsmInspection.Level l : in.levels().subList(1, in.levels().size())) {
                for (int i = 1; i < l.files().size(); i++) {
                    assertThat(l.files().get(i - 1).largestKey()).isLessThan(l.files().get(i).smallestKey());
                }
            }
            LsmStats s = e.stats();
            log.info("stats: {}; write amp {}, space amp {}, read amp {} tables/get, {} blocks/get, bloom FP {}", s,
                    s.writeAmplification(), s.spaceAmplification(), s.readAmplification(), s.blocksPerGet(),
                    s.bloomFalsePositiveRate());
            assertThat(s.flushes()).isPositive();
            assertThat(s.compactions()).isPositive();
            assertThat(s.writeAmplification()).isGreaterThan(1.0);
            assertThat(s.spaceAmplification()).isGreaterThanOrEqualTo(1.0);
            assertThat(s.gets()).isEqualTo(n + 2000);
            assertThat(s.bloomUseful()).isPositive();
            assertThat(s.bloomFalsePositiveRate()).isLessThan(0.05);
            assertThat(s.compactionBytesWritten()).isPositive();

            e.compactAll();
            LsmInspection after = e.inspect();
            assertThat(after.levels().stream().mapToLong(LsmInspection.Level::tombstones).sum()).isZero();
            assertThat(after.levels().stream().mapToLong(LsmInspection.Level::entries).sum()).isEqualTo(n - (n + 2) / 3);
        }
    }

    @Test
    @Timeout(120)
    void writersStallInsteadOfOutrunningCompaction() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        LsmOptions options = LsmOptions.defaults().withMemtableSize(4 * 1024).withMaxImmutableMemtables(1)
                .withLevel1TargetBytes(16 * 1024).withTargetFileSize(8 * 1024).withL0Triggers(1, 2, 3)
                .withSyncMode(SyncMode.OFF);
        try (LsmEngine e = LsmEngine.open(fs, Path.of("/stall"), options)) {
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean done = new AtomicBoolean();
            try {
                Future<?> writer = pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        e.put(key(i), value(i, 0));
                    }
                    done.set(true);
                    return null;
                });
                Future<?> reader = pool.submit(() -> {
                    while (!done.get()) {
                        List<byte[]> keys = new ArrayList<>();
                        try (Cursor c = e.scan(KeyRange.all(), Direction.BACKWARD)) {
                            while (c.next() && keys.size() < 500) {
                                keys.add(c.key());
                            }
                        }
                        for (int i = 1; i < keys.size(); i++) {
                            assertThat(java.util.Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).isPositive();
                        }
                    }
                    return null;
                });
                writer.get(100, TimeUnit.SECONDS);
                reader.get(100, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            LsmStats s = e.stats();
            log.info("stall test: {} slowdowns, {} stalls, {} ms stalled; {}", s.slowdowns(), s.stalls(), s.stallMillis(),
                    e.inspect().render());
            assertThat(s.slowdowns() + s.stalls()).isPositive();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            log.info("stall test: {} stall episodes, {} WARN lines in {} s", e.stallEpisodes(), e.stallWarnings(), seconds);
            assertThat(e.stallEpisodes()).isLessThanOrEqualTo(s.stalls());
            assertThat(e.stallWarnings()).isLessThanOrEqualTo(Math.min(e.stallEpisodes(), seconds + 1));
            assertThat(e.inspect().levels().getFirst().files().size()).isLessThanOrEqualTo(options.l0StopTrigger());
            for (int i = 0; i < 20_000; i += 97) {
                assertThat(e.get(key(i))).isEqualTo(value(i, 0));
            }
        }
    }

    @Test
    void anOpenCursorKeepsTheFilesItReadsUntilItIsClosed() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path dir = Path.of("/pin");
        try (LsmEngine e = LsmEngine.open(fs, dir, LsmEngineConformanceTest.tinyOptions().withBackgroundCompaction(false))) {
            for (int i = 0; i < 200; i++) {
                e.put(key(i), value(i, 0));
            }
            e.flushMemtable();
            List<String> before = e.inspect().levels().getFirst().files().stream().map(LsmInspection.File::name).toList();
            assertThat(before).isNotEmpty();
            Cursor c = e.scan(KeyRange.all(), Direction.FORWARD);
            assertThat(c.next()).isTrue();
            for (int i = 0; i < 200; i++) {
                e.put(key(i), value(i, 1));
            }
            e.compactAll();
            for (String name : before) {
                assertThat(fs.exists(dir.resolve(name))).as("%s is pinned by the cursor", name).isTrue();
            }
            int seen = 1;
            while (c.next()) {
                assertThat(c.value()).isEqualTo(value(ByteBuffer.wrap(c.key()).getInt(4), 0));
                seen++;
            }
            assertThat(seen).isEqualTo(200);
            c.close();
            for (String name : before) {
                assertThat(fs.exists(dir.resolve(name))).as("%s is deleted once unpinned", name).isFalse();
            }
            assertThat(e.get(key(7))).isEqualTo(value(7, 1));
        }
    }

    @Test
    @Timeout(120)
    void realFileSystemRoundTripWithSynchronousCommits(@TempDir Path tmp) {
        Path dir = tmp.resolve("nested/db");
        LsmOptions options = LsmOptions.defaults().withMemtableSize(64 * 1024);
        try (LsmEngine e = LsmEngine.open(dir, options)) {
            for (int i = 0; i < 300; i++) {
                e.put(key(i), value(i, 0));
            }
            assertThat(e.name()).isEqualTo("lsm");
        }
        try (LsmEngine e = LsmEngine.open(dir, options.withSyncMode(SyncMode.OFF))) {
            for (int i = 300; i < 5000; i++) {
                e.put(key(i), value(i, 1));
            }
            e.compactAll();
        }
        try (LsmEngine e = LsmEngine.open(dir, options)) {
            for (int i = 0; i < 5000; i++) {
                assertThat(e.get(key(i))).isEqualTo(value(i, i < 300 ? 0 : 1));
            }
            assertThat(e.inspect().fileCount()).isPositive();
        }
    }

    /** Sequential load: {@code multi} allows trivial moves of several L0 files at once. */
    private static LsmStats sequentialLoad(boolean multi, long[] movedFiles) {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        LsmOptions options = LsmOptions.defaults().withMemtableSize(32 * 1024).withLevel1TargetBytes(128 * 1024)
                .withTargetFileSize(32 * 1024).withL0Triggers(4, 8, 12).withSyncMode(SyncMode.OFF);
        int n = 20_000;
        try (LsmEngine e = LsmEngine.open(fs, Path.of("/seq"), options)) {
            e.setMultiFileTrivialMoves(multi);
            for (int i = 0; i < n; i++) {
                e.put(key(i), value(i, 0));
            }
            e.flushMemtable();
            e.awaitBackgroundIdle();
            for (int i = 0; i < n; i += 7) {
                assertThat(e.get(key(i))).isEqualTo(value(i, 0));
            }
            try (Cursor c = e.scan(KeyRange.all(), Direction.FORWARD)) {
                int count = 0;
                while (c.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(n);
            }
            LsmInspection in = e.inspect();
            for (LsmInspection.Level l : in.levels().subList(1, in.levels().size())) {
                for (int i = 1; i < l.files().size(); i++) {
                    assertThat(l.files().get(i - 1).largestKey()).isLessThan(l.files().get(i).smallestKey());
                }
            }
            movedFiles[0] = e.trivialMovedFiles();
            return e.stats();
        }
    }

    @Test
    @Timeout(120)
    void sequentialLoadMovesDisjointL0FilesWithoutRewriting() {
        long[] singleMoved = new long[1];
        long[] multiMoved = new long[1];
        LsmStats single = sequentialLoad(false, singleMoved);
        LsmStats multi = sequentialLoad(true, multiMoved);
        log.info("sequential load: single-file trivial moves only: write amp {} ({} moves, {} files, {} compactions,"
                + " {} B compaction writes); several-file moves: write amp {} ({} moves, {} files, {} compactions,"
                + " {} B compaction writes)", single.writeAmplification(), single.trivialMoves(), singleMoved[0],
                single.compactions(), single.compactionBytesWritten(), multi.writeAmplification(), multi.trivialMoves(),
                multiMoved[0], multi.compactions(), multi.compactionBytesWritten());
        assertThat(multi.trivialMoves()).isPositive();
        assertThat(multiMoved[0]).isGreaterThan(multi.trivialMoves());
        assertThat(multi.compactionBytesWritten()).isLessThan(single.compactionBytesWritten() / 2);
        assertThat(multi.writeAmplification()).isLessThan(single.writeAmplification() - 0.2);
    }

    @Test
    @Timeout(120)
    void flushedLogIsDeletedPromptly() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        long memtable = 8L << 20;
        LsmOptions options = LsmOptions.defaults().withMemtableSize(memtable).withSyncMode(SyncMode.OFF);
        assertThat(LsmEngine.walOptions(options).segmentSize()).isEqualTo(memtable / 4);
        assertThat(LsmEngine.walOptions(LsmOptions.defaults()).segmentSize()).isEqualTo(16L << 20);
        try (LsmEngine e = LsmEngine.open(fs, Path.of("/walkeep"), options)) {
            byte[] v = new byte[1000];
            for (int i = 0; i < 30_000; i++) {
                e.put(key(i), v);
            }
            e.flushMemtable();
            e.awaitBackgroundIdle();
            long onDisk = e.walBytesOnDisk();
            log.info("log written {} B, on disk after the flush {} B", e.stats().walBytesWritten(), onDisk);
            assertThat(e.stats().walBytesWritten()).isGreaterThan(3 * memtable);
            assertThat(onDisk).isLessThanOrEqualTo(memtable / 4 + 4096);
        }
    }

    @Test
    @Timeout(60)
    void recoversLogFormatOneRecordsAndWritesCompactRecords() throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path dir = Path.of("/v1log");
        fs.createDirectories(dir.resolve(LsmEngine.WAL_DIR));
        try (io.shaledb.wal.Wal wal = io.shaledb.wal.Wal.open(fs, dir.resolve(LsmEngine.WAL_DIR),
                io.shaledb.wal.WalOptions.defaults().withSyncMode(SyncMode.SYNC))) {
            for (int i = 0; i < 100; i++) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                out.write(ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(i + 1).putInt(1).array());
                byte[] k = key(i);
                byte[] v = value(i, 0);
                out.write(1);
                io.shaledb.storage.lsm.sst.Varint.write(out, k.length);
                out.write(k);
                io.shaledb.storage.lsm.sst.Varint.write(out, v.length);
                out.write(v);
                wal.commit(BatchCodec.TYPE_V1, out.toByteArray());
            }
        }
        LsmOptions options = LsmOptions.defaults().withSyncMode(SyncMode.SYNC);
        long userBefore;
        long walBefore;
        try (LsmEngine e = LsmEngine.open(fs, dir, options)) {
            for (int i = 0; i < 100; i++) {
                assertThat(e.get(key(i))).isEqualTo(value(i, 0));
            }
            LsmStats s0 = e.stats();
            userBefore = s0.userBytesWritten();
            walBefore = s0.walBytesWritten();
            for (int i = 100; i < 200; i++) {
                e.put(key(i), value(i, 1));
            }
            LsmStats s = e.stats();
            long userBytes = s.userBytesWritten() - userBefore;
            long logBytes = s.walBytesWritten() - walBefore;
            // Per put: the WAL's 20-byte record header, at most 3 bytes of batch header (sequence < 2^14,
            // count 1), the kind and two one-byte lengths.
            assertThat(logBytes - userBytes).isLessThanOrEqualTo(100L * (io.shaledb.wal.Wal.RECORD_OVERHEAD + 3 + 3));
        }
        try (LsmEngine e = LsmEngine.open(fs, dir, options)) {
            for (int i = 0; i < 200; i++) {
                assertThat(e.get(key(i))).isEqualTo(value(i, i < 100 ? 0 : 1));
            }
            e.put(key(0), value(0, 2));
            e.compactAll();
        }
        try (LsmEngine e = LsmEngine.open(fs, dir, options)) {
            assertThat(e.get(key(0))).isEqualTo(value(0, 2));
            assertThat(e.get(key(150))).isEqualTo(value(150, 1));
        }
    }

    @Test
    void manifestWithNewerLogFormatIsRefused() {
        VersionEdit edit = new VersionEdit();
        edit.nextFileNumber = 3L;
        edit.logFormat = BatchCodec.LOG_FORMAT;
        assertThat(VersionEdit.decode(edit.encode()).logFormat).isEqualTo(BatchCodec.LOG_FORMAT);
        edit.logFormat = BatchCodec.LOG_FORMAT + 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VersionEdit.decode(edit.encode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log format");
    }
}

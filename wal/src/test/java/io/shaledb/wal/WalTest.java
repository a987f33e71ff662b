package io.shaledb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.RealFileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {

    static final byte T1 = RecordTypes.register(RecordTypes.Range.TEST, 240, "test.one");
    static final byte T2 = RecordTypes.register(RecordTypes.Range.TEST, 241, "test.two");

    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
    private final Path dir = Path.of("/db/wal");

    @Test
    void appendThenReplayInOrderWithByteIdenticalPayloads() throws Exception {
        try (Wal wal = Wal.open(fs, dir)) {
            long a = wal.append(T1, utf8("alpha"));
            long b = wal.append(T2, new byte[0]);
            long c = wal.commit(T1, ByteBuffer.wrap(utf8("gamma")));
            // LSN = byte position in the log stream: the first record follows the 32-byte segment header.
            assertThat(a).isEqualTo(32);
            assertThat(b).isEqualTo(a + 20 + 5);
            assertThat(c).isEqualTo(b + 20);
            assertThat(wal.durableLsn()).isEqualTo(Wal.recordEnd(c, 5)).isEqualTo(wal.endLsn());
            assertThat(Rec.replayAll(wal)).containsExactly(
                    new Rec(a, T1, utf8("alpha")), new Rec(b, T2, new byte[0]), new Rec(c, T1, utf8("gamma")));
            assertThat(Rec.replayAll(wal, b)).extracting(Rec::lsn).containsExactly(b, c);
            assertThat(Rec.replayAll(wal, b + 1)).extracting(Rec::lsn).containsExactly(c);
            assertThat(wal.segmentFiles()).containsExactly(dir.resolve("0000000000000000.wal"));
        }
    }

    @Test
    void appendDoesNotConsumeTheCallersBuffer() throws Exception {
        try (Wal wal = Wal.open(fs, dir)) {
            ByteBuffer payload = ByteBuffer.wrap(utf8("xxpayloadxx")).position(2).limit(9);
            wal.append(T1, payload);
            assertThat(payload.position()).isEqualTo(2);
            wal.flush();
            assertThat(Rec.replayAll(wal)).singleElement().extracting(Rec::payload).isEqualTo(utf8("payload"));
        }
    }

    @Test
    void reopeningContinuesAfterTheLastRecord() throws Exception {
        List<Rec> expected = new ArrayList<>();
        try (Wal wal = Wal.open(fs, dir)) {
            for (int i = 0; i < 10; i++) {
                expected.add(new Rec(wal.append(T1, utf8("r" + i)), T1, utf8("r" + i)));
            }
        }
        fs.crash(); // close() synced: nothing may be lost
        try (Wal wal = Wal.open(fs, dir)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
            long end = wal.endLsn();
            long next = wal.commit(T2, utf8("after"));
            assertThat(next).isEqualTo(end);
            expected.add(new Rec(next, T2, utf8("after")));
        }
        try (Wal wal = Wal.open(fs, dir)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
        }
    }

    @Test
    void segmentsRollOverAndAreNamedByTheirBaseLsn() throws Exception {
        WalOptions options = WalOptions.defaults().withSegmentSize(1024).withWriteBufferSize(256);
        List<Rec> expected = new ArrayList<>();
        Random random = new Random(1);
        try (Wal wal = Wal.open(fs, dir, options)) {
            for (int i = 0; i < 200; i++) {
                byte[] p = new byte[random.nextInt(300)];
                random.nextBytes(p);
                expected.add(new Rec(wal.append(T1, p), T1, p));
                if (i % 17 == 0) {
                    wal.awaitDurable(expected.getLast().lsn());
                }
            }
            wal.flush();
            assertThat(wal.segmentFiles()).hasSizeGreaterThan(20);
            for (Path p : wal.segmentFiles()) {
                long base = WalFormat.parseSegmentName(p.getFileName().toString());
                assertThat(p.getFileName().toString()).isEqualTo(String.format("%016x.wal", base));
            }
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
        }
        try (Wal wal = Wal.open(fs, dir, options.withVerifyAllSegmentsOnOpen(true))) {
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
            // Replay from the middle of the log, from a record in a later segment.
            Rec mid = expected.get(150);
            assertThat(Rec.replayAll(wal, mid.lsn())).isEqualTo(expected.subList(150, expected.size()));
        }
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        WalOptions options = WalOptions.defaults().withSegmentSize(4096).withWriteBufferSize(1024);
        byte[] big = new byte[10_000];
        new Random(2).nextBytes(big);
        List<Rec> expected = new ArrayList<>();
        try (Wal wal = Wal.open(fs, dir, options)) {
            expected.add(new Rec(wal.append(T1, utf8("small")), T1, utf8("small")));
            expected.add(new Rec(wal.append(T2, big), T2, big));
            expected.add(new Rec(wal.commit(T1, utf8("after")), T1, utf8("after")));
            assertThat(wal.segmentFiles()).hasSize(3);
        }
        try (Wal wal = Wal.open(fs, dir, options.withVerifyAllSegmentsOnOpen(true))) {
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
        }
    }

    @Test
    void largePayloadsOnTheRealFileSystem(@TempDir Path tmp) throws Exception {
        Random random = new Random(3);
        byte[] big = new byte[20 << 20];
        random.nextBytes(big);
        byte[] medium = new byte[3 << 20];
        random.nextBytes(medium);
        List<Rec> expected = new ArrayList<>();
        try (Wal wal = Wal.open(RealFileSystem.INSTANCE, tmp.resolve("wal"), WalOptions.defaults().withSegmentSize(16 << 20))) {
            expected.add(new Rec(wal.commit(T1, medium), T1, medium));
            expected.add(new Rec(wal.commit(T2, big), T2, big));
            expected.add(new Rec(wal.commit(T1, utf8("tail")), T1, utf8("tail")));
        }
        try (Wal wal = Wal.open(RealFileSystem.INSTANCE, tmp.resolve("wal"))) {
            assertThat(Rec.replayAll(wal)).isEqualTo(expected);
        }
    }

    @Test
    void truncateBeforeDeletesOnlyWholeSegmentsBeforeTheLsn() throws Exception {
        WalOptions options = WalOptions.defaults().withSegmentSize(512);
        List<Rec> expected = new ArrayList<>();
        try (Wal wal = Wal.open(fs, dir, options)) {
            for (int i = 0; i < 50; i++) {
                byte[] p = utf8("record number " + i + " with some padding to fill segments");
                expected.add(new Rec(wal.append(T1, p), T1, p));
            }
            wal.flush();
            int before = wal.segmentFiles().size();
            Rec checkpoint = expected.get(30);
            int deleted = wal.truncateBefore(checkpoint.lsn());
            assertThat(deleted).isPositive();
            assertThat(wal.segmentFiles()).hasSize(before - deleted);
            assertThat(wal.firstLsn()).isLessThanOrEqualTo(checkpoint.lsn());
            assertThat(Rec.replayAll(wal, checkpoint.lsn())).isEqualTo(expected.subList(30, 50));
            assertThatThrownBy(() -> wal.replay(0, (l, t, p) -> {})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no longer in the log");
            // Never the active segment, even when asked to drop everything.
            wal.truncateBefore(Long.MAX_VALUE);
            assertThat(wal.segmentFiles()).hasSize(1);
            long lsn = wal.commit(T1, utf8("still works"));
            assertThat(Rec.replayAll(wal)).last().isEqualTo(new Rec(lsn, T1, utf8("still works")));
        }
        fs.crash();
        try (Wal wal = Wal.open(fs, dir, options)) {
            assertThat(wal.segmentFiles()).hasSize(1);
            assertThat(Rec.replayAll(wal)).last().extracting(Rec::payload).isEqualTo(utf8("still works"));
        }
    }

    @Test
    void misuseIsRejected() throws Exception {
        Wal wal = Wal.open(fs, dir, WalOptions.defaults().withMaxRecordSize(100));
        assertThatThrownBy(() -> wal.append((byte) 0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wal.append(T1, new byte[101])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wal.awaitDurable(wal.endLsn())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not been appended");
        wal.close();
        wal.close(); // idempotent
        assertThatThrownBy(() -> wal.append(T1, new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> wal.newReader(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordTypeRegistry() {
        assertThat(RecordTypes.name(T1)).isEqualTo("test.one");
        assertThat(RecordTypes.register(RecordTypes.Range.TEST, 240, "test.one")).isEqualTo(T1);
        assertThatThrownBy(() -> RecordTypes.register(RecordTypes.Range.TEST, 240, "other"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RecordTypes.register(RecordTypes.Range.BTREE, 240, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordTypes.rangeOf((byte) 50)).isEqualTo(RecordTypes.Range.BTREE);
        assertThat(RecordTypes.rangeOf((byte) 0)).isNull();
        assertThat(RecordTypes.name((byte) 209)).isEqualTo("type-209");
    }

    @Test
    void offModeAcknowledgesAtOnceAndSyncsInTheBackground() throws Exception {
        WalOptions options = WalOptions.defaults().withSyncMode(SyncMode.OFF)
                .withBackgroundSyncInterval(Duration.ofMillis(5));
        try (Wal wal = Wal.open(fs, dir, options)) {
            long syncsBefore = fs.syncCount();
            long lsn = 0;
            for (int i = 0; i < 100; i++) {
                lsn = wal.commit(T1, utf8("c" + i));
            }
            assertThat(wal.stats().commits()).isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (wal.durableLsn() <= lsn && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(wal.durableLsn()).isGreaterThan(lsn);
            assertThat(fs.syncCount() - syncsBefore).isLessThan(100);
            // awaitDurable still really waits for the disk.
            long more = wal.append(T1, utf8("more"));
            wal.awaitDurable(more);
            assertThat(wal.durableLsn()).isGreaterThan(more);
        }
    }

    @Test
    void groupDelayModeCommitsDurably() throws Exception {
        WalOptions options = WalOptions.defaults().withSyncMode(SyncMode.GROUP_DELAY)
                .withGroupCommitDelay(Duration.ofNanos(50_000));
        try (Wal wal = Wal.open(fs, dir, options)) {
            long lsn = wal.commit(T1, utf8("x"));
            assertThat(wal.durableLsn()).isGreaterThan(lsn);
            assertThat(wal.stats().commits()).isEqualTo(1);
            assertThat(wal.stats().records()).isEqualTo(1);
            assertThat(wal.stats().bytesAppended()).isEqualTo(21);
        }
    }

    @Test
    void aFullDiskFailsTheLogAndReopeningRecovers() throws Exception {
        List<Rec> durable = new ArrayList<>();
        Wal wal = Wal.open(fs, dir, WalOptions.defaults().withWriteBufferSize(64));
        for (int i = 0; i < 5; i++) {
            durable.add(new Rec(wal.commit(T1, utf8("ok" + i)), T1, utf8("ok" + i)));
        }
        fs.failWritesAfter(30);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                wal.commit(T1, utf8("doomed record " + i));
            }
        }).hasMessageContaining("No space left on device");
        assertThatThrownBy(() -> wal.append(T1, utf8("later"))).isInstanceOf(WalFailedException.class)
                .hasMessageContaining("reopen");
        assertThatThrownBy(wal::flush).isInstanceOf(WalFailedException.class);
        assertThatThrownBy(wal::close).isInstanceOf(WalFailedException.class);
        fs.clearFaults();
        // Reopen on the same (not crashed) disk: the short write is a torn tail and is cut off.
        try (Wal again = Wal.open(fs, dir)) {
            List<Rec> replayed = Rec.replayAll(again);
            assertThat(replayed).startsWith(durable.toArray(Rec[]::new));
            assertThat(replayed.subList(durable.size(), replayed.size()))
                    .allSatisfy(r -> assertThat(new String(r.payload(), StandardCharsets.UTF_8)).startsWith("doomed"));
            long lsn = again.commit(T2, utf8("fresh"));
            assertThat(Rec.replayAll(again)).last().isEqualTo(new Rec(lsn, T2, utf8("fresh")));
        }
    }

    @Test
    void aFailedSyncIsFinal() throws Exception {
        Wal wal = Wal.open(fs, dir);
        long ok = wal.commit(T1, utf8("ok"));
        long doomed = wal.append(T1, utf8("doomed"));
        fs.failNextSync();
        assertThatThrownBy(() -> wal.awaitDurable(doomed)).hasMessageContaining("injected");
        // No retry: a second sync could "succeed" without the data being on disk.
        assertThatThrownBy(() -> wal.awaitDurable(doomed)).isInstanceOf(WalFailedException.class);
        wal.awaitDurable(ok); // was durable before the failure
        assertThatThrownBy(wal::close).isInstanceOf(WalFailedException.class);
        fs.crash();
        try (Wal again = Wal.open(fs, dir)) {
            assertThat(Rec.replayAll(again)).containsExactly(new Rec(ok, T1, utf8("ok")));
        }
    }

    /** Bytes of the first segment file as the (simulated) page cache holds it now. */
    private long segmentBytes() throws Exception {
        try (var h = fs.open(dir.resolve("0000000000000000.wal"), io.shaledb.common.fs.OpenMode.READ)) {
            return h.size();
        }
    }

    @Test
    void theWriteBarrierRunsBeforeAnyRecordIsWrittenOut() throws Exception {
        try (Wal wal = Wal.open(fs, dir, WalOptions.defaults().withWriteBufferSize(4096))) {
            List<Long> fileBytesAtBarrier = new ArrayList<>();
            wal.setWriteBarrier(() -> {
                try {
                    fileBytesAtBarrier.add(segmentBytes());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            long a = wal.append(T1, utf8("alpha"));
            assertThat(fileBytesAtBarrier).as("appending into the buffer writes nothing").isEmpty();
            wal.flush();
            assertThat(fileBytesAtBarrier).as("the sync ran the barrier while the file ended before the record")
                    .containsExactly(a);
            // A full buffer written out by an append runs it too, before the write.
            long end = wal.endLsn();
            while (wal.endLsn() - end < 4096) {
                wal.append(T2, new byte[100]);
            }
            assertThat(fileBytesAtBarrier).hasSize(2).last().isEqualTo(end);
            wal.setWriteBarrier(null);
            wal.flush();
            assertThat(fileBytesAtBarrier).hasSize(2);
        }
    }

    @Test
    void aSyncWritesOnlyWhatItsBarrierCoveredWhileAppendsGoOn() throws Exception {
        try (Wal wal = Wal.open(fs, dir)) {
            long a = wal.append(T1, utf8("covered"));
            long[] late = new long[1];
            wal.setWriteBarrier(() -> {
                if (late[0] != 0) {
                    return;
                }
                // An append during the barrier does not wait for it (no append lock is held) ...
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        late[0] = wal.append(T2, utf8("late"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertThat(t.isAlive()).as("an append waited for the barrier").isFalse();
            });
            wal.awaitDurable(a);
            // ... and is not written with the records the barrier ran for.
            assertThat(wal.durableLsn()).isEqualTo(Wal.recordEnd(a, 7));
            assertThat(segmentBytes()).isEqualTo(Wal.recordEnd(a, 7));
            wal.flush();
            assertThat(wal.durableLsn()).isEqualTo(Wal.recordEnd(late[0], 4));
            assertThat(Rec.replayAll(wal)).containsExactly(new Rec(a, T1, utf8("covered")), new Rec(late[0], T2, utf8("late")));
        }
    }

    @Test
    void aFailingBarrierFailsTheSyncButNotTheLog() throws Exception {
        try (Wal wal = Wal.open(fs, dir)) {
            long a = wal.append(T1, utf8("waits"));
            wal.setWriteBarrier(() -> {
                throw new IllegalStateException("the other log cannot sync");
            });
            assertThatThrownBy(wal::flush).hasMessage("the other log cannot sync");
            assertThat(wal.durableLsn()).isLessThanOrEqualTo(a);
            assertThat(segmentBytes()).as("nothing written out").isEqualTo(a);
            wal.setWriteBarrier(null);
            wal.flush();
            assertThat(Rec.replayAll(wal)).containsExactly(new Rec(a, T1, utf8("waits")));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

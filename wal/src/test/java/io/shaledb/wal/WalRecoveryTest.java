package io.shaledb.wal;

import static io.shaledb.wal.WalTest.T1;
import static io.shaledb.wal.WalTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damaged logs: torn tails end the log cleanly, damage before the tail is an error naming file and offset. */
class WalRecoveryTest {

    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
    private final Path dir = Path.of("/db/wal");
    private final WalOptions smallSegments = WalOptions.defaults().withSegmentSize(1024);

    /** Writes {@code n} records of ~100 bytes with small segments and returns them. */
    private List<Rec> writeLog(int n) throws Exception {
        List<Rec> out = new ArrayList<>();
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            for (int i = 0; i < n; i++) {
                byte[] p = utf8(String.format("record %04d ", i).repeat(8));
                out.add(new Rec(wal.append(T1, p), T1, p));
            }
        }
        return out;
    }

    private Path segmentOf(long lsn) throws IOException {
        Path found = null;
        for (Wal.SegmentRef ref : WalRecovery.listSegments(fs, dir)) {
            if (ref.baseLsn() <= lsn) {
                found = ref.path();
            }
        }
        return found;
    }

    private static long baseOf(Path segment) {
        return WalFormat.parseSegmentName(segment.getFileName().toString());
    }

    private void flipBit(Path file, long offset) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.READ_WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            h.readFully(b, offset);
            h.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x10)}), offset);
            h.sync();
        }
    }

    private void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.READ_WRITE)) {
            h.write(ByteBuffer.wrap(bytes), offset);
            h.sync();
        }
    }

    @Test
    void aFlippedBitInTheMiddleOfTheLogIsReportedWithFileAndOffset() throws Exception {
        List<Rec> records = writeLog(60);
        Rec victim = records.get(10);
        Path segment = segmentOf(victim.lsn());
        long offset = victim.lsn() - baseOf(segment);
        assertThat(segment).isNotEqualTo(segmentOf(records.getLast().lsn()));
        flipBit(segment, offset + 20 + 7); // inside the payload

        // Opening with full verification reports it at once.
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments.withVerifyAllSegmentsOnOpen(true)))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.file()).isEqualTo(segment);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.getMessage()).contains(segment.getFileName().toString())
                            .contains("offset " + offset).contains("checksum mismatch");
                });
        // A normal open checks old segments by header and size; replaying over the damage reports it.
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThatThrownBy(() -> Rec.replayAll(wal)).isInstanceOfSatisfying(CorruptWalException.class, e -> {
                assertThat(e.file()).isEqualTo(segment);
                assertThat(e.offset()).isEqualTo(offset);
            });
            // Records after the damage are still readable from a later position.
            assertThat(Rec.replayAll(wal, records.get(11).lsn())).isEqualTo(records.subList(11, records.size()));
        }
    }

    @Test
    void aGarbageLengthInTheMiddleOfTheLogIsAnErrorNotAnEnd() throws Exception {
        List<Rec> records = writeLog(60);
        Rec victim = records.get(3);
        Path segment = segmentOf(victim.lsn());
        long offset = victim.lsn() - baseOf(segment);
        overwrite(segment, offset + 4, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_0000).array());
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments.withVerifyAllSegmentsOnOpen(true)))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessageContaining("length");
    }

    @Test
    void aMissingMiddleSegmentIsAnError() throws Exception {
        writeLog(60);
        List<Wal.SegmentRef> segments = WalRecovery.listSegments(fs, dir);
        assertThat(segments).hasSizeGreaterThan(3);
        fs.delete(segments.get(1).path());
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments)).isInstanceOfSatisfying(CorruptWalException.class,
                e -> assertThat(e.file()).isEqualTo(segments.get(0).path())).hasMessageContaining("next segment");
    }

    @Test
    void aFlippedBitInTheLastRecordEndsTheLogCleanly() throws Exception {
        List<Rec> records = writeLog(20);
        Rec last = records.getLast();
        Path segment = segmentOf(last.lsn());
        flipBit(segment, last.lsn() - baseOf(segment) + 25);
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(records.subList(0, records.size() - 1));
            assertThat(wal.endLsn()).isEqualTo(last.lsn());
            long lsn = wal.commit(T1, utf8("replacement"));
            assertThat(lsn).isEqualTo(last.lsn());
        }
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).last().isEqualTo(new Rec(last.lsn(), T1, utf8("replacement")));
        }
    }

    @Test
    void zeroedSpaceAfterTheLastRecordEndsTheLogCleanly() throws Exception {
        List<Rec> records = writeLog(5);
        Path segment = segmentOf(records.getLast().lsn());
        try (FileHandle h = fs.open(segment, OpenMode.READ_WRITE)) {
            h.write(ByteBuffer.allocate(4096), h.size()); // a size update without its data
            h.sync();
        }
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(records);
            assertThat(fs.open(segment, OpenMode.READ).size()).isEqualTo(wal.endLsn() - baseOf(segment));
        }
    }

    @Test
    void aShortRecordAtTheEndIsCutOff() throws Exception {
        List<Rec> records = writeLog(5);
        Rec last = records.getLast();
        Path segment = segmentOf(last.lsn());
        try (FileHandle h = fs.open(segment, OpenMode.READ_WRITE)) {
            h.truncate(last.lsn() - baseOf(segment) + 30);
            h.sync();
        }
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(records.subList(0, 4));
        }
    }

    @Test
    void aGarbageLengthInTheTailEndsTheLogCleanly() throws Exception {
        List<Rec> records = writeLog(5);
        Rec last = records.getLast();
        Path segment = segmentOf(last.lsn());
        overwrite(segment, last.lsn() - baseOf(segment) + 4, new byte[] {-1, -1, -1, -1});
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(records.subList(0, 4));
        }
    }

    @Test
    void damageInTheLastSegmentFollowedByValidRecordsIsAnErrorInStrictMode() throws Exception {
        List<Rec> records = writeLog(8);
        Path segment = segmentOf(records.getLast().lsn());
        Rec victim = records.stream().filter(r -> {
            try {
                return segmentOf(r.lsn()).equals(segment);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).findFirst().orElseThrow();
        assertThat(victim).isNotEqualTo(records.getLast());
        long offset = victim.lsn() - baseOf(segment);
        flipBit(segment, offset + 30);
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments.withStrictTailRecovery(true)))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.file()).isEqualTo(segment);
                    assertThat(e.offset()).isEqualTo(offset);
                }).hasMessageContaining("valid record follows");
        // The default treats it as a torn tail (unsynced writes can reach the disk out of order) and warns.
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(Rec.replayAll(wal)).isEqualTo(records.subList(0, records.indexOf(victim)));
        }
    }

    @Test
    void aTornNewSegmentIsRemoved() throws Exception {
        List<Rec> records = writeLog(5);
        long end;
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            end = wal.endLsn();
        }
        // A segment whose creation was cut short: half a header.
        Path torn = dir.resolve(WalFormat.segmentName(end));
        try (FileHandle h = fs.open(torn, OpenMode.CREATE_NEW)) {
            ByteBuffer header = WalFormat.encodeSegmentHeader(end, 42);
            h.write(header.limit(13), 0);
            h.sync();
        }
        fs.syncDirectory(dir);
        try (Wal wal = Wal.open(fs, dir, smallSegments)) {
            assertThat(fs.exists(torn)).isFalse();
            assertThat(Rec.replayAll(wal)).isEqualTo(records);
            assertThat(wal.endLsn()).isEqualTo(end);
            wal.commit(T1, utf8("continues"));
        }
    }

    @Test
    void aSegmentFromAnotherLogIsRejected() throws Exception {
        writeLog(30);
        List<Wal.SegmentRef> segments = WalRecovery.listSegments(fs, dir);
        Wal.SegmentRef first = segments.getFirst();
        overwrite(first.path(), 0, WalFormat.encodeSegmentHeader(first.baseLsn(), 12345).array());
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments)).isInstanceOf(CorruptWalException.class)
                .hasMessageContaining("another log");
    }

    @Test
    void aDamagedSegmentHeaderIsReported() throws Exception {
        writeLog(30);
        Path first = WalRecovery.listSegments(fs, dir).getFirst().path();
        flipBit(first, 3);
        assertThatThrownBy(() -> Wal.open(fs, dir, smallSegments)).isInstanceOfSatisfying(CorruptWalException.class,
                e -> {
                    assertThat(e.file()).isEqualTo(first);
                    assertThat(e.offset()).isZero();
                }).hasMessageContaining("magic");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        writeLog(1);
        Path only = WalRecovery.listSegments(fs, dir).getFirst().path();
        ByteBuffer header = WalFormat.encodeSegmentHeader(0, 7);
        byte[] h = header.array();
        h[8] = 2; // version 2
        int crc = io.shaledb.common.checksum.Crc32c.of(h, 0, 28);
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putInt(28, crc);
        overwrite(only, 0, h);
        // The only segment has an unreadable header but valid records follow: never silently discarded.
        assertThatThrownBy(() -> Wal.open(fs, dir)).isInstanceOf(CorruptWalException.class)
                .hasMessageContaining("version 2");
    }
}

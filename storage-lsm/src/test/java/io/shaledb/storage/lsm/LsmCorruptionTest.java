package io.shaledb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.OpenMode;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.lsm.sst.CorruptSstException;
import io.shaledb.storage.lsm.sst.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A flipped bit anywhere in an SSTable gives a clear error naming the file and offset, never wrong data. */
class LsmCorruptionTest {
    private static final Path DIR = Path.of("/corrupt");

    private static byte[] key(int i) {
        return String.format("key-%05d", i).getBytes();
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes();
    }

    /** One SSTable in L1 with many blocks; returns its path. */
    private static Path buildTable(CrashSimulatingFileSystem fs, boolean lz4) {
        LsmOptions options = LsmOptions.defaults().withBlockSize(512).withLz4Compression(lz4).withBlockCacheBytes(0);
        try (LsmEngine e = LsmEngine.open(fs, DIR, options)) {
            for (int i = 0; i < 2000; i++) {
                e.put(key(i), value(i));
            }
            e.compactAll();
            List<LsmInspection.File> files = e.inspect().levels().get(1).files();
            assertThat(files).hasSize(1);
            return DIR.resolve(files.getFirst().name());
        }
    }

    private static void flipBit(CrashSimulatingFileSystem fs, Path file, long offset, int bit) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.READ_WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            h.readFully(b, offset);
            b.put(0, (byte) (b.get(0) ^ (1 << bit))).rewind();
            h.write(b, offset);
            h.sync();
        }
    }

    private static long size(CrashSimulatingFileSystem fs, Path file) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.READ)) {
            return h.size();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void flippedBitInADataBlockIsReportedWithFileAndBlockOffset(boolean lz4) throws IOException {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path table = buildTable(fs, lz4);
        flipBit(fs, table, 3, 5); // inside the first data block, which starts at offset 0
        LsmOptions options = LsmOptions.defaults().withBlockSize(512).withLz4Compression(lz4).withBlockCacheBytes(0);
        try (LsmEngine e = LsmEngine.open(fs, DIR, options)) {
            assertThatThrownBy(() -> e.get(key(0)))
                    .isInstanceOf(CorruptSstException.class)
                    .hasMessageContaining(table.toString())
                    .hasMessageContaining("offset 0")
                    .hasMessageContaining("data block")
                    .hasMessageContaining("checksum mismatch")
                    .satisfies(t -> {
                        assertThat(((CorruptSstException) t).file()).isEqualTo(table);
                        assertThat(((CorruptSstException) t).offset()).isZero();
                    });
            // keys in other blocks are still readable
            assertThat(e.get(key(1999))).isEqualTo(value(1999));
            // a scan fails when it reaches the block, it never skips or invents data
            assertThatThrownBy(() -> {
                try (Cursor c = e.scan(KeyRange.all(), Direction.BACKWARD)) {
                    while (c.next()) {
                        assertThat(c.value()).isEqualTo(value(Integer.parseInt(new String(c.key()).substring(4))));
                    }
                }
            }).isInstanceOf(CorruptSstException.class).hasMessageContaining(table.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void flippedBitInTheTailOfTheFileFailsTheOpenNamingTheFile(int fromEnd) throws IOException {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path table = buildTable(fs, false);
        long size = size(fs, table);
        // footer bytes, then bytes of the index block (just before the footer)
        long offset = fromEnd <= 4 ? size - fromEnd * 13L : size - TableFormat.FOOTER_SIZE - TableFormat.TRAILER_SIZE - fromEnd * 7L;
        flipBit(fs, table, offset, fromEnd % 8);
        assertThatThrownBy(() -> LsmEngine.open(fs, DIR, LsmOptions.defaults()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(table.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 97, 1021, 4099, 7001})
    void everyFlippedBitIsDetectedOnAFullRead(int seed) throws IOException {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path table = buildTable(fs, seed % 2 == 0);
        java.util.Random r = new java.util.Random(seed);
        long offset = (long) r.nextInt((int) size(fs, table));
        flipBit(fs, table, offset, r.nextInt(8));
        try {
            try (LsmEngine e = LsmEngine.open(fs, DIR, LsmOptions.defaults().withBlockCacheBytes(0))) {
                for (int i = 0; i < 2000; i++) {
                    assertThat(e.get(key(i))).isEqualTo(value(i));
                }
            }
            throw new AssertionError("flipping a bit at offset " + offset + " went unnoticed");
        } catch (CorruptSstException expected) {
            assertThat(expected.file()).isEqualTo(table);
            assertThat(expected).hasMessageContaining(table.toString());
        } catch (UncheckedIOException expected) {
            assertThat(expected).hasMessageContaining(table.toString());
        }
    }
}

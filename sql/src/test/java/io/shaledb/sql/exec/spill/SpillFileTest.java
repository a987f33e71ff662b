package io.shaledb.sql.exec.spill;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Jsonb;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill files: every value the engine holds reads back as the same class and value; files go away. */
class SpillFileTest {
    @TempDir
    Path dir;

    @Test
    void everyValueKindRoundTrips() {
        TempFiles files = TempFiles.at(dir);
        Object[] row = {
            null, true, false, (short) -7, 42, -1, Long.MIN_VALUE, 1_700_000_000_000_000L, 1.5f, -0.0, Double.NaN,
            "", "häagen dazs ☃", new BigDecimal("-12345678901234567890.000120"), BigDecimal.ZERO,
            new Bytea(new byte[] {0, 1, (byte) 255}), UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            new Interval(1, -2, 3_000_000L), Jsonb.parse("{\"a\": [1, 2.50, null, true], \"b\": {\"c\": \"d\"}}"),
            Arrays.asList(1, null, 3), List.of(List.of("x"), List.of("y")), new byte[] {9, 8}, new Object[] {1L, null, "z"}
        };
        try (SpillFile f = files.create("test")) {
            f.write(row);
            f.write(new Object[0]);
            f.write(new Object[] {null, null});
            SpillFile.Reader r = f.reader();
            Object[] back = r.next();
            assertThat(back).hasSameSizeAs(row);
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    assertThat(back[i]).isNull();
                } else {
                    if (row[i] instanceof List<?> || row[i] instanceof Number && !(row[i] instanceof BigDecimal)) {
                        assertThat(back[i]).as("value %d", i).isEqualTo(row[i]);
                    } else {
                        assertThat(back[i]).as("value %d", i).isExactlyInstanceOf(row[i].getClass());
                        assertThat(back[i]).as("value %d", i).usingRecursiveComparison().isEqualTo(row[i]);
                    }
                }
            }
            assertThat(back[4]).isInstanceOf(Integer.class);
            assertThat(back[7]).isInstanceOf(Long.class);
            assertThat(back[3]).isInstanceOf(Short.class);
            assertThat(((BigDecimal) back[13]).scale()).isEqualTo(6);
            assertThat(back[18].toString()).isEqualTo(row[18].toString());
            assertThat(r.next()).isEmpty();
            assertThat(r.next()).containsExactly(null, null);
            assertThat(r.next()).isNull();
            // read again from the start
            assertThat(f.reader().next()).hasSameSizeAs(row);
            assertThat(files.filesOnDisk()).hasSize(1);
        }
        assertThat(files.filesOnDisk()).isEmpty();
        assertThat(files.liveFiles()).isEmpty();
    }

    @Test
    void leftoversOfACrashAreRemovedWhenTheDirectoryOpens() throws Exception {
        Path tmp = dir.resolve(TempFiles.DIRECTORY_NAME);
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("shale_tmp.17"), "left by a crash");
        Files.writeString(tmp.resolve("unrelated.txt"), "not ours");
        TempFiles files = TempFiles.inDataDirectory(dir);
        assertThat(files.directory()).isEqualTo(tmp);
        assertThat(files.filesOnDisk()).isEmpty();
        assertThat(tmp.resolve("unrelated.txt")).exists();
    }

    @Test
    void aStatementScopeDeletesFilesItsOperatorsLeftOpen() {
        TempFiles files = TempFiles.at(dir);
        WorkMem budget = new WorkMem(64 * 1024, 2.0, files);
        SpillFile[] kept = new SpillFile[1];
        try {
            WorkMem.run(budget, () -> {
                kept[0] = files.create("leaked");
                kept[0].write(new Object[] {1L});
                throw new IllegalStateException("statement failed");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("statement failed");
        }
        assertThat(kept[0].isOpen()).isFalse();
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void rowSizesGrowWithContent() {
        assertThat(RowSizes.row(new Object[] {"a".repeat(1000)})).isGreaterThan(2000);
        assertThat(RowSizes.row(new Object[] {1L, 2L})).isLessThan(RowSizes.row(new Object[] {1L, 2L, "abc"}));
        assertThat(RowSizes.value(null)).isZero();
    }

    @Test
    void partitionsSpreadKeysDifferentlyAtEachDepth() {
        int[] counts = new int[Partitions.FAN_OUT];
        int[] sub = new int[Partitions.FAN_OUT];
        for (int h = 0; h < 80_000; h++) {
            int p = Partitions.of(Integer.hashCode(h), 0);
            counts[p]++;
            if (p == 3) {
                sub[Partitions.of(Integer.hashCode(h), 1)]++;
            }
        }
        for (int i = 0; i < Partitions.FAN_OUT; i++) {
            assertThat(counts[i]).isBetween(8_000, 12_000);
            assertThat(sub[i]).isBetween(900, 1_600);
        }
    }
}

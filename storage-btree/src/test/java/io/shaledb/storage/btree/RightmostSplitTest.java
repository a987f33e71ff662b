package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.tree.TreeShape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rightmost (append) split: ascending inserts leave pages ~90% full, other orders keep working. */
class RightmostSplitTest {

    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();

    private BTreeEngine open(int pageSize) {
        return BTreeEngine.open(fs, Path.of("/rs"), BTreeOptions.defaults().withPageSize(pageSize).withBufferPoolBytes(8L << 20));
    }

    private static byte[] key(long i) {
        return ByteBuffer.allocate(16).putLong(i).putLong(i * 0x9E3779B97F4A7C15L).array();
    }

    private static byte[] value(long i) {
        byte[] v = new byte[100];
        new Random(i).nextBytes(v);
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 8192})
    void ascendingPutsFillLeavesToAtLeast85Percent(int pageSize) {
        int n = 30_000;
        try (BTreeEngine e = open(pageSize)) {
            for (int i = 0; i < n; i++) {
                e.put(key(i), value(i));
            }
            TreeShape shape = e.inspect();
            assertThat(shape.entries()).isEqualTo(n);
            assertThat(shape.fillFactor()).as("leaf fill after ascending puts").isGreaterThanOrEqualTo(0.85);
            assertThat(shape.height()).isGreaterThanOrEqualTo(3); // internal pages split on the right edge too
            assertThat(e.verify()).isEmpty();
            for (int i = 0; i < n; i += 7) {
                assertThat(e.get(key(i))).isEqualTo(value(i));
            }
            int seen = 0;
            try (Cursor c = e.scan(KeyRange.all(), Direction.FORWARD)) {
                while (c.next()) {
                    assertThat(c.key()).isEqualTo(key(seen));
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(n);
        }
    }

    @Test
    void ascendingBatchesFillLeavesToo() {
        int n = 20_000;
        try (BTreeEngine e = open(4096)) {
            WriteBatch b = new WriteBatch();
            for (int i = 0; i < n; i++) {
                b.put(key(i), value(i));
                if (b.size() == 1000) {
                    e.apply(b);
                    b = new WriteBatch();
                }
            }
            e.apply(b);
            assertThat(e.inspect().fillFactor()).isGreaterThanOrEqualTo(0.85);
            assertThat(e.verify()).isEmpty();
        }
    }

    @Test
    void randomPutsStillSplitEvenlyAndAppendsAfterThemFillUp() {
        try (BTreeEngine e = open(4096)) {
            Random rnd = new Random(7);
            for (int i = 0; i < 10_000; i++) {
                long k = rnd.nextInt(1_000_000);
                e.put(key(k), value(k));
            }
            double randomFill = e.inspect().fillFactor();
            assertThat(randomFill).isBetween(0.5, 0.85); // balanced splits, about ln 2
            for (long k = 1_000_000; k < 1_030_000; k++) {
                e.put(key(k), value(k));
            }
            assertThat(e.inspect().fillFactor()).isGreaterThan(randomFill);
            assertThat(e.verify()).isEmpty();
            // deleting most of the appended run merges the nearly empty right-edge pages back
            for (long k = 1_000_000; k < 1_029_000; k++) {
                e.delete(key(k));
            }
            assertThat(e.verify()).isEmpty();
            assertThat(e.get(key(1_029_500))).isEqualTo(value(1_029_500));
        }
    }

    @Test
    void ascendingLargeValuesFallBackToAValidSplit() {
        try (BTreeEngine e = open(4096)) {
            for (int i = 0; i < 3000; i++) {
                byte[] v = new byte[300 + (i % 5) * 200]; // cells of 300..1,000 bytes: few per page
                v[0] = (byte) i;
                e.put(key(i), v);
            }
            assertThat(e.verify()).isEmpty();
            assertThat(e.inspect().entries()).isEqualTo(3000);
            assertThat(e.get(key(2999))[0]).isEqualTo((byte) 2999);
        }
    }
}

package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.OpenMode;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.tree.TreeShape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BTreeEngineTest {

    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
    private final Path dir = Path.of("/db");

    private BTreeEngine open(int pageSize) {
        return BTreeEngine.open(fs, dir, BTreeOptions.defaults().withPageSize(pageSize).withBufferPoolBytes(2L << 20));
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @Test
    void flippedBitIsReportedWithFileAndPageNumber() throws Exception {
        try (BTreeEngine e = open(4096)) {
            for (int i = 0; i < 2000; i++) {
                e.put(key(i), ("value-" + i).getBytes());
            }
        }
        // flip one bit in the middle of page 3
        try (FileHandle h = fs.open(dir.resolve(BTreeEngine.DATA_FILE), OpenMode.READ_WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long pos = 3L * 4096 + 2000;
            h.readFully(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            h.write(b, pos);
        }
        try (BTreeEngine e = open(4096)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 2000; i++) {
                    e.get(key(i));
                }
            }).isInstanceOf(CorruptPageException.class)
                    .hasMessageContaining("btree.data")
                    .hasMessageContaining("page 3")
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void insertingAndDeletingRepeatedlyReusesFreedPages() {
        try (BTreeEngine e = open(4096)) {
            Random random = new Random(5);
            int afterFirstRound = 0;
            for (int round = 0; round < 15; round++) {
                List<Integer> keys = new ArrayList<>();
                for (int i = 0; i < 3000; i++) {
                    keys.add(i);
                    byte[] value = new byte[random.nextInt(100) + (i % 500 == 0 ? 20_000 : 0)];
                    e.put(key(i), value);
                }
                java.util.Collections.shuffle(keys, random);
                for (int k : keys) {
                    e.delete(key(k));
                }
                TreeShape shape = e.inspect();
                assertThat(shape.entries()).isZero();
                assertThat(shape.height()).isEqualTo(1);
                assertThat(shape.freePages()).isEqualTo(shape.pageCount() - 2);
                if (round == 0) {
                    afterFirstRound = shape.pageCount();
                } else {
                    assertThat(shape.pageCount()).as("round %d", round).isLessThanOrEqualTo(afterFirstRound + afterFirstRound / 10);
                }
                assertThat(e.verify()).isEmpty();
            }
        }
    }

    /** Keys long enough to overflow, sharing long prefixes, so separators in internal pages overflow too. */
    @ParameterizedTest
    @ValueSource(ints = {4096, 16384, 65536})
    void randomOperationsWithLargeKeysMatchAModel(int pageSize) {
        Random random = new Random(pageSize);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        byte[] longPrefix = new byte[pageSize / 2];
        random.nextBytes(longPrefix);
        try (BTreeEngine e = open(pageSize)) {
            for (int step = 0; step < 3000; step++) {
                byte[] key = switch (random.nextInt(4)) {
                    case 0 -> Bytes.concat(longPrefix, key(random.nextInt(300)));
                    case 1 -> Arrays.copyOf(longPrefix, random.nextInt(200));
                    default -> key(random.nextInt(2000));
                };
                int op = random.nextInt(10);
                if (op < 6) {
                    byte[] value = new byte[random.nextInt(10) == 0 ? random.nextInt(3 * pageSize) : random.nextInt(50)];
                    random.nextBytes(value);
                    e.put(key, value);
                    model.put(key, value);
                } else if (op < 9) {
                    e.delete(key);
                    model.remove(key);
                } else {
                    assertThat(e.get(key)).isEqualTo(model.get(key));
                }
            }
            assertThat(e.verify()).isEmpty();
            assertThat(keys(e, Direction.FORWARD)).containsExactlyElementsOf(hexKeys(model, false));
            assertThat(keys(e, Direction.BACKWARD)).containsExactlyElementsOf(hexKeys(model, true));
            for (Map.Entry<byte[], byte[]> m : model.entrySet()) {
                assertThat(e.get(m.getKey())).isEqualTo(m.getValue());
            }
            TreeShape shape = e.inspect();
            assertThat(shape.height()).isGreaterThanOrEqualTo(2);
            assertThat(shape.entries()).isEqualTo(model.size());
        }
        try (BTreeEngine e = open(4096)) { // the file's own page size wins
            assertThat(e.options().pageSize()).isEqualTo(pageSize);
            assertThat(keys(e, Direction.FORWARD)).containsExactlyElementsOf(hexKeys(model, false));
        }
    }

    @Test
    void sixteenMiBValueAndSixtyFourKiBKey() {
        Random random = new Random(3);
        byte[] big = new byte[16 << 20];
        random.nextBytes(big);
        byte[] bigKey = new byte[64 << 10];
        random.nextBytes(bigKey);
        try (BTreeEngine e = BTreeEngine.open(fs, dir, BTreeOptions.defaults())) {
            e.put(bigKey, big);
            e.put(key(1), big);
            assertThat(e.get(bigKey)).isEqualTo(big);
            e.delete(key(1));
            assertThat(e.inspect().overflowPages()).isBetween(2048, 2100);
        }
        try (BTreeEngine e = BTreeEngine.open(fs, dir, BTreeOptions.defaults())) {
            assertThat(e.get(bigKey)).isEqualTo(big);
            assertThat(e.get(key(1))).isNull();
            assertThat(e.verify()).isEmpty();
        }
    }

    @Test
    void inspectAndStatsDescribeTheTree() {
        try (BTreeEngine e = open(4096)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 20_000; i++) {
                batch.put(key(i), new byte[40]);
            }
            e.apply(batch);
            TreeShape shape = e.inspect();
            assertThat(shape.height()).isEqualTo(3);
            assertThat(shape.entries()).isEqualTo(20_000);
            assertThat(shape.leafPages()).isGreaterThan(200);
            assertThat(shape.fillFactor()).isBetween(0.45, 1.0);
            assertThat(shape.averageFanout()).isGreaterThan(2.0);
            assertThat(shape.pageCount()).isEqualTo(1 + shape.leafPages() + shape.internalPages() + shape.freePages());
            BTreeStats stats = e.stats();
            assertThat(stats.userBytesWritten()).isEqualTo(20_000L * 44);
            assertThat(stats.bufferHits()).isPositive();
        }
    }

    @Test
    void cursorOnAClosedEngineFails() {
        BTreeEngine e = open(4096);
        e.put(key(1), key(1));
        Cursor c = e.scan(KeyRange.all(), Direction.FORWARD);
        e.close();
        assertThatThrownBy(c::next).isInstanceOf(IllegalStateException.class);
        c.close();
    }

    static List<String> keys(BTreeEngine e, Direction d) {
        List<String> out = new ArrayList<>();
        try (Cursor c = e.scan(KeyRange.all(), d)) {
            while (c.next()) {
                out.add(Bytes.toHex(c.key()));
            }
        }
        return out;
    }

    static List<String> hexKeys(TreeMap<byte[], byte[]> model, boolean reversed) {
        List<String> out = new ArrayList<>(model.keySet().stream().map(Bytes::toHex).toList());
        return reversed ? out.reversed() : out;
    }
}

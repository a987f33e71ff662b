package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.lsm.LsmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Metamorphic test: the same random operation sequence applied to the B+Tree and to the LSM
 * engine must give identical scans, in both directions, over random ranges, at every checkpoint of
 * the sequence and after both reopen. Neither engine is the oracle; a difference convicts one of
 * them. Small pages and a tiny memtable make both engines split, merge, flush and compact often.
 */
class EnginesMetamorphicTest {

    @Property(tries = 25)
    void bTreeAndLsmAgreeOnEveryScan(@ForAll long seed) {
        Random random = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        BTreeOptions btreeOptions = BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(64 * 4096);
        LsmOptions lsmOptions = LsmOptions.defaults().withMemtableSize(16 * 1024).withBlockSize(512)
                .withTargetFileSize(32 * 1024).withLevel1TargetBytes(64 * 1024);
        Path btreeDir = Path.of("/m/btree");
        Path lsmDir = Path.of("/m/lsm");
        StorageEngine btree = BTreeEngine.open(fs, btreeDir, btreeOptions);
        StorageEngine lsm = LsmEngine.open(fs, lsmDir, lsmOptions);
        try {
            int steps = 400 + random.nextInt(1200);
            for (int step = 0; step < steps; step++) {
                int op = random.nextInt(100);
                if (op < 55) {
                    byte[] k = key(random);
                    byte[] v = value(random);
                    btree.put(k, v);
                    lsm.put(k, v);
                } else if (op < 75) {
                    byte[] k = key(random);
                    btree.delete(k);
                    lsm.delete(k);
                } else if (op < 85) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = random.nextInt(20); i >= 0; i--) {
                        if (random.nextBoolean()) {
                            batch.put(key(random), value(random));
                        } else {
                            batch.delete(key(random));
                        }
                    }
                    btree.apply(batch);
                    lsm.apply(batch);
                } else if (op < 97) {
                    byte[] k = key(random);
                    assertThat(lsm.get(k)).as("get %s (seed %d, step %d)", Bytes.toHex(k), seed, step).isEqualTo(btree.get(k));
                } else {
                    compareScans(btree, lsm, random, seed, step);
                }
            }
            compareScans(btree, lsm, random, seed, steps);
            btree.close();
            lsm.close();
            btree = BTreeEngine.open(fs, btreeDir, btreeOptions);
            lsm = LsmEngine.open(fs, lsmDir, lsmOptions);
            compareScans(btree, lsm, random, seed, -1);
        } finally {
            btree.close();
            lsm.close();
        }
    }

    private static void compareScans(StorageEngine a, StorageEngine b, Random random, long seed, int step) {
        for (Direction direction : Direction.values()) {
            assertThat(scan(b, KeyRange.all(), direction)).as("full %s scan (seed %d, step %d)", direction, seed, step)
                    .containsExactlyElementsOf(scan(a, KeyRange.all(), direction));
            for (int i = 0; i < 5; i++) {
                byte[] low = random.nextInt(5) == 0 ? null : key(random);
                byte[] high = random.nextInt(5) == 0 ? null : key(random);
                KeyRange range = new KeyRange(low, random.nextBoolean(), high, random.nextBoolean());
                assertThat(scan(b, range, direction)).as("%s scan of %s (seed %d, step %d)", direction, range, seed, step)
                        .containsExactlyElementsOf(scan(a, range, direction));
            }
        }
    }

    private static List<String> scan(StorageEngine engine, KeyRange range, Direction direction) {
        List<String> out = new ArrayList<>();
        try (Cursor c = engine.scan(range, direction)) {
            while (c.next()) {
                out.add(Bytes.toHex(c.key()) + "=" + Bytes.toHex(c.value()));
            }
        }
        return out;
    }

    /** Keys from a small alphabet of lengths and bytes, so overwrites, deletes of present keys and shared prefixes are common. */
    private static byte[] key(Random random) {
        byte[] k = new byte[1 + random.nextInt(6)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) new int[] {0x00, 0x01, 0x61, 0x7f, 0x80, 0xff}[random.nextInt(6)];
        }
        return k;
    }

    private static byte[] value(Random random) {
        byte[] v = new byte[random.nextInt(10) == 0 ? 2000 + random.nextInt(6000) : random.nextInt(40)];
        random.nextBytes(v);
        return v;
    }
}

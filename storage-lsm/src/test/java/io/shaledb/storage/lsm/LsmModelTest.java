package io.shaledb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Model-based test: random operations against the engine and a {@link TreeMap}, with memtable
 * flushes, full compactions and reopens forced at random points, and cursors opened before such
 * changes and read after them (they must read the snapshot they were opened on).
 */
class LsmModelTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] randomKey(Random r) {
        byte[] k = new byte[r.nextInt(4)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) new int[] {0x00, 0x01, 0x41, 0x7F, 0x80, 0xFF}[r.nextInt(6)];
        }
        return k;
    }

    private static byte[] randomValue(Random r) {
        byte[] v = new byte[r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(12)];
        r.nextBytes(v);
        return v;
    }

    private static List<String> render(Iterable<Map.Entry<byte[], byte[]>> entries) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : entries) {
            out.add(HEX.formatHex(e.getKey()) + "=" + HEX.formatHex(e.getValue()));
        }
        return out;
    }

    private static List<String> scan(LsmEngine e, KeyRange range, Direction d) {
        try (Cursor c = e.scan(range, d)) {
            return drain(c);
        }
    }

    private static List<String> drain(Cursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(HEX.formatHex(c.key()) + "=" + HEX.formatHex(c.value()));
        }
        return out;
    }

    private static List<String> model(NavigableMap<byte[], byte[]> m, KeyRange range, Direction d) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : m.entrySet()) {
            if (range.contains(e.getKey())) {
                out.add(e);
            }
        }
        return render(d == Direction.FORWARD ? out : out.reversed());
    }

    private static KeyRange randomRange(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> KeyRange.all();
            case 1 -> KeyRange.prefix(randomKey(r));
            default -> new KeyRange(r.nextInt(4) == 0 ? null : randomKey(r), r.nextBoolean(),
                    r.nextInt(4) == 0 ? null : randomKey(r), r.nextBoolean());
        };
    }

    @Property(tries = 60)
    void behavesLikeTheModelAcrossFlushesCompactionsAndReopens(@ForAll long seed) {
        Random r = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Path dir = Path.of("/model");
        LsmOptions options = LsmEngineConformanceTest.tinyOptions().withLz4Compression(r.nextBoolean())
                .withBloomBitsPerKey(r.nextInt(3) == 0 ? 0 : 10);
        long rollBytes = r.nextBoolean() ? 512 : 4L << 20;
        LsmEngine e = LsmEngine.open(fs, dir, options);
        e.setManifestRollBytes(rollBytes);
        TreeMap<byte[], byte[]> m = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        // cursors opened earlier, with the model as it was then
        List<Cursor> held = new ArrayList<>();
        List<List<String>> heldExpected = new ArrayList<>();
        try {
            int steps = 150 + r.nextInt(250);
            for (int step = 0; step < steps; step++) {
                String where = "seed " + seed + " step " + step;
                int op = r.nextInt(100);
                if (op < 35) {
                    byte[] k = randomKey(r);
                    byte[] v = randomValue(r);
                    e.put(k, v);
                    m.put(k, v);
                } else if (op < 50) {
                    byte[] k = r.nextBoolean() && !m.isEmpty() ? new ArrayList<>(m.keySet()).get(r.nextInt(m.size())) : randomKey(r);
                    e.delete(k);
                    m.remove(k);
                } else if (op < 58) {
                    WriteBatch b = new WriteBatch();
                    for (int i = r.nextInt(8); i >= 0; i--) {
                        byte[] k = randomKey(r);
                        if (r.nextInt(3) == 0) {
                            b.delete(k);
                            m.remove(k);
                        } else {
                            byte[] v = randomValue(r);
                            b.put(k, v);
                            m.put(k, v);
                        }
                    }
                    e.apply(b);
                } else if (op < 70) {
                    byte[] k = randomKey(r);
                    byte[] got = e.get(k);
                    byte[] want = m.get(k);
                    assertThat(got == null ? null : HEX.formatHex(got)).as(where + " get " + HEX.formatHex(k))
                            .isEqualTo(want == null ? null : HEX.formatHex(want));
                } else if (op < 82) {
                    KeyRange range = randomRange(r);
                    Direction d = r.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD;
                    assertThat(scan(e, range, d)).as(where + " scan " + range + " " + d).isEqualTo(model(m, range, d));
                } else if (op < 86) {
                    e.flushMemtable();
                } else if (op < 89) {
                    e.compactAll();
                } else if (op < 92 && held.size() < 4) {
                    KeyRange range = randomRange(r);
                    Direction d = r.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD;
                    held.add(e.scan(range, d));
                    heldExpected.add(model(m, range, d));
                } else if (op < 95 && !held.isEmpty()) {
                    int i = r.nextInt(held.size());
                    try (Cursor c = held.remove(i)) {
                        assertThat(drain(c)).as(where + " snapshot cursor").isEqualTo(heldExpected.remove(i));
                    }
                } else if (op < 97) {
                    for (Cursor c : held) {
                        c.close();
                    }
                    held.clear();
                    heldExpected.clear();
                    e.close();
                    e = LsmEngine.open(fs, dir, options);
                    e.setManifestRollBytes(rollBytes);
                }
            }
            for (int i = 0; i < held.size(); i++) {
                try (Cursor c = held.get(i)) {
                    assertThat(drain(c)).as("seed " + seed + " snapshot cursor at end").isEqualTo(heldExpected.get(i));
                }
            }
            held.clear();
            assertThat(scan(e, KeyRange.all(), Direction.FORWARD)).isEqualTo(model(m, KeyRange.all(), Direction.FORWARD));
            e.compactAll();
            assertThat(scan(e, KeyRange.all(), Direction.BACKWARD)).isEqualTo(model(m, KeyRange.all(), Direction.BACKWARD));
            LsmInspection in = e.inspect();
            long tombstones = in.levels().stream().mapToLong(LsmInspection.Level::tombstones).sum();
            assertThat(tombstones).as("a full compaction into the bottom level drops every tombstone").isZero();
            e.close();
            e = LsmEngine.open(fs, dir, options);
            assertThat(scan(e, KeyRange.all(), Direction.FORWARD)).isEqualTo(model(m, KeyRange.all(), Direction.FORWARD));
            assertNoOrphans(fs, dir, e);
        } finally {
            for (Cursor c : held) {
                c.close();
            }
            e.close();
        }
    }

    /** Long run: {@code -Dshaledb.lsm.soak=true} runs 2000 more seeds. */
    @org.junit.jupiter.api.Test
    void soak() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("shaledb.lsm.soak"), "soak runs only with -Dshaledb.lsm.soak=true");
        Random seeds = new Random(20261125);
        for (int i = 0; i < 2000; i++) {
            behavesLikeTheModelAcrossFlushesCompactionsAndReopens(seeds.nextLong());
        }
    }

    /** Every SSTable in the directory is one the engine's level structure lists. */
    static void assertNoOrphans(CrashSimulatingFileSystem fs, Path dir, LsmEngine e) {
        e.awaitBackgroundIdle();
        List<String> listed = new ArrayList<>();
        e.inspect().levels().forEach(l -> l.files().forEach(f -> listed.add(f.name())));
        List<String> onDisk = new ArrayList<>();
        try {
            for (Path p : fs.list(dir)) {
                String n = p.getFileName().toString();
                if (n.endsWith(".sst")) {
                    onDisk.add(n);
                }
                assertThat(n).as("no temporary files left").doesNotEndWith(".tmp");
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(listed);
    }
}

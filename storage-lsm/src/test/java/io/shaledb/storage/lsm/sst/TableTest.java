package io.shaledb.storage.lsm.sst;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.OpenMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** SSTable round trips: point lookups, seeks and iteration both ways, and the bloom filter's accuracy. */
class TableTest {

    private static TableReader write(CrashSimulatingFileSystem fs, Path p, TreeMap<byte[], byte[]> entries,
            TableBuilder.Options options, TableReader.Counters counters) throws Exception {
        try (FileHandle h = fs.open(p, OpenMode.CREATE_NEW)) {
            TableBuilder b = new TableBuilder(h, options);
            for (var e : entries.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            TableProperties props = b.finish();
            assertThat(props.entries()).isEqualTo(entries.size());
            assertThat(b.fileSize()).isEqualTo(h.size());
        }
        return TableReader.open(fs, p, new BlockCache(1 << 20), counters);
    }

    @Property(tries = 40)
    void roundTripsAndSeeksBothWays(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int n) throws Exception {
        Random r = new Random(seed);
        TreeMap<byte[], byte[]> entries = new TreeMap<>(InternalKeys.COMPARATOR);
        while (entries.size() < n) {
            byte[] user = new byte[r.nextInt(6)];
            for (int i = 0; i < user.length; i++) {
                user[i] = (byte) r.nextInt(4);
            }
            byte[] v = new byte[r.nextInt(5) == 0 ? 700 : r.nextInt(20)];
            r.nextBytes(v);
            entries.put(InternalKeys.encode(user, 1 + r.nextInt(1000), r.nextBoolean() ? InternalKeys.PUT : InternalKeys.DELETE), v);
        }
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        TableBuilder.Options options = new TableBuilder.Options(64 + r.nextInt(512), 1 + r.nextInt(16), 10, r.nextBoolean());
        try (TableReader t = write(fs, Path.of("/t.sst"), entries, options, new TableReader.Counters())) {
            List<byte[]> keys = new ArrayList<>(entries.keySet());
            assertThat(collect(t.iterator(null, true))).containsExactlyElementsOf(keys);
            assertThat(collect(t.iterator(null, false))).containsExactlyElementsOf(keys.reversed());
            for (int i = 0; i < 20; i++) {
                byte[] probe = keys.get(r.nextInt(keys.size()));
                if (r.nextBoolean()) {
                    probe = InternalKeys.encode(InternalKeys.userKey(probe), r.nextInt(1200), InternalKeys.PUT);
                }
                byte[] target = probe;
                List<byte[]> ge = keys.stream().filter(k -> InternalKeys.compare(k, target) >= 0).toList();
                List<byte[]> le = keys.stream().filter(k -> InternalKeys.compare(k, target) <= 0).toList().reversed();
                assertThat(collect(t.iterator(target, true))).containsExactlyElementsOf(ge);
                assertThat(collect(t.iterator(target, false))).containsExactlyElementsOf(le);
                // point lookup at a sequence: the newest version at or below it
                byte[] user = InternalKeys.userKey(target);
                long seq = InternalKeys.sequence(target);
                byte[] expectedKey = keys.stream().filter(k -> InternalKeys.compareUserTo(k, user) == 0
                        && InternalKeys.sequence(k) <= seq).findFirst().orElse(null);
                TableReader.Found f = t.get(InternalKeys.lookup(user, seq), user);
                if (expectedKey == null) {
                    assertThat(f).isNull();
                } else {
                    assertThat(f).isNotNull();
                    assertThat(f.kind()).isEqualTo(InternalKeys.kind(expectedKey));
                    assertThat(f.value()).isEqualTo(entries.get(expectedKey));
                }
            }
        }
    }

    private static List<byte[]> collect(EntryIterator it) {
        List<byte[]> out = new ArrayList<>();
        while (it.valid()) {
            out.add(it.key());
            it.next();
        }
        return out;
    }

    @Test
    void bloomFilterFalsePositiveRateIsAboutOnePercentAtTenBitsPerKey() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add(("present-" + i).getBytes());
        }
        BloomFilter f = BloomFilter.decode(BloomFilter.build(keys, 10));
        for (byte[] k : keys) {
            assertThat(f.mightContain(k)).isTrue();
        }
        int fp = 0;
        int probes = 50_000;
        for (int i = 0; i < probes; i++) {
            if (f.mightContain(("absent-" + i).getBytes())) {
                fp++;
            }
        }
        assertThat((double) fp / probes).isBetween(0.0, 0.02);
    }
}

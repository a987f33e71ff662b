package io.shaledb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Crashes placed exactly inside a flush and inside a compaction: the disk fills up after a chosen
 * number of bytes (or the next sync fails) while the engine writes an SSTable, syncs it, or logs
 * the manifest edit; then the machine crashes, losing a random part of what was not synced. After
 * recovery all acknowledged data is there and no half-written SSTable is left or listed.
 */
class LsmTargetedCrashTest {
    private static final Path DIR = Path.of("/targeted/db");

    private static byte[] key(int i) {
        return String.format("k%05d", i).getBytes();
    }

    private static byte[] value(int i, int round) {
        return ("value " + round + " of " + i).getBytes();
    }

    private static LsmOptions options() {
        return LsmEngineConformanceTest.tinyOptions().withMemtableSize(1 << 20).withBackgroundCompaction(false);
    }

    private static List<String> all(LsmEngine e) {
        List<String> out = new ArrayList<>();
        try (Cursor c = e.scan(KeyRange.all(), Direction.FORWARD)) {
            while (c.next()) {
                out.add(new String(c.key()) + "=" + new String(c.value()));
            }
        }
        return out;
    }

    private static List<String> expected(int n, int rounds) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new String(key(i)) + "=" + new String(value(i, rounds - 1)));
        }
        return out;
    }

    @Property(tries = 40)
    void crashDuringFlush(@ForAll @IntRange(min = 0, max = 12_000) int budget, @ForAll long seed) {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        int n = 400;
        try (LsmEngine e = LsmEngine.open(fs, DIR, options())) {
            for (int i = 0; i < n; i++) {
                e.put(key(i), value(i, 0));
            }
            if (seed % 4 == 0) {
                fs.failNextSync();
            } else {
                fs.failWritesAfter(budget);
            }
            try {
                e.flushMemtable();
            } catch (RuntimeException expectedOrNot) {
                // the flush may fail or succeed depending on where the fault lands
            }
        }
        fs.crash(new Random(seed));
        try (LsmEngine e = LsmEngine.open(fs, DIR, options())) {
            assertThat(all(e)).as(fs.lastCrashReport()).isEqualTo(expected(n, 1));
            LsmModelTest.assertNoOrphans(fs, DIR, e);
        }
    }

    @Property(tries = 40)
    void crashDuringCompaction(@ForAll @IntRange(min = 0, max = 40_000) int budget, @ForAll long seed) {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        int n = 300;
        int rounds = 4;
        try (LsmEngine e = LsmEngine.open(fs, DIR, options())) {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < n; i++) {
                    e.put(key(i), value(i, round));
                }
                e.flushMemtable();
            }
            assertThat(e.inspect().levels().getFirst().files()).hasSize(rounds);
            if (seed % 4 == 0) {
                fs.failNextSync();
            } else {
                fs.failWritesAfter(budget);
            }
            boolean failed = false;
            try {
                e.compactAll();
            } catch (RuntimeException ex) {
                failed = true;
            }
            if (failed) {
                assertThatThrownBy(() -> e.put(key(0), value(0, 9))).isInstanceOf(RuntimeException.class);
            }
        }
        fs.crash(new Random(seed));
        try (LsmEngine e = LsmEngine.open(fs, DIR, options())) {
            assertThat(all(e)).as(fs.lastCrashReport()).isEqualTo(expected(n, rounds));
            LsmModelTest.assertNoOrphans(fs, DIR, e);
            e.compactAll();
            assertThat(all(e)).isEqualTo(expected(n, rounds));
            assertThat(e.inspect().fileCount()).isPositive();
        }
    }
}

package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Log volume per small write, measured through {@link BTreeStats#logBytesWritten()}: random puts
 * of 16-byte keys and 100-byte values (116 user bytes) into a tree of 20,000 such entries with
 * 8 KiB pages and the default checkpoint interval. Splits, their full page images and the full
 * image of each page's first change after a checkpoint are all included in the average.
 */
class LogVolumeTest {

    @Test
    void smallRandomPutsLogLessThanSixHundredBytesEach() {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Random r = new Random(42);
        try (BTreeEngine e = BTreeEngine.open(fs, Path.of("/vol"), BTreeOptions.defaults().withPageSize(8192))) {
            for (int i = 0; i < 20_000; i++) {
                put(e, r);
            }
            int puts = 20_000;
            long before = e.stats().logBytesWritten();
            for (int i = 0; i < puts; i++) {
                put(e, r);
            }
            double perPut = (double) (e.stats().logBytesWritten() - before) / puts;
            System.out.printf("log bytes per 116-byte random put: %.1f (write amplification of the log %.1fx)%n",
                    perPut, perPut / 116);
            assertThat(perPut).isLessThan(600);
        }
    }

    /** A page's first change after a checkpoint logs its whole image; the next one only the change. */
    @Test
    void firstChangeAfterACheckpointLogsTheWholePage() {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        try (BTreeEngine e = BTreeEngine.open(fs, Path.of("/fpi"), BTreeOptions.defaults().withPageSize(8192))) {
            for (int i = 0; i < 100; i++) {
                e.put(new byte[] {(byte) i}, new byte[40]); // one leaf, about 5 KiB of cells
            }
            e.checkpoint();
            long first = logBytesOf(e, () -> e.put(new byte[] {(byte) 200}, new byte[40]));
            long second = logBytesOf(e, () -> e.put(new byte[] {(byte) 201}, new byte[40]));
            long delete = logBytesOf(e, () -> e.delete(new byte[] {(byte) 201}));
            assertThat(first).isGreaterThan(5000);
            assertThat(second).isLessThan(150);
            assertThat(delete).isLessThan(100);
            e.checkpoint();
            assertThat(logBytesOf(e, () -> e.delete(new byte[] {(byte) 200}))).isGreaterThan(5000);
        }
    }

    private static long logBytesOf(BTreeEngine e, Runnable write) {
        long before = e.stats().logBytesWritten();
        write.run();
        return e.stats().logBytesWritten() - before;
    }

    private static void put(BTreeEngine e, Random r) {
        byte[] key = new byte[16];
        byte[] value = new byte[100];
        r.nextBytes(key);
        r.nextBytes(value);
        e.put(key, value);
    }
}

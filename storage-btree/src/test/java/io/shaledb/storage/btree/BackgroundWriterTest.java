package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The background writer cleans pages ahead of eviction, and its thread goes away on close. */
class BackgroundWriterTest {

    private static final String THREAD = "shaledb-btree-bgwriter b"; // named after the engine directory /b

    private static BTreeOptions options(long bgMillis) {
        return BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(64L << 10).withBackgroundWriterMillis(bgMillis);
    }

    /**
     * Loads pages through a small pool. With a background writer, every 200 puts wait until it has
     * completed two more rounds (a condition, not a sleep), so the comparison does not depend on
     * how the machine schedules threads.
     */
    private static long load(BTreeEngine e, boolean withWriter) throws InterruptedException {
        byte[] value = new byte[200];
        for (int i = 0; i < 6000; i++) {
            e.put(ByteBuffer.allocate(4).putInt(Integer.reverse(i)).array(), value);
            if (withWriter && i % 200 == 0) {
                long target = e.backgroundRounds() + 2;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (e.backgroundRounds() < target) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the background writer made no progress in 30 s");
                    }
                    Thread.sleep(1);
                }
            }
        }
        return e.stats().evictionWrites();
    }

    @Test
    void writesDirtyPagesAheadOfEvictionAndStopsOnClose() throws Exception {
        long withoutWriter;
        try (BTreeEngine e = BTreeEngine.open(new CrashSimulatingFileSystem(), Path.of("/a"), options(0))) {
            withoutWriter = load(e, false);
            assertThat(e.stats().backgroundWrites()).isZero();
            assertThat(e.verify()).isEmpty();
        }
        long withWriter;
        try (BTreeEngine e = BTreeEngine.open(new CrashSimulatingFileSystem(), Path.of("/b"), options(1))) {
            assertThat(bgwriterThreads()).isPositive();
            withWriter = load(e, true);
            assertThat(e.stats().backgroundWrites()).as("background writes").isPositive();
            assertThat(e.verify()).isEmpty();
        }
        assertThat(withWriter).as("synchronous eviction writes with vs without the background writer (%d)", withoutWriter)
                .isLessThan(withoutWriter);
        // close joins the thread
        assertThat(bgwriterThreads()).isZero();
    }

    private static long bgwriterThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(THREAD) && t.isAlive()).count();
    }
}

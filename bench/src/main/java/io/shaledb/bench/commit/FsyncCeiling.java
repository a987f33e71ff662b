package io.shaledb.bench.commit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The raw ceiling of one-commit-per-sync: one thread appending {@value #BLOCK} bytes to the end of a
 * fresh file and calling {@code FileChannel.force(false)} ({@code fdatasync}) after each append,
 * with nothing else in the loop. No log that syncs once per commit can beat this rate on the same
 * disk; a group-committing log beats it by sharing each sync among many commits.
 */
public final class FsyncCeiling {

    public static final int BLOCK = 4096;

    private FsyncCeiling() {}

    /**
     * Appends and syncs for {@code warmup}, then measures for {@code duration}, in a new file in
     * {@code dir} that is deleted afterwards.
     */
    public static CommitResult measure(Path dir, Duration warmup, Duration duration) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "fsync-ceiling-", ".dat");
        Histogram latency = CommitResult.newHistogram();
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long position = 0;
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long deadline = measureFrom + duration.toNanos();
            long count = 0;
            long seq = 0;
            long now = start;
            while (now < deadline) {
                block.clear();
                block.putLong(0, seq++); // every block differs
                while (block.hasRemaining()) {
                    position += ch.write(block, position);
                }
                ch.force(false);
                long end = System.nanoTime();
                if (now >= measureFrom) {
                    latency.recordValue((end - now) / 1000);
                    count++;
                }
                now = end;
            }
            double seconds = (now - measureFrom) / 1e9;
            return new CommitResult("4 KiB append + fdatasync", 1, count, seconds, latency);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

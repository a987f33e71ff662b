package io.shaledb.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes on disk of a directory, and this process's bytes written to storage according to the kernel. */
final class DiskUsage {

    private static final Path PROC_IO = Path.of("/proc/self/io");

    private DiskUsage() {}

    /** Sum of the sizes of the regular files under {@code dir} (apparent sizes, as {@code du -b}). */
    static long directoryBytes(Path dir) {
        return bytes(dir, false);
    }

    /**
     * The part of {@link #directoryBytes} that is write-ahead log: files under a {@code wal}
     * directory (ShaleDB's engines) or named {@code *.log} (RocksDB's WAL; its info log is {@code LOG}).
     */
    static long logBytes(Path dir) {
        return bytes(dir, true);
    }

    private static boolean isLog(Path dir, Path file) {
        Path rel = dir.relativize(file);
        for (Path part : rel) {
            if (part.toString().equals("wal")) {
                return true;
            }
        }
        return file.getFileName().toString().endsWith(".log");
    }

    private static long bytes(Path dir, boolean logOnly) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !logOnly || isLog(dir, p)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by a background compaction while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code write_bytes} of {@code /proc/self/io}: bytes this process (all its threads, RocksDB's
     * native ones included) caused to be written to storage, counted by the kernel when a page of
     * the page cache is first dirtied (a page rewritten while still dirty counts once), or -1 where
     * the file does not exist (not Linux).
     */
    static long processWriteBytes() {
        if (!Files.isReadable(PROC_IO)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(PROC_IO)) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.shaledb.server;

import io.shaledb.common.fs.RealFileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A server's data directory, held exclusively: the first server to open it takes an OS file lock
 * on {@code shale.lock} and writes its process id there; a second server on the same directory is
 * refused with a message naming the holder, instead of both writing the same files.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "shale.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it. */
    public static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            RealFileSystem.INSTANCE.createDirectoriesDurably(root);
            Path lockPath = root.resolve(LOCK_FILE);
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(lockPath, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalStateException("data directory " + root + " is in use by another ShaleDB server"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("cannot open data directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** Null when another process holds the lock, or another open in this JVM does. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + root, e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException primary) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException suppressed) {
            primary.addSuppressed(suppressed);
        }
    }
}

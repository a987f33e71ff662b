package io.shaledb.common.fs;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An open file: positional reads and writes of byte buffers, size, truncation and the two kinds
 * of sync. Positional operations may be called from several threads at once; {@link #append} is
 * atomic with respect to other appends on the same handle.
 *
 * <p>Nothing written is durable until {@link #sync()} (or {@link #syncMetadata()}) returns. A file
 * that was just created, renamed or deleted also needs {@link FileSystem#syncDirectory(Path)} on
 * its parent directory before its name is durable.
 */
public interface FileHandle extends Closeable {

    /** The path this handle was opened with. */
    Path path();

    /**
     * Reads up to {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end of file
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Reads exactly {@code dst.remaining()} bytes at {@code position}, or throws {@link EOFException}. */
    default void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = read(dst, pos);
            if (n < 0) {
                throw new EOFException(path() + ": end of file at offset " + pos + " with " + dst.remaining()
                        + " bytes still to read");
            }
            pos += n;
        }
    }

    /**
     * Writes all of {@code src.remaining()} bytes at {@code position}, growing the file if needed
     * (a gap between the old end and {@code position} reads as zeros). On return {@code src} is
     * fully consumed. On failure (for example a full disk) a prefix of the bytes may have been
     * written, exactly as with a short {@code pwrite(2)}.
     */
    void write(ByteBuffer src, long position) throws IOException;

    /** Writes all of {@code src} at the current end of file and returns the offset it was written at. */
    long append(ByteBuffer src) throws IOException;

    /** The current size in bytes, including writes that are not yet durable. */
    long size() throws IOException;

    /** Shrinks the file to {@code newSize} bytes; does nothing when the file is not larger. */
    void truncate(long newSize) throws IOException;

    /**
     * Makes every write to this file durable: {@code fdatasync(2)}, i.e. {@code force(false)}. It
     * also persists the file size (so appended data can be read back after a crash) but not
     * necessarily other metadata such as modification times, and not the file's directory entry.
     */
    void sync() throws IOException;

    /** Like {@link #sync()} but also persists all file metadata: {@code fsync(2)}, {@code force(true)}. */
    void syncMetadata() throws IOException;

    /** Closes the handle. Unsynced writes are not made durable by closing. Idempotent. */
    @Override
    void close() throws IOException;
}

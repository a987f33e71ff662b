package io.shaledb.storage.btree.recovery;

import io.shaledb.common.checksum.Crc32c;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code btree.control}: the page size and the redo LSN of the last completed checkpoint. Replaced
 * atomically (write a temporary file, sync it, rename it over the old one, sync the directory), so
 * after a crash it is either the old or the new one, never a mix.
 *
 * <pre>
 *  0: magic "ShaleBTC" (8)  8: version u32  12: page size u32  16: checkpoint LSN u64  24: CRC-32C u32 of bytes 0..23
 * </pre>
 */
public record ControlFile(int pageSize, long checkpointLsn) {

    public static final String NAME = "btree.control";
    private static final byte[] MAGIC = "ShaleBTC".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int SIZE = 28;

    /** The control file in {@code dir}, or null when there is none. */
    public static ControlFile read(FileSystem fs, Path dir) throws IOException {
        Path path = dir.resolve(NAME);
        if (!fs.exists(path)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        try (FileHandle h = fs.open(path, OpenMode.READ)) {
            if (h.size() != SIZE) {
                throw new IOException(path + ": control file has " + h.size() + " bytes, expected " + SIZE);
            }
            h.readFully(b, 0);
        }
        byte[] a = b.array();
        if (!Arrays.equals(a, 0, 8, MAGIC, 0, 8)) {
            throw new IOException(path + ": bad magic, not a B+Tree control file");
        }
        int crc = b.getInt(24);
        if (crc != Crc32c.of(a, 0, 24)) {
            throw new IOException(path + ": control file checksum mismatch");
        }
        if (b.getInt(8) != VERSION) {
            throw new IOException(path + ": unsupported control file version " + b.getInt(8));
        }
        return new ControlFile(b.getInt(12), b.getLong(16));
    }

    /** Durably replaces the control file in {@code dir} with this one. */
    public void write(FileSystem fs, Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(MAGIC).putInt(VERSION).putInt(pageSize).putLong(checkpointLsn);
        b.putInt(24, Crc32c.of(b.array(), 0, 24));
        b.rewind();
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileHandle h = fs.open(tmp, OpenMode.CREATE)) {
            h.truncate(0);
            h.write(b, 0);
            h.sync();
        }
        fs.rename(tmp, dir.resolve(NAME));
        fs.syncDirectory(dir);
    }
}

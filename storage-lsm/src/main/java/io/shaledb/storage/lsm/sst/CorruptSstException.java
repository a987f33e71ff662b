package io.shaledb.storage.lsm.sst;

import io.shaledb.storage.CorruptDataException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An SSTable (or part of one) failed verification: a checksum mismatch, a bad magic number or
 * version, or a structure that does not parse. The message names the file and the byte offset
 * of the damaged block; no data from a damaged block is ever returned.
 */
public final class CorruptSstException extends CorruptDataException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptSstException(Path file, long offset, String what) {
        this(file, offset, what, null);
    }

    public CorruptSstException(Path file, long offset, String what, Throwable cause) {
        super("corrupt SSTable " + file + " at offset " + offset + ": " + what,
                new IOException("corrupt SSTable " + file + " at offset " + offset + ": " + what, cause));
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** The byte offset of the damaged block (or footer) in {@link #file()}. */
    public long offset() {
        return offset;
    }
}

package io.shaledb.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The log is damaged somewhere other than a torn tail: a record that acknowledged data may depend
 * on cannot be read. Names the segment file and the byte offset inside it. Recovery never skips
 * such a record; an operator must decide (restore from a replica or backup, or cut the log there).
 */
public final class CorruptWalException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptWalException(Path file, long offset, String problem) {
        super("corrupt write-ahead log: " + file + " at offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The segment file. */
    public Path file() {
        return file;
    }

    /** Byte offset within {@link #file()} of the first bad byte range (a record or the header). */
    public long offset() {
        return offset;
    }
}

package io.shaledb.wal;

import static io.shaledb.wal.WalFormat.RECORD_HEADER_SIZE;

import io.shaledb.common.fs.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads and validates the records of one segment file, in order, between a start offset and a
 * limit. Used by recovery (limit = file size) and by readers (limit = durable end). Not
 * thread-safe; does not own the file handle.
 *
 * <p>A record at offset {@code o} is valid when: its 20-byte header fits below the limit; its LSN
 * field equals {@code base + o}; its type is not 0 and its flag and reserved bytes are 0; its
 * length is at most the maximum and the payload fits below the limit; and the CRC matches.
 */
final class SegmentScanner {

    enum Result { RECORD, END, INVALID }

    private static final int WINDOW = 256 << 10;

    private final FileHandle file;
    private final long base;
    private final long limit;
    private final int maxRecordSize;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = 0;
    private final byte[] header = new byte[RECORD_HEADER_SIZE];

    private long offset;
    // current record
    private long lsn;
    private byte type;
    private ByteBuffer payload;
    private String problem;

    SegmentScanner(FileHandle file, long base, long startOffset, long limit, int maxRecordSize) {
        this.file = file;
        this.base = base;
        this.offset = startOffset;
        this.limit = limit;
        this.maxRecordSize = maxRecordSize;
        window.limit(0);
    }

    /** Offset of the next record to read (after {@link Result#INVALID}: of the bad record). */
    long offset() {
        return offset;
    }

    /** Continues at {@code at}, which must be the offset of a record (or the end). */
    void seek(long at) {
        offset = at;
    }

    long lsn() {
        return lsn;
    }

    byte type() {
        return type;
    }

    ByteBuffer payload() {
        return payload;
    }

    String problem() {
        return problem;
    }

    Result next() throws IOException {
        long remaining = limit - offset;
        if (remaining == 0) {
            return Result.END;
        }
        if (remaining < RECORD_HEADER_SIZE) {
            problem = "incomplete record header (" + remaining + " bytes before the end)";
            return Result.INVALID;
        }
        ByteBuffer h = view(offset, RECORD_HEADER_SIZE);
        h.get(header);
        ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int crc = hb.getInt(0);
        long length = Integer.toUnsignedLong(hb.getInt(4));
        long lsnField = hb.getLong(8);
        byte typeField = hb.get(16);
        long expected = base + offset;
        if (isZero(header)) {
            problem = "zeroed space";
        } else if (lsnField != expected) {
            problem = "record LSN field " + lsnField + " does not match its position (expected " + expected + ")";
        } else if (length > maxRecordSize) {
            problem = "record length " + length + " exceeds the maximum " + maxRecordSize;
        } else if (length > remaining - RECORD_HEADER_SIZE) {
            problem = "record length " + length + " runs past the end (" + (remaining - RECORD_HEADER_SIZE)
                    + " bytes left)";
        } else if (typeField == 0 || hb.get(17) != 0 || hb.getShort(18) != 0) {
            problem = "invalid record type or flags";
        } else {
            problem = null;
        }
        if (problem != null) {
            return Result.INVALID;
        }
        ByteBuffer p = view(offset + RECORD_HEADER_SIZE, (int) length);
        CRC32C c = new CRC32C();
        c.update(p.duplicate());
        c.update(header, 4, RECORD_HEADER_SIZE - 4);
        if ((int) c.getValue() != crc) {
            problem = "record checksum mismatch (LSN " + lsnField + ", length " + length + ")";
            return Result.INVALID;
        }
        lsn = lsnField;
        type = typeField;
        payload = p.slice().asReadOnlyBuffer();
        offset += RECORD_HEADER_SIZE + length;
        return Result.RECORD;
    }

    /** Checks only whether a valid record starts at {@code at} (used to tell a torn tail from corruption). */
    boolean validRecordAt(long at) throws IOException {
        long saved = offset;
        offset = at;
        try {
            return next() == Result.RECORD;
        } finally {
            offset = saved;
        }
    }

    /**
     * The offset of the first position after {@code from} where a valid record starts, or -1. Only
     * positions whose 8-byte LSN field matches the position are fully checked, so this is one pass
     * over the data.
     */
    long findValidRecordAfter(long from) throws IOException {
        for (long at = from + 1; at + RECORD_HEADER_SIZE <= limit; at++) {
            ByteBuffer h = view(at, RECORD_HEADER_SIZE);
            if (h.getLong(h.position() + 8) == base + at && validRecordAt(at)) {
                return at;
            }
        }
        return -1;
    }

    /** A buffer whose remaining bytes are the file's bytes {@code [pos, pos + n)}. */
    private ByteBuffer view(long pos, int n) throws IOException {
        if (pos >= windowStart && pos + n <= windowStart + window.limit()) {
            int from = (int) (pos - windowStart);
            return window.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(from).limit(from + n);
        }
        if (n > WINDOW) {
            ByteBuffer big = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            file.readFully(big, pos);
            return big.flip();
        }
        window.clear();
        window.limit((int) Math.min(WINDOW, limit - pos));
        file.readFully(window, pos);
        window.flip();
        windowStart = pos;
        return view(pos, n);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

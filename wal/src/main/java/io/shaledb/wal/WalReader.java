package io.shaledb.wal;

import static io.shaledb.wal.WalFormat.RECORD_HEADER_SIZE;
import static io.shaledb.wal.WalFormat.SEGMENT_HEADER_SIZE;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Iterates over log records in LSN order, from a start LSN up to a fixed end (the durable LSN when
 * the reader was created), verifying every record. Obtain one from {@link Wal#newReader(long)}.
 * Not thread-safe.
 *
 * <pre>{@code
 * try (WalReader r = wal.newReader(checkpointLsn)) {
 *     while (r.next()) {
 *         redo(r.lsn(), r.type(), r.payload());
 *     }
 * }
 * }</pre>
 */
public final class WalReader implements Closeable {

    private final FileSystem fs;
    private final List<Wal.SegmentRef> segments;
    private final long fromLsn;
    private final long limitLsn;
    private final int maxRecordSize;

    private int index;
    private FileHandle handle;
    private SegmentScanner scanner;
    private long lsn = -1;
    private byte type;
    private ByteBuffer payload;
    private boolean done;

    WalReader(FileSystem fs, List<Wal.SegmentRef> segments, long fromLsn, long limitLsn, int maxRecordSize) {
        this.fs = fs;
        this.segments = segments;
        this.fromLsn = fromLsn;
        this.limitLsn = limitLsn;
        this.maxRecordSize = maxRecordSize;
        int i = 0;
        while (i + 1 < segments.size() && segments.get(i + 1).baseLsn() <= fromLsn) {
            i++;
        }
        this.index = i;
    }

    /** Advances to the next record; false at the end. */
    public boolean next() throws IOException {
        while (!done) {
            if (scanner == null && !openSegment()) {
                done = true;
                break;
            }
            Wal.SegmentRef ref = segments.get(index);
            SegmentScanner.Result result;
            try {
                result = scanner.next();
            } catch (EOFException e) {
                throw new CorruptWalException(ref.path(), scanner.offset(), "segment file is shorter than the log says ("
                        + e.getMessage() + ")");
            }
            switch (result) {
                case RECORD -> {
                    if (scanner.lsn() < fromLsn) {
                        continue;
                    }
                    lsn = scanner.lsn();
                    type = scanner.type();
                    payload = scanner.payload();
                    return true;
                }
                case END -> {
                    closeSegment();
                    index++;
                    if (index >= segments.size()) {
                        done = true;
                    }
                }
                case INVALID -> throw new CorruptWalException(ref.path(), scanner.offset(), scanner.problem());
            }
        }
        lsn = -1;
        payload = null;
        return false;
    }

    private boolean openSegment() throws IOException {
        Wal.SegmentRef ref = segments.get(index);
        if (ref.baseLsn() + SEGMENT_HEADER_SIZE > limitLsn || fromLsn >= limitLsn) {
            return false;
        }
        long end = index + 1 < segments.size() ? Math.min(segments.get(index + 1).baseLsn(), limitLsn) : limitLsn;
        handle = fs.open(ref.path(), OpenMode.READ);
        byte[] header = new byte[SEGMENT_HEADER_SIZE];
        try {
            handle.readFully(ByteBuffer.wrap(header), 0);
        } catch (EOFException e) {
            throw new CorruptWalException(ref.path(), 0, "segment header is missing");
        }
        Object decoded = WalFormat.decodeSegmentHeader(header);
        if (decoded instanceof String problem) {
            throw new CorruptWalException(ref.path(), 0, problem);
        }
        if (((WalFormat.SegmentHeader) decoded).baseLsn() != ref.baseLsn()) {
            throw new CorruptWalException(ref.path(), 16, "segment header base LSN does not match the file name");
        }
        scanner = new SegmentScanner(handle, ref.baseLsn(), SEGMENT_HEADER_SIZE, end - ref.baseLsn(), maxRecordSize);
        // LSNs are positions, so a start LSN that is a record boundary can be jumped to directly
        // (the record there must carry that LSN and a valid CRC); otherwise scan from the header.
        long jump = fromLsn - ref.baseLsn();
        if (jump > SEGMENT_HEADER_SIZE && jump < end - ref.baseLsn() && scanner.validRecordAt(jump)) {
            scanner.seek(jump);
        }
        return true;
    }

    private void closeSegment() throws IOException {
        scanner = null;
        if (handle != null) {
            FileHandle h = handle;
            handle = null;
            h.close();
        }
    }

    /** LSN of the current record. */
    public long lsn() {
        return lsn;
    }

    /** LSN just after the current record: where the next record starts if it is in the same segment. */
    public long endLsn() {
        return lsn + RECORD_HEADER_SIZE + payload.remaining();
    }

    /** Type of the current record. */
    public byte type() {
        return type;
    }

    /** Payload of the current record: read-only, valid until the next call to {@link #next()}. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    @Override
    public void close() throws IOException {
        done = true;
        closeSegment();
    }
}

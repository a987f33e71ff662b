package io.shaledb.sql.copy;

import java.util.Arrays;

/**
 * Cuts the byte stream of a COPY FROM into records, whatever the chunks it arrives in: a record
 * ends at a newline ({@code \n} or {@code \r\n}) that is not escaped (text format: after a
 * backslash) and not inside a quoted field (CSV). A line holding only {@code \.} ends the data,
 * as in PostgreSQL. Only the unfinished record is buffered, so memory stays bounded by the longest
 * record, however long the stream.
 *
 * <p>Delimiter, quote and escape are single ASCII bytes, which never occur inside a multi-byte
 * UTF-8 sequence, so the scan works on bytes and decoding happens per field.
 */
public final class CopyRecordReader {

    /** Receives each record without its line terminator; {@code buf} is only valid during the call. */
    @FunctionalInterface
    public interface RecordSink {
        void record(byte[] buf, int off, int len);
    }

    private final boolean csv;
    private final byte quote;
    private final byte escape;

    private byte[] buf = new byte[16 * 1024];
    private int len;
    /** Bytes of {@code buf} already scanned, with the state below as of that point. */
    private int scanned;
    private boolean inQuote;
    private boolean skipNext;
    private boolean ended;

    public CopyRecordReader(CopyOptions options) {
        this.csv = options.csv();
        this.quote = options.quote();
        this.escape = options.escape();
    }

    /** True once the end-of-data marker {@code \.} was read; later data is to be ignored. */
    public boolean ended() {
        return ended;
    }

    /** Feeds one chunk, passing every record it completes to {@code sink}. */
    public void feed(byte[] chunk, RecordSink sink) {
        if (ended) {
            return;
        }
        if (len + chunk.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + chunk.length));
        }
        System.arraycopy(chunk, 0, buf, len, chunk.length);
        len += chunk.length;
        int start = 0;
        for (int i = scanned; i < len; i++) {
            byte b = buf[i];
            if (skipNext) {
                skipNext = false;
            } else if (csv && inQuote) {
                if (b == escape && escape != quote) {
                    skipNext = true;
                } else if (b == quote) {
                    inQuote = false; // with escape == quote, a doubled quote closes and reopens
                }
            } else if (csv && b == quote) {
                inQuote = true;
            } else if (!csv && b == '\\') {
                skipNext = true;
            } else if (b == '\n') {
                int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                if (emit(start, end, sink)) {
                    len = 0;
                    scanned = 0;
                    return;
                }
                start = i + 1;
            }
        }
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
        scanned = len;
    }

    /**
     * The data is complete: a last record without a newline is passed on.
     *
     * @return false when a CSV quoted field was never closed
     */
    public boolean finish(RecordSink sink) {
        if (!ended && len > 0) {
            int end = buf[len - 1] == '\r' ? len - 1 : len;
            if (csv && inQuote) {
                return false;
            }
            emit(0, end, sink);
        }
        len = 0;
        scanned = 0;
        return true;
    }

    private boolean emit(int start, int end, RecordSink sink) {
        if (end - start == 2 && buf[start] == '\\' && buf[start + 1] == '.') {
            ended = true;
            return true;
        }
        sink.record(buf, start, end - start);
        return false;
    }
}

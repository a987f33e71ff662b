package io.shaledb.common.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tuple written by {@link TupleEncoder}. The encoding carries no type tags, so the caller
 * reads columns in order with the type and {@link SortOrder} it wrote them with.
 */
public final class TupleDecoder {
    private final byte[] buf;
    private int pos;

    public TupleDecoder(byte[] buf) {
        this(buf, 0);
    }

    public TupleDecoder(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public int position() {
        return pos;
    }

    public boolean hasRemaining() {
        return pos < buf.length;
    }

    /** Skips raw prefix bytes written with {@link TupleEncoder#writeRawPrefix}. */
    public TupleDecoder skip(int n) {
        require(n);
        pos += n;
        return this;
    }

    /** If the next column is NULL, consumes it and returns true; otherwise consumes nothing. */
    public boolean readNull(SortOrder order) {
        require(1);
        byte marker = get(pos, order);
        if (marker == TupleEncoder.NULL_LOW || marker == TupleEncoder.NULL_HIGH) {
            pos++;
            return true;
        }
        if (marker != TupleEncoder.PRESENT) {
            throw new IllegalArgumentException("corrupt tuple: bad column marker " + marker + " at " + pos);
        }
        return false;
    }

    public boolean readBoolean(SortOrder order) {
        expectPresent(order);
        require(1);
        return get(pos++, order) != 0;
    }

    public long readLong(SortOrder order) {
        expectPresent(order);
        return readRawLong(order) ^ Long.MIN_VALUE;
    }

    public double readDouble(SortOrder order) {
        expectPresent(order);
        return TupleEncoder.doubleFromSortableBits(readRawLong(order));
    }

    /** Reads a text column; malformed UTF-8 is reported as corruption rather than replaced with U+FFFD. */
    public String readText(SortOrder order) {
        int start = pos;
        byte[] utf8 = readBytes(order);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("corrupt tuple: text column at " + start + " is not valid UTF-8", e);
        }
    }

    public byte[] readBytes(SortOrder order) {
        expectPresent(order);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            require(1);
            byte b = get(pos++, order);
            if (b != TupleEncoder.ESCAPE) {
                out.write(b);
                continue;
            }
            require(1);
            byte next = get(pos++, order);
            if (next == TupleEncoder.TERMINATOR) {
                return out.toByteArray();
            }
            if (next != TupleEncoder.ESCAPED_ZERO) {
                throw new IllegalArgumentException("corrupt tuple: bad escape at " + (pos - 1));
            }
            out.write(0);
        }
    }

    private void expectPresent(SortOrder order) {
        require(1);
        byte marker = get(pos, order);
        if (marker != TupleEncoder.PRESENT) {
            throw new IllegalArgumentException("expected a non-NULL column at " + pos + ", found marker " + marker);
        }
        pos++;
    }

    private long readRawLong(SortOrder order) {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (get(pos++, order) & 0xFF);
        }
        return v;
    }

    private byte get(int index, SortOrder order) {
        return order.descending() ? (byte) ~buf[index] : buf[index];
    }

    private void require(int n) {
        if (pos + n > buf.length) {
            throw new IllegalArgumentException("corrupt tuple: truncated at " + pos + " (need " + n + " of " + buf.length + ")");
        }
    }
}

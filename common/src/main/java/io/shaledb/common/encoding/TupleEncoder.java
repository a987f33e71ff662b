package io.shaledb.common.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a tuple of values as bytes whose unsigned lexicographic order equals the SQL order of the
 * tuples, column by column. See the package documentation for the byte layout.
 *
 * <p>Not thread-safe; reuse with {@link #reset()}.
 */
public final class TupleEncoder {
    static final byte NULL_LOW = 0x01;
    static final byte PRESENT = 0x02;
    static final byte NULL_HIGH = 0x03;
    static final byte ESCAPE = 0x00;
    static final byte ESCAPED_ZERO = (byte) 0xFF;
    static final byte TERMINATOR = 0x01;

    private byte[] buf;
    private int len;

    public TupleEncoder() {
        this(32);
    }

    public TupleEncoder(int initialCapacity) {
        buf = new byte[Math.max(8, initialCapacity)];
    }

    /** Starts the tuple with raw bytes that are not part of any column (e.g. a key-space prefix). */
    public TupleEncoder writeRawPrefix(byte[] prefix) {
        ensure(prefix.length);
        System.arraycopy(prefix, 0, buf, len, prefix.length);
        len += prefix.length;
        return this;
    }

    public TupleEncoder writeNull(SortOrder order) {
        // After inversion for DESC the marker must still land on the side order.nullsFirst asks for.
        boolean lowMarker = order.nullsFirst() != order.descending();
        put(lowMarker ? NULL_LOW : NULL_HIGH, order);
        return this;
    }

    public TupleEncoder writeBoolean(boolean value, SortOrder order) {
        put(PRESENT, order);
        put(value ? (byte) 1 : (byte) 0, order);
        return this;
    }

    public TupleEncoder writeLong(long value, SortOrder order) {
        put(PRESENT, order);
        putLong(value ^ Long.MIN_VALUE, order);
        return this;
    }

    /**
     * Doubles sort as PostgreSQL sorts float8: {@code -Infinity < negatives < 0 < positives <
     * Infinity < NaN}; {@code -0.0} equals {@code 0.0} and every NaN equals every other, so both
     * are canonicalised before encoding (decoding yields {@code 0.0} and {@link Double#NaN}).
     */
    public TupleEncoder writeDouble(double value, SortOrder order) {
        put(PRESENT, order);
        putLong(sortableDoubleBits(value), order);
        return this;
    }

    /**
     * Text is stored as UTF-8, so it sorts by Unicode code point (PostgreSQL's C collation).
     *
     * @throws IllegalArgumentException if {@code value} has an unpaired surrogate: such a string has
     *     no UTF-8 form, and {@link String#getBytes} would silently replace it with {@code '?'}, making
     *     distinct strings collide as keys
     */
    public TupleEncoder writeText(String value, SortOrder order) {
        requireWellFormed(value);
        return writeEscaped(value.getBytes(StandardCharsets.UTF_8), order);
    }

    private static void requireWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException("text has an unpaired surrogate U+"
                    + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                    + " and so no UTF-8 encoding");
        }
    }

    public TupleEncoder writeBytes(byte[] value, SortOrder order) {
        return writeEscaped(value, order);
    }

    private TupleEncoder writeEscaped(byte[] value, SortOrder order) {
        put(PRESENT, order);
        ensure(value.length + 2);
        for (byte b : value) {
            if (b == 0) {
                put(ESCAPE, order);
                put(ESCAPED_ZERO, order);
            } else {
                put(b, order);
            }
        }
        put(ESCAPE, order);
        put(TERMINATOR, order);
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public int length() {
        return len;
    }

    public TupleEncoder reset() {
        len = 0;
        return this;
    }

    static long sortableDoubleBits(double value) {
        if (Double.isNaN(value)) {
            value = Double.NaN;
        } else if (value == 0.0) {
            value = 0.0; // folds -0.0 into +0.0
        }
        long bits = Double.doubleToRawLongBits(value);
        // Negative numbers: invert everything so larger magnitudes sort lower.
        // Positive numbers: set the sign bit so they sort above every negative.
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static double doubleFromSortableBits(long sortable) {
        long bits = sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable;
        return Double.longBitsToDouble(bits);
    }

    private void putLong(long v, SortOrder order) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            put((byte) (v >>> shift), order);
        }
    }

    private void put(byte b, SortOrder order) {
        ensure(1);
        buf[len++] = order.descending() ? (byte) ~b : b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}

package io.shaledb.storage;

import io.shaledb.common.bytes.Bytes;

/**
 * A range of keys. A {@code null} bound is unbounded on that side.
 *
 * @param low lower bound, or null for the first key
 * @param lowInclusive whether {@code low} itself is in the range
 * @param high upper bound, or null for past the last key
 * @param highInclusive whether {@code high} itself is in the range
 */
public record KeyRange(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive) {

    private static final KeyRange ALL = new KeyRange(null, true, null, false);

    public static KeyRange all() {
        return ALL;
    }

    /** Every key that starts with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, Bytes.prefixEnd(prefix), false);
    }

    /** {@code [low, high)}. */
    public static KeyRange halfOpen(byte[] low, byte[] high) {
        return new KeyRange(low, true, high, false);
    }

    public boolean contains(byte[] key) {
        return !belowLow(key) && !aboveHigh(key);
    }

    public boolean belowLow(byte[] key) {
        if (low == null) {
            return false;
        }
        int c = Bytes.compare(key, low);
        return lowInclusive ? c < 0 : c <= 0;
    }

    public boolean aboveHigh(byte[] key) {
        if (high == null) {
            return false;
        }
        int c = Bytes.compare(key, high);
        return highInclusive ? c > 0 : c >= 0;
    }

    /** True when no key can be in the range. */
    public boolean isEmpty() {
        if (low == null || high == null) {
            return false;
        }
        int c = Bytes.compare(low, high);
        return c > 0 || (c == 0 && !(lowInclusive && highInclusive));
    }

    @Override
    public String toString() {
        return (lowInclusive ? "[" : "(") + (low == null ? "-inf" : Bytes.toHex(low)) + ", "
                + (high == null ? "+inf" : Bytes.toHex(high)) + (highInclusive ? "]" : ")");
    }
}

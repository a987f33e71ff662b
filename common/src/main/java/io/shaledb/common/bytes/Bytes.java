package io.shaledb.common.bytes;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/** Helpers for byte-array keys, which ShaleDB orders as unsigned byte strings. */
public final class Bytes {
    /** Unsigned lexicographic order: the order of every key in every engine. */
    public static final Comparator<byte[]> UNSIGNED_ORDER = Arrays::compareUnsigned;

    public static final byte[] EMPTY = new byte[0];

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or {@code null} when
     * no such key exists (the prefix is empty or all 0xFF bytes). Used as an exclusive upper bound.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}

package io.shaledb.sql.types;

import java.util.Arrays;

/** A bytea value: an immutable byte string with value equality and unsigned lexicographic order. */
public record Bytea(byte[] bytes) implements Comparable<Bytea> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public Bytea {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** bytea_output = hex: {@code \x} then two lower-case hex digits per byte. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(2 + 2 * bytes.length).append("\\x");
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(Bytea o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytea b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}

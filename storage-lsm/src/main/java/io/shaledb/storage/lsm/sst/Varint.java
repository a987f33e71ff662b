package io.shaledb.storage.lsm.sst;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Unsigned LEB128 variable-length integers (7 bits per byte, low group first, high bit = more). */
public final class Varint {
    private Varint() {}

    public static void write(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads a varint from {@code buf} at its position, advancing it. */
    public static long read(ByteBuffer buf) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    public static int readInt(ByteBuffer buf) {
        long v = read(buf);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("varint " + v + " out of int range");
        }
        return (int) v;
    }
}

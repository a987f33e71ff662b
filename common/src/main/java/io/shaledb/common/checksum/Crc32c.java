package io.shaledb.common.checksum;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) helpers over {@link CRC32C}, which the JVM accelerates with the SSE 4.2 /
 * ARMv8 CRC instructions. Values are returned as {@code int} holding the unsigned 32-bit CRC.
 *
 * <p>{@link #mask(int)} is the optional "masked" form for a CRC that is stored inside data which
 * is itself checksummed later (computing the CRC of a string that embeds its own CRC is
 * degenerate). Formats state which form they store.
 */
public final class Crc32c {

    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    /** CRC-32C of all of {@code bytes}. */
    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** CRC-32C of {@code bytes[offset, offset + length)}. */
    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** CRC-32C of the remaining bytes of {@code buffer}; the buffer's position is not changed. */
    public static int of(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        return (int) crc.getValue();
    }

    /** Continues a running {@link CRC32C} with the remaining bytes of {@code buffer}, not moving its position. */
    public static void update(CRC32C crc, ByteBuffer buffer) {
        crc.update(buffer.duplicate());
    }

    /** The current value of a running {@link CRC32C} as an {@code int}. */
    public static int value(CRC32C crc) {
        return (int) crc.getValue();
    }

    /** The masked form of {@code crc}: rotated right by 15 bits, plus a constant. */
    public static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + MASK_DELTA;
    }

    /** Inverse of {@link #mask(int)}. */
    public static int unmask(int masked) {
        return Integer.rotateLeft(masked - MASK_DELTA, 15);
    }
}

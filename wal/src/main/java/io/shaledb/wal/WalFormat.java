package io.shaledb.wal;

import io.shaledb.common.checksum.Crc32c;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Byte layouts of segment headers and record headers (see {@code docs/formats/wal.md}). All
 * integers are little-endian.
 */
final class WalFormat {

    static final byte[] MAGIC = "SHALEWAL".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int SEGMENT_HEADER_SIZE = 32;
    static final int RECORD_HEADER_SIZE = 20;
    static final String SUFFIX = ".wal";
    private static final int NAME_DIGITS = 16;

    private WalFormat() {}

    static String segmentName(long baseLsn) {
        return HexFormat.of().toHexDigits(baseLsn) + SUFFIX;
    }

    /** The base LSN encoded in a segment file name, or -1 if the name is not a segment's. */
    static long parseSegmentName(String name) {
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String hex = name.substring(0, NAME_DIGITS);
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || Character.isUpperCase(hex.charAt(i))) {
                return -1;
            }
        }
        long base = HexFormat.fromHexDigitsToLong(hex);
        return base < 0 ? -1 : base;
    }

    // ------------------------------------------------------------------ segment header
    // 0 magic[8] | 8 u16 version | 10 u16 header size | 12 u32 flags | 16 u64 base LSN | 24 u32 log id | 28 u32 crc

    static ByteBuffer encodeSegmentHeader(long baseLsn, int logId) {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) SEGMENT_HEADER_SIZE).putInt(0).putLong(baseLsn).putInt(logId);
        b.putInt(Crc32c.of(b.array(), 0, 28));
        return b.flip();
    }

    /** A decoded segment header. */
    record SegmentHeader(long baseLsn, int logId) {}

    /**
     * Decodes a segment header from exactly {@link #SEGMENT_HEADER_SIZE} bytes, or returns a
     * description of what is wrong with it as {@code problem}.
     */
    static Object decodeSegmentHeader(byte[] h) {
        if (h.length < SEGMENT_HEADER_SIZE) {
            return "segment header is short (" + h.length + " bytes)";
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return "bad magic (not a ShaleDB WAL segment)";
        }
        if (b.getInt(28) != Crc32c.of(h, 0, 28)) {
            return "segment header checksum mismatch";
        }
        int version = Short.toUnsignedInt(b.getShort(8));
        if (version != VERSION) {
            return "unsupported WAL format version " + version + " (this build reads version " + VERSION + ")";
        }
        if (Short.toUnsignedInt(b.getShort(10)) != SEGMENT_HEADER_SIZE || b.getInt(12) != 0) {
            return "unsupported segment header size or flags";
        }
        return new SegmentHeader(b.getLong(16), b.getInt(24));
    }

    // ------------------------------------------------------------------ record header
    // 0 u32 crc | 4 u32 length | 8 u64 lsn | 16 u8 type | 17 u8 flags | 18 u16 reserved
    // crc = CRC32C(payload ++ header[4..20))

    /** Writes header bytes 4..20 (everything but the CRC) into {@code h}. */
    static void encodeRecordHeaderTail(byte[] h, int length, long lsn, byte type) {
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, length).putLong(8, lsn).put(16, type).put(17, (byte) 0).putShort(18, (short) 0);
    }

    static void putRecordCrc(byte[] h, int crc) {
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putInt(0, crc);
    }
}

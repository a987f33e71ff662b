package io.shaledb.txn;

import io.shaledb.common.bytes.Bytes;
import java.util.Arrays;

/**
 * How a row version sits in the engine (docs/formats/mvcc.md).
 *
 * <pre>
 *   key   = userKey || u64be(~seq)                      (newest version of a key sorts first)
 *   value = u8 format(1) | u8 flags | u64 xmin | u64 xmax | u32 cmin | u32 cmax | payload
 * </pre>
 */
final class VersionCodec {
    static final int SUFFIX = 8;
    static final byte FORMAT = 1;
    static final int HEADER = 2 + 8 + 8 + 4 + 4;

    private VersionCodec() {}

    static byte[] versionKey(byte[] userKey, long seq) {
        byte[] k = Arrays.copyOf(userKey, userKey.length + SUFFIX);
        putLong(k, userKey.length, ~seq);
        return k;
    }

    /** The user key of a version key. */
    static byte[] userKey(byte[] versionKey) {
        return Arrays.copyOf(versionKey, versionKey.length - SUFFIX);
    }

    static Version decode(byte[] versionKey, byte[] value) {
        if (versionKey.length < SUFFIX || value.length < HEADER || value[0] != FORMAT) {
            throw new IllegalStateException("not a row version: key " + Bytes.toHex(versionKey) + " value of "
                    + value.length + " bytes" + (value.length > 0 ? " format " + value[0] : ""));
        }
        long seq = ~getLong(versionKey, versionKey.length - SUFFIX);
        return new Version(userKey(versionKey), seq, getLong(value, 2), getLong(value, 10), getInt(value, 18), getInt(value, 22),
                value[1], Arrays.copyOfRange(value, HEADER, value.length));
    }

    static byte[] encode(Version v) {
        byte[] out = new byte[HEADER + v.payload().length];
        out[0] = FORMAT;
        out[1] = (byte) v.flags();
        putLong(out, 2, v.xmin());
        putLong(out, 10, v.xmax());
        putInt(out, 18, v.cmin());
        putInt(out, 22, v.cmax());
        System.arraycopy(v.payload(), 0, out, HEADER, v.payload().length);
        return out;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}

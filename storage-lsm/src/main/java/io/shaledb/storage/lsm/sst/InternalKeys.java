package io.shaledb.storage.lsm.sst;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Internal keys: a user key followed by an 8-byte big-endian trailer {@code (sequence << 8) | kind}.
 * They order by user key ascending (unsigned bytes), then by trailer descending, so the newest
 * version of a user key comes first.
 */
public final class InternalKeys {

    /** Kind of a tombstone. */
    public static final byte DELETE = 0;
    /** Kind of a value. */
    public static final byte PUT = 1;
    /** The largest sequence number (56 bits). */
    public static final long MAX_SEQUENCE = (1L << 56) - 1;
    public static final int TRAILER_SIZE = 8;

    /** The order of internal keys. */
    public static final Comparator<byte[]> COMPARATOR = InternalKeys::compare;

    private InternalKeys() {}

    public static byte[] encode(byte[] userKey, long sequence, byte kind) {
        byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        putTrailer(out, userKey.length, (sequence << 8) | (kind & 0xFF));
        return out;
    }

    /** The key that sorts before every version of {@code userKey} (for forward seeks). */
    public static byte[] seekFirst(byte[] userKey) {
        byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        putTrailer(out, userKey.length, -1L);
        return out;
    }

    /** The key that sorts after every version of {@code userKey} (for backward seeks). */
    public static byte[] seekLast(byte[] userKey) {
        return Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
    }

    /** The key a point read at {@code sequence} seeks to: before every version with a sequence at most that. */
    public static byte[] lookup(byte[] userKey, long sequence) {
        byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        putTrailer(out, userKey.length, (sequence << 8) | 0xFF);
        return out;
    }

    private static void putTrailer(byte[] out, int at, long trailer) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (trailer >>> (56 - 8 * i));
        }
    }

    public static long trailer(byte[] ikey) {
        long t = 0;
        int at = ikey.length - TRAILER_SIZE;
        for (int i = 0; i < 8; i++) {
            t = (t << 8) | (ikey[at + i] & 0xFF);
        }
        return t;
    }

    public static long sequence(byte[] ikey) {
        return trailer(ikey) >>> 8;
    }

    public static byte kind(byte[] ikey) {
        return ikey[ikey.length - 1];
    }

    public static int userKeyLength(byte[] ikey) {
        return ikey.length - TRAILER_SIZE;
    }

    public static byte[] userKey(byte[] ikey) {
        return Arrays.copyOf(ikey, ikey.length - TRAILER_SIZE);
    }

    /** Compares the user-key parts of two internal keys. */
    public static int compareUser(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }

    /** Compares the user-key part of internal key {@code ikey} with user key {@code user}. */
    public static int compareUserTo(byte[] ikey, byte[] user) {
        return Arrays.compareUnsigned(ikey, 0, ikey.length - TRAILER_SIZE, user, 0, user.length);
    }

    public static int compare(byte[] a, byte[] b) {
        int c = compareUser(a, b);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(trailer(b), trailer(a));
    }

    public static String describe(byte[] ikey) {
        if (ikey == null) {
            return "null";
        }
        if (ikey.length < TRAILER_SIZE) {
            return "<malformed " + java.util.HexFormat.of().formatHex(ikey) + ">";
        }
        return java.util.HexFormat.of().formatHex(ikey, 0, ikey.length - TRAILER_SIZE) + "@" + sequence(ikey)
                + (kind(ikey) == DELETE ? ":del" : ":put");
    }
}

package io.shaledb.storage.lsm.sst;

import java.util.List;

/**
 * A bloom filter over user keys with double hashing: probe {@code i} sets bit
 * {@code (h1 + i * h2) mod m}, where {@code h1}, {@code h2} are the halves of a 64-bit hash of the
 * key. Encoded as the bit array followed by one byte holding the probe count {@code k}.
 */
public final class BloomFilter {
    private final byte[] bits;
    private final int probes;
    private final long bitCount;

    private BloomFilter(byte[] bits, int probes) {
        this.bits = bits;
        this.probes = probes;
        this.bitCount = 8L * bits.length;
    }

    /** Builds the encoded filter for {@code keys} with about {@code bitsPerKey} bits each. */
    public static byte[] build(List<byte[]> keys, int bitsPerKey) {
        int probes = Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
        long m = Math.max(64, (long) keys.size() * bitsPerKey);
        int bytes = (int) Math.min(Integer.MAX_VALUE - 16, (m + 7) / 8);
        byte[] out = new byte[bytes + 1];
        long bitCount = 8L * bytes;
        for (byte[] key : keys) {
            long h = hash(key);
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < probes; i++) {
                long bit = Integer.toUnsignedLong(h1 + i * h2) % bitCount;
                out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        out[bytes] = (byte) probes;
        return out;
    }

    /** Decodes an encoded filter; {@code null} when it is malformed. */
    public static BloomFilter decode(byte[] encoded) {
        if (encoded.length < 2) {
            return null;
        }
        int probes = encoded[encoded.length - 1] & 0xFF;
        if (probes < 1 || probes > 30) {
            return null;
        }
        return new BloomFilter(java.util.Arrays.copyOf(encoded, encoded.length - 1), probes);
    }

    /** False when {@code key} is certainly absent. */
    public boolean mightContain(byte[] key) {
        long h = hash(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < probes; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % bitCount;
            if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** FNV-1a over the bytes, then a 64-bit finalizer so that both halves are well mixed. */
    static long hash(byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= key.length;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

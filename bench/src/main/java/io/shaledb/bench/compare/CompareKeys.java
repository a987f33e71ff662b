package io.shaledb.bench.compare;

import io.shaledb.bench.engine.Dataset;

/**
 * Keys of the comparison: 16 bytes, the big-endian index {@code i} then a 64-bit suffix, so that
 * byte order is index order. Version 0 of key {@code i} is {@link Dataset#key(long)}; the churn
 * workload replaces a deleted key by the next version of the same index (same place in the key
 * order, different bytes), and the miss workload asks for a suffix no version has, so a miss lies
 * between two existing keys and only a bloom filter or a search can rule it out.
 */
final class CompareKeys {

    private static final long VERSION_STEP = 0x9e3779b97f4a7c15L;

    private CompareKeys() {}

    static byte[] key(long i, int version) {
        byte[] k = Dataset.key(i);
        if (version != 0) {
            putLong(k, 8, suffix(k) + version * VERSION_STEP);
        }
        return k;
    }

    /** A key that is never written: index {@code i} with the complement of its version-0 suffix. */
    static byte[] absent(long i) {
        byte[] k = Dataset.key(i);
        putLong(k, 8, ~suffix(k));
        return k;
    }

    private static long suffix(byte[] k) {
        long v = 0;
        for (int b = 8; b < 16; b++) {
            v = (v << 8) | (k[b] & 0xff);
        }
        return v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}

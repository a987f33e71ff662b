package io.shaledb.bench.engine;

import java.util.SplittableRandom;

/**
 * The one data set every store is loaded with, so that all three see byte-identical keys and
 * values in the same order.
 *
 * <p>Key {@code i} is 16 bytes: the big-endian {@code i}, then a big-endian 64-bit mix of
 * {@code i}. Byte order therefore equals index order (a range scan from key {@code i} meets keys
 * {@code i+1, i+2, ...}), yet the second half is not a run of zeros that a store could compress
 * away. Values are {@value #VALUE_BYTES} pseudo-random bytes from a fixed seed.
 */
public final class Dataset {

    public static final int KEY_BYTES = 16;
    public static final int VALUE_BYTES = 100;

    /** Distinct values cycled through by the put workloads; a power of two. */
    private static final int VALUE_POOL = 1024;

    private final byte[][] values;

    public Dataset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        values = new byte[VALUE_POOL][];
        for (int i = 0; i < VALUE_POOL; i++) {
            byte[] v = new byte[VALUE_BYTES];
            random.nextBytes(v);
            values[i] = v;
        }
    }

    /** The key of index {@code i}; a fresh array. */
    public static byte[] key(long i) {
        byte[] k = new byte[KEY_BYTES];
        putLong(k, 0, i);
        putLong(k, 8, mix(i));
        return k;
    }

    /** The index a key was made from; the inverse of {@link #key(long)} for its first 8 bytes. */
    public static long index(byte[] key) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (key[i] & 0xff);
        }
        return v;
    }

    /** A value for the {@code n}-th write; shared, callers must not modify it. */
    public byte[] value(long n) {
        return values[(int) (n & (VALUE_POOL - 1))];
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** SplitMix64's finaliser: a bijection that scatters consecutive inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

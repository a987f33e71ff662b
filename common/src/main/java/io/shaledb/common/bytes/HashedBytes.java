package io.shaledb.common.bytes;

import java.util.Arrays;

/**
 * A byte-string key for hash maps, compared by content, with its hash computed once — unlike a
 * {@link java.nio.ByteBuffer}, whose hash is recomputed at every lookup. The array is not copied:
 * it must not change while the key is in use.
 */
public final class HashedBytes {
    private final byte[] bytes;
    private final int hash;

    public HashedBytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The wrapped array (not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashedBytes k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }
}

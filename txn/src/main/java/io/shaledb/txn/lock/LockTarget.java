package io.shaledb.txn.lock;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What is locked: a row, named by its relation (table id) and its primary key in encoded form.
 * Equality is by the content of the key. The key is copied on construction and {@link #key()}
 * returns a copy, so a target is immutable and safe as a map key.
 */
public record LockTarget(int relation, byte[] key) {

    public LockTarget {
        Objects.requireNonNull(key, "key");
        key = key.clone();
    }

    /** A copy of the encoded key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockTarget t && t.relation == relation && Arrays.equals(t.key, key);
    }

    /**
     * FNV-1a over the relation and the key bytes: {@link Arrays#hashCode(byte[])}'s polynomial
     * maps many encoded keys that differ in their last two bytes to one value (a COPY of 100 000
     * consecutive ids piles them into hash bins of eight or more).
     */
    @Override
    public int hashCode() {
        int h = 0x811C9DC5 ^ relation;
        for (byte b : key) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "LockTarget[relation=" + relation + ", key=" + HexFormat.of().formatHex(key) + "]";
    }
}

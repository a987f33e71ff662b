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
     * FNV-1a over the relation and the key bytes, then a final mix. Not {@link Arrays#hashCode}:
     * encoded keys of consecutive integers collide in it by the thousand (31 times one byte
     * cancels 961 times the next), which turned the lock table's buckets into slow trees when a
     * transaction inserted many rows.
     */
    @Override
    public int hashCode() {
        int h = 0x811C9DC5 ^ relation;
        for (byte b : key) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return h ^ (h >>> 12);
    }

    @Override
    public String toString() {
        return "LockTarget[relation=" + relation + ", key=" + HexFormat.of().formatHex(key) + "]";
    }
}

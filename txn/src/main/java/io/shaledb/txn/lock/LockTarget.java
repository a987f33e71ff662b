package io.shaledb.txn.lock;

import java.util.Arrays;

/** TEMPORARY stub until the lock manager lands. */
public record LockTarget(int relation, byte[] key) {
    @Override
    public boolean equals(Object o) {
        return o instanceof LockTarget t && t.relation == relation && Arrays.equals(t.key, key);
    }

    @Override
    public int hashCode() {
        return relation * 31 + Arrays.hashCode(key);
    }
}

package io.shaledb.kv;

import io.shaledb.common.bytes.HashedBytes;
import io.shaledb.txn.Version;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The rows one writing command (or one {@link KvStore#atomically} batch) has already read or
 * written, by core key: the version a read of the key returns now, or that it has none. A writer
 * holds the stripes of every key it may write, so nobody else changes these rows until it ends,
 * and every change it makes itself goes through {@link KvTxn}, which records the new version here:
 * the cache mirrors the engine. A batch's 64 INCRs of one key thus read the key from the engine
 * once, not 64 times (and not again before each write).
 *
 * <pre>
 *   INCR k:  read k ──> engine (miss), cache k=v1 ── write v2 ──> cache k=v2
 *   INCR k:  read k ──> cache v2 ── overwrite in place ──> cache k=v3
 *   a command fails ──> savepoint rollback ──> {@link #clear}
 * </pre>
 *
 * Rows of keys the writer does not lock are cached too when read: a batch reads them through
 * its one REPEATABLE READ snapshot, which does not change, and a lone command's later read of
 * them returning what its first read did is Redis's atomic command. Bounded: past
 * {@value #CAPACITY} rows (LREM rewriting a long list) it {@link #overflowed overflows} and knows
 * nothing more; the writer then goes back to reading and locking every row it writes.
 */
final class KvRowCache {
    private static final int CAPACITY = 4096;
    /** What {@link #get} returns for a row known to have no visible version. */
    static final Version ABSENT = new Version(new byte[0], 0, 0, 0, 0, 0, 0, new byte[0]);

    /** Most commands touch a row or three: the first {@value #SMALL} rows live in these arrays, unhashed. */
    private static final int SMALL = 8;
    private byte[][] smallKeys;
    private Version[] smallRows;
    private int smallCount;
    /** The rows past the first {@value #SMALL}, or null. */
    private HashMap<HashedBytes, Version> rows;
    private boolean overflowed;

    /** The cached version of {@code core}, {@link #ABSENT}, or null when the cache does not know. */
    Version get(byte[] core) {
        int i = smallIndex(core);
        if (i >= 0) {
            return smallRows[i];
        }
        return rows == null ? null : rows.get(new HashedBytes(core));
    }

    /** Records what a read of {@code core} now returns ({@code v} null: nothing). */
    void put(byte[] core, Version v) {
        if (overflowed) {
            return;
        }
        Version value = v == null ? ABSENT : v;
        int i = smallIndex(core);
        if (i >= 0) {
            smallRows[i] = value;
            return;
        }
        if (smallCount < SMALL) {
            if (smallKeys == null) {
                smallKeys = new byte[SMALL][];
                smallRows = new Version[SMALL];
            }
            smallKeys[smallCount] = core;
            smallRows[smallCount++] = value;
            return;
        }
        if (rows == null) {
            rows = new HashMap<>();
        }
        if (rows.size() >= CAPACITY) {
            clear();
            overflowed = true;
            return;
        }
        rows.put(new HashedBytes(core), value);
    }

    /** Forgets {@code core}: the next read goes to the engine (and no range counts as fresh any more). */
    void forget(byte[] core) {
        fresh = null;
        int i = smallIndex(core);
        if (i >= 0) {
            smallCount--;
            smallKeys[i] = smallKeys[smallCount];
            smallRows[i] = smallRows[smallCount];
            smallKeys[smallCount] = null;
            smallRows[smallCount] = null;
        } else if (rows != null) {
            rows.remove(new HashedBytes(core));
        }
    }

    /** True once more rows were touched than the cache holds: it no longer mirrors every write. */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * Ranges of core keys (inclusive) the engine held no version of when the writer looked, and
     * that nobody else can write: a row of one that the cache knows nothing about still has no
     * version, so it can be inserted without reading (a list's free slots beyond its ends).
     */
    private java.util.List<byte[][]> fresh;

    /** Records that no key in {@code low .. high} had any version in the engine (see {@link #fresh}). */
    void addFresh(byte[] low, byte[] high) {
        if (overflowed) {
            return;
        }
        if (fresh == null) {
            fresh = new java.util.ArrayList<>(2);
        }
        fresh.add(new byte[][] {low, high});
    }

    /** True when {@code core} lies in a fresh range and the writer has not touched it since. */
    boolean isFresh(byte[] core) {
        if (fresh == null || get(core) != null) {
            return false;
        }
        for (byte[][] r : fresh) {
            if (Arrays.compareUnsigned(r[0], core) <= 0 && Arrays.compareUnsigned(core, r[1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** Forgets everything: the engine's rows changed behind the cache (a savepoint rollback). */
    void clear() {
        fresh = null;
        for (int i = 0; i < smallCount; i++) {
            smallKeys[i] = null;
            smallRows[i] = null;
        }
        smallCount = 0;
        rows = null;
        overflowed = false;
    }

    private int smallIndex(byte[] core) {
        for (int i = 0; i < smallCount; i++) {
            if (Arrays.equals(smallKeys[i], core)) {
                return i;
            }
        }
        return -1;
    }
}

package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import java.util.Arrays;

/**
 * Turns an engine scan over version keys into one version per user key: the newest version the
 * transaction sees (or, for writers holding the row lock, the newest whose creator did not
 * abort). A key's versions are adjacent in the engine, newest first, so a forward scan takes the
 * first acceptable version of each group; a backward scan meets the group oldest first and keeps
 * the last acceptable one.
 *
 * <pre>
 *   engine:  k1#9 k1#8 k1#3 | k2#4 | k3#7 k3#6      (#seq, newest first within a key)
 *   scan:    k1 -> first visible of (9, 8, 3);  k2 -> 4 if visible;  k3 -> ...
 * </pre>
 */
public final class VersionScan implements AutoCloseable {
    private static final byte[] MAX_SUFFIX = filled((byte) 0xFF);
    private static final byte[] MIN_SUFFIX = filled((byte) 0);

    /** Older versions of one key read past before the scan re-seeks to the next key instead. */
    private static final int RESEEK_AFTER = 16;

    private final Transaction tx;
    private final Relation rel;
    private final KeyRange engineRange;
    private Cursor cursor;
    private final boolean forward;
    private final boolean singleKey;
    private final boolean newestNonAborted;
    private Version current;
    private Version pending; // backward: the first version of the next group, already read
    private boolean exhausted;
    private int sinceCancelCheck;

    VersionScan(Transaction tx, Relation rel, KeyRange userRange, Direction direction, boolean newestNonAborted) {
        this.tx = tx;
        this.rel = rel;
        this.forward = direction == Direction.FORWARD;
        this.singleKey = userRange.low() != null && userRange.lowInclusive() && userRange.highInclusive()
                && java.util.Arrays.equals(userRange.low(), userRange.high());
        this.newestNonAborted = newestNonAborted;
        this.engineRange = engineRange(userRange);
        this.cursor = rel.engine().scan(engineRange, direction);
    }

    /** The engine range holding every version of every user key in {@code r}. */
    static KeyRange engineRange(KeyRange r) {
        // A key's versions are key||suffix with suffix in (00..00, FF..FF) exclusive, and no user key
        // is a prefix of another, so padding each bound with the extreme suffix brackets exactly the
        // versions of the keys in r.
        byte[] low = r.low() == null ? null : concat(r.low(), r.lowInclusive() ? MIN_SUFFIX : MAX_SUFFIX);
        byte[] high = r.high() == null ? null : concat(r.high(), r.highInclusive() ? MAX_SUFFIX : MIN_SUFFIX);
        return new KeyRange(low, true, high, true);
    }

    /** Advances to the next user key with an acceptable version; false at the end. */
    public boolean next() {
        current = null;
        while (!exhausted) {
            Version best = null;
            Version first = pending != null ? pending : read();
            pending = null;
            if (first == null) {
                exhausted = true;
                return false;
            }
            Version v = first;
            while (v != null) {
                if (accept(v)) {
                    best = v; // forward: newest first, so stop; backward: oldest first, keep the last
                    if (forward) {
                        skipOlderVersions(v);
                        break;
                    }
                }
                v = nextInGroup(v);
            }
            if (best != null) {
                current = best;
                return true;
            }
        }
        return false;
    }

    /**
     * Forward scans, after taking {@code v}: moves past the older versions of its key. A point read
     * simply ends; a long chain (a hot row between vacuums) is left by re-seeking the engine
     * cursor to the next key rather than reading every dead version.
     */
    private void skipOlderVersions(Version v) {
        if (singleKey) {
            exhausted = true;
            return;
        }
        for (int skipped = 0; nextInGroup(v) != null; skipped++) {
            if (skipped == RESEEK_AFTER) {
                cursor.close();
                byte[] past = concat(v.userKey(), MAX_SUFFIX);
                cursor = rel.engine().scan(new KeyRange(past, false, engineRange.high(), engineRange.highInclusive()),
                        Direction.FORWARD);
                return;
            }
        }
    }

    /**
     * The next version of {@code v}'s key, or null when the key's versions end (the first version
     * of the next key is kept as {@code pending}, or the scan is marked exhausted).
     */
    private Version nextInGroup(Version v) {
        Version n = read();
        if (n == null) {
            exhausted = true;
            return null;
        }
        if (!Arrays.equals(n.userKey(), v.userKey())) {
            pending = n;
            return null;
        }
        return n;
    }

    /** The version found by the last successful {@link #next()}. */
    public Version current() {
        return current;
    }

    private boolean accept(Version v) {
        if (newestNonAborted) {
            return tx.xid() != 0 && v.xmin() == tx.xid()
                    || tx.manager().clog().status(v.xmin()) != CommitLog.ABORTED;
        }
        return tx.visible(v);
    }

    private Version read() {
        if (++sinceCancelCheck >= 256) {
            sinceCancelCheck = 0;
            tx.checkCancelled();
        }
        return cursor.next() ? VersionCodec.decode(cursor.key(), cursor.value()) : null;
    }

    @Override
    public void close() {
        cursor.close();
    }

    private static byte[] filled(byte b) {
        byte[] a = new byte[VersionCodec.SUFFIX];
        Arrays.fill(a, b);
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the kv space holds, counted as it changes instead of by a scan: keys and keys with a TTL
 * per database (DBSIZE, INFO keyspace) and the stored size of every kv row (INFO memory's
 * {@code used_memory}, which {@code maxmemory} is compared with).
 *
 * <p>Each command collects its changes in a {@link Delta} while it runs; the store adds the delta
 * here only after the command's transaction committed (a batch adds the deltas of its commands
 * that did not roll back to their savepoint, after the batch commits). A rolled-back command or
 * batch changes nothing, so the counters always describe committed state:
 *
 * <pre>
 *   SET a 1:  insert meta(a) ── delta {keys[0] +1, bytes +row} ── commit ── usage += delta
 *   EXEC:     [sp SET b ✓ delta₁] [sp INCR s ✗ WRONGTYPE: delta₂ dropped] ── commit ── usage += delta₁
 * </pre>
 *
 * <p>The counters are not stored: {@link #rebuild} recounts them from the committed rows when the
 * store opens (one scan of the kv space), so they are right after a clean restart and after a
 * kill -9 alike, whatever the crash lost; a stored counter would instead be one more row that every
 * key-creating command writes, a hot spot serialising all writers.
 *
 * <p>The stored size of a row is its key, its payload and {@link #ROW_OVERHEAD} bytes for its
 * version header and index entry. Like Redis's {@code dbsize}, the key count includes keys whose
 * deadline has passed but which lazy or active expiry has not deleted yet.
 */
final class KvUsage {
    /** Bytes counted per row beyond its key and payload: MVCC header and storage entry, roughly. */
    static final int ROW_OVERHEAD = 40;

    private final AtomicLongArray keys = new AtomicLongArray(KvStore.DATABASES);
    private final AtomicLongArray expires = new AtomicLongArray(KvStore.DATABASES);
    private final AtomicLong bytes = new AtomicLong();

    /** The stored size of one row. */
    static long rowSize(byte[] core, int payloadLength) {
        return core.length + payloadLength + ROW_OVERHEAD;
    }

    /** One command's (or batch's) changes, not yet committed. Not thread-safe: one per command. */
    static final class Delta {
        private long bytes;
        private long[] keys;
        private long[] expires;

        void bytes(long n) {
            bytes += n;
        }

        /** A metadata row of database {@code db} appeared (+1) or went (-1); {@code ttl}: it has a deadline. */
        void key(int db, int sign, boolean ttl) {
            if (keys == null) {
                keys = new long[KvStore.DATABASES];
                expires = new long[KvStore.DATABASES];
            }
            keys[db] += sign;
            if (ttl) {
                expires[db] += sign;
            }
        }

        /** A key of {@code db} gained (+1) or lost (-1) its deadline. */
        void ttl(int db, int sign) {
            key(db, 0, false);
            expires[db] += sign;
        }

        /** The change to database {@code db}'s key count so far. */
        long keys(int db) {
            return keys == null ? 0 : keys[db];
        }

        /** Adds {@code other}'s changes to this one (a batch collecting its commands'). */
        void add(Delta other) {
            if (other == null) {
                return;
            }
            bytes += other.bytes;
            if (other.keys != null) {
                for (int db = 0; db < KvStore.DATABASES; db++) {
                    if (other.keys[db] != 0 || other.expires[db] != 0) {
                        key(db, 0, false);
                        keys[db] += other.keys[db];
                        expires[db] += other.expires[db];
                    }
                }
            }
        }
    }

    /** Adds a committed delta (null: the command wrote nothing). */
    void apply(Delta d) {
        if (d == null) {
            return;
        }
        if (d.bytes != 0) {
            bytes.addAndGet(d.bytes);
        }
        if (d.keys != null) {
            for (int db = 0; db < KvStore.DATABASES; db++) {
                if (d.keys[db] != 0) {
                    keys.addAndGet(db, d.keys[db]);
                }
                if (d.expires[db] != 0) {
                    expires.addAndGet(db, d.expires[db]);
                }
            }
        }
    }

    long keys(int db) {
        return keys.get(db);
    }

    long expires(int db) {
        return expires.get(db);
    }

    long bytes() {
        return bytes.get();
    }

    /**
     * Recounts everything from the rows {@code t} sees (the store calls it once when it opens,
     * before any command or background thread runs).
     */
    void rebuild(KvTxn t) {
        long total = 0;
        long[] k = new long[KvStore.DATABASES];
        long[] e = new long[KvStore.DATABASES];
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(KvKeys.spacePrefix()))) {
            while (s.next()) {
                Version v = s.current();
                byte[] core = v.userKey();
                total += rowSize(core, v.payload().length);
                if (core.length > 2 && core[1] == KvKeys.META) {
                    int db = core[2] & 0xFF;
                    k[db]++;
                    if (KvMeta.expireAtOf(v.payload()) != 0) {
                        e[db]++;
                    }
                }
            }
        }
        bytes.set(total);
        for (int db = 0; db < KvStore.DATABASES; db++) {
            keys.set(db, k[db]);
            expires.set(db, e[db]);
        }
    }
}

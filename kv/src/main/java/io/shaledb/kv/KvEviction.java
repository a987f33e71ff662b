package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code maxmemory} eviction: deletes keys chosen by the {@link MaxMemoryPolicy} until the kv
 * data's stored size ({@link KvStore#usedBytes}) is back under the limit, as Redis's
 * {@code performEvictions} does before a command runs.
 *
 * <pre>
 *   used > maxmemory ─> pick a key ─> delete it and its elements (one kv write) ─> used ≤ maxmemory? ─> done
 *                          │ allkeys-*:  a key picked as RANDOMKEY picks (KvRandomKey: a random walk down the key trie)
 *                          │ volatile-random: a seek to a random deadline in the expiry index
 *                          │ volatile-ttl: the first live entry of the expiry index (the nearest deadline: exact, no sampling)
 *                          └ none (no key of the kind): eviction fails, the caller refuses write commands with OOM
 * </pre>
 *
 * Databases are visited round robin, as Redis does for its random policies. An evicted collection
 * is deleted with its elements at once (Redis's default {@code lazyfree-lazy-eviction no}), so the
 * memory it freed counts immediately instead of when the background reclaimer gets to it.
 */
public final class KvEviction {
    /** Keys examined per pick before giving up on an index region (stale expiry hints are skipped). */
    private static final int PROBES = 16;
    /** Evictions per call at most (Redis bounds the time instead). */
    private static final int MAX_PER_CALL = 1000;

    private final KvStore store;
    private final AtomicLong evicted = new AtomicLong();
    private int nextDb;

    KvEviction(KvStore store) {
        this.store = store;
    }

    /** Keys evicted since start (INFO stats' {@code evicted_keys}). */
    public long evictedKeys() {
        return evicted.get();
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        evicted.set(0);
    }

    /**
     * Evicts keys as {@code policy} allows until the stored size is at most {@code limitBytes}.
     * Returns true when it is (possibly without evicting anything), false when nothing more can be
     * evicted — noeviction, or no key of the kind the policy evicts. One evictor at a time, so two
     * clients over the limit do not both evict for the same excess.
     */
    public synchronized boolean evictUntil(long limitBytes, MaxMemoryPolicy policy) {
        for (int round = 0; store.usedBytes() > limitBytes; round++) {
            if (round == MAX_PER_CALL) {
                return true; // evicting works but writers keep up: let this command run, the next one evicts on
            }
            if (!policy.evicts()) {
                return false;
            }
            Candidate c = pick(policy);
            if (c == null) {
                return false;
            }
            if (evict(c)) {
                evicted.incrementAndGet();
            }
        }
        return true;
    }

    private record Candidate(int db, byte[] key) {}

    private Candidate pick(MaxMemoryPolicy policy) {
        if (!policy.allKeys()) {
            return policy.soonestDeadline() ? soonestDeadline() : randomVolatile();
        }
        for (int i = 0; i < KvStore.DATABASES; i++) {
            int db = nextDb = (nextDb + 1) % KvStore.DATABASES;
            if (store.keyCount(db) > 0) {
                Candidate c = randomKey(db);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * A key of {@code db} picked as RANDOMKEY picks ({@link KvRandomKey}: exact among few keys, a
     * random walk down the keys' byte trie among many); when every key is past its deadline, which
     * RANDOMKEY skips, the first key.
     */
    private Candidate randomKey(int db) {
        byte[] key = KvRandomKey.pick(store, db);
        if (key != null) {
            return new Candidate(db, key);
        }
        return store.read(t -> {
            byte[] first = edge(t, KeyRange.prefix(KvKeys.metaPrefix(db)), Direction.FORWARD);
            return first == null ? null : new Candidate(db, KvKeys.keyOfMeta(first));
        });
    }

    /** A key with a TTL, from a random point of the expiry index. */
    private Candidate randomVolatile() {
        return store.read(t -> {
            KeyRange all = KeyRange.prefix(KvKeys.expiryPrefix());
            byte[] first = edge(t, all, Direction.FORWARD);
            if (first == null) {
                return null;
            }
            long low = KvKeys.parseExpiry(first).deadlineMillis();
            long high = KvKeys.parseExpiry(edge(t, all, Direction.BACKWARD)).deadlineMillis();
            long at = low + (long) (ThreadLocalRandom.current().nextDouble() * (high - low));
            Candidate c = firstLive(t, new KeyRange(KvKeys.expiry(at, 0, new byte[0]), true, all.high(), all.highInclusive()));
            return c != null ? c : firstLive(t, all);
        });
    }

    /** volatile-ttl: the key with the nearest deadline. */
    private Candidate soonestDeadline() {
        return store.read(t -> firstLive(t, KeyRange.prefix(KvKeys.expiryPrefix())));
    }

    /** The first expiry-index entry in {@code range} whose key still has that deadline (hints may be stale). */
    private static Candidate firstLive(KvTxn t, KeyRange range) {
        int probes = 0;
        try (VersionScan s = KvStore.scan(t, range)) {
            while (probes++ < PROBES * PROBES && s.next()) {
                KvKeys.ExpiryEntry e = KvKeys.parseExpiry(s.current().userKey());
                Version meta = t.read(KvKeys.meta(e.db(), e.key()));
                if (meta != null && KvMeta.expireAtOf(meta.payload()) == e.deadlineMillis()) {
                    return new Candidate(e.db(), e.key());
                }
            }
        }
        return null;
    }

    private static byte[] edge(KvTxn t, KeyRange range, Direction direction) {
        t.beforeScan();
        try (VersionScan s = t.transaction().scan(t.relation(), range, direction)) {
            return s.next() ? s.current().userKey() : null;
        }
    }

    /** Deletes the key and, for a collection, its elements; false when it was gone already. */
    private boolean evict(Candidate c) {
        return store.write(c.db(), List.of(c.key()), t -> {
            Version v = t.read(KvKeys.meta(c.db(), c.key()));
            if (v == null) {
                return false;
            }
            KvMeta m = KvMeta.decode(v.payload());
            t.deleteVersion(v);
            if (m.expireAt() != 0) {
                t.deleteRow(KvKeys.expiry(m.expireAt(), c.db(), c.key())); // its expiry hint is of no use now
            }
            if (m.type() != KvType.STRING) {
                deleteRows(t, KvKeys.subPrefix(c.db(), c.key(), m.version()));
                if (m.type() == KvType.ZSET) {
                    deleteRows(t, KvKeys.scorePrefix(c.db(), c.key(), m.version()));
                }
            }
            return true;
        });
    }

    private static void deleteRows(KvTxn t, byte[] prefix) {
        List<Version> rows = new java.util.ArrayList<>();
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                rows.add(s.current());
            }
        }
        for (Version row : rows) {
            t.deleteVersion(row);
        }
    }
}

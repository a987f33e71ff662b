package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COPY and MOVE: a key's value and TTL under another name and/or database. A string is all
 * metadata and copies as one record. A collection's copy gets a version of its own and its own
 * sub-key rows (O(elements), as in Redis, which duplicates the object), so the two keys are
 * independent: deleting, expiring or changing one leaves the other whole, and the reclaimer
 * frees the rows of whichever version dies.
 *
 * <pre>
 *   db0 'm' src  [HASH v7 size 2]        COPY src dst DB 1
 *   db0 's' src v7 f1, f2          ──>   db1 'm' dst  [HASH v9 size 2, same TTL]
 *                                        db1 's' dst v9 f1, f2   (a sorted set: its score index too)
 * </pre>
 *
 * Both keys' stripes are held (a key's stripe is the same in every database), so no writer of
 * either key runs in between.
 */
public final class KvCopy {
    private final KvStore store;
    private final int db;

    KvCopy(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /**
     * COPY {@code src} to {@code dst} in database {@code dstDb}: false when {@code src} is missing
     * or {@code dst} exists and {@code replace} is not given.
     */
    public boolean copy(byte[] src, byte[] dst, int dstDb, boolean replace) {
        if (dstDb == db && Arrays.equals(src, dst)) {
            throw new KvException("ERR source and destination objects are the same");
        }
        return store.write(db, List.of(src, dst), t -> {
            KvMeta m = t.get(db, src);
            if (m == null) {
                return false;
            }
            KvMeta old = t.get(dstDb, dst);
            if (old != null && !replace) {
                return false;
            }
            t.put(dstDb, dst, old, duplicate(t, src, m, dstDb, dst));
            return true;
        });
    }

    /** MOVE {@code key} to database {@code dstDb}: false when it is missing here or exists there. */
    public boolean move(byte[] key, int dstDb) {
        if (dstDb == db) {
            throw new KvException("ERR source and destination objects are the same");
        }
        return store.write(db, List.of(key), t -> {
            KvMeta m = t.get(db, key);
            if (m == null || t.get(dstDb, key) != null) {
                return false;
            }
            KvMeta moved = duplicate(t, key, m, dstDb, key);
            t.delete(db, key);
            t.put(dstDb, key, null, moved);
            return true;
        });
    }

    /** The metadata of a copy of {@code m} under ({@code toDb}, {@code to}), its sub-keys written. */
    private KvMeta duplicate(KvTxn t, byte[] from, KvMeta m, int toDb, byte[] to) {
        if (m.type() == KvType.STRING) {
            return m;
        }
        long version = store.newVersion();
        byte[] prefix = KvKeys.subPrefix(db, from, m.version());
        List<Version> rows = new ArrayList<>();
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                rows.add(s.current());
            }
        }
        for (Version v : rows) {
            t.putRow(KvKeys.sub(toDb, to, version, KvKeys.fieldOfSub(v.userKey(), prefix.length)), v.payload());
        }
        if (m.type() == KvType.ZSET) {
            byte[] scores = KvKeys.scorePrefix(db, from, m.version());
            List<KvKeys.ScoreEntry> entries = new ArrayList<>();
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(scores))) {
                while (s.next()) {
                    entries.add(KvKeys.parseScore(s.current().userKey(), scores.length));
                }
            }
            for (KvKeys.ScoreEntry e : entries) {
                t.putRow(KvKeys.score(toDb, to, version, e.score(), e.member()), new byte[0]);
            }
        }
        return m.withVersion(version);
    }
}

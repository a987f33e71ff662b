package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands of one database. Each member has two sub-keys: {@code member -> score}
 * (ZSCORE, ZADD's "is it there") and the score index {@code score member -> ()} whose byte order
 * is Redis's order — by score, ties by member bytes — so ranges by rank walk it forwards or
 * backwards without loading the set.
 */
public final class KvSortedSets {
    private final KvStore store;
    private final int db;

    KvSortedSets(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /** ZADD's options. */
    public record AddOptions(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {}

    /** A member and its score. */
    public record Entry(byte[] member, double score) {}

    /** What ZADD did: the count it replies (added, or added+changed with CH), or with INCR the new score (null: not done). */
    public record AddResult(long count, Double score) {}

    static KvMeta zsetOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.ZSET) {
            throw KvException.wrongType();
        }
        return m;
    }

    static byte[] encodeScore(double d) {
        return ByteBuffer.allocate(8).putDouble(d).array();
    }

    static double decodeScore(byte[] b) {
        return ByteBuffer.wrap(b).getDouble();
    }

    /** ZADD (and ZINCRBY, as ZADD INCR without conditions). */
    public AddResult add(byte[] key, List<Double> scores, List<byte[]> members, AddOptions o) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = store.encodingRules().resolve(t, db, key, zsetOrNull(t.get(db, key)));
            KvMeta next = m == null ? new KvMeta(KvType.ZSET, 0, store.newVersion(), 0, null) : m;
            List<byte[]> addedMembers = new ArrayList<>();
            long added = 0;
            long changed = 0;
            Double last = null;
            for (int i = 0; i < members.size(); i++) {
                byte[] member = members.get(i);
                byte[] core = KvKeys.sub(db, key, next.version(), member);
                Version v = t.read(core); // this command may have added the member already
                Double old = v == null ? null : decodeScore(v.payload());
                if (old == null ? o.xx() : o.nx()) {
                    continue;
                }
                double score = o.incr() && old != null ? old + scores.get(i) : scores.get(i);
                if (Double.isNaN(score)) {
                    throw new KvException("ERR resulting score is not a number (NaN)");
                }
                if (old != null && (o.gt() && !(score > old) || o.lt() && !(score < old))) {
                    continue;
                }
                last = score;
                if (old != null && old == score) {
                    continue;
                }
                if (old != null) {
                    t.deleteRow(KvKeys.score(db, key, next.version(), old, member));
                    changed++;
                } else {
                    added++;
                    addedMembers.add(member);
                }
                t.putRow(core, encodeScore(score));
                t.putRow(KvKeys.score(db, key, next.version(), score, member), new byte[0]);
            }
            if (added > 0) {
                t.put(db, key, m, store.encodingRules().afterWrite(next.withSize(next.size() + added), addedMembers));
            }
            return new AddResult(o.ch() ? added + changed : added, last);
        });
    }

    /** ZSCORE: the member's score, or null. */
    public Double score(byte[] key, byte[] member) {
        return store.read(t -> {
            KvMeta m = zsetOrNull(t.get(db, key));
            Version v = m == null ? null : t.read(KvKeys.sub(db, key, m.version(), member));
            return v == null ? null : decodeScore(v.payload());
        });
    }

    /** ZCARD. */
    public long card(byte[] key) {
        return store.read(t -> {
            KvMeta m = zsetOrNull(t.get(db, key));
            return m == null ? 0 : m.size();
        });
    }

    /** ZREM: how many members were removed; the key goes with its last member. */
    public long remove(byte[] key, List<byte[]> members) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = zsetOrNull(t.get(db, key));
            if (m == null) {
                return 0L;
            }
            long removed = 0;
            for (byte[] member : members) {
                byte[] core = KvKeys.sub(db, key, m.version(), member);
                Version v = t.read(core);
                if (v != null) {
                    t.deleteRow(KvKeys.score(db, key, m.version(), decodeScore(v.payload()), member));
                    t.deleteVersion(v);
                    removed++;
                }
            }
            t.shrink(db, key, m, removed);
            return removed;
        });
    }

    /**
     * ZRANGE by rank (ZREVRANGE with {@code reverse}): Redis's inclusive, negative-from-the-end
     * {@code start}/{@code stop}, walking the score index from the chosen end.
     */
    public List<Entry> rangeByRank(byte[] key, long start, long stop, boolean reverse) {
        return store.read(t -> {
            List<Entry> out = new ArrayList<>();
            KvMeta m = zsetOrNull(t.get(db, key));
            if (m == null) {
                return out;
            }
            long len = m.size();
            long from = start < 0 ? Math.max(0, len + start) : start;
            long to = stop < 0 ? len + stop : Math.min(stop, len - 1);
            if (from > to || from >= len) {
                return out;
            }
            byte[] prefix = KvKeys.scorePrefix(db, key, m.version());
            t.beforeScan();
            try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(prefix),
                    reverse ? Direction.BACKWARD : Direction.FORWARD)) {
                long rank = 0;
                while (rank <= to && s.next()) {
                    if (rank >= from) {
                        KvKeys.ScoreEntry e = KvKeys.parseScore(s.current().userKey(), prefix.length);
                        out.add(new Entry(e.member(), e.score()));
                    }
                    rank++;
                }
            }
            return out;
        });
    }

    /** ZRANK / ZREVRANK: the member's 0-based rank, or null when absent. */
    public Long rank(byte[] key, byte[] member, boolean reverse) {
        return store.read(t -> {
            KvMeta m = zsetOrNull(t.get(db, key));
            if (m == null || t.read(KvKeys.sub(db, key, m.version(), member)) == null) {
                return null;
            }
            byte[] prefix = KvKeys.scorePrefix(db, key, m.version());
            t.beforeScan();
            try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(prefix),
                    reverse ? Direction.BACKWARD : Direction.FORWARD)) {
                long rank = 0;
                while (s.next()) {
                    if (java.util.Arrays.equals(KvKeys.parseScore(s.current().userKey(), prefix.length).member(), member)) {
                        return rank;
                    }
                    rank++;
                }
            }
            throw new IllegalStateException("sorted set index is missing member of " + new String(key, java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    /** RENAME of a sorted set: its score index under the new key and version. */
    static void copyScoreIndex(KvTxn t, int db, byte[] src, byte[] dst, long fromVersion, long toVersion) {
        byte[] prefix = KvKeys.scorePrefix(db, src, fromVersion);
        List<KvKeys.ScoreEntry> entries = new ArrayList<>();
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                entries.add(KvKeys.parseScore(s.current().userKey(), prefix.length));
            }
        }
        for (KvKeys.ScoreEntry e : entries) {
            t.putRow(KvKeys.score(db, dst, toVersion, e.score(), e.member()), new byte[0]);
        }
    }
}

package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted-set commands that select by rank, score or member range: the ZRANGE family with BYSCORE,
 * BYLEX, REV and LIMIT, ZCOUNT, ZLEXCOUNT, ZREMRANGEBY*, ZRANGESTORE, ZPOPMIN/ZPOPMAX/ZMPOP, and
 * also ZMSCORE, ZRANK WITHSCORE, ZRANDMEMBER and ZSCAN.
 *
 * <p>All walk the score index ({@code 'k' 'z' db key version f64(score) member}, Redis's order).
 * A score range seeks straight to its first score; a rank range or a lex range walks from the
 * chosen end. A lex range assumes, as Redis does, that all members have the same score: it starts
 * at the first member not below the minimum and stops at the first member above the maximum (with
 * mixed scores this is what Redis does for sets of up to 128 members, its listpack encoding).
 */
public final class KvSortedSetRanges {
    private final KvStore store;
    private final int db;

    KvSortedSetRanges(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /** One end of a score range: {@code (1.5} is exclusive. */
    public record ScoreBound(double value, boolean exclusive) {}

    /** One end of a lex range: {@code -} ({@code infinity -1}), {@code +} (+1), {@code [x} or {@code (x}. */
    public record LexBound(byte[] value, boolean exclusive, int infinity) {}

    /** What to select. */
    public sealed interface Query permits ByRank, ByScore, ByLex {}

    /** Ranks {@code start..stop}, Redis's inclusive, negative-from-the-end offsets. */
    public record ByRank(long start, long stop) implements Query {}

    /** Scores between {@code min} and {@code max}. */
    public record ByScore(ScoreBound min, ScoreBound max) implements Query {}

    /** Members between {@code min} and {@code max}. */
    public record ByLex(LexBound min, LexBound max) implements Query {}

    /** ZRANGE's direction and LIMIT (offset; count &lt; 0: no limit). */
    public record Window(boolean reverse, long offset, long count) {
        public static final Window ALL = new Window(false, 0, -1);
    }

    /** ZPOPMIN/ZMPOP's result: the key popped from and its members. */
    public record Popped(byte[] key, List<KvSortedSets.Entry> entries) {}

    /** ZRANK WITHSCORE's reply. */
    public record RankScore(long rank, double score) {}

    // ------------------------------------------------------------------ reading

    /** ZRANGE / ZRANGEBYSCORE / ZRANGEBYLEX and their REV forms. */
    public List<KvSortedSets.Entry> range(byte[] key, Query q, Window w) {
        return store.read(t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            return m == null ? new ArrayList<>() : select(t, key, m, q, w);
        });
    }

    /** ZCOUNT / ZLEXCOUNT. */
    public long count(byte[] key, Query q) {
        return range(key, q, Window.ALL).size();
    }

    /** ZMSCORE: scores in order, null for absent members. */
    public List<Double> scores(byte[] key, List<byte[]> members) {
        return store.read(t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            List<Double> out = new ArrayList<>(members.size());
            for (byte[] member : members) {
                Version v = m == null ? null : t.read(KvKeys.sub(db, key, m.version(), member));
                out.add(v == null ? null : KvSortedSets.decodeScore(v.payload()));
            }
            return out;
        });
    }

    /** ZRANK / ZREVRANK WITHSCORE: rank and score, or null when the member is absent. */
    public RankScore rankWithScore(byte[] key, byte[] member, boolean reverse) {
        return store.read(t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            Version v = m == null ? null : t.read(KvKeys.sub(db, key, m.version(), member));
            if (v == null) {
                return null;
            }
            List<KvSortedSets.Entry> all = select(t, key, m, new ByRank(0, -1), new Window(reverse, 0, -1));
            for (int i = 0; i < all.size(); i++) {
                if (Arrays.equals(all.get(i).member(), member)) {
                    return new RankScore(i, all.get(i).score());
                }
            }
            throw new IllegalStateException("sorted set index is missing a member");
        });
    }

    /** ZRANDMEMBER with a count: SRANDMEMBER's rules over member-score entries, sampled by {@link KvSampler}. */
    public List<KvSortedSets.Entry> random(byte[] key, long count) {
        return store.read(t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            List<KvSortedSets.Entry> out = new ArrayList<>();
            if (m != null) {
                for (byte[][] e : new KvSampler(store, t, KvKeys.subPrefix(db, key, m.version()), m.size()).sample(count)) {
                    out.add(new KvSortedSets.Entry(e[0], KvSortedSets.decodeScore(e[1])));
                }
            }
            return out;
        });
    }

    /** ZSCAN (null when the key is missing): member and score (8-byte payload, see {@link KvSortedSets#decodeScore}) pairs. */
    public KvScan.Page scan(byte[] key, long cursor, byte[] pattern, long count) {
        return store.read(t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            return m == null ? null
                    : KvScan.scan(store, t, KvKeys.subPrefix(db, key, m.version()), m, cursor, pattern, count);
        });
    }

    /** The score stored as a member sub-key's payload (ZSCAN's entries). */
    public static double scoreOf(byte[] payload) {
        return KvSortedSets.decodeScore(payload);
    }

    // ------------------------------------------------------------------ writing

    /** ZREMRANGEBYRANK / ZREMRANGEBYSCORE / ZREMRANGEBYLEX: how many members were removed. */
    public long removeRange(byte[] key, Query q) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
            if (m == null) {
                return 0L;
            }
            List<KvSortedSets.Entry> doomed = select(t, key, m, q, Window.ALL);
            removeEntries(t, key, m, doomed);
            return (long) doomed.size();
        });
    }

    /** ZRANGESTORE: stores the selection in {@code dst} (replacing it; nothing deletes it); its size. */
    public long rangeStore(byte[] dst, byte[] src, Query q, Window w) {
        return store.write(db, List.of(src, dst), t -> {
            KvMeta m = KvSortedSets.zsetOrNull(t.get(db, src));
            List<KvSortedSets.Entry> picked = m == null ? List.of() : select(t, src, m, q, w);
            replace(t, dst, picked);
            return (long) picked.size();
        });
    }

    /**
     * ZPOPMIN / ZPOPMAX ({@code max}) / ZMPOP and BZPOP's attempt: up to {@code count} members from
     * the first non-empty sorted set of {@code keys}; null when all are missing.
     */
    public Popped pop(List<byte[]> keys, boolean max, long count) {
        return store.write(db, keys, t -> {
            for (byte[] key : keys) {
                KvMeta m = KvSortedSets.zsetOrNull(t.get(db, key));
                if (m != null) {
                    List<KvSortedSets.Entry> taken = select(t, key, m, new ByRank(0, -1), new Window(max, 0, count));
                    removeEntries(t, key, m, taken);
                    return new Popped(key, taken);
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ in a transaction

    private void removeEntries(KvTxn t, byte[] key, KvMeta m, List<KvSortedSets.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (KvSortedSets.Entry e : entries) {
            t.deleteRow(KvKeys.score(db, key, m.version(), e.score(), e.member()));
            t.deleteRow(KvKeys.sub(db, key, m.version(), e.member()));
        }
        t.shrink(db, key, m, entries.size());
    }

    /** Replaces {@code dst} by a sorted set of {@code entries} (distinct members); none deletes it. */
    static void replace(KvTxn t, KvStore store, int db, byte[] dst, List<KvSortedSets.Entry> entries) {
        KvMeta old = t.get(db, dst);
        if (old != null) {
            t.delete(db, dst);
        }
        if (entries.isEmpty()) {
            return;
        }
        long version = store.newVersion();
        for (KvSortedSets.Entry e : entries) {
            t.putRow(KvKeys.sub(db, dst, version, e.member()), KvSortedSets.encodeScore(e.score()));
            t.putRow(KvKeys.score(db, dst, version, e.score(), e.member()), new byte[0]);
        }
        List<byte[]> members = new ArrayList<>(entries.size());
        entries.forEach(e -> members.add(e.member()));
        t.put(db, dst, null, store.encodingRules().afterWrite(new KvMeta(KvType.ZSET, 0, version, entries.size(), null), members));
    }

    private void replace(KvTxn t, byte[] dst, List<KvSortedSets.Entry> entries) {
        replace(t, store, db, dst, entries);
    }

    /** The selection of {@code q} in the set {@code m}, windowed by {@code w}. */
    List<KvSortedSets.Entry> select(KvTxn t, byte[] key, KvMeta m, Query q, Window w) {
        List<KvSortedSets.Entry> out = new ArrayList<>();
        if (w.offset() < 0 || w.count() == 0) {
            return out;
        }
        byte[] prefix = KvKeys.scorePrefix(db, key, m.version());
        KeyRange range = KeyRange.prefix(prefix);
        long skip = w.offset();
        long want = w.count() < 0 ? Long.MAX_VALUE : w.count();
        long firstRank = 0;
        long lastRank = Long.MAX_VALUE;
        if (q instanceof ByRank r) {
            long len = m.size();
            firstRank = r.start() < 0 ? Math.max(0, len + r.start()) : r.start();
            lastRank = r.stop() < 0 ? len + r.stop() : Math.min(r.stop(), len - 1);
            if (firstRank > lastRank || firstRank >= len) {
                return out;
            }
        } else if (q instanceof ByScore s) {
            byte[] low = w.reverse() ? range.low() : KvKeys.scoreBound(db, key, m.version(), s.min().value());
            byte[] high = w.reverse() ? upper(KvKeys.scoreBound(db, key, m.version(), s.max().value())) : range.high();
            range = new KeyRange(low, true, high, w.reverse() || range.highInclusive());
        }
        if (q instanceof ByLex l && !lexOverlaps(t, prefix, l)) {
            return out;
        }
        t.beforeScan();
        try (VersionScan scan = t.transaction().scan(t.relation(), range, w.reverse() ? Direction.BACKWARD : Direction.FORWARD)) {
            long rank = -1;
            boolean started = false;
            while (out.size() < want && scan.next()) {
                rank++;
                KvKeys.ScoreEntry e = KvKeys.parseScore(scan.current().userKey(), prefix.length);
                switch (q) {
                    case ByRank r -> {
                        if (rank < firstRank) {
                            continue;
                        }
                        if (rank > lastRank) {
                            return out;
                        }
                    }
                    case ByScore s -> {
                        ScoreBound first = w.reverse() ? s.max() : s.min();
                        ScoreBound last = w.reverse() ? s.min() : s.max();
                        if (!started && !beyond(e.score(), first, !w.reverse())) {
                            continue;
                        }
                        started = true;
                        if (!within(e.score(), last, !w.reverse())) {
                            return out;
                        }
                    }
                    case ByLex l -> {
                        LexBound first = w.reverse() ? l.max() : l.min();
                        LexBound last = w.reverse() ? l.min() : l.max();
                        if (!started && !lexBeyond(e.member(), first, !w.reverse())) {
                            continue;
                        }
                        started = true;
                        if (!lexWithin(e.member(), last, !w.reverse())) {
                            return out;
                        }
                    }
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                out.add(new KvSortedSets.Entry(e.member(), e.score()));
            }
        }
        return out;
    }

    /**
     * Redis's first test of a lex range: the set's first member (lowest score) must not be above
     * the maximum and its last member not below the minimum. With equal scores this only skips
     * the walk; with mixed scores (undefined in Redis) it keeps our answer equal to Redis's for
     * sets in its compact encoding, which then walks exactly as {@link #select} does.
     */
    private static boolean lexOverlaps(KvTxn t, byte[] prefix, ByLex l) {
        t.beforeScan();
        byte[] first;
        byte[] last;
        try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(prefix), Direction.FORWARD)) {
            if (!s.next()) {
                return false;
            }
            first = KvKeys.parseScore(s.current().userKey(), prefix.length).member();
        }
        try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(prefix), Direction.BACKWARD)) {
            s.next();
            last = KvKeys.parseScore(s.current().userKey(), prefix.length).member();
        }
        return lexWithin(first, l.max(), true) && lexBeyond(last, l.min(), true);
    }

    /** The smallest key above every score-index entry extending {@code bound}. */
    private static byte[] upper(byte[] bound) {
        byte[] b = Arrays.copyOf(bound, bound.length + 1);
        b[bound.length] = 0x03; // above the marker 0x02 every member starts with
        return b;
    }

    /** Whether {@code score} has reached the start bound {@code b} (walking up from a min when {@code up}, else down from a max). */
    private static boolean beyond(double score, ScoreBound b, boolean up) {
        if (up) {
            return b.exclusive() ? score > b.value() : score >= b.value();
        }
        return b.exclusive() ? score < b.value() : score <= b.value();
    }

    /** Whether {@code score} has not yet passed the end bound {@code b}. */
    private static boolean within(double score, ScoreBound b, boolean up) {
        if (up) {
            return b.exclusive() ? score < b.value() : score <= b.value();
        }
        return b.exclusive() ? score > b.value() : score >= b.value();
    }

    private static int compareLex(byte[] member, LexBound b) {
        if (b.infinity() != 0) {
            return -b.infinity(); // every member is above "-" and below "+"
        }
        return Arrays.compareUnsigned(member, b.value());
    }

    private static boolean lexBeyond(byte[] member, LexBound b, boolean up) {
        int c = compareLex(member, b);
        if (!up) {
            c = -c;
        }
        return b.infinity() != 0 ? c > 0 : b.exclusive() ? c > 0 : c >= 0;
    }

    private static boolean lexWithin(byte[] member, LexBound b, boolean up) {
        int c = compareLex(member, b);
        if (!up) {
            c = -c;
        }
        return b.infinity() != 0 ? c < 0 : b.exclusive() ? c < 0 : c <= 0;
    }
}

package io.shaledb.kv;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Inputs may be sorted sets or plain sets
 * (every member scoring 1, as in Redis); each is read whole ({@code member -> score} sub-keys),
 * scores are multiplied by their key's weight and combined with SUM, MIN or MAX, a NaN (such as
 * {@code inf + -inf} or {@code 0 * inf}) counting as 0 as Redis counts it.
 */
public final class KvSortedSetAlgebra {
    private final KvStore store;
    private final int db;

    KvSortedSetAlgebra(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    public enum Op { UNION, INTER, DIFF }

    public enum Aggregate { SUM, MIN, MAX }

    private static final Comparator<KvSortedSets.Entry> ORDER =
            Comparator.comparingDouble(KvSortedSets.Entry::score).thenComparing(KvSortedSets.Entry::member, Bytes.UNSIGNED_ORDER);

    /** ZUNION / ZINTER / ZDIFF: the result in Redis's order (score, then member). */
    public List<KvSortedSets.Entry> combine(Op op, List<byte[]> keys, double[] weights, Aggregate aggregate) {
        return store.read(t -> combineIn(t, op, keys, weights, aggregate));
    }

    /** ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE: replaces {@code dst} by the result (an empty one deletes it); its size. */
    public long combineStore(Op op, byte[] dst, List<byte[]> keys, double[] weights, Aggregate aggregate) {
        List<byte[]> locked = new ArrayList<>(keys);
        locked.add(dst);
        return store.write(db, locked, t -> {
            List<KvSortedSets.Entry> result = combineIn(t, op, keys, weights, aggregate);
            KvSortedSetRanges.replace(t, store, db, dst, result);
            return (long) result.size();
        });
    }

    /** WRONGTYPE unless every one of {@code keys} is missing, a sorted set or a set. */
    public void checkInputs(List<byte[]> keys) {
        store.read(t -> {
            for (byte[] key : keys) {
                KvMeta m = t.get(db, key);
                if (m != null && m.type() != KvType.ZSET && m.type() != KvType.SET) {
                    throw KvException.wrongType();
                }
            }
            return null;
        });
    }

    /** ZINTERCARD: the size of the intersection, counting stops at {@code limit} (0: none). */
    public long intersectionSize(List<byte[]> keys, long limit) {
        long n = store.read(t -> (long) combineIn(t, Op.INTER, keys, null, Aggregate.SUM).size());
        return limit == 0 ? n : Math.min(n, limit);
    }

    private List<KvSortedSets.Entry> combineIn(KvTxn t, Op op, List<byte[]> keys, double[] weights, Aggregate aggregate) {
        List<TreeMap<byte[], Double>> inputs = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            inputs.add(read(t, key)); // every key is type-checked, as in Redis
        }
        TreeMap<byte[], Double> result = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        for (int i = 0; i < inputs.size(); i++) {
            double weight = weights == null || op == Op.DIFF ? 1 : weights[i];
            TreeMap<byte[], Double> in = inputs.get(i);
            if (op == Op.DIFF && i > 0) {
                in.keySet().forEach(result::remove);
                continue;
            }
            if (op == Op.INTER && i > 0) {
                result.keySet().retainAll(in.keySet());
            }
            for (var e : in.entrySet()) {
                double score = weighted(weight, e.getValue());
                if (i == 0) {
                    result.put(e.getKey(), score);
                } else if (op == Op.UNION || result.containsKey(e.getKey())) {
                    result.merge(e.getKey(), score, (a, b) -> combine(aggregate, a, b));
                }
            }
        }
        List<KvSortedSets.Entry> out = new ArrayList<>(result.size());
        result.forEach((member, score) -> out.add(new KvSortedSets.Entry(member, score)));
        out.sort(ORDER);
        return out;
    }

    private static double weighted(double weight, double score) {
        double v = weight * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double combine(Aggregate a, double x, double y) {
        return switch (a) {
            case SUM -> {
                double s = x + y;
                yield Double.isNaN(s) ? 0 : s;
            }
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
        };
    }

    /** A sorted set's or set's members with their scores (a set's score 1); empty when missing. */
    private TreeMap<byte[], Double> read(KvTxn t, byte[] key) {
        TreeMap<byte[], Double> out = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        KvMeta m = t.get(db, key);
        if (m == null) {
            return out;
        }
        if (m.type() != KvType.ZSET && m.type() != KvType.SET) {
            throw KvException.wrongType();
        }
        byte[] prefix = KvKeys.subPrefix(db, key, m.version());
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                byte[] member = KvKeys.fieldOfSub(s.current().userKey(), prefix.length);
                out.put(member, m.type() == KvType.SET ? 1.0 : KvSortedSets.decodeScore(s.current().payload()));
            }
        }
        return out;
    }
}

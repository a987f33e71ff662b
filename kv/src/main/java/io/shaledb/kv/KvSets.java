package io.shaledb.kv;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The set commands of one database. A set is a metadata record (type, version, member count) and
 * one empty sub-key per member, {@code 'k' 's' db key version member -> ()}: SISMEMBER reads one
 * row, SMEMBERS scans one range in member byte order, SADD/SREM write one row per member.
 *
 * <p>The algebra (SINTER, SUNION, SDIFF and their STORE forms, SINTERCARD) reads the input sets
 * whole and computes in memory, as Redis does; random picks (SPOP, SRANDMEMBER) read the members
 * and choose among them: O(n), where Redis's hash table gives O(1) per pick.
 */
public final class KvSets {
    private static final byte[] EMPTY = new byte[0];

    private final KvStore store;
    private final int db;

    KvSets(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    static KvMeta setOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.SET) {
            throw KvException.wrongType();
        }
        return m;
    }

    /** SADD: how many members were new. */
    public long add(byte[] key, List<byte[]> members) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = setOrNull(t.get(db, key));
            return addIn(t, key, m, members);
        });
    }

    private long addIn(KvTxn t, byte[] key, KvMeta m, List<byte[]> members) {
        m = store.encodingRules().resolve(t, db, key, m);
        KvMeta next = m == null ? new KvMeta(KvType.SET, 0, store.newVersion(), 0, null) : m;
        List<byte[]> added = new ArrayList<>();
        for (byte[] member : members) {
            byte[] core = KvKeys.sub(db, key, next.version(), member);
            if (t.read(core) == null) {
                t.putRow(core, EMPTY);
                added.add(member);
            }
        }
        if (!added.isEmpty()) {
            t.put(db, key, m, store.encodingRules().afterWrite(next.withSize(next.size() + added.size()), added));
        }
        return added.size();
    }

    /** SREM: how many members were removed; the key goes with its last member. */
    public long remove(byte[] key, List<byte[]> members) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = setOrNull(t.get(db, key));
            return m == null ? 0L : removeIn(t, key, m, members);
        });
    }

    private long removeIn(KvTxn t, byte[] key, KvMeta m, List<byte[]> members) {
        long removed = 0;
        for (byte[] member : members) {
            removed += t.deleteRow(KvKeys.sub(db, key, m.version(), member)) ? 1 : 0;
        }
        t.shrink(db, key, m, removed);
        return removed;
    }

    /** SCARD. */
    public long card(byte[] key) {
        return store.read(t -> {
            KvMeta m = setOrNull(t.get(db, key));
            return m == null ? 0 : m.size();
        });
    }

    /** SMISMEMBER (and SISMEMBER): one flag per member. */
    public List<Boolean> contains(byte[] key, List<byte[]> members) {
        return store.read(t -> {
            KvMeta m = setOrNull(t.get(db, key));
            List<Boolean> out = new ArrayList<>(members.size());
            for (byte[] member : members) {
                out.add(m != null && t.read(KvKeys.sub(db, key, m.version(), member)) != null);
            }
            return out;
        });
    }

    /** SMEMBERS: in member byte order. */
    public List<byte[]> members(byte[] key) {
        return store.read(t -> {
            KvMeta m = setOrNull(t.get(db, key));
            return m == null ? new ArrayList<>() : membersIn(t, key, m);
        });
    }

    private List<byte[]> membersIn(KvTxn t, byte[] key, KvMeta m) {
        List<byte[]> out = new ArrayList<>();
        byte[] prefix = KvKeys.subPrefix(db, key, m.version());
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                out.add(KvKeys.fieldOfSub(s.current().userKey(), prefix.length));
            }
        }
        return out;
    }

    /** How much bigger than what stays the popped part must be for SPOP to rebuild the set from what stays (Redis's SPOP_MOVE_STRATEGY_MUL). */
    private static final long SPOP_MOVE_STRATEGY_MUL = 5;

    /**
     * SPOP: up to {@code count} random members, removed; null when the key is missing. Redis's
     * three cases: all of it (the key goes), a few (sampled, see {@link KvSampler}, and deleted one
     * by one), or most of it (read whole; the members that stay are written under a new version and
     * the old version's sub-keys become garbage, so the writes are O(what stays)).
     */
    public List<byte[]> pop(byte[] key, long count) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = setOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            List<byte[]> taken = new ArrayList<>();
            if (count == 0) {
                return taken;
            }
            KvSampler sampler = new KvSampler(store, t, KvKeys.subPrefix(db, key, m.version()), m.size());
            if (count >= m.size()) {
                sampler.readAll().forEach(e -> taken.add(e[0]));
                t.delete(db, key);
                return taken;
            }
            long remaining = m.size() - count;
            if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
                sampler.sample(count).forEach(e -> taken.add(e[0]));
                removeIn(t, key, m, taken);
                return taken;
            }
            List<byte[][]> all = sampler.readAll();
            Collections.shuffle(all, ThreadLocalRandom.current());
            List<byte[]> stays = new ArrayList<>((int) remaining);
            for (int i = 0; i < all.size(); i++) {
                (i < remaining ? stays : taken).add(all.get(i)[0]);
            }
            KvMeta fresh = new KvMeta(KvType.SET, m.expireAt(), store.newVersion(), 0, null);
            for (byte[] member : stays) {
                t.putRow(KvKeys.sub(db, key, fresh.version(), member), EMPTY);
            }
            t.put(db, key, m, store.encodingRules().afterWrite(fresh.withSize(stays.size()), stays)); // Redis rebuilds it: encoding by contents
            return taken;
        });
    }

    /**
     * SRANDMEMBER with a count: {@code count >= 0} distinct members (all when the set is smaller),
     * {@code count < 0} that many picks with repetition. Empty when the key is missing.
     */
    public List<byte[]> random(byte[] key, long count) {
        return store.read(t -> {
            KvMeta m = setOrNull(t.get(db, key));
            List<byte[]> out = new ArrayList<>();
            if (m != null) {
                new KvSampler(store, t, KvKeys.subPrefix(db, key, m.version()), m.size()).sample(count).forEach(e -> out.add(e[0]));
            }
            return out;
        });
    }

    /** SMOVE: true when {@code member} was in {@code src} (and now is in {@code dst}). */
    public boolean move(byte[] src, byte[] dst, byte[] member) {
        return store.write(db, List.of(src, dst), t -> {
            KvMeta s = t.get(db, src);
            KvMeta d = t.get(db, dst);
            if (s == null) {
                return false;
            }
            setOrNull(s);
            setOrNull(d);
            if (t.read(KvKeys.sub(db, src, s.version(), member)) == null) {
                return false;
            }
            if (java.util.Arrays.equals(src, dst)) {
                return true;
            }
            removeIn(t, src, s, List.of(member));
            addIn(t, dst, d, List.of(member));
            return true;
        });
    }

    // ------------------------------------------------------------------ algebra

    /** The three set operations. */
    public enum Op { UNION, INTER, DIFF }

    /** SUNION / SINTER / SDIFF of {@code keys}, in member byte order. */
    public List<byte[]> combine(Op op, List<byte[]> keys) {
        return store.read(t -> new ArrayList<>(combineIn(t, op, keys, Long.MAX_VALUE)));
    }

    /** SINTERCARD: the size of the intersection, counting stops at {@code limit} (0: no limit). */
    public long intersectionSize(List<byte[]> keys, long limit) {
        return store.read(t -> (long) combineIn(t, Op.INTER, keys, limit == 0 ? Long.MAX_VALUE : limit).size());
    }

    /** SUNIONSTORE / SINTERSTORE / SDIFFSTORE: stores the result in {@code dst} (an empty one deletes it); its size. */
    public long combineStore(Op op, byte[] dst, List<byte[]> keys) {
        List<byte[]> locked = new ArrayList<>(keys);
        locked.add(dst);
        return store.write(db, locked, t -> {
            TreeSet<byte[]> result = combineIn(t, op, keys, Long.MAX_VALUE);
            t.delete(db, dst);
            if (!result.isEmpty()) {
                addIn(t, dst, null, new ArrayList<>(result));
            }
            return (long) result.size();
        });
    }

    private TreeSet<byte[]> combineIn(KvTxn t, Op op, List<byte[]> keys, long limit) {
        List<KvMeta> metas = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            metas.add(setOrNull(t.get(db, k))); // every key is type-checked first, as in Redis
        }
        TreeSet<byte[]> result = new TreeSet<>(Bytes.UNSIGNED_ORDER);
        if (op == Op.INTER) {
            int smallest = -1;
            for (int i = 0; i < metas.size(); i++) {
                if (metas.get(i) == null) {
                    return result;
                }
                if (smallest < 0 || metas.get(i).size() < metas.get(smallest).size()) {
                    smallest = i;
                }
            }
            for (byte[] member : membersIn(t, keys.get(smallest), metas.get(smallest))) {
                boolean inAll = true;
                for (int i = 0; i < metas.size() && inAll; i++) {
                    inAll = i == smallest || t.read(KvKeys.sub(db, keys.get(i), metas.get(i).version(), member)) != null;
                }
                if (inAll) {
                    result.add(member);
                    if (result.size() >= limit) {
                        break;
                    }
                }
            }
            return result;
        }
        for (int i = 0; i < metas.size(); i++) {
            KvMeta m = metas.get(i);
            if (m == null) {
                continue;
            }
            if (op == Op.UNION || i == 0) {
                result.addAll(membersIn(t, keys.get(i), m));
            } else {
                membersIn(t, keys.get(i), m).forEach(result::remove);
            }
            if (op == Op.DIFF && result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ scan

    /** SSCAN; null when the key is missing. */
    public KvScan.Page scan(byte[] key, long cursor, byte[] pattern, long count) {
        return store.read(t -> {
            KvMeta m = setOrNull(t.get(db, key));
            return m == null ? null
                    : KvScan.scan(store, t, KvKeys.subPrefix(db, key, m.version()), m, cursor, pattern, count);
        });
    }
}

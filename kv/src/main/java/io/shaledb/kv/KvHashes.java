package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash commands of one database. A hash is a metadata record (type, version, field count) and
 * one sub-key per field, {@code 'k' 's' db key version field -> value}, so HGET reads one row and
 * HGETALL scans one contiguous range; a hash whose last field is deleted disappears.
 */
public final class KvHashes {
    private final KvStore store;
    private final int db;

    KvHashes(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    static KvMeta hashOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.HASH) {
            throw KvException.wrongType();
        }
        return m;
    }

    private byte[] field(KvMeta m, byte[] key, byte[] field) {
        return KvKeys.sub(db, key, m.version(), field);
    }

    /** HSET / HSETNX ({@code onlyIfAbsent}): how many fields were added. */
    public long set(byte[] key, List<byte[]> fields, List<byte[]> values, boolean onlyIfAbsent) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = store.encodingRules().resolve(t, db, key, hashOrNull(t.get(db, key)));
            KvMeta next = m == null ? new KvMeta(KvType.HASH, 0, store.newVersion(), 0, null) : m;
            long added = 0;
            List<byte[]> written = new ArrayList<>(2 * fields.size());
            for (int i = 0; i < fields.size(); i++) {
                byte[] core = field(next, key, fields.get(i));
                boolean exists = t.read(core) != null; // this command may have set the field already
                if (exists && onlyIfAbsent) {
                    continue;
                }
                written.add(fields.get(i)); // HSET checks every pair's lengths, HSETNX only the pair it sets
                written.add(values.get(i));
                t.putRow(core, values.get(i));
                if (!exists) {
                    added++;
                    next = next.withSize(next.size() + 1);
                }
            }
            next = store.encodingRules().afterWrite(next, written);
            if (m == null || next.size() != m.size() || next.encoding() != m.encoding()) {
                if (next.size() > 0) {
                    t.put(db, key, m, next);
                }
            }
            return added;
        });
    }

    /** HGET: the field's value, or null. */
    public byte[] get(byte[] key, byte[] field) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            Version v = t.read(field(m, key, field));
            return v == null ? null : v.payload();
        });
    }

    /** HMGET: values in order, null for missing fields. */
    public List<byte[]> mget(byte[] key, List<byte[]> fields) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            List<byte[]> out = new ArrayList<>(fields.size());
            for (byte[] f : fields) {
                Version v = m == null ? null : t.read(field(m, key, f));
                out.add(v == null ? null : v.payload());
            }
            return out;
        });
    }

    /** HDEL: how many fields were removed; the key goes with its last field. */
    public long delete(byte[] key, List<byte[]> fields) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            if (m == null) {
                return 0L;
            }
            long removed = 0;
            for (byte[] f : fields) {
                removed += t.deleteRow(field(m, key, f)) ? 1 : 0;
            }
            t.shrink(db, key, m, removed);
            return removed;
        });
    }

    /** HLEN. */
    public long length(byte[] key) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            return m == null ? 0 : m.size();
        });
    }

    /** HEXISTS. */
    public boolean exists(byte[] key, byte[] field) {
        return get(key, field) != null;
    }

    /** HGETALL / HKEYS / HVALS: field-value pairs in field byte order. */
    public List<byte[][]> entries(byte[] key) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            List<byte[][]> out = new ArrayList<>();
            if (m == null) {
                return out;
            }
            byte[] prefix = KvKeys.subPrefix(db, key, m.version());
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
                while (s.next()) {
                    Version v = s.current();
                    out.add(new byte[][] {KvKeys.fieldOfSub(v.userKey(), prefix.length), v.payload()});
                }
            }
            return out;
        });
    }

    /** HINCRBY: the field's new value. */
    public long incrBy(byte[] key, byte[] field, long delta) {
        byte[] result = update(key, field, old -> {
            long current = 0;
            if (old != null) {
                Long n = KvDatabase.strictLong(old);
                if (n == null) {
                    throw new KvException("ERR hash value is not an integer");
                }
                current = n;
            }
            try {
                return Long.toString(Math.addExact(current, delta)).getBytes(StandardCharsets.US_ASCII);
            } catch (ArithmeticException e) {
                throw new KvException(KvException.OVERFLOW);
            }
        });
        return Long.parseLong(new String(result, StandardCharsets.US_ASCII));
    }

    /** HINCRBYFLOAT: the field's new value as Redis prints it. */
    public byte[] incrByFloat(byte[] key, byte[] field, BigDecimal delta) {
        return update(key, field, old -> {
            BigDecimal current = BigDecimal.ZERO;
            if (old != null) {
                try {
                    current = KvDatabase.parseDecimal(old);
                } catch (KvException e) {
                    throw new KvException("ERR hash value is not a float");
                }
            }
            BigDecimal sum = LongDouble.round(LongDouble.round(current).add(LongDouble.round(delta)));
            if (LongDouble.overflows(sum)) {
                throw new KvException(KvException.NAN_OR_INFINITY);
            }
            return LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
        });
    }

    private byte[] update(byte[] key, byte[] field, java.util.function.UnaryOperator<byte[]> change) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = store.encodingRules().resolve(t, db, key, hashOrNull(t.get(db, key)));
            KvMeta next = m == null ? new KvMeta(KvType.HASH, 0, store.newVersion(), 0, null) : m;
            byte[] core = field(next, key, field);
            Version v = m == null ? null : t.read(core);
            byte[] value = change.apply(v == null ? null : v.payload());
            t.putRow(core, value);
            KvMeta after = store.encodingRules().afterWrite(v == null ? next.withSize(next.size() + 1) : next, List.of(field, value));
            if (v == null || after.encoding() != next.encoding()) {
                t.put(db, key, m, after);
            }
            return value;
        });
    }

    /** HSCAN: field-value pairs; null when the key is missing. */
    public KvScan.Page scan(byte[] key, long cursor, byte[] pattern, long count) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            return m == null ? null
                    : KvScan.scan(store, t, KvKeys.subPrefix(db, key, m.version()), m, cursor, pattern, count);
        });
    }

    /** HRANDFIELD with a count (SRANDMEMBER's rules, sampled by {@link KvSampler}): field-value pairs. */
    public List<byte[][]> random(byte[] key, long count) {
        return store.read(t -> {
            KvMeta m = hashOrNull(t.get(db, key));
            return m == null ? new ArrayList<byte[][]>()
                    : new KvSampler(store, t, KvKeys.subPrefix(db, key, m.version()), m.size()).sample(count);
        });
    }
}

package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of the sixteen numbered databases (SELECT 0..15) and the commands on it, with Redis's
 * semantics: each method is one atomic command in its own core transaction, throws
 * {@link KvException} with Redis's error text, and treats an expired key as missing.
 */
public final class KvDatabase {
    /** Redis's proto-max-bulk-len: no string may grow beyond it. */
    public static final long MAX_STRING = 512L * 1024 * 1024;

    private final KvStore store;
    private final int db;
    private final KvHashes hashes;
    private final KvSortedSets sortedSets;
    private final KvLists lists;
    private final KvSets sets;
    private final KvSortedSetRanges sortedSetRanges;
    private final KvSortedSetAlgebra sortedSetAlgebra;
    private final KvBits bits;
    private final KvLcs lcs;
    private final KvCopy copy;
    private final KvSort sort;

    KvDatabase(KvStore store, int db) {
        this.store = store;
        this.db = db;
        this.hashes = new KvHashes(store, db);
        this.sortedSets = new KvSortedSets(store, db);
        this.lists = new KvLists(store, db);
        this.sets = new KvSets(store, db);
        this.sortedSetRanges = new KvSortedSetRanges(store, db);
        this.sortedSetAlgebra = new KvSortedSetAlgebra(store, db);
        this.bits = new KvBits(store, db);
        this.lcs = new KvLcs(store, db);
        this.copy = new KvCopy(store, db);
        this.sort = new KvSort(store, db);
    }

    /** The list commands of this database. */
    public KvLists lists() {
        return lists;
    }

    /** The set commands of this database. */
    public KvSets sets() {
        return sets;
    }

    /** The sorted-set commands that select ranges (ZRANGE BYSCORE, ZPOPMIN, ...). */
    public KvSortedSetRanges sortedSetRanges() {
        return sortedSetRanges;
    }

    /** ZUNION, ZINTER, ZDIFF and their STORE forms. */
    public KvSortedSetAlgebra sortedSetAlgebra() {
        return sortedSetAlgebra;
    }

    /** The hash commands of this database. */
    public KvHashes hashes() {
        return hashes;
    }

    /** The sorted-set commands of this database. */
    public KvSortedSets sortedSets() {
        return sortedSets;
    }

    /** SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD. */
    public KvBits bits() {
        return bits;
    }

    /** LCS. */
    public KvLcs lcs() {
        return lcs;
    }

    /** COPY and MOVE. */
    public KvCopy copy() {
        return copy;
    }

    /** RANDOMKEY: a live key picked at random, null for an empty database (see {@link KvRandomKey}). */
    public byte[] randomKey() {
        return KvRandomKey.pick(store, db);
    }

    /** SORT and SORT_RO. */
    public KvSort sort() {
        return sort;
    }

    public int index() {
        return db;
    }

    // ------------------------------------------------------------------ keys

    /** DEL / UNLINK: how many of {@code keys} existed. */
    public long delete(List<byte[]> keys) {
        return store.write(db, keys, t -> {
            long n = 0;
            for (byte[] k : keys) {
                n += t.delete(db, k) ? 1 : 0;
            }
            return n;
        });
    }

    /** EXISTS: how many of {@code keys} exist (a key named twice counts twice). */
    public long exists(List<byte[]> keys) {
        return store.read(t -> {
            long n = 0;
            for (byte[] k : keys) {
                n += t.get(db, k) != null ? 1 : 0;
            }
            return n;
        });
    }

    /** TYPE: the type of the key, or null when it is missing. */
    public KvType type(byte[] key) {
        return store.read(t -> {
            KvMeta m = t.get(db, key);
            return m == null ? null : m.type();
        });
    }

    /**
     * OBJECT ENCODING of a collection: the encoding its metadata keeps (Redis's one-way
     * conversions, see {@link KvEncoding}); null when the key is missing, {@link KvEncoding#UNKNOWN}
     * for a string (whose encoding follows from its value).
     */
    public KvEncoding encoding(byte[] key) {
        return store.read(t -> {
            KvMeta m = t.get(db, key);
            return m == null ? null : store.encodingRules().resolve(t, db, key, m).encoding();
        });
    }

    /** DUMP: the key's value as a Redis DUMP payload ({@link KvDump}), or null when it is missing. */
    public byte[] dump(byte[] key) {
        return store.read(t -> {
            KvMeta m = t.get(db, key);
            return m == null ? null : KvDump.dump(t, db, key, m);
        });
    }

    /**
     * RESTORE, with Redis's order of checks: BUSYKEY unless {@code replace}, the TTL (ms; with
     * {@code absTtl} a Unix time in ms; 0 none), the payload's version and checksum, its data. A
     * deadline already past only deletes the key being replaced.
     */
    public void restore(byte[] key, long ttl, byte[] payload, boolean absTtl, boolean replace) {
        store.write(db, List.of(key), t -> {
            KvMeta old = t.get(db, key);
            if (old != null && !replace) {
                throw new KvException("BUSYKEY Target key name already exists.");
            }
            if (ttl < 0) {
                throw new KvException("ERR Invalid TTL value, must be >= 0");
            }
            KvDump.Value v = KvDump.parse(payload);
            long expireAt = ttl == 0 ? 0 : absTtl ? ttl : t.now() + ttl;
            if (expireAt != 0 && expireAt <= t.now()) {
                t.delete(db, key);
                return null;
            }
            KvDump.restore(store, t, db, key, old, v, expireAt);
            return null;
        });
    }

    /**
     * RENAME / RENAMENX: moves {@code src} (value and TTL) to {@code dst}, replacing it unless
     * {@code onlyIfAbsent}. Returns false when RENAMENX found {@code dst}.
     */
    public boolean rename(byte[] src, byte[] dst, boolean onlyIfAbsent) {
        return store.write(db, List.of(src, dst), t -> {
            KvMeta m = t.get(db, src);
            if (m == null) {
                throw new KvException(KvException.NO_SUCH_KEY);
            }
            if (Arrays.equals(src, dst)) {
                return !onlyIfAbsent;
            }
            KvMeta old = t.get(db, dst);
            if (old != null && onlyIfAbsent) {
                return false;
            }
            t.delete(db, src);
            t.put(db, dst, old, m.type() == KvType.STRING ? m : copySubKeys(t, src, dst, m));
            return true;
        });
    }

    /**
     * Copies a collection's sub-keys under {@code dst} with a fresh version (O(elements), as in
     * Kvrocks); the source's become garbage with its metadata. Returns the new metadata.
     */
    private KvMeta copySubKeys(KvTxn t, byte[] src, byte[] dst, KvMeta m) {
        long version = store.newVersion();
        List<Version> rows = new ArrayList<>();
        byte[] prefix = KvKeys.subPrefix(db, src, m.version());
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                rows.add(s.current());
            }
        }
        for (Version v : rows) {
            t.putRow(KvKeys.sub(db, dst, version, KvKeys.fieldOfSub(v.userKey(), prefix.length)), v.payload());
        }
        if (m.type() == KvType.ZSET) {
            KvSortedSets.copyScoreIndex(t, db, src, dst, m.version(), version);
        }
        return m.withVersion(version);
    }

    /** KEYS: every live key matching the glob {@code pattern}, in byte order. */
    public List<byte[]> keys(byte[] pattern) {
        return store.read(t -> {
            List<byte[]> out = new ArrayList<>();
            boolean all = pattern.length == 1 && pattern[0] == '*';
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(KvKeys.metaPrefix(db)))) {
                while (s.next()) {
                    Version v = s.current();
                    if (KvMeta.decode(v.payload()).expiredAt(t.now())) {
                        continue;
                    }
                    byte[] key = KvKeys.keyOfMeta(v.userKey());
                    if (all || Glob.matches(pattern, key)) {
                        out.add(key);
                    }
                }
            }
            return out;
        });
    }

    /** One page of SCAN. */
    public record ScanPage(long cursor, List<byte[]> keys) {}

    /**
     * SCAN: examines about {@code count} keys after {@code cursor} (0 starts), returning those that
     * match {@code pattern} (null: all) and have {@code type} (null: any), and the cursor to go on
     * with (0 when the iteration is complete).
     */
    public ScanPage scan(long cursor, byte[] pattern, long count, KvType type) {
        byte[] after = cursor == 0 ? null : store.cursors().resume(cursor);
        if (cursor != 0 && after == null) {
            return new ScanPage(0, List.of());
        }
        return store.read(t -> {
            List<byte[]> out = new ArrayList<>();
            byte[] prefix = KvKeys.metaPrefix(db);
            KeyRange all = KeyRange.prefix(prefix);
            KeyRange range = after == null ? all : new KeyRange(KvKeys.meta(db, after), false, all.high(), all.highInclusive());
            long examined = 0;
            byte[] last = null;
            boolean more = false;
            try (VersionScan s = KvStore.scan(t, range)) {
                while (s.next()) {
                    if (examined == Math.max(1, count)) {
                        more = true;
                        break;
                    }
                    examined++;
                    Version v = s.current();
                    byte[] key = KvKeys.keyOfMeta(v.userKey());
                    last = key;
                    KvMeta m = KvMeta.decode(v.payload());
                    if (m.expiredAt(t.now()) || type != null && m.type() != type
                            || pattern != null && !Glob.matches(pattern, key)) {
                        continue;
                    }
                    out.add(key);
                }
            }
            return new ScanPage(more ? store.cursors().issue(last) : 0, out);
        });
    }

    /** DBSIZE: live keys (counted by a scan: O(keys), unlike Redis). */
    public long size() {
        return store.read(t -> {
            long n = 0;
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(KvKeys.metaPrefix(db)))) {
                while (s.next()) {
                    if (!KvMeta.decode(s.current().payload()).expiredAt(t.now())) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** FLUSHDB: deletes every key. */
    public void flush() {
        store.write(db, List.of(), t -> {
            List<Version> rows = new ArrayList<>();
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(KvKeys.metaPrefix(db)))) {
                while (s.next()) {
                    rows.add(s.current());
                }
            }
            for (Version v : rows) {
                t.deleteVersion(v);
            }
            return null;
        });
    }

    /**
     * EXPIRE family: sets the deadline (ms since the epoch) when {@code condition} allows; a
     * deadline already past deletes the key. Returns false when the key is missing or the
     * condition refused.
     */
    public boolean expireAt(byte[] key, long deadline, ExpireCondition condition) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = t.get(db, key);
            if (m == null || !condition.allows(m.expireAt(), deadline)) {
                return false;
            }
            if (deadline <= t.now()) {
                t.delete(db, key);
            } else {
                t.put(db, key, m, m.withExpireAt(deadline));
            }
            return true;
        });
    }

    /** PERSIST: removes the TTL; false when the key is missing or has none. */
    public boolean persist(byte[] key) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = t.get(db, key);
            if (m == null || m.expireAt() == 0) {
                return false;
            }
            t.put(db, key, m, m.withExpireAt(0));
            return true;
        });
    }

    /** The key's deadline in ms since the epoch: -2 missing, -1 none (EXPIRETIME, PEXPIRETIME). */
    public long expireTime(byte[] key) {
        return store.read(t -> {
            KvMeta m = t.get(db, key);
            return m == null ? -2 : m.expireAt() == 0 ? -1 : m.expireAt();
        });
    }

    /** PTTL: milliseconds left, -2 missing, -1 no TTL. */
    public long ttlMillis(byte[] key) {
        return store.read(t -> {
            KvMeta m = t.get(db, key);
            return m == null ? -2 : m.expireAt() == 0 ? -1 : Math.max(0, m.expireAt() - t.now());
        });
    }

    // ------------------------------------------------------------------ strings

    private static KvMeta stringOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.STRING) {
            throw KvException.wrongType();
        }
        return m;
    }

    /** GET: the value, null when missing; WRONGTYPE for other types. */
    public byte[] get(byte[] key) {
        return store.read(t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            return m == null ? null : m.value();
        });
    }

    /** MGET: values in order; missing keys and keys of other types give null. */
    public List<byte[]> mget(List<byte[]> keys) {
        return store.read(t -> {
            List<byte[]> out = new ArrayList<>(keys.size());
            for (byte[] k : keys) {
                KvMeta m = t.get(db, k);
                out.add(m == null || m.type() != KvType.STRING ? null : m.value());
            }
            return out;
        });
    }

    /** SET with its options. */
    public SetOptions.Result set(byte[] key, byte[] value, SetOptions o) {
        return store.write(db, List.of(key), t -> {
            KvMeta old = t.get(db, key);
            if (o.get()) {
                stringOrNull(old);
            }
            byte[] oldValue = o.get() && old != null ? old.value() : null;
            if (o.condition() == SetOptions.Condition.IF_ABSENT && old != null
                    || o.condition() == SetOptions.Condition.IF_PRESENT && old == null) {
                return new SetOptions.Result(false, oldValue);
            }
            long expireAt = switch (o.expiry()) {
                case CLEAR -> 0;
                case KEEP -> old == null ? 0 : old.expireAt();
                case AT -> o.expireAt();
            };
            if (expireAt != 0 && expireAt <= t.now()) {
                t.delete(db, key); // a deadline already past: Redis deletes the key (and SET replies OK)
            } else {
                t.put(db, key, old, KvMeta.string(value, expireAt));
            }
            return new SetOptions.Result(true, oldValue);
        });
    }

    /** MSET (all) or MSETNX ({@code onlyIfNoneExist}: all or nothing). Returns whether it wrote. */
    public boolean mset(List<byte[]> keys, List<byte[]> values, boolean onlyIfNoneExist) {
        return store.write(db, keys, t -> {
            if (onlyIfNoneExist) {
                for (byte[] k : keys) {
                    if (t.get(db, k) != null) {
                        return false;
                    }
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                byte[] k = keys.get(i);
                t.put(db, k, t.get(db, k), KvMeta.string(values.get(i), 0));
            }
            return true;
        });
    }

    /** GETDEL: the value, then deletes the key. */
    public byte[] getDel(byte[] key) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            t.delete(db, key);
            return m.value();
        });
    }

    /**
     * GETEX: the value, changing the TTL as {@code expiry} says ({@link SetOptions.Expiry#KEEP}:
     * unchanged, {@link SetOptions.Expiry#CLEAR}: PERSIST, {@link SetOptions.Expiry#AT}: new deadline).
     */
    public byte[] getEx(byte[] key, SetOptions.Expiry expiry, long expireAt) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            switch (expiry) {
                case KEEP -> { }
                case CLEAR -> {
                    if (m.expireAt() != 0) {
                        t.put(db, key, m, m.withExpireAt(0));
                    }
                }
                case AT -> {
                    if (expireAt <= t.now()) {
                        t.delete(db, key);
                    } else {
                        t.put(db, key, m, m.withExpireAt(expireAt));
                    }
                }
            }
            return m.value();
        });
    }

    /** INCRBY (INCR, DECR, DECRBY): the new value; the TTL is kept. */
    public long incrBy(byte[] key, long delta) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            long current = m == null ? 0 : parseLong(m.value());
            long next;
            try {
                next = Math.addExact(current, delta);
            } catch (ArithmeticException e) {
                throw new KvException(KvException.OVERFLOW);
            }
            byte[] bytes = Long.toString(next).getBytes(StandardCharsets.US_ASCII);
            t.put(db, key, m, m == null ? KvMeta.string(bytes, 0) : m.withValue(bytes));
            return next;
        });
    }

    /** INCRBYFLOAT: the new value as Redis computes and prints it (see {@link LongDouble}). */
    public byte[] incrByFloat(byte[] key, byte[] deltaText) {
        return store.write(db, List.of(key), t -> {
            // Redis's order of checks: the key's type, its value, then the increment
            KvMeta m = stringOrNull(t.get(db, key));
            BigDecimal current = m == null ? BigDecimal.ZERO : parseDecimal(m.value());
            if (isInfinity(deltaText)) {
                throw new KvException(KvException.NAN_OR_INFINITY); // string2ld reads it; the sum is then not finite
            }
            BigDecimal delta = parseDecimal(deltaText);
            BigDecimal sum = LongDouble.round(LongDouble.round(current).add(LongDouble.round(delta)));
            if (LongDouble.overflows(sum)) {
                throw new KvException(KvException.NAN_OR_INFINITY);
            }
            byte[] bytes = LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
            t.put(db, key, m, m == null ? KvMeta.string(bytes, 0) : m.withValue(bytes));
            return bytes;
        });
    }

    /** APPEND: the new length. */
    public long append(byte[] key, byte[] suffix) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            byte[] old = m == null ? new byte[0] : m.value();
            if ((long) old.length + suffix.length > MAX_STRING) {
                throw new KvException(KvException.STRING_TOO_LONG);
            }
            byte[] joined = Arrays.copyOf(old, old.length + suffix.length);
            System.arraycopy(suffix, 0, joined, old.length, suffix.length);
            t.put(db, key, m, m == null ? KvMeta.string(joined, 0) : m.withValue(joined));
            return (long) joined.length;
        });
    }

    /** STRLEN: 0 for a missing key. */
    public long strlen(byte[] key) {
        byte[] v = get(key);
        return v == null ? 0 : v.length;
    }

    /** GETRANGE with Redis's inclusive, negative-from-the-end offsets. */
    public byte[] getRange(byte[] key, long start, long end) {
        byte[] v = get(key);
        if (v == null || v.length == 0) {
            return new byte[0];
        }
        long len = v.length;
        if (start < 0 && end < 0 && start > end) {
            return new byte[0];
        }
        if (start < 0) {
            start = Math.max(0, len + start);
        }
        if (end < 0) {
            end = Math.max(0, len + end);
        }
        end = Math.min(end, len - 1);
        if (start > end || start >= len) {
            return new byte[0];
        }
        return Arrays.copyOfRange(v, (int) start, (int) end + 1);
    }

    /** SETRANGE: overwrites from {@code offset}, zero-padding; returns the new length. */
    public long setRange(byte[] key, long offset, byte[] part) {
        if (offset < 0) {
            throw new KvException(KvException.OFFSET_OUT_OF_RANGE);
        }
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            byte[] old = m == null ? new byte[0] : m.value();
            if (part.length == 0) {
                return (long) old.length; // nothing written; a missing key stays missing
            }
            if (offset > MAX_STRING - part.length) { // Redis's order: type, empty value, then size; not offset + length (overflows)
                throw new KvException(KvException.STRING_TOO_LONG);
            }
            byte[] out = Arrays.copyOf(old, (int) Math.max(old.length, offset + part.length));
            System.arraycopy(part, 0, out, (int) offset, part.length);
            t.put(db, key, m, m == null ? KvMeta.string(out, 0) : m.withValue(out));
            return (long) out.length;
        });
    }

    // ------------------------------------------------------------------ number formats

    /** A string value as a 64-bit integer, Redis's strict way: no spaces, no '+', no leading zeros. */
    static long parseLong(byte[] v) {
        Long n = strictLong(v);
        if (n == null) {
            throw new KvException(KvException.NOT_INTEGER);
        }
        return n;
    }

    /** Redis's string2ll: the canonical decimal form of a signed 64-bit integer, else null. */
    public static Long strictLong(byte[] v) {
        if (v.length == 0 || v.length > 20) {
            return null;
        }
        String s = new String(v, StandardCharsets.US_ASCII);
        if (v.length == 1 && v[0] == '0') {
            return 0L;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length() || s.charAt(i) < '1' || s.charAt(i) > '9') {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code v} is an infinity Redis's string2ld accepts ("inf", "-Infinity" ...; it refuses "nan"). */
    public static boolean isInfinity(byte[] v) {
        String s = new String(v, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("inf") || s.equals("infinity");
    }

    /** A float argument or value: decimal or exponent form, no spaces; not NaN or infinite. */
    public static BigDecimal parseDecimal(byte[] v) {
        String s = new String(v, StandardCharsets.US_ASCII);
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            throw new KvException(KvException.NOT_FLOAT);
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new KvException(KvException.NOT_FLOAT);
        }
    }
}

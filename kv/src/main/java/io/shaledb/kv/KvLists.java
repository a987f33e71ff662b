package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The list commands of one database. A list is a metadata record holding {@code head} (the index
 * of its first element) and {@code size}, and one sub-key per element keyed by a signed 64-bit
 * index: element {@code i} (0-based) is the sub-key {@code head + i}.
 *
 * <pre>
 *   meta  [LIST | version 9 | size 3 | head -1]
 *   sub   9 idx(-1) -> "a"    idx(0) -> "b"    idx(1) -> "c"
 *   LPUSH x: idx(-2) -> "x", head -2, size 4          RPOP: delete idx(1), size 3
 * </pre>
 *
 * Pushes and pops at either end, LINDEX and LSET are O(1) (one or two rows); LRANGE reads only the
 * rows of its range. LINSERT shifts the elements on the shorter side of the pivot by one slot and
 * LREM compacts the list after the first removal: both O(n) row writes, as Redis's are O(n) moves.
 * LTRIM deletes the trimmed rows: O(removed).
 */
public final class KvLists {
    private final KvStore store;
    private final int db;

    /** Free slots beyond a list's end that a push checks at once (see {@link #push}). */
    private static final long FREE_AHEAD = 64;

    KvLists(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /** What a pop from one of several keys took (LMPOP, BLPOP): the key and its elements. */
    public record Popped(byte[] key, List<byte[]> elements) {}

    static KvMeta listOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.LIST) {
            throw KvException.wrongType();
        }
        return m;
    }

    /** The sub-key field of element index {@code index}: 8 bytes, sign-flipped big-endian, so byte order is index order. */
    static byte[] indexField(long index) {
        return ByteBuffer.allocate(8).putLong(index ^ Long.MIN_VALUE).array();
    }

    private byte[] row(byte[] key, KvMeta m, long position) {
        return KvKeys.sub(db, key, m.version(), indexField(m.head() + position));
    }

    private byte[] element(KvTxn t, byte[] key, KvMeta m, long position) {
        Version v = t.read(row(key, m, position));
        if (v == null) {
            throw new IllegalStateException("list " + new String(key, java.nio.charset.StandardCharsets.UTF_8)
                    + " is missing element " + position + " of " + m.size());
        }
        return v.payload();
    }

    private void save(KvTxn t, byte[] key, KvMeta old, KvMeta next) {
        if (next.size() == 0) {
            t.delete(db, key);
        } else {
            t.put(db, key, old, next);
        }
    }

    // ------------------------------------------------------------------ push and pop

    /** LPUSH / RPUSH ({@code onlyIfExists}: LPUSHX / RPUSHX): the new length, 0 when X found no list. */
    public long push(byte[] key, List<byte[]> values, boolean left, boolean onlyIfExists) {
        return store.write(db, List.of(key), t -> pushIn(t, key, values, left, onlyIfExists));
    }

    private long pushIn(KvTxn t, byte[] key, List<byte[]> values, boolean left, boolean onlyIfExists) {
        KvMeta m = listOrNull(t.get(db, key));
        if (m == null && onlyIfExists) {
            return 0L;
        }
        KvMeta next = m == null ? new KvMeta(KvType.LIST, 0, store.newVersion(), 0, null, 0) : m;
        // The new slots lie beyond the list's end; one look at the next FREE_AHEAD slots there
        // usually shows the engine has no version of any, so this and the next pushes of a
        // pipelined batch insert without reading their slot first.
        long n = values.size();
        long ahead = Math.max(n, FREE_AHEAD);
        if (left) {
            t.expectNewRows(row(key, next, -n), row(key, next, -1), row(key, next, -ahead), row(key, next, -1));
        } else {
            t.expectNewRows(row(key, next, next.size()), row(key, next, next.size() + n - 1),
                    row(key, next, next.size()), row(key, next, next.size() + ahead - 1));
        }
        for (byte[] v : values) { // a slot outside head .. head+size-1 holds no element: no need to read it first
            if (left) {
                next = next.withList(next.head() - 1, next.size() + 1);
                t.putNewRow(row(key, next, 0), v);
            } else {
                next = next.withList(next.head(), next.size() + 1);
                t.putNewRow(row(key, next, next.size() - 1), v);
            }
        }
        t.put(db, key, m, next);
        return next.size();
    }

    /** LPOP / RPOP: up to {@code count} elements from one end; null when the key is missing. */
    public List<byte[]> pop(byte[] key, boolean left, long count) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = listOrNull(t.get(db, key));
            return m == null ? null : popIn(t, key, m, left, count);
        });
    }

    private List<byte[]> popIn(KvTxn t, byte[] key, KvMeta m, boolean left, long count) {
        long n = Math.min(count, m.size());
        List<byte[]> out = new ArrayList<>((int) Math.min(n, 1024));
        KvMeta next = m;
        for (long i = 0; i < n; i++) {
            long position = left ? 0 : next.size() - 1;
            byte[] core = row(key, next, position);
            Version v = t.read(core);
            out.add(v.payload());
            t.deleteVersion(v);
            next = left ? next.withList(next.head() + 1, next.size() - 1) : next.withList(next.head(), next.size() - 1);
        }
        if (n > 0) {
            save(t, key, m, next);
        }
        return out;
    }

    /**
     * LMPOP (and BLPOP/BRPOP's attempt, with one element): pops up to {@code count} elements from
     * the first non-empty list of {@code keys}; null when all are missing. A key of another type
     * met before a list is WRONGTYPE, as in Redis.
     */
    public Popped popFirst(List<byte[]> keys, boolean left, long count) {
        return store.write(db, keys, t -> {
            for (byte[] key : keys) {
                KvMeta m = listOrNull(t.get(db, key));
                if (m != null) {
                    return new Popped(key, popIn(t, key, m, left, count));
                }
            }
            return null;
        });
    }

    /**
     * LMOVE / RPOPLPUSH: pops from one end of {@code src}, pushes to one end of {@code dst}; the
     * element, or null when {@code src} is missing. {@code src == dst} rotates.
     */
    public byte[] move(byte[] src, byte[] dst, boolean fromLeft, boolean toLeft) {
        return store.write(db, List.of(src, dst), t -> {
            KvMeta m = listOrNull(t.get(db, src));
            if (m == null) {
                return null;
            }
            listOrNull(t.get(db, dst)); // WRONGTYPE before anything is popped
            byte[] value = popIn(t, src, m, fromLeft, 1).getFirst();
            pushIn(t, dst, List.of(value), toLeft, false);
            return value;
        });
    }

    // ------------------------------------------------------------------ reading

    /** LLEN. */
    public long length(byte[] key) {
        return store.read(t -> {
            KvMeta m = listOrNull(t.get(db, key));
            return m == null ? 0 : m.size();
        });
    }

    /** LINDEX: the element at {@code index} (negative from the end), or null. */
    public byte[] index(byte[] key, long index) {
        return store.read(t -> {
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            long position = index < 0 ? m.size() + index : index;
            return position < 0 || position >= m.size() ? null : element(t, key, m, position);
        });
    }

    /** LRANGE with Redis's inclusive, negative-from-the-end {@code start}/{@code stop}. */
    public List<byte[]> range(byte[] key, long start, long stop) {
        return store.read(t -> {
            KvMeta m = listOrNull(t.get(db, key));
            return m == null ? List.of() : rangeIn(t, key, m, start, stop);
        });
    }

    private List<byte[]> rangeIn(KvTxn t, byte[] key, KvMeta m, long start, long stop) {
        long len = m.size();
        long from = start < 0 ? Math.max(0, len + start) : start;
        long to = stop < 0 ? len + stop : Math.min(stop, len - 1);
        List<byte[]> out = new ArrayList<>();
        if (from > to || from >= len) {
            return out;
        }
        KeyRange range = new KeyRange(row(key, m, from), true, row(key, m, to), true);
        try (VersionScan s = KvStore.scan(t, range)) {
            while (s.next()) {
                out.add(s.current().payload());
            }
        }
        return out;
    }

    /** LPOS's options: {@code rank} (not 0; negative searches from the tail), {@code count} (null: one answer), {@code maxLen} (0: all). */
    public record PosOptions(long rank, Long count, long maxLen) {}

    /** LPOS: the positions of {@code element}, as many as {@code o.count()} asks (0: all). */
    public List<Long> positions(byte[] key, byte[] element, PosOptions o) {
        return store.read(t -> {
            List<Long> out = new ArrayList<>();
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                return out;
            }
            boolean backward = o.rank() < 0;
            long skip = Math.abs(o.rank()) - 1; // rank's absolute value can be Long.MAX_VALUE, never Long.MIN_VALUE
            long want = o.count() == null ? 1 : o.count() == 0 ? Long.MAX_VALUE : o.count();
            long examined = 0;
            t.beforeScan();
            try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(KvKeys.subPrefix(db, key, m.version())),
                    backward ? Direction.BACKWARD : Direction.FORWARD)) {
                while (out.size() < want && s.next() && (o.maxLen() == 0 || examined < o.maxLen())) {
                    long position = backward ? m.size() - 1 - examined : examined;
                    examined++;
                    if (Arrays.equals(s.current().payload(), element)) {
                        if (skip > 0) {
                            skip--;
                        } else {
                            out.add(position);
                        }
                    }
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ changing the middle

    /** LSET. */
    public void set(byte[] key, long index, byte[] value) {
        store.write(db, List.of(key), t -> {
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                throw new KvException(KvException.NO_SUCH_KEY);
            }
            long position = index < 0 ? m.size() + index : index;
            if (position < 0 || position >= m.size()) {
                throw new KvException("ERR index out of range");
            }
            t.putRow(row(key, m, position), value);
            return null;
        });
    }

    /**
     * LINSERT: inserts {@code value} before or after the first {@code pivot}; the new length, -1
     * when the pivot is not there, 0 when the key is missing. The elements on the shorter side of
     * the insertion point move one slot outwards.
     */
    public long insert(byte[] key, boolean before, byte[] pivot, byte[] value) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                return 0L;
            }
            List<byte[]> all = rangeIn(t, key, m, 0, -1);
            int at = -1;
            for (int i = 0; i < all.size(); i++) {
                if (Arrays.equals(all.get(i), pivot)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return -1L;
            }
            int insertAt = before ? at : at + 1; // the new element's position
            KvMeta next;
            if (insertAt < all.size() - insertAt) { // shift the front one slot towards the head
                next = m.withList(m.head() - 1, m.size() + 1);
                for (int i = 0; i < insertAt; i++) {
                    t.putRow(row(key, next, i), all.get(i));
                }
            } else { // shift the back one slot towards the tail
                next = m.withList(m.head(), m.size() + 1);
                for (int i = all.size() - 1; i >= insertAt; i--) {
                    t.putRow(row(key, next, i + 1), all.get(i));
                }
            }
            t.putRow(row(key, next, insertAt), value);
            t.put(db, key, m, next);
            return next.size();
        });
    }

    /**
     * LREM: removes up to {@code count} occurrences of {@code value} (count &gt; 0 from the head,
     * &lt; 0 from the tail, 0 all); returns how many. The survivors after the first removal are
     * rewritten contiguously from the head.
     */
    public long remove(byte[] key, long count, byte[] value) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                return 0L;
            }
            List<byte[]> all = rangeIn(t, key, m, 0, -1);
            boolean[] drop = new boolean[all.size()];
            long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
            long removed = 0;
            for (int k = 0; k < all.size() && removed < limit; k++) {
                int i = count < 0 ? all.size() - 1 - k : k;
                if (Arrays.equals(all.get(i), value)) {
                    drop[i] = true;
                    removed++;
                }
            }
            if (removed == 0) {
                return 0L;
            }
            int first = 0;
            while (!drop[first]) {
                first++;
            }
            long position = first;
            for (int i = first; i < all.size(); i++) {
                if (!drop[i]) {
                    t.putRow(row(key, m, position++), all.get(i));
                }
            }
            for (long p = position; p < all.size(); p++) {
                t.deleteRow(row(key, m, p));
            }
            save(t, key, m, m.withList(m.head(), m.size() - removed));
            return removed;
        });
    }

    /** LTRIM: keeps only {@code start..stop} (Redis's offsets); an empty range deletes the key. */
    public void trim(byte[] key, long start, long stop) {
        store.write(db, List.of(key), t -> {
            KvMeta m = listOrNull(t.get(db, key));
            if (m == null) {
                return null;
            }
            long len = m.size();
            long from = start < 0 ? Math.max(0, len + start) : start;
            long to = stop < 0 ? len + stop : Math.min(stop, len - 1);
            if (from > to || from >= len) {
                from = len;
                to = len - 1;
            }
            for (long p = 0; p < from; p++) {
                t.deleteRow(row(key, m, p));
            }
            for (long p = to + 1; p < len; p++) {
                t.deleteRow(row(key, m, p));
            }
            save(t, key, m, m.withList(m.head() + from, to - from + 1));
            return null;
        });
    }
}

package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random elements of one hash, set or sorted set (HRANDFIELD, SRANDMEMBER, SPOP, ZRANDMEMBER),
 * drawn from the collection's sub-key range {@code 'k' 's' db key version field -> payload} without
 * reading it whole when the count is small. The case split is Redis's (t_set.c, t_hash.c,
 * t_zset.c); see the package documentation for the method and its bias.
 *
 * <pre>
 *   count = 0                          nothing
 *   count < 0 (repeats allowed)        |count| independent picks         (read whole when small: exact)
 *   count >= size                      the whole collection, in member order
 *   count * 3 > size                   read whole, keep count at random  (exact)
 *   otherwise                          picks until count distinct ones  (read whole when small: exact)
 * </pre>
 *
 * A pick ({@link #seekPick}) is a few seeks (at most {@link #MAX_ATTEMPTS}) and a window of
 * {@link #WINDOW} consecutive rows, so a small count costs O(count · log n) whatever the
 * collection's size.
 * One sampler lives for one command, inside that command's transaction and snapshot.
 */
final class KvSampler {
    /** Collections of at most this many elements are read whole and sampled exactly (Redis's compact encodings' scale). */
    static final long EXACT_LIMIT = 128;
    /** Rows read after a seek point; the pick is uniform among them (smooths the gaps, see package docs). */
    static final int WINDOW = 16;
    /** Redis's {@code *_SUB_STRATEGY_MUL}: when {@code count * 3 > size} reading all is cheaper than repeated picks. */
    static final long SUB_STRATEGY_MUL = 3;
    /** The most picks with repetition one command returns: a larger reply (over 1 GB) is refused. */
    static final long MAX_REPEATED = 1L << 26;
    /** Seek attempts per pick before the landing nearest its seek point is kept anyway. */
    static final int MAX_ATTEMPTS = 64;

    private final KvStore store;
    private final KvTxn t;
    private final byte[] prefix;
    private final long size;
    private final ThreadLocalRandom random = ThreadLocalRandom.current();
    /** The first and last member (lazily read), bounding the seek points. */
    private byte[] first;
    private byte[] last;
    /** The length of first's and last's common prefix: every member starts with it. */
    private int common;
    /** first's and last's 8 bytes after the common prefix, as unsigned positions; the mean gap between members. */
    private long low;
    private long high;
    private double meanGap;

    /** @param prefix the collection's sub-key prefix; {@code size} its element count from the metadata */
    KvSampler(KvStore store, KvTxn t, byte[] prefix, long size) {
        this.store = store;
        this.t = t;
        this.prefix = prefix;
        this.size = size;
    }

    /**
     * Elements as {field, payload} pairs by SRANDMEMBER's count rules: {@code count >= 0} distinct
     * elements (all when the collection is smaller), {@code count < 0} that many picks with
     * repetition.
     */
    List<byte[][]> sample(long count) {
        if (count == 0 || size == 0) {
            return new ArrayList<>();
        }
        if (count < 0 || count == 1) {
            long picks = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
            return repeated(picks);
        }
        if (count >= size) {
            return readAll();
        }
        if (count * SUB_STRATEGY_MUL > size || size <= EXACT_LIMIT) {
            return choose(readAll(), (int) count);
        }
        return distinct((int) count);
    }

    /** {@code picks} independent picks (with repetition). */
    private List<byte[][]> repeated(long picks) {
        if (picks > MAX_REPEATED) { // the reply is built whole in memory (Redis streams it)
            throw new KvException("ERR value is out of range");
        }
        List<byte[][]> out = new ArrayList<>((int) Math.min(picks, 1 << 16));
        if (size <= EXACT_LIMIT || picks >= size / WINDOW) {
            List<byte[][]> all = readAll();
            for (long i = 0; i < picks; i++) {
                out.add(all.get(random.nextInt(all.size())));
            }
            return out;
        }
        for (long i = 0; i < picks; i++) {
            out.add(seekPick());
        }
        return out;
    }

    /** {@code count} distinct elements by repeated picks (count * 3 <= size); falls back to reading all if picks keep colliding. */
    private List<byte[][]> distinct(int count) {
        List<byte[][]> out = new ArrayList<>(count);
        Set<ByteBuffer> seen = new HashSet<>();
        long budget = 8L * count + 64;
        while (out.size() < count) {
            if (budget-- == 0) {
                return choose(readAll(), count);
            }
            byte[][] e = seekPick();
            if (seen.add(ByteBuffer.wrap(e[0]))) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code count} elements of {@code all} chosen uniformly, in random order (a partial Fisher-Yates shuffle). */
    private List<byte[][]> choose(List<byte[][]> all, int count) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(all.size() - i);
            byte[][] swap = all.get(i);
            all.set(i, all.get(j));
            all.set(j, swap);
        }
        return new ArrayList<>(all.subList(0, count));
    }

    /** Every element, in member byte order. */
    List<byte[][]> readAll() {
        List<byte[][]> out = new ArrayList<>((int) Math.min(size, 1 << 16));
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                out.add(entry(s));
            }
        }
        store.noteSampledRows(out.size());
        return out;
    }

    /**
     * One pick. A seek point {@code u} uniform between the first and last member (as base-256
     * fractions after their common prefix); the first member at or after it "lands" with
     * probability proportional to its gap {@code g} (the distance from its predecessor). The
     * landing is kept only when the member lies within the mean gap {@code T} of {@code u}, so a
     * member lands and is kept with probability {@code min(g, T)}: one after an empty stretch of key
     * space (the first "a..." after "9...") is not picked far more often than the rest. After
     * {@link #MAX_ATTEMPTS} misses the landing nearest its seek point is kept. Then one of the
     * {@link #WINDOW} rows from the landing on (wrapping to the start) is the pick, which smooths
     * the remaining differences between neighbouring gaps. An attempt costs one seek and one row;
     * the window is read on from the same scan.
     */
    private byte[][] seekPick() {
        if (first == null) {
            first = edge(Direction.FORWARD);
            last = edge(Direction.BACKWARD);
            common = 0;
            while (common < first.length && common < last.length && first[common] == last[common]) {
                common++;
            }
            low = eightBytes(first, common);
            high = eightBytes(last, common);
            meanGap = unsigned(high - low) / size;
        }
        KeyRange all = KeyRange.prefix(prefix);
        byte[] nearest = null;
        double nearestDistance = Double.MAX_VALUE;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long u = seekPoint();
            byte[] from = concat(prefix, KvKeys.field(point(u)));
            try (VersionScan s = KvStore.scan(t, new KeyRange(from, true, all.high(), all.highInclusive()))) {
                if (!s.next()) {
                    continue; // cannot happen (u is at most the last member's position); try another point
                }
                byte[][] landed = entry(s);
                store.noteSampledRows(1);
                double distance = unsigned(eightBytes(landed[0], common) - u);
                if (distance <= meanGap) {
                    List<byte[][]> window = new ArrayList<>(WINDOW);
                    window.add(landed);
                    while (window.size() < WINDOW && s.next()) {
                        window.add(entry(s));
                    }
                    store.noteSampledRows(window.size() - 1);
                    return pickFrom(window, from, all);
                }
                if (distance < nearestDistance) {
                    nearest = landed[0];
                    nearestDistance = distance;
                }
            }
        }
        byte[] from = concat(prefix, KvKeys.field(nearest == null ? first : nearest));
        List<byte[][]> window = new ArrayList<>(WINDOW);
        try (VersionScan s = KvStore.scan(t, new KeyRange(from, true, all.high(), all.highInclusive()))) {
            while (window.size() < WINDOW && s.next()) {
                window.add(entry(s));
            }
        }
        store.noteSampledRows(window.size());
        return pickFrom(window, from, all);
    }

    /** One of {@code window} (the rows from {@code from} on), topped up from the start when it ran off the end. */
    private byte[][] pickFrom(List<byte[][]> window, byte[] from, KeyRange all) {
        if (window.size() < WINDOW) {
            int before = window.size();
            try (VersionScan s = KvStore.scan(t, new KeyRange(all.low(), all.lowInclusive(), from, false))) {
                while (window.size() < WINDOW && s.next()) {
                    window.add(entry(s));
                }
            }
            store.noteSampledRows(window.size() - before);
        }
        if (window.isEmpty()) {
            throw new IllegalStateException("kv collection has size " + size + " in its metadata but no sub-keys");
        }
        return window.get(random.nextInt(window.size()));
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }

    /** The seek member for position {@code u}: the common prefix, then u's bytes without trailing zeros. */
    private byte[] point(long u) {
        byte[] tail = ByteBuffer.allocate(8).putLong(u).array();
        int tailLength = 8;
        while (tailLength > 0 && tail[tailLength - 1] == 0) {
            tailLength--; // "ab\0\0" would seek past the member "ab"
        }
        byte[] point = Arrays.copyOf(first, common + tailLength);
        System.arraycopy(tail, 0, point, common, tailLength);
        return point;
    }

    /** A random position in [low, high] (unsigned). */
    private long seekPoint() {
        long range = high - low; // unsigned, high >= low
        if (range == -1L) {
            return random.nextLong();
        }
        if (range >= 0) {
            return low + random.nextLong(range + 1);
        }
        long u;
        do {
            u = random.nextLong();
        } while (Long.compareUnsigned(u, range) > 0);
        return low + u;
    }

    /** The 8 bytes of {@code b} from {@code offset}, zero-padded, as an unsigned big-endian number. */
    private static long eightBytes(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int at = offset + i;
            v = (v << 8) | (at < b.length ? b[at] & 0xFF : 0);
        }
        return v;
    }

    private byte[] edge(Direction direction) {
        t.beforeScan();
        try (VersionScan s = t.transaction().scan(t.relation(), KeyRange.prefix(prefix), direction)) {
            if (!s.next()) {
                throw new IllegalStateException("kv collection has size " + size + " in its metadata but no sub-keys");
            }
            store.noteSampledRows(1);
            return KvKeys.fieldOfSub(s.current().userKey(), prefix.length);
        }
    }

    private byte[][] entry(VersionScan s) {
        return new byte[][] {KvKeys.fieldOfSub(s.current().userKey(), prefix.length), s.current().payload()};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.shaledb.kv;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RANDOMKEY: a live key of one database picked at random, without a key count. A database of up
 * to {@link #SMALL} live keys is read whole and one is picked uniformly; in a bigger one a random
 * walk descends the byte trie of the keys (at each level a byte between the branch's lowest and
 * highest key, two seeks) to one key, and the first live key from there is taken, wrapping to
 * the start — spread over the keys, not exactly uniform (Redis's random bucket is not either).
 *
 * <pre>
 *   user:1 .. user:9999, video:1 .. video:50      level 0: 'u' or 'v' (between the lowest and highest key)
 *   'u' ─> user:1 .. user:9999                   level 5: '1'..'9', then the next digit ... one key
 * </pre>
 *
 * Expired keys are skipped, not deleted (a read holds no lock).
 */
final class KvRandomKey {
    /** Databases with at most this many live keys are picked from exactly. */
    static final int SMALL = 256;
    /** Trie levels the random walk descends at most. */
    private static final int MAX_LEVELS = 64;
    /** Keys looked at after the random point before giving up on finding a live one there. */
    private static final int PROBES = 1_000;

    private KvRandomKey() {}

    static byte[] pick(KvStore store, int db) {
        return store.read(t -> {
            KeyRange all = KeyRange.prefix(KvKeys.metaPrefix(db));
            List<byte[]> few = new ArrayList<>();
            byte[] firstCore = null;
            try (VersionScan s = KvStore.scan(t, all)) {
                while (s.next()) {
                    Version v = s.current();
                    if (firstCore == null) {
                        firstCore = v.userKey();
                    }
                    if (!KvMeta.decode(v.payload()).expiredAt(t.now())) {
                        if (few.size() == SMALL) {
                            few = null;
                            break;
                        }
                        few.add(KvKeys.keyOfMeta(v.userKey()));
                    }
                }
            }
            if (few != null) {
                return few.isEmpty() ? null : few.get(ThreadLocalRandom.current().nextInt(few.size()));
            }
            byte[] picked = descend(t, all, firstCore);
            byte[] found = firstLive(t, new KeyRange(picked, true, all.high(), all.highInclusive()));
            return found != null ? found : firstLive(t, all);
        });
    }

    /**
     * A random walk down the byte trie of the keys: at the first byte where the lowest and highest
     * key of the current branch differ, a byte between theirs is drawn, and the walk goes on in
     * the branch of the first key at or after it — two seeks per level, until one key is left.
     */
    private static byte[] descend(KvTxn t, KeyRange all, byte[] first) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] low = first;
        byte[] high = edge(t, all, Direction.BACKWARD);
        for (int level = 0; level < MAX_LEVELS && high != null && !java.util.Arrays.equals(low, high); level++) {
            int p = 0;
            while (p < low.length && p < high.length && low[p] == high[p]) {
                p++;
            }
            int from = p < low.length ? low[p] & 0xFF : -1; // -1: the low key itself ends here
            int to = high[p] & 0xFF;
            int c = from + r.nextInt(to - from + 1);
            if (c < 0) {
                return low;
            }
            byte[] branch = java.util.Arrays.copyOf(low, p + 1);
            branch[p] = (byte) c;
            low = edge(t, new KeyRange(branch, true, all.high(), all.highInclusive()), Direction.FORWARD);
            if (low == null) {
                return first;
            }
            high = edge(t, KeyRange.prefix(java.util.Arrays.copyOf(low, p + 1)), Direction.BACKWARD);
        }
        return low;
    }

    /** The first core key of {@code range} in {@code direction}, live or not; null when it is empty. */
    private static byte[] edge(KvTxn t, KeyRange range, Direction direction) {
        t.beforeScan();
        try (VersionScan s = t.transaction().scan(t.relation(), range, direction)) {
            return s.next() ? s.current().userKey() : null;
        }
    }

    private static byte[] firstLive(KvTxn t, KeyRange range) {
        int probes = 0;
        try (VersionScan s = KvStore.scan(t, range)) {
            while (probes++ < PROBES && s.next()) {
                Version v = s.current();
                if (!KvMeta.decode(v.payload()).expiredAt(t.now())) {
                    return KvKeys.keyOfMeta(v.userKey());
                }
            }
        }
        return null;
    }
}

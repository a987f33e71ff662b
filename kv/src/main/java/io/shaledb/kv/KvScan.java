package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN, SSCAN and ZSCAN over a collection's sub-keys. A collection in a compact encoding
 * (listpack, intset: see {@link KvEncoding}) comes back whole with cursor 0, as Redis returns
 * those encodings; a larger one in pages of about COUNT sub-keys, the cursor naming the last
 * sub-key returned (kept in {@link ScanCursors}, like SCAN's), so every element present for the
 * whole iteration is returned exactly once. (A format-1 record of unknown encoding: whole up to
 * {@link #SMALL} elements.)
 */
public final class KvScan {
    /** Up to this many elements a collection of unknown encoding is scanned in one call (zset-max-listpack-entries' default). */
    static final long SMALL = 128;

    private KvScan() {}

    /** One page: the next cursor (0: done) and the matching sub-keys' fields and payloads. */
    public record Page(long cursor, List<byte[][]> entries) {
        public static final Page EMPTY = new Page(0, List.of());
    }

    static Page scan(KvStore store, KvTxn t, byte[] prefix, KvMeta m, long cursor, byte[] pattern, long count) {
        KeyRange all = KeyRange.prefix(prefix);
        KeyRange range = all;
        boolean whole = m.encoding() == KvEncoding.UNKNOWN ? m.size() <= SMALL : m.encoding().compact();
        long pageSize = whole ? Long.MAX_VALUE : Math.max(1, count);
        if (cursor != 0 && !whole) { // a compact collection ignores the cursor, as Redis's compact encodings do
            byte[] after = store.cursors().resume(cursor);
            if (after == null) {
                return Page.EMPTY;
            }
            range = new KeyRange(after, false, all.high(), all.highInclusive());
        }
        List<byte[][]> out = new ArrayList<>();
        long examined = 0;
        byte[] last = null;
        boolean more = false;
        try (VersionScan s = KvStore.scan(t, range)) {
            while (s.next()) {
                if (examined == pageSize) {
                    more = true;
                    break;
                }
                examined++;
                Version v = s.current();
                last = v.userKey();
                byte[] field = KvKeys.fieldOfSub(last, prefix.length);
                if (pattern == null || Glob.matches(pattern, field)) {
                    out.add(new byte[][] {field, v.payload()});
                }
            }
        }
        return new Page(more ? store.cursors().issue(last) : 0, out);
    }
}

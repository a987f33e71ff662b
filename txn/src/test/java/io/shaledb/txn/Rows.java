package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows numbered 0..65535 in a relation whose key prefix is two bytes: user key = prefix ||
 * u16be(number), fixed length, so no key is a prefix of another. Payloads are UTF-8 strings.
 */
final class Rows {
    private Rows() {}

    static byte[] key(Relation rel, int row) {
        byte[] p = rel.keyPrefix();
        return new byte[] {p[0], p[1], (byte) (row >>> 8), (byte) row};
    }

    static int row(byte[] userKey) {
        return ((userKey[2] & 0xFF) << 8) | (userKey[3] & 0xFF);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Version v) {
        return v == null ? null : new String(v.payload(), StandardCharsets.UTF_8);
    }

    /** Every row the current statement of {@code t} sees, checking the scan's order. */
    static Map<Integer, String> scan(Transaction t, Relation rel, Direction dir) {
        Map<Integer, String> out = new TreeMap<>();
        int previous = dir == Direction.FORWARD ? -1 : Integer.MAX_VALUE;
        try (VersionScan s = t.scan(rel, KeyRange.prefix(rel.keyPrefix()), dir)) {
            while (s.next()) {
                int k = row(s.current().userKey());
                if (dir == Direction.FORWARD ? k <= previous : k >= previous) {
                    throw new AssertionError("scan " + dir + " out of order or repeated at row " + k);
                }
                previous = k;
                out.put(k, text(s.current()));
            }
        }
        return out;
    }

    /** What a new READ COMMITTED statement sees: the committed rows. */
    static Map<Integer, String> committed(TransactionManager tm, Relation rel) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, true, 0);
        t.beginStatement(() -> false, 0);
        Map<Integer, String> m = scan(t, rel, Direction.FORWARD);
        t.commit();
        return m;
    }

    /** How many raw versions each row has in the engine. */
    static Map<Integer, Integer> rawVersionsPerRow(Relation rel) {
        Map<Integer, Integer> out = new HashMap<>();
        StorageEngine engine = rel.engine();
        try (Cursor c = engine.scan(KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                out.merge(row(VersionCodec.userKey(c.key())), 1, Integer::sum);
            }
        }
        return out;
    }
}

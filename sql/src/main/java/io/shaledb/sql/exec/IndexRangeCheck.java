package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Checks that an index's entries are exactly those its table's rows call for (like PostgreSQL's
 * amcheck with heapallindexed), for tests and tools.
 *
 * <pre>
 *   fresh snapshot ─┬─► seq scan of the table ──► entry of each visible row ──► expected (key → payload)
 *                   └─► scan of the index's key space ─────────────────────► actual
 *   expected == actual, and for random key ranges [lo, hi] a range scan of the index
 *   returns exactly the expected entries in that range, in order
 * </pre>
 */
public final class IndexRangeCheck {
    /** What the check found: entry counts and every difference (empty when the index is exact). */
    public record Result(boolean valid, long expected, long actual, int rangesChecked, List<String> problems) {
        public boolean exact() {
            return problems.isEmpty();
        }
    }

    private IndexRangeCheck() {}

    /** Checks index {@code name} (a catalog name) with a fresh snapshot and {@code ranges} random range scans. */
    public static Result run(Executor executor, String name, int ranges, long seed) {
        Catalog catalog = executor.catalog();
        Transaction tx = executor.transactions().begin(IsolationLevel.READ_COMMITTED, true, 0);
        try {
            tx.beginStatement(() -> false, 0);
            return StatementContext.with(tx, () -> check(executor, catalog, tx, name, ranges, seed));
        } finally {
            tx.rollback();
        }
    }

    private static Result check(Executor executor, Catalog catalog, Transaction tx, String name, int ranges, long seed) {
        Index index = catalog.index(tx, name);
        if (index == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
        Table table = catalog.tableById(tx, index.tableId());
        IndexMaintainer.IndexKey key = executor.indexKey(table, index);
        TreeMap<byte[], byte[]> expected = expected(executor, tx, key);
        TreeMap<byte[], byte[]> actual = actual(tx, key);
        List<String> problems = new ArrayList<>();
        compare(expected, actual, "whole index", problems);
        List<byte[]> keys = new ArrayList<>(actual.keySet());
        Random random = new Random(seed);
        int checked = 0;
        for (int r = 0; r < ranges && !keys.isEmpty() && problems.size() < 20; r++, checked++) {
            byte[] a = keys.get(random.nextInt(keys.size()));
            byte[] b = keys.get(random.nextInt(keys.size()));
            byte[] lo = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
            byte[] hi = lo == a ? b : a;
            compare(expected.subMap(lo, true, hi, true), scan(tx, key.relation(), new KeyRange(lo, true, hi, true)),
                    "range " + HexFormat.of().formatHex(lo) + ".." + HexFormat.of().formatHex(hi), problems);
        }
        return new Result(index.valid(), expected.size(), actual.size(), checked, List.copyOf(problems));
    }

    /** The entries (key → payload) the rows {@code tx} sees call for in {@code key}'s index. */
    static TreeMap<byte[], byte[]> expected(Executor executor, Transaction tx, IndexMaintainer.IndexKey key) {
        Table table = key.table();
        TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        Relation heap = executor.relation(table);
        try (VersionScan s = tx.scan(heap, KeyRange.prefix(heap.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                IndexMaintainer.Entry e = key.entry(Executor.decode(table, s.current()), s.current().userKey());
                if (e != null) {
                    expected.put(e.key(), e.payload());
                }
            }
        }
        return expected;
    }

    /** The entries of {@code key}'s index that {@code tx} sees. */
    static TreeMap<byte[], byte[]> actual(Transaction tx, IndexMaintainer.IndexKey key) {
        return scan(tx, key.relation(), KeyRange.prefix(key.relation().keyPrefix()));
    }

    private static TreeMap<byte[], byte[]> scan(Transaction tx, Relation rel, KeyRange range) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
        try (VersionScan s = tx.scan(rel, range, Direction.FORWARD)) {
            byte[] previous = null;
            while (s.next()) {
                byte[] k = s.current().userKey();
                if (previous != null && Arrays.compareUnsigned(previous, k) >= 0) {
                    throw new IllegalStateException("index scan out of order at " + HexFormat.of().formatHex(k));
                }
                out.put(k, s.current().payload());
                previous = k;
            }
        }
        return out;
    }

    static void compare(Map<byte[], byte[]> expected, Map<byte[], byte[]> actual, String where, List<String> problems) {
        HexFormat hex = HexFormat.of();
        for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
            byte[] got = actual.get(e.getKey());
            if (got == null) {
                problems.add(where + ": missing entry " + hex.formatHex(e.getKey()));
            } else if (!Arrays.equals(got, e.getValue())) {
                problems.add(where + ": entry " + hex.formatHex(e.getKey()) + " points elsewhere or stores other values");
            }
        }
        for (byte[] k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                problems.add(where + ": extra entry " + hex.formatHex(k));
            }
        }
    }
}

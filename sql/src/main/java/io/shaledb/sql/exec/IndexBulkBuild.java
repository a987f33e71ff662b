package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.progress.IndexBuildProgress;
import io.shaledb.sql.exec.spill.ExternalMerge;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.SortedLoad;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk build of a new index's entries (CREATE INDEX, REINDEX, a table rewrite, ADD UNIQUE):
 * one scan of the table, the entries sorted by key, then loaded in key order into the index's
 * fresh key space through {@link Transaction#loadSorted}, PostgreSQL's way of building a B-tree.
 *
 * <pre>
 *   table scan (newest live version of every row)
 *      │ IndexKey.entry(row): predicate, key values, key bytes, payload
 *      ▼
 *   entries in memory ──(over maintenance_work_mem)──► sorted run in a temporary file
 *      │ sort by key bytes (unsigned)                  └─► ExternalMerge of the runs
 *      ▼
 *   sorted stream ── UNIQUE: two equal keys in a row = a duplicate ──► 23505
 *      │
 *      ▼
 *   SortedLoad: versions (key#1, this transaction) in batches, no locks, no per-key reads
 * </pre>
 *
 * <p>Why no locks and no reads per entry: the key space is new (its storage id is never reused),
 * the catalog row that names it is this transaction's and uncommitted, and the table is locked
 * exclusively, so no other transaction can read, write or lock any key in it. The entries are
 * ordinary uncommitted versions of this transaction, so a rollback or a crash leaves nothing:
 * the catalog row goes with the transaction, and the key space it named is swept at start-up.
 *
 * <p>Why a duplicate shows as two adjacent equal keys: a UNIQUE index's entry without a NULL key
 * column has the index key alone as its key; every other entry ends with its row key, which no
 * two rows share. Sorted, equal keys are neighbours.
 */
final class IndexBulkBuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBulkBuild.class);
    /** Bytes an in-memory entry costs beyond its key and payload (two arrays and a pair). */
    private static final int ENTRY_OVERHEAD = 64;
    /**
     * Key order, comparing first the 16 key bytes after the index's 5-byte key-space prefix as two
     * unsigned longs (PostgreSQL's "abbreviated keys"): most comparisons end there (an int key
     * and a bigint row key fit whole).
     */
    private static final Comparator<Pair> BY_KEY = (a, b) -> {
        int c = Long.compareUnsigned(a.high, b.high);
        if (c == 0) {
            c = Long.compareUnsigned(a.low, b.low);
        }
        return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
    };
    private static final Comparator<Object[]> ROW_BY_KEY = (a, b) -> Arrays.compareUnsigned((byte[]) a[0], (byte[]) b[0]);

    private IndexBulkBuild() {}

    /** An entry in the sort: its key, payload, and the key's abbreviation ({@link #BY_KEY}). Also {@link TableRewrite}'s. */
    record Pair(long high, long low, byte[] key, byte[] payload) {
        static Pair of(byte[] key, byte[] payload) {
            return new Pair(bytesAt(key, Keys.TABLE_PREFIX_LENGTH), bytesAt(key, Keys.TABLE_PREFIX_LENGTH + 8), key, payload);
        }

        /** The 8 bytes of {@code key} from {@code from} as a big-endian long, zeros past its end. */
        private static long bytesAt(byte[] key, int from) {
            long a = 0;
            for (int i = from; i < from + 8; i++) {
                a = a << 8 | (i < key.length ? key[i] & 0xFF : 0);
            }
            return a;
        }
    }

    /**
     * Builds the entries of {@code key}'s index from every live row of its table; returns how many.
     * 23505 when a UNIQUE index meets a duplicate. {@code progress} (may be null) hears of every
     * row scanned.
     */
    static long build(Executor executor, Transaction tx, IndexMaintainer.IndexKey key, IndexBuildProgress progress) {
        Table table = key.table();
        Relation heap = executor.relation(table);
        WorkMem budget = WorkMem.current();
        try (Sorter sorter = new Sorter(budget)) {
            try (VersionScan s = tx.scanNewest(heap, KeyRange.prefix(heap.keyPrefix()), Direction.FORWARD)) {
                while (s.next()) {
                    if (progress != null) {
                        progress.scanned(s.current().userKey().length + s.current().payload().length);
                    }
                    if (!tx.isLive(s.current())) {
                        continue;
                    }
                    IndexMaintainer.Entry e = key.entry(Executor.decode(table, s.current()), s.current().userKey());
                    if (e != null) {
                        sorter.add(e.key(), e.payload());
                    }
                }
            }
            if (progress != null) {
                progress.phase(IndexBuildProgress.SORTING); // the in-memory sort (or the last run and the merge) runs in next()
            }
            SortedLoad load = tx.loadSorted(key.relation());
            boolean loading = false;
            byte[] previous = null;
            boolean late = key.index().checkedLate();
            for (Pair entry = sorter.next(); entry != null; entry = sorter.next()) {
                byte[] unique = late ? bareKey(key, entry.key(), entry.payload()) : entry.key();
                if (previous != null && Arrays.equals(previous, unique)) {
                    throw duplicate(key, entry.payload());
                }
                if (!loading && progress != null) {
                    progress.phase(IndexBuildProgress.LOADING);
                }
                loading = true;
                load.add(entry.key(), entry.payload());
                previous = unique;
            }
            long n = load.finish();
            if (sorter.runs > 0) {
                LOG.info("index \"{}\": sorted {} entries in {} runs on disk (maintenance_work_mem {} kB)",
                        Catalog.bareName(key.index().name()), n, sorter.runs, budget.maintenanceBytes() / 1024);
            }
            return n;
        }
    }

    /**
     * The index key without the row key an entry of a late-checked (DEFERRABLE) unique index ends
     * with, so that equal keys compare equal; an entry with a NULL key column keeps its row key
     * (NULLs never collide), which makes it distinct as well.
     */
    private static byte[] bareKey(IndexMaintainer.IndexKey key, byte[] entryKey, byte[] payload) {
        Object[] values = IndexEntries.values(payload, key.storedColumns());
        for (int i = 0; i < key.keyColumns().length; i++) {
            if (values[i] == null) {
                return entryKey;
            }
        }
        int suffix = key.rowKey(payload).length - Keys.TABLE_PREFIX_LENGTH;
        return Arrays.copyOf(entryKey, entryKey.length - suffix);
    }

    /** PostgreSQL's error for a UNIQUE build over duplicate keys, with the key from the entry's stored values. */
    private static SqlException duplicate(IndexMaintainer.IndexKey key, byte[] payload) {
        Object[] stored = IndexEntries.values(payload, key.storedColumns());
        Object[] keyValues = Arrays.copyOf(stored, key.keyColumns().length);
        return new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \""
                + Catalog.bareName(key.index().name()) + "\"", 0, "Key " + key.describe(keyValues) + " is duplicated.",
                null, null);
    }

    /**
     * Sorts (key, payload) pairs by key within a memory budget: in memory while they fit, else as
     * sorted runs in temporary files merged at the end (sql.exec.spill). Also {@link TableRewrite}'s.
     */
    static final class Sorter implements AutoCloseable {
        private final WorkMem budget;
        private final List<Pair> entries = new ArrayList<>();
        private final List<SpillFile> runFiles = new ArrayList<>();
        private long bytes;
        int runs;
        private int position;
        private ExternalMerge merge;

        Sorter(WorkMem budget) {
            this.budget = budget;
        }

        void add(byte[] key, byte[] payload) {
            entries.add(Pair.of(key, payload));
            bytes += key.length + payload.length + ENTRY_OVERHEAD;
            if (bytes > budget.maintenanceBytes()) {
                spill();
            }
        }

        private void spill() {
            entries.sort(BY_KEY);
            SpillFile run = budget.files().create("index build sort run");
            runFiles.add(run);
            for (Pair e : entries) {
                run.write(new Object[] {e.key(), e.payload()});
            }
            run.finish();
            runs++;
            entries.clear();
            bytes = 0;
        }

        /** The next pair in key order, or null at the end; the first call ends adding. */
        Pair next() {
            if (merge == null && runFiles.isEmpty()) {
                if (position == 0) {
                    entries.sort(BY_KEY);
                }
                return position < entries.size() ? entries.get(position++) : null;
            }
            if (merge == null) {
                if (!entries.isEmpty()) {
                    spill();
                }
                merge = new ExternalMerge(budget, ROW_BY_KEY, runFiles); // owns the runs from here on
                runFiles.clear();
            }
            Object[] row = merge.next();
            return row == null ? null : new Pair(0, 0, (byte[]) row[0], (byte[]) row[1]);
        }

        @Override
        public void close() {
            if (merge != null) {
                merge.close();
            }
            runFiles.forEach(SpillFile::close);
            entries.clear();
        }
    }
}

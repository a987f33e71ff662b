package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.spill.WorkMem;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.SortedLoad;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The row copy of an ALTER TABLE that rewrites its table (ADD PRIMARY KEY to a table keyed by its
 * hidden row id, a column type change, a dropped column): every visible row of the old definition,
 * re-encoded under the new one, sorted by its new row key and bulk-loaded into the new key space,
 * the way {@link IndexBulkBuild} builds an index.
 *
 * <pre>
 *   old storage ──scan (visible rows)──► re-encode (new columns, new key) ──► IndexBulkBuild.Sorter
 *                                                                                 │ by key, spills past
 *                                                                                 ▼ maintenance_work_mem
 *   new storage ◄── SortedLoad (no locks, no reads per row) ◄── equal neighbours = duplicate key: 23505
 * </pre>
 *
 * <p>The new key space was allocated by this statement and its catalog row is uncommitted, and the
 * table is locked exclusively, so no other transaction can read, write or lock a key in it: the
 * per-row lock and existence check of an ordinary insert have nothing to find. A new primary key
 * that repeats a value shows as two equal keys side by side in the sorted stream, which is
 * PostgreSQL's "could not create unique index" (one pass, where a separate check of the old rows
 * would read them twice). {@code pgbench -i} adds its primary keys this way, after its load.
 */
final class TableRewrite {

    private TableRewrite() {}

    /**
     * Copies every visible row of {@code from} into the (new, empty) storage of {@code to}, columns
     * by name; returns how many.
     *
     * @param keyName the name a repeated key is reported under (the new primary key's)
     */
    static long copy(Executor executor, Transaction tx, Table from, Table to, String keyName) {
        Relation source = executor.relation(from);
        Relation target = executor.relation(to);
        int[] map = new int[to.columns().size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = from.columnIndex(to.column(i).name());
        }
        try (IndexBulkBuild.Sorter sorter = new IndexBulkBuild.Sorter(WorkMem.current())) {
            try (VersionScan s = tx.scan(source, KeyRange.prefix(source.keyPrefix()), Direction.FORWARD)) {
                while (s.next()) {
                    Version v = s.current();
                    Object[] old = Executor.decode(from, v);
                    Object[] row = new Object[map.length];
                    for (int i = 0; i < map.length; i++) {
                        row[i] = old[map[i]];
                    }
                    long rowId = to.hasHiddenRowId() ? RowCodec.decodeRowId(v.userKey()) : 0;
                    sorter.add(RowCodec.encodeKey(to, row, rowId), RowCodec.encodeValue(to, row));
                }
            }
            SortedLoad load = tx.loadSorted(target);
            byte[] previous = null;
            for (IndexBulkBuild.Pair p = sorter.next(); p != null; p = sorter.next()) {
                if (previous != null && Arrays.equals(previous, p.key())) {
                    throw duplicate(to, keyName, p.key(), p.payload());
                }
                load.add(p.key(), p.payload());
                previous = p.key();
            }
            return load.finish();
        }
    }

    /** 23505 as PostgreSQL words it when a rewrite's primary key meets a repeated value. */
    private static SqlException duplicate(Table to, String keyName, byte[] key, byte[] payload) {
        Object[] row = RowCodec.decode(to, key, payload);
        List<String> columns = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (int c : to.primaryKey()) {
            columns.add(to.column(c).name());
            values.append(values.isEmpty() ? "" : ", ").append(row[c] == null ? "null" : to.column(c).type().toText(row[c]));
        }
        return new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + keyName + "\"", 0,
                "Key (" + String.join(", ", columns) + ")=(" + values + ") is duplicated.", null, null);
    }
}

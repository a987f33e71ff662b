package io.shaledb.sql.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table's definition. Immutable except for the in-memory row-id sequence of tables without a
 * primary key; a DDL change makes a new {@code Table} (the {@code with...} methods), which the
 * catalog installs when its transaction commits.
 *
 * <p>{@code primaryKey} holds column indexes in key order; it is empty when the table has no
 * primary key, and then rows are keyed by a hidden, ever-increasing int64 row id.
 *
 * <p>{@code id} names the table for its whole life (its OID is derived from it); {@code storageId}
 * names the key space its rows live in ({@code 't' u32be(storageId)}), like PostgreSQL's
 * relfilenode: TRUNCATE gives the table a fresh, empty one, so it is O(1) and rolls back by
 * simply forgetting the new one. Both come from one never-reused counter.
 */
public final class Table {
    /** PostgreSQL's first OID for user objects; table OIDs shown to clients are this plus the id. */
    public static final int FIRST_USER_OID = 16384;

    private final int id;
    private final int storageId;
    private final String name;
    private final List<Column> columns;
    private final int[] primaryKey;
    /** {@code keyColumn[c]}: column c is part of the primary key (asked for every column of every decoded row). */
    private final boolean[] keyColumn;
    private final String engine;
    private final AtomicLong lastRowId;

    /** @param engine the storage engine holding the rows ({@code "btree"}, {@code "lsm"}, ...) */
    public Table(int id, String name, List<Column> columns, int[] primaryKey, String engine) {
        this(id, id, name, columns, primaryKey, engine, new AtomicLong());
    }

    /** A table whose rows live under {@code storageId} (which differs from {@code id} after TRUNCATE). */
    public Table(int id, int storageId, String name, List<Column> columns, int[] primaryKey, String engine) {
        this(id, storageId, name, columns, primaryKey, engine, new AtomicLong());
    }

    private Table(int id, int storageId, String name, List<Column> columns, int[] primaryKey, String engine, AtomicLong lastRowId) {
        this.id = id;
        this.storageId = storageId;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = primaryKey.clone();
        this.keyColumn = new boolean[this.columns.size()];
        for (int c : primaryKey) {
            if (c >= 0 && c < keyColumn.length) {
                keyColumn[c] = true;
            }
        }
        this.engine = Objects.requireNonNull(engine, "engine");
        this.lastRowId = lastRowId;
    }

    /** This table renamed (sharing the row-id sequence). */
    public Table withName(String newName) {
        return new Table(id, storageId, newName, columns, primaryKey, engine, lastRowId);
    }

    /** This table with other columns; {@code newPrimaryKey} indexes into them. */
    public Table withColumns(List<Column> newColumns, int[] newPrimaryKey) {
        return new Table(id, storageId, name, newColumns, newPrimaryKey, engine, lastRowId);
    }

    /** This table with its rows in another (new, empty) key space. */
    public Table withStorageId(int newStorageId) {
        return new Table(id, newStorageId, name, columns, primaryKey, engine, lastRowId);
    }

    /** The key space of the rows: {@code 't' u32be(storageId)}. */
    public int storageId() {
        return storageId;
    }

    /** The name of the storage engine holding this table's rows. */
    public String engine() {
        return engine;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** Index of the column called {@code columnName}, or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    /** Column indexes of the primary key in key order; empty for a hidden row id. */
    public int[] primaryKey() {
        return primaryKey.clone();
    }

    public int primaryKeyLength() {
        return primaryKey.length;
    }

    public int primaryKeyColumn(int i) {
        return primaryKey[i];
    }

    public boolean isPrimaryKeyColumn(int columnIndex) {
        return columnIndex >= 0 && columnIndex < keyColumn.length && keyColumn[columnIndex];
    }

    public boolean hasHiddenRowId() {
        return primaryKey.length == 0;
    }

    /** The name of the primary-key constraint, as PostgreSQL would generate it. */
    public String primaryKeyName() {
        return Catalog.bareName(name) + "_pkey";
    }

    /** The OID clients see for this table. */
    public int oid() {
        return FIRST_USER_OID + id;
    }

    /** The next hidden row id. */
    public long nextRowId() {
        return lastRowId.incrementAndGet();
    }

    /** Raises the row-id sequence to at least {@code seen} (used when loading). */
    public void observeRowId(long seen) {
        lastRowId.accumulateAndGet(seen, Math::max);
    }

    @Override
    public String toString() {
        return "Table[" + id + "/" + storageId + " " + name + " " + columns + " pk=" + Arrays.toString(primaryKey) + " using " + engine + "]";
    }
}

package io.shaledb.sql.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table's definition. Immutable except for the in-memory row-id sequence of tables without a
 * primary key.
 *
 * <p>{@code primaryKey} holds column indexes in key order; it is empty when the table has no
 * primary key, and then rows are keyed by a hidden, ever-increasing int64 row id.
 */
public final class Table {
    /** PostgreSQL's first OID for user objects; table OIDs shown to clients are this plus the id. */
    public static final int FIRST_USER_OID = 16384;

    private final int id;
    private final String name;
    private final List<Column> columns;
    private final int[] primaryKey;
    private final String engine;
    private final AtomicLong lastRowId = new AtomicLong();

    /** @param engine the storage engine holding the rows ({@code "btree"}, {@code "lsm"}, ...) */
    public Table(int id, String name, List<Column> columns, int[] primaryKey, String engine) {
        this.id = id;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = primaryKey.clone();
        this.engine = Objects.requireNonNull(engine, "engine");
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
        return Arrays.stream(primaryKey).anyMatch(c -> c == columnIndex);
    }

    public boolean hasHiddenRowId() {
        return primaryKey.length == 0;
    }

    /** The name of the primary-key constraint, as PostgreSQL would generate it. */
    public String primaryKeyName() {
        return name + "_pkey";
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
        return "Table[" + id + " " + name + " " + columns + " pk=" + Arrays.toString(primaryKey) + " using " + engine + "]";
    }
}

package io.shaledb.sql.catalog;

import java.util.List;

/**
 * An index definition. In this release only the definition is stored (issue 7 builds, maintains
 * and uses index data); a UNIQUE index is nevertheless enforced, for now by scanning the table
 * on each write (see docs/architecture/transactional-ddl.md).
 *
 * @param tableId the indexed table's id
 * @param method the access method as written ({@code btree})
 * @param columns the key columns in order
 * @param predicate the SQL text of the WHERE clause of a partial index, or null
 */
public record Index(int id, String name, int tableId, boolean unique, String method, List<Key> columns, String predicate) {

    /** One key column: its name, direction, and where NULLs sort ({@code nullsFirst} defaults to {@code descending}). */
    public record Key(String column, boolean descending, boolean nullsFirst) {}

    public Index {
        columns = List.copyOf(columns);
    }

    public Index withColumns(List<Key> newColumns) {
        return new Index(id, name, tableId, unique, method, newColumns, predicate);
    }

    /** The OID clients see. */
    public int oid() {
        return Table.FIRST_USER_OID + id;
    }
}

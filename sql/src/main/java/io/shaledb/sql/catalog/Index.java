package io.shaledb.sql.catalog;

import java.util.List;

/**
 * A secondary index: its definition and the key space holding its entries.
 *
 * <p>Entries live in the indexed table's storage engine under {@code 't' u32be(storageId)}, as
 * MVCC versions written by the same transactions as the rows they point at (see
 * docs/architecture/indexes.md and docs/formats/indexes.md). An index whose {@code storageId}
 * is 0 was created by a release that stored definitions only; it is built when the database
 * opens.
 *
 * @param tableId the indexed table's id
 * @param method the access method as written ({@code btree})
 * @param columns the key columns (or expressions) in order
 * @param predicate the SQL text of the WHERE clause of a partial index, or null
 * @param storageId the key space of the entries (0: none yet)
 * @param include the non-key columns stored in each entry ({@code INCLUDE (...)})
 * @param valid false while CREATE INDEX CONCURRENTLY builds it or after that build failed: then
 *     writers keep the entries up to date but no query reads it (PostgreSQL's {@code indisvalid})
 * @param createXid the transaction that built the entries: a snapshot that cannot see it must not
 *     read them (rows it sees may have no entry yet; PostgreSQL's {@code indcheckxmin})
 * @param immediate false for the index of a DEFERRABLE UNIQUE constraint (PostgreSQL's
 *     {@code indimmediate}): its entries carry the row key like a non-unique index's, and
 *     uniqueness is checked at statement end or COMMIT instead of per entry (see
 *     docs/architecture/indexes.md, "Deferrable unique constraints")
 */
public record Index(int id, String name, int tableId, boolean unique, String method, List<Key> columns, String predicate,
                    int storageId, List<String> include, boolean valid, long createXid, boolean immediate) {

    /**
     * One key: a column, or an expression over the row ({@code lower(email)}) when
     * {@code expression} (its SQL text) is set and {@code column} is null; its direction; and where
     * NULLs sort ({@code nullsFirst} defaults to {@code descending}).
     */
    public record Key(String column, String expression, boolean descending, boolean nullsFirst) {
        public Key(String column, boolean descending, boolean nullsFirst) {
            this(column, null, descending, nullsFirst);
        }

        public boolean isExpression() {
            return expression != null;
        }

        /** The key as CREATE INDEX shows it: the column name or the parenthesised expression. */
        public String text() {
            return isExpression() ? "(" + expression + ")" : column;
        }
    }

    public Index {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
    }

    /** An index checked per entry ({@code immediate}), as every index but a DEFERRABLE constraint's is. */
    public Index(int id, String name, int tableId, boolean unique, String method, List<Key> columns, String predicate,
                 int storageId, List<String> include, boolean valid, long createXid) {
        this(id, name, tableId, unique, method, columns, predicate, storageId, include, valid, createXid, true);
    }

    /** This index as the index of a DEFERRABLE constraint ({@code immediate} false) or not. */
    public Index withImmediate(boolean newImmediate) {
        return new Index(id, name, tableId, unique, method, columns, predicate, storageId, include, valid, createXid, newImmediate);
    }

    /** Whether uniqueness is checked at statement end or COMMIT rather than per entry (a DEFERRABLE constraint's index). */
    public boolean checkedLate() {
        return unique && !immediate;
    }

    /** A definition without entries (as stored by earlier releases). */
    public Index(int id, String name, int tableId, boolean unique, String method, List<Key> columns, String predicate) {
        this(id, name, tableId, unique, method, columns, predicate, 0, List.of(), true, 0);
    }

    public Index withColumns(List<Key> newColumns) {
        return new Index(id, name, tableId, unique, method, newColumns, predicate, storageId, include, valid, createXid, immediate);
    }

    public Index withInclude(List<String> newInclude) {
        return new Index(id, name, tableId, unique, method, columns, predicate, storageId, newInclude, valid, createXid, immediate);
    }

    /** This index with its entries in {@code newStorageId}, built by transaction {@code xid}. */
    public Index withStorage(int newStorageId, long xid) {
        return new Index(id, name, tableId, unique, method, columns, predicate, newStorageId, include, valid, xid, immediate);
    }

    public Index withValid(boolean newValid) {
        return new Index(id, name, tableId, unique, method, columns, predicate, storageId, include, newValid, createXid, immediate);
    }

    /** This index with another WHERE predicate text (a column in it renamed). */
    public Index withPredicate(String newPredicate) {
        return new Index(id, name, tableId, unique, method, columns, newPredicate, storageId, include, valid, createXid, immediate);
    }

    public Index withName(String newName) {
        return new Index(id, newName, tableId, unique, method, columns, predicate, storageId, include, valid, createXid, immediate);
    }

    /** Whether entries exist (false only for a definition from an earlier release, until it is built). */
    public boolean hasStorage() {
        return storageId != 0;
    }

    /** The OID clients see. */
    public int oid() {
        return Table.FIRST_USER_OID + id;
    }
}

package io.shaledb.sql.constraint;

import io.shaledb.sql.catalog.Table;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;

/**
 * How referential actions write the referencing table's rows: through the executor's one DML
 * path, so that the written table's own constraints, indexes and further actions (a cascade
 * into a grandchild) apply exactly as for a user's UPDATE or DELETE.
 */
public interface CascadeWriter {
    /** Replaces {@code base} (locked by the caller) with {@code newRow}; {@code oldRow} is its current value. */
    void update(Transaction tx, Table table, Version base, Object[] oldRow, Object[] newRow);

    /** Deletes {@code base} (locked by the caller), whose value is {@code oldRow}. */
    void delete(Transaction tx, Table table, Version base, Object[] oldRow);
}

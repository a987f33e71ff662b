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
    /** Starts writing {@code table}'s rows for one referential action (one statement's worth of writes). */
    Batch open(Transaction tx, Table table);

    /** The writes of one referential action to one table. */
    interface Batch {
        /** Replaces {@code base} (locked by the caller), whose value is {@code oldRow}, with {@code newRow}. */
        void update(Version base, Object[] oldRow, Object[] newRow);

        /** Deletes {@code base} (locked by the caller), whose value is {@code oldRow}. */
        void delete(Version base, Object[] oldRow);

        /** The end of the action's "statement": its own end-of-statement work (a further cascade). */
        void finish();
    }
}

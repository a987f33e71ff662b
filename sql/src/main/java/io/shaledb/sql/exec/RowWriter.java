package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import io.shaledb.txn.Version;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one path through which a DML statement writes the rows of one table: INSERT (VALUES and
 * SELECT), UPDATE, DELETE, their joined forms, ON CONFLICT and COPY FROM all create one writer per
 * target table and statement, feed it rows, and call {@link #finish()} once at the end of the
 * statement. Everything that must happen to every written row lives here, in this order:
 *
 * <pre>
 *   insert(row) / update(base, old, new) / delete(base, old)
 *     1. row checks          NOT NULL (later: CHECK, foreign keys, BEFORE ROW triggers)
 *     2. the heap write      Transaction.insert / update / delete of the row version
 *     3. secondary indexes   entries added / removed with the row (issue 7)
 *   finish()
 *     4. statement-end work  rows whose primary key an UPDATE moved are inserted after all old
 *                            rows are gone; UNIQUE re-checks (later: AFTER triggers, NO ACTION FKs)
 * </pre>
 *
 * An UPDATE that changes a row's primary key deletes the old version at once and inserts the new
 * row in {@link #finish()}, so {@code SET id = id + 1} succeeds whatever order rows are visited in
 * (PostgreSQL needs a DEFERRABLE constraint for that; ShaleDB always checks keys at statement end).
 */
public final class RowWriter {
    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private final Relation rel;
    private final UniqueChecks unique;
    /** Rows an UPDATE moved to a new primary key: inserted by {@link #finish()}. */
    private final List<Object[]> moved = new ArrayList<>();
    /** New rows of UPDATEs, re-checked against UNIQUE indexes by {@link #finish()}. */
    private final List<Object[]> updatedRows = new ArrayList<>();
    private final Set<ByteBuffer> replacedKeys = new HashSet<>();
    private boolean finished;
    private boolean moveAtOnce;

    RowWriter(Executor executor, Transaction tx, Table table) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
        this.rel = executor.relation(table);
        this.unique = UniqueChecks.of(executor.catalog(), tx, table);
    }

    /**
     * Makes an UPDATE that moves a row to a new primary key insert it at once rather than at
     * statement end (ON CONFLICT DO UPDATE: later proposed rows must see it).
     */
    void moveKeysAtOnce() {
        moveAtOnce = true;
    }

    public Table table() {
        return table;
    }

    public Relation relation() {
        return rel;
    }

    public Transaction transaction() {
        return tx;
    }

    /** Writes a new row; returns the row as written (for RETURNING and counting). */
    public Object[] insert(Object[] row) {
        Executor.checkNotNull(table, row);
        if (!unique.isEmpty()) {
            unique.check(tx, rel, List.<Object[]>of(row), Set.of());
        }
        writeNew(row);
        return row;
    }

    /**
     * ON CONFLICT: inserts {@code row} unless a live row has its primary key; then returns that
     * row's newest version, locked (see {@link Transaction#insertOrLock}).
     */
    public Version insertOrLock(Object[] row) {
        Executor.checkNotNull(table, row);
        byte[] key = RowCodec.encodeKey(table, row, 0);
        return tx.insertOrLock(rel, key, RowCodec.encodeValue(table, row));
    }

    /**
     * Replaces the row of {@code base} (a version the caller locked), whose values are
     * {@code old}, by {@code updated}; returns the row as written.
     */
    public Object[] update(Version base, Object[] old, Object[] updated) {
        Executor.checkNotNull(table, updated);
        replacedKeys.add(ByteBuffer.wrap(base.userKey()));
        if (keyChanges(old, updated)) {
            tx.delete(rel, base);
            if (moveAtOnce) {
                writeNew(updated);
            } else {
                moved.add(updated);
            }
        } else {
            tx.update(rel, base, RowCodec.encodeValue(table, updated));
        }
        updatedRows.add(updated);
        return updated;
    }

    /**
     * Deletes the row of {@code base} (a version the caller locked), whose values are {@code old};
     * false when the row was not deleted (a BEFORE trigger may skip it).
     */
    public boolean delete(Version base, Object[] old) {
        tx.delete(rel, base);
        return true;
    }

    /** True when this writer's table has UNIQUE indexes besides its primary key. */
    boolean hasUniqueIndexes() {
        return !unique.isEmpty();
    }

    /** The statement-end work (see the class comment); call once, after the last row. */
    public void finish() {
        if (finished) {
            throw new IllegalStateException("RowWriter of " + table.name() + " finished twice");
        }
        finished = true;
        for (Object[] row : moved) {
            writeNew(row);
        }
        if (!unique.isEmpty() && !updatedRows.isEmpty()) {
            unique.check(tx, rel, updatedRows, replacedKeys); // after the writes: a violation fails the statement
        }
    }

    private boolean keyChanges(Object[] old, Object[] updated) {
        if (table.hasHiddenRowId()) {
            return false;
        }
        for (int i = 0; i < table.primaryKeyLength(); i++) {
            int c = table.primaryKeyColumn(i);
            if (!java.util.Objects.equals(old[c], updated[c])) {
                // equal keys may still differ as values (1.0 vs 1.00): the encoded keys decide
                return !Arrays.equals(RowCodec.encodeKey(table, old, 0), RowCodec.encodeKey(table, updated, 0));
            }
        }
        return false;
    }

    private void writeNew(Object[] row) {
        byte[] key = RowCodec.encodeKey(table, row, table.hasHiddenRowId() ? table.nextRowId() : 0);
        try {
            tx.insert(rel, key, RowCodec.encodeValue(table, row));
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw Executor.duplicateKey(table, row);
            }
            throw e;
        }
    }
}

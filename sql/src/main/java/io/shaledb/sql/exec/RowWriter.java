package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import io.shaledb.txn.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one path through which a DML statement writes the rows of one table: INSERT (VALUES and
 * SELECT), UPDATE, DELETE, their joined forms, ON CONFLICT and COPY FROM all create one writer per
 * target table and statement, feed it rows, and call {@link #finish()} once at the end of the
 * statement. Everything that must happen to every written row lives here, in this order:
 *
 * <pre>
 *   new RowWriter(..., events)  BEFORE STATEMENT triggers ({@link Routines.RowTriggers})
 *   insert(row) / update(base, old, new) / delete(base, old)
 *     0. BEFORE ROW triggers may change the new row or skip the write (null / false returned)
 *     1. row checks          NOT NULL, CHECK
 *     2. the heap write      Transaction.insert / update / delete of the row version
 *     3. secondary indexes   entries added / removed with the row ({@link IndexMaintainer})
 *   finish()
 *     4. statement-end work  rows whose DEFERRABLE primary key an UPDATE moved are inserted after
 *                            all old rows are gone; the keys written into DEFERRABLE UNIQUE
 *                            indexes are checked (or queued for COMMIT: UniqueRecheck);
 *                            foreign-key checks and actions (TableConstraints); then the queued
 *                            AFTER ROW triggers, in order, and AFTER STATEMENT triggers
 *     5. activity counts     rows inserted / updated / deleted, for pg_stat_user_tables and autoanalyze
 * </pre>
 *
 * An UPDATE that changes a row's primary key deletes the old version and inserts the new one at
 * once, so a new key that another row still holds fails row by row, as in PostgreSQL
 * ({@code SET id = id + 1} fails, {@code SET id = id - 1} succeeds when rows are visited in key
 * order). For a DEFERRABLE primary key the new row is inserted in {@link #finish()}, after every
 * old row is gone, so such shifts succeed whatever the order.
 */
public final class RowWriter {
    /**
     * Whether UNIQUE index entries an UPDATE cannot add yet wait for statement end. PostgreSQL
     * does that only for DEFERRABLE constraints and checks others row by row (so
     * {@code SET k = k + 1} fails on a unique {@code k}); ShaleDB follows it. DEFERRABLE
     * constraints' indexes are checked late by {@link io.shaledb.sql.constraint.UniqueRecheck}.
     */
    private static final boolean DEFER_UNIQUE = false;

    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private final Relation rel;
    private final IndexMaintainer indexes;
    /** UNIQUE index entries of UPDATEs that collided with a live entry: retried at statement end. */
    private final List<IndexMaintainer.Entry> deferred = new ArrayList<>();
    /** Rows an UPDATE moved to a new primary key: inserted by {@link #finish()}. */
    private final List<Object[]> moved = new ArrayList<>();
    private boolean finished;
    private boolean moveAtOnce;
    /** Whether the table's primary key is DEFERRABLE (null: not looked up yet). */
    private Boolean primaryKeyDeferrable;
    /** Rows inserted, updated and deleted, for the table's activity counters (autoanalyze). */
    private long inserted;
    private long updated;
    private long deleted;
    /** CHECK and FOREIGN KEY constraints of (and referencing) the table (io.shaledb.sql.constraint). */
    private final io.shaledb.sql.constraint.TableConstraints constraints;
    private byte[] lastRowKey;
    /** The table's triggers for this statement, or null when it has none (see Routines.RowTriggers). */
    private final Routines.RowTriggers triggers;
    /** Whether this transaction created the table's key space (see Catalog.storageCreatedBy): inserts take no row locks. */
    private final boolean ownKeySpace;

    /**
     * A writer for a statement doing {@code events} to {@code table} (bits of {@link Trigger}:
     * INSERT, UPDATE, DELETE): its BEFORE STATEMENT triggers fire now.
     */
    RowWriter(Executor executor, Transaction tx, Table table, int events) {
        this(executor, tx, table, events, null);
    }

    /** A writer for an UPDATE whose SET list assigns {@code updatedColumns} (for UPDATE OF triggers; null: unknown). */
    RowWriter(Executor executor, Transaction tx, Table table, int events, java.util.BitSet updatedColumns) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
        this.rel = executor.relation(table);
        this.indexes = IndexMaintainer.of(executor, tx, table);
        this.constraints = io.shaledb.sql.constraint.TableConstraints.of(executor.constraintAccess(), executor.cascadeWriter(), tx, table);
        this.triggers = executor.routines().rowTriggers(tx, table, events, updatedColumns);
        this.ownKeySpace = (events & io.shaledb.sql.catalog.Trigger.INSERT) != 0 && executor.catalog().storageCreatedBy(tx, table);
    }

    /** The columns an UPDATE's SET list assigns: the non-null entries of {@code assignments} (by column). */
    static java.util.BitSet assigned(Bound[] assignments) {
        java.util.BitSet set = new java.util.BitSet();
        for (int i = 0; i < assignments.length; i++) {
            if (assignments[i] != null) {
                set.set(i);
            }
        }
        return set;
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
        if (triggers != null && (row = triggers.beforeInsert(row)) == null) {
            return null;
        }
        Executor.checkNotNull(table, row);
        constraints.checkRow(row);
        writeNew(row);
        inserted++;
        constraints.inserted(row);
        if (triggers != null) {
            triggers.afterInsert(row);
        }
        return row;
    }

    /**
     * ON CONFLICT: inserts {@code row} unless a live row has its primary key; then returns that
     * row's newest version, locked (see {@link Transaction#insertOrLock}).
     */
    public Version insertOrLock(Object[] row) {
        if (triggers != null) {
            Object[] changed = triggers.beforeInsert(row);
            if (changed == null) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "a BEFORE INSERT trigger skipping a row of INSERT ... ON CONFLICT is not supported yet");
            }
            System.arraycopy(changed, 0, row, 0, changed.length);
        }
        Executor.checkNotNull(table, row);
        constraints.checkRow(row);
        byte[] key = RowCodec.encodeKey(table, row, 0);
        Version existing = tx.insertOrLock(rel, key, RowCodec.encodeValue(table, row));
        if (existing == null) {
            inserted++;
            indexes.insert(tx, row, key, false);
            lastRowKey = key;
            constraints.inserted(row);
            if (triggers != null) {
                triggers.afterInsert(row);
            }
        }
        return existing;
    }

    /**
     * Replaces the row of {@code base} (a version the caller locked), whose values are
     * {@code old}, by {@code updated}; returns the row as written.
     */
    public Object[] update(Version base, Object[] old, Object[] updated) {
        if (triggers != null && (updated = triggers.beforeUpdate(old, updated)) == null) {
            return null;
        }
        Executor.checkNotNull(table, updated);
        constraints.checkRow(updated);
        if (keyChanges(old, updated)) {
            tx.delete(rel, base);
            indexes.delete(tx, old, base.userKey());
            if (moveAtOnce || !primaryKeyDeferrable()) {
                writeNew(updated);
            } else {
                moved.add(updated);
            }
        } else {
            tx.update(rel, base, RowCodec.encodeValue(table, updated));
            deferred.addAll(indexes.update(tx, old, base.userKey(), updated, base.userKey(), DEFER_UNIQUE));
        }
        this.updated++;
        constraints.updated(old, updated);
        if (triggers != null) {
            triggers.afterUpdate(old, updated);
        }
        return updated;
    }

    /**
     * Deletes the row of {@code base} (a version the caller locked), whose values are {@code old};
     * false when the row was not deleted (a BEFORE trigger may skip it).
     */
    public boolean delete(Version base, Object[] old) {
        if (triggers != null && !triggers.beforeDelete(old)) {
            return false;
        }
        tx.delete(rel, base);
        deleted++;
        indexes.delete(tx, old, base.userKey());
        constraints.deleted(old);
        if (triggers != null) {
            triggers.afterDelete(old);
        }
        return true;
    }

    /** This writer's table's UNIQUE indexes (besides its primary key). */
    List<IndexMaintainer.IndexKey> uniqueIndexes() {
        return indexes.unique();
    }

    /** The row key of the row this writer inserted last. */
    byte[] lastRowKey() {
        return lastRowKey;
    }

    /**
     * ON CONFLICT with a UNIQUE index as arbiter: locks {@code row}'s key in {@code index} (so a
     * concurrent inserter of the key waits for this transaction) and returns the newest version of
     * the live row that holds the key, locked for update, or null when none does (or the row's
     * key has a NULL, or a partial index leaves it out: then nothing can conflict).
     */
    Version lockConflict(IndexMaintainer.IndexKey index, Object[] row) {
        IndexMaintainer.Entry e = index.entry(row, RowCodec.encodeKey(table, row, 0));
        if (e == null || !e.enforceUnique()) {
            return null;
        }
        tx.lockKey(index.relation(), e.key(), io.shaledb.txn.lock.LockMode.UPDATE);
        Version entry = tx.newestLive(index.relation(), e.key());
        if (entry == null) {
            return null;
        }
        Version current = tx.newestLive(rel, index.rowKey(entry.payload()));
        if (current == null) {
            return null;
        }
        Transaction.RowLock l = tx.lock(rel, current, io.shaledb.txn.lock.LockMode.UPDATE, io.shaledb.txn.lock.WaitPolicy.BLOCK);
        if (l.outcome() != Transaction.LockOutcome.LOCKED) {
            return null; // changed under us after its entry was read: cannot happen while we hold the key lock
        }
        if (!tx.sees(l.current().xmin()) && tx.isolation().usesTransactionSnapshot()) {
            throw new TransactionException(TransactionException.Kind.SERIALIZATION_FAILURE,
                    "could not serialize access due to concurrent update", null);
        }
        return l.current();
    }

    /** The statement-end work (see the class comment); call once, after the last row. */
    public void finish() {
        if (finished) {
            throw new IllegalStateException("RowWriter of " + table.name() + " finished twice");
        }
        finished = true;
        executor.statistics().countWrites(tx, table, inserted, updated, deleted);
        for (Object[] row : moved) {
            writeNew(row);
        }
        for (IndexMaintainer.Entry e : deferred) {
            IndexMaintainer.add(tx, e, false); // every old entry is gone now: a collision is a real duplicate
        }
        io.shaledb.sql.constraint.UniqueRecheck.afterStatement(tx, indexes.rechecks()); // DEFERRABLE UNIQUE keys
        constraints.finish(); // foreign-key checks and actions, after every row of the statement is written
        if (triggers != null) {
            triggers.finish(); // AFTER ROW events in order, then AFTER STATEMENT triggers
        }
    }

    /** Whether the table's PRIMARY KEY constraint is DEFERRABLE (its moved rows wait for statement end). */
    boolean primaryKeyDeferrable() {
        if (primaryKeyDeferrable == null) {
            primaryKeyDeferrable = executor.catalog().constraints(tx).stream().anyMatch(k -> k.tableId() == table.id()
                    && k.type() == io.shaledb.sql.catalog.Constraint.PRIMARY_KEY && k.deferrable());
        }
        return primaryKeyDeferrable;
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

    /** Inserts {@code row} and its index entries (a UNIQUE collision fails at once). */
    private void writeNew(Object[] row) {
        byte[] key = RowCodec.encodeKey(table, row, table.hasHiddenRowId() ? table.nextRowId() : 0);
        try {
            if (ownKeySpace) {
                tx.insertIntoOwnKeySpace(rel, key, RowCodec.encodeValue(table, row));
            } else {
                tx.insert(rel, key, RowCodec.encodeValue(table, row));
            }
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw Executor.duplicateKey(table, row);
            }
            throw e;
        }
        indexes.insert(tx, row, key, false);
        lastRowKey = key;
    }
}

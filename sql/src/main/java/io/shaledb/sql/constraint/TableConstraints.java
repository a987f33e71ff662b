package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.ConstraintAccess;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints one statement enforces on one table's writes. The DML path calls
 * {@link #checkRow} before writing each new row version (CHECK: PostgreSQL's ExecConstraints),
 * reports each write ({@link #inserted}, {@link #updated}, {@link #deleted}), and calls
 * {@link #finish} once at the end of the statement, which runs the foreign-key work the writes
 * queued (PostgreSQL's RI triggers fire after the statement too, so a statement may insert a
 * row referencing a row it inserts later).
 *
 * <pre>
 *   INSERT/UPDATE row ──checkRow──> CHECK constraints            (immediately, 23514)
 *        │ inserted / updated / deleted
 *        v
 *   queue: child check (this table references p)  | parent action (c references this table)
 *        │ finish()  (or COMMIT for DEFERRABLE INITIALLY DEFERRED)
 *        v
 *   ForeignKeys: lock parent FOR KEY SHARE, or NO ACTION / RESTRICT / CASCADE / SET NULL / SET DEFAULT
 * </pre>
 */
public final class TableConstraints {
    private static final TableConstraints NONE = new TableConstraints(null, null, null, List.of(), List.of(), List.of(), List.of());

    private final ForeignKeys fks;
    private final Transaction tx;
    private final Table table;
    private final List<Constraint> checks;
    private final List<Bound> boundChecks;
    private final List<Constraint> outgoing;
    private final List<Constraint> incoming;
    private final List<ForeignKeys.Event> queue = new ArrayList<>();

    private TableConstraints(ForeignKeys fks, Transaction tx, Table table, List<Constraint> checks, List<Bound> boundChecks,
                             List<Constraint> outgoing, List<Constraint> incoming) {
        this.fks = fks;
        this.tx = tx;
        this.table = table;
        this.checks = checks;
        this.boundChecks = boundChecks;
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    /**
     * The constraints of {@code table} for one statement of {@code tx}; {@code writer} performs
     * the referential actions' writes. Cheap (and {@link #isEmpty()}) for a table that has no
     * CHECK or FOREIGN KEY and that no foreign key references.
     */
    public static TableConstraints of(ConstraintAccess access, CascadeWriter writer, Transaction tx, Table table) {
        Catalog catalog = access.catalog();
        List<Constraint> all = catalog.constraints(tx);
        if (all.isEmpty()) {
            return NONE;
        }
        List<Constraint> checks = new ArrayList<>();
        List<Bound> bound = new ArrayList<>();
        List<Constraint> outgoing = new ArrayList<>();
        List<Constraint> incoming = new ArrayList<>();
        for (Constraint k : all) {
            if (k.tableId() == table.id() && k.type() == Constraint.CHECK) {
                checks.add(k);
                bound.add(ConstraintAccess.bindCheck(table, k.checkExpr()));
            } else if (k.tableId() == table.id() && k.type() == Constraint.FOREIGN_KEY) {
                outgoing.add(k);
            }
            if (k.type() == Constraint.FOREIGN_KEY && k.refTableId() == table.id()) {
                incoming.add(k);
            }
        }
        if (checks.isEmpty() && outgoing.isEmpty() && incoming.isEmpty()) {
            return NONE;
        }
        // PostgreSQL fires RI triggers in the order they were created (trigger names embed their OIDs)
        outgoing.sort(java.util.Comparator.comparingInt(Constraint::id));
        incoming.sort(java.util.Comparator.comparingInt(Constraint::id));
        return new TableConstraints(new ForeignKeys(access, writer), tx, table, checks, bound, outgoing, incoming);
    }

    /** True when nothing needs enforcing (the DML path may skip the other calls). */
    public boolean isEmpty() {
        return this == NONE;
    }

    /** CHECK constraints on a new row version (23514 on FALSE; NULL passes). */
    public void checkRow(Object[] row) {
        for (int i = 0; i < checks.size(); i++) {
            if (Boolean.FALSE.equals(ConstraintAccess.evalCheck(boundChecks.get(i), row))) {
                throw new SqlException(SqlState.CHECK_VIOLATION, "new row for relation \"" + Catalog.bareName(table.name())
                        + "\" violates check constraint \"" + checks.get(i).name() + "\"", 0,
                        "Failing row contains " + ConstraintAccess.rowText(table, row) + ".", null, null);
            }
        }
    }

    /** A row was inserted: its foreign keys are checked at {@link #finish}. */
    public void inserted(Object[] row) {
        for (Constraint k : outgoing) {
            queue.add(new ForeignKeys.ChildCheck(k, table, row));
        }
    }

    /** A row was replaced: changed foreign keys are checked, and changed referenced keys acted on, at {@link #finish}. */
    public void updated(Object[] oldRow, Object[] newRow) {
        for (Constraint k : incoming) {
            if (ForeignKeys.keyChanged(table, k.refColumns(), oldRow, newRow)) {
                queue.add(new ForeignKeys.ParentChange(k, table, oldRow, newRow));
            }
        }
        for (Constraint k : outgoing) {
            if (ForeignKeys.keyChanged(table, k.columns(), oldRow, newRow)) {
                queue.add(new ForeignKeys.ChildCheck(k, table, newRow));
            }
        }
    }

    /** A row was deleted: foreign keys referencing it are acted on at {@link #finish}. */
    public void deleted(Object[] oldRow) {
        for (Constraint k : incoming) {
            queue.add(new ForeignKeys.ParentChange(k, table, oldRow, null));
        }
    }

    /** End of statement: runs the queued foreign-key checks and actions (deferred ones wait for COMMIT). */
    public void finish() {
        if (queue.isEmpty()) {
            return;
        }
        List<ForeignKeys.Event> events = new ArrayList<>(queue);
        queue.clear();
        for (ForeignKeys.Event e : events) {
            if (DeferredChecks.isDeferred(tx, e.constraint()) && e.deferrable()) {
                DeferredChecks.defer(tx, fks, e);
            } else {
                // see the statement's writes and those of the actions before (PostgreSQL's CommandCounterIncrement per trigger)
                tx.advanceCommand();
                fks.run(tx, e);
            }
        }
    }
}

package io.shaledb.sql.plpgsql;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import io.shaledb.sql.exec.Executor;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The triggers of one table for one DML statement, driven by that statement's
 * {@code RowWriter}: BEFORE STATEMENT triggers fire when it is made, BEFORE ROW triggers before
 * each row is written (they may change the new row, or skip the row by returning NULL), AFTER
 * ROW events are queued and fire in order when the statement finishes, followed by AFTER
 * STATEMENT triggers. Within each kind, triggers fire in name order, as in PostgreSQL.
 *
 * <pre>
 *   RowWriter(...)            ──> BEFORE STATEMENT
 *   insert / update / delete  ──> BEFORE ROW (WHEN?) ──> [row changed / skipped] ──> heap write
 *                                                                                 └─> queue AFTER ROW (WHEN checked now)
 *   finish()                  ──> AFTER ROW queue, in order ──> AFTER STATEMENT
 * </pre>
 */
public final class TriggerFiring implements io.shaledb.sql.exec.Routines.RowTriggers {
    private static final java.util.Map<String, PlParser.Condition> CONDITIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private final List<Trigger> triggers;
    private final int events;
    /** The columns the UPDATE's SET list assigns (for {@code UPDATE OF}); null: not known (a cascaded update). */
    private final java.util.BitSet updatedColumns;
    private final List<Pending> queue = new ArrayList<>();
    /** Each trigger's compiled function, looked up once per statement. */
    private final java.util.Map<Integer, PlFunction> functions = new java.util.HashMap<>();

    private record Pending(Trigger trigger, String op, Object[] oldRow, Object[] newRow) {}

    private TriggerFiring(Executor executor, Transaction tx, Table table, List<Trigger> triggers, int events,
                          java.util.BitSet updatedColumns) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
        this.triggers = triggers;
        this.events = events;
        this.updatedColumns = updatedColumns;
    }

    /**
     * The triggers of {@code table} for a statement doing {@code events} ({@link Trigger#INSERT}
     * and friends; INSERT ... ON CONFLICT DO UPDATE does both INSERT and UPDATE): fires the BEFORE
     * STATEMENT triggers now. Null when the table has no enabled trigger.
     */
    public static TriggerFiring of(Executor executor, Transaction tx, Table table, int events) {
        return of(executor, tx, table, events, null);
    }

    /**
     * As {@link #of(Executor, Transaction, Table, int)} for an UPDATE whose SET list assigns
     * {@code updatedColumns} (column indexes): an {@code UPDATE OF} trigger, row or statement
     * level, fires when one of its columns is assigned, changed or not, as in PostgreSQL. Null:
     * the columns are not known (a cascaded update), and a row trigger fires when one of its
     * columns changed value.
     */
    public static TriggerFiring of(Executor executor, Transaction tx, Table table, int events, java.util.BitSet updatedColumns) {
        if (!executor.catalog().mayHaveTriggers(tx, table.id())) {
            return null;
        }
        List<Trigger> all = executor.catalog().triggers(tx, table.id()).stream().filter(Trigger::enabled).toList();
        if (all.isEmpty()) {
            return null;
        }
        TriggerFiring f = new TriggerFiring(executor, tx, table, all, events, updatedColumns);
        for (int event : new int[] {Trigger.INSERT, Trigger.UPDATE, Trigger.DELETE}) {
            if ((events & event) != 0) {
                f.statementLevel(true, event);
            }
        }
        return f;
    }

    /** BEFORE INSERT row triggers: the row to insert, or null to skip it. */
    @Override
    public Object[] beforeInsert(Object[] row) {
        return beforeRow(Trigger.INSERT, null, row);
    }

    /** BEFORE UPDATE row triggers: the new row to write, or null to skip the update. */
    @Override
    public Object[] beforeUpdate(Object[] old, Object[] updated) {
        return beforeRow(Trigger.UPDATE, narrow(old), updated);
    }

    /** BEFORE DELETE row triggers: false to skip the delete. */
    @Override
    public boolean beforeDelete(Object[] old) {
        return beforeRow(Trigger.DELETE, narrow(old), null) != null;
    }

    @Override
    public void afterInsert(Object[] row) {
        queue(Trigger.INSERT, null, row);
    }

    @Override
    public void afterUpdate(Object[] old, Object[] updated) {
        queue(Trigger.UPDATE, narrow(old), updated);
    }

    @Override
    public void afterDelete(Object[] old) {
        queue(Trigger.DELETE, narrow(old), null);
    }

    /** At the end of the statement: the queued AFTER ROW events in order, then AFTER STATEMENT triggers. */
    @Override
    public void finish() {
        for (int i = 0; i < queue.size(); i++) {
            Pending p = queue.get(i);
            call(p.trigger(), new TriggerEvent(p.trigger(), table, p.op(), p.oldRow(), p.newRow()));
        }
        queue.clear();
        for (int event : new int[] {Trigger.INSERT, Trigger.UPDATE, Trigger.DELETE}) {
            if ((events & event) != 0) {
                statementLevel(false, event);
            }
        }
    }

    private Object[] beforeRow(int event, Object[] old, Object[] row) {
        Object[] current = row == null ? null : narrow(row);
        Object[] result = event == Trigger.DELETE ? old : current;
        for (Trigger t : triggers) {
            if (!t.before() || !t.forEachRow() || !t.firesOn(event) || !columnsMatch(t, event, old, current)) {
                continue;
            }
            TriggerEvent ev = new TriggerEvent(t, table, op(event), old, current);
            if (!when(t, ev)) {
                continue;
            }
            result = call(t, ev);
            if (result == null) {
                return null;
            }
            if (event != Trigger.DELETE) {
                current = result;
            }
        }
        return event == Trigger.DELETE ? result : current;
    }

    private void queue(int event, Object[] old, Object[] row) {
        Object[] current = row == null ? null : narrow(row);
        for (Trigger t : triggers) {
            if (t.before() || !t.forEachRow() || !t.firesOn(event) || !columnsMatch(t, event, old, current)) {
                continue;
            }
            TriggerEvent ev = new TriggerEvent(t, table, op(event), old, current);
            if (when(t, ev)) {
                queue.add(new Pending(t, op(event), old, current));
            }
        }
    }

    private void statementLevel(boolean before, int event) {
        for (Trigger t : triggers) {
            if (t.before() == before && !t.forEachRow() && t.firesOn(event) && (event != Trigger.UPDATE || assigned(t))) {
                call(t, new TriggerEvent(t, table, op(event), null, null));
            }
        }
    }

    /** {@code UPDATE OF cols}: fires only when one of the columns is assigned (or, columns unknown, changes). */
    private boolean columnsMatch(Trigger t, int event, Object[] old, Object[] row) {
        if (event != Trigger.UPDATE || t.updateColumns().isEmpty()) {
            return true;
        }
        if (updatedColumns != null) {
            return assigned(t);
        }
        for (String column : t.updateColumns()) {
            int i = table.columnIndex(column);
            if (i >= 0 && !Objects.equals(old[i], row[i])) {
                return true;
            }
        }
        return false;
    }

    /** True unless {@code t} is {@code UPDATE OF} columns of which the SET list (when known) assigns none. */
    private boolean assigned(Trigger t) {
        if (t.updateColumns().isEmpty() || updatedColumns == null) {
            return true;
        }
        for (String column : t.updateColumns()) {
            int i = table.columnIndex(column);
            if (i >= 0 && updatedColumns.get(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean when(Trigger t, TriggerEvent ev) {
        if (t.when() == null) {
            return true;
        }
        PlParser.Condition c = CONDITIONS.computeIfAbsent(t.when(), PlParser::compileCondition);
        return new Interpreter(executor, tx).condition(c, ev);
    }

    private Object[] call(Trigger t, TriggerEvent ev) {
        PlFunction fn = functions.get(t.functionId());
        if (fn == null) {
            Function f = executor.catalog().functionById(tx, t.functionId());
            if (f == null) {
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function of trigger \"" + t.name() + "\" does not exist");
            }
            fn = RoutineDdl.compiled(f);
            functions.put(t.functionId(), fn);
        }
        return new Interpreter(executor, tx).callTrigger(fn, ev);
    }

    private Object[] narrow(Object[] row) {
        int n = table.columns().size();
        return row.length == n ? row.clone() : Arrays.copyOf(row, n);
    }

    private static String op(int event) {
        return switch (event) {
            case Trigger.INSERT -> "INSERT";
            case Trigger.UPDATE -> "UPDATE";
            default -> "DELETE";
        };
    }

}

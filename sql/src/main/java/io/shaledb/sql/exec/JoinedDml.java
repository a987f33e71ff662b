package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.JoinPlanner.From;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Rows;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code UPDATE t SET ... FROM other, ... WHERE ...} and {@code DELETE FROM t USING other, ...
 * WHERE ...}: the target joined with more relations, planned by the query engine.
 *
 * <p><b>The target is the first relation of the FROM clause.</b> Its visible rows are read first,
 * each tagged with its ordinal (an unnamed slot after {@code xmin, xmax}), so a joined row leads
 * back to the version it came from. The other items are planned after it ({@link FromPlanner}), and
 * WHERE's conjuncts are placed and joined by {@link JoinPlanner} as in a SELECT:
 *
 * <pre>
 *   UPDATE t SET v = s.v FROM s WHERE t.id = s.id
 *
 *   layout:  [ t.id t.v xmin xmax ordinal | s.id s.v xmin xmax ]
 *   plan:    HashJoin(t.id = s.id) ( Place(target rows), Place(scan s) )
 *   then:    first joined row per ordinal ─► lock version ─► SET evaluated on the joined row
 * </pre>
 *
 * <p>When WHERE pins the target's primary key to constants ({@link PointLookup}) only that row is
 * read, so a SERIALIZABLE transaction records one key as read rather than the table.
 *
 * <p><b>PostgreSQL's semantics.</b> A target row joined to several rows is changed once, with the
 * first of them (PostgreSQL: an arbitrary one). Every joined row is read before anything is
 * locked or written. Locking is that of plain UPDATE / DELETE: when READ COMMITTED finds the row
 * changed by a transaction that committed meanwhile, WHERE is evaluated again on the newest version
 * joined to the same rows of the other relations (a simplified EvalPlanQual), and the row is
 * skipped unless it still matches; REPEATABLE READ and SERIALIZABLE fail with 40001 in
 * {@link Transaction#lock}.
 */
final class JoinedDml {
    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private final Relation rel;
    private final Binder.Scope scope;
    private final From from;
    /** The target's visible versions, by ordinal. */
    private final List<Version> versions = new ArrayList<>();
    private final List<Object[]> targetRows = new ArrayList<>();

    private JoinedDml(Executor executor, Transaction tx, Table table, Statement.TableRef ref, List<FromItem> items) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
        this.rel = executor.relation(table);
        QueryPlanner planner = new QueryPlanner(executor, tx);
        this.from = new From();
        int ncols = table.columns().size();
        int width = ncols + Executor.SYSTEM_COLUMNS + 1;
        from.width = width;
        List<Namespace.Column> cols = new ArrayList<>();
        for (int i = 0; i < ncols; i++) {
            cols.add(new Namespace.Column(table.column(i).name(), new Bound.Slot(i, table.column(i).type(), table.oid(), i + 1), false));
        }
        cols.add(new Namespace.Column("xmin", new Bound.Slot(ncols, SqlType.BIGINT, table.oid(), -2), true));
        cols.add(new Namespace.Column("xmax", new Bound.Slot(ncols + 1, SqlType.BIGINT, table.oid(), -4), true));
        if (ref.alias() != null) {
            from.ns.noteAlias(ref.name(), ref.alias());
        }
        Map<String, List<Namespace.Column>> rels = new LinkedHashMap<>();
        rels.put(ref.visibleName(), cols);
        from.ns.add(new Namespace.Item(cols, rels), ref.pos());
        from.items.add(new JoinPlanner.Leaf(new Rows(() -> targetRows), 0, width, table, null));
        try {
            new FromPlanner(planner).from(from, items, null, QueryPlanner.Env.EMPTY);
        } catch (SqlException e) {
            throw lateralReference(e, ref.visibleName());
        }
        this.scope = new Binder.Scope(null, null, from.ns, null, planner);
    }

    /**
     * A FROM item naming the target (which the items cannot see: they are not LATERAL) gets
     * PostgreSQL's message for it; any other error is returned as it is.
     */
    private static SqlException lateralReference(SqlException e, String target) {
        if (e.state() != SqlState.UNDEFINED_TABLE || !e.getMessage().equals("missing FROM-clause entry for table \"" + target + "\"")) {
            return e;
        }
        return new SqlException(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \"" + target + "\"",
                e.position(), null, "There is an entry for table \"" + target + "\", but it cannot be referenced from this part of the query.",
                null);
    }

    private int ordinalSlot() {
        return table.columns().size() + Executor.SYSTEM_COLUMNS;
    }

    /** UPDATE ... FROM. */
    static void update(Executor executor, Statement.Update u, Transaction tx, ResultSink sink) {
        Table table = executor.lookupForWrite(u.table(), tx);
        // with FROM the target's columns are read to join (PostgreSQL needs SELECT then too)
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.UPDATE
                | io.shaledb.sql.privileges.Privilege.SELECT);
        JoinedDml dml = new JoinedDml(executor, tx, table, u.table(), u.from());
        Binder binder = new Binder(dml.scope, "UPDATE");
        Bound[] assignments = new Bound[table.columns().size()];
        boolean keyChanges = false;
        for (Statement.Assignment a : u.assignments()) {
            int idx = table.columnIndex(a.column().name());
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + a.column().name() + "\" of relation \""
                        + table.name() + "\" does not exist", a.column().pos() + 1);
            }
            if (assignments[idx] != null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column().name() + "\"");
            }
            if (table.column(idx).identity() == 'a' && !(a.value() instanceof Expr.Default)) {
                throw ColumnDefaults.generatedAlways(table.column(idx), true);
            }
            assignments[idx] = a.value() instanceof Expr.Default
                    ? ColumnDefaults.bind(table.column(idx))
                    : binder.bindAssignment(a.value(), table.column(idx));
            keyChanges |= table.isPrimaryKeyColumn(idx);
        }
        Bound where = dml.where(u.where());
        Returning returning = Returning.of(dml.scope, dml.from.width, u.returning());
        checkWritable(tx, "UPDATE");

        LockMode mode = keyChanges ? LockMode.UPDATE : LockMode.NO_KEY_UPDATE;
        RowWriter writer = new RowWriter(executor, tx, table, io.shaledb.sql.catalog.Trigger.UPDATE, RowWriter.assigned(assignments));
        List<Object[]> joinedRows = new ArrayList<>();
        int ncols = table.columns().size();
        for (Object[] joined : dml.matches(where)) {
            Locked locked = dml.lock(joined, mode, where);
            if (locked == null) {
                continue;
            }
            Object[] updated = Arrays.copyOf(locked.row(), ncols);
            for (int i = 0; i < assignments.length; i++) {
                if (assignments[i] != null) {
                    updated[i] = assignments[i].eval(locked.row());
                }
            }
            Object[] written = writer.update(locked.version(), Arrays.copyOf(locked.row(), ncols), updated);
            if (written == null) {
                continue;
            }
            Object[] after = locked.row().clone();
            System.arraycopy(written, 0, after, 0, ncols);
            after[ncols] = tx.xid();
            after[ncols + 1] = 0L;
            joinedRows.add(after);
        }
        writer.finish();
        for (Object[] row : joinedRows) {
            returning.add(row, tx.xid());
        }
        returning.emit(sink);
        sink.complete("UPDATE " + joinedRows.size());
    }

    /** DELETE ... USING. */
    static void delete(Executor executor, Statement.Delete d, Transaction tx, ResultSink sink) {
        Table table = executor.lookupForWrite(d.table(), tx);
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.DELETE
                | io.shaledb.sql.privileges.Privilege.SELECT);
        JoinedDml dml = new JoinedDml(executor, tx, table, d.table(), d.using());
        Bound where = dml.where(d.where());
        Returning returning = Returning.of(dml.scope, dml.from.width, d.returning());
        checkWritable(tx, "DELETE");
        long n = 0;
        RowWriter writer = executor.rowWriter(tx, table, io.shaledb.sql.catalog.Trigger.DELETE);
        int ncols = table.columns().size();
        for (Object[] joined : dml.matches(where)) {
            Locked locked = dml.lock(joined, LockMode.UPDATE, where);
            if (locked != null && writer.delete(locked.version(), Arrays.copyOf(locked.row(), ncols))) {
                returning.add(locked.row(), tx.xid());
                n++;
            }
        }
        writer.finish();
        returning.emit(sink);
        sink.complete("DELETE " + n);
    }

    private Bound where(Expr where) {
        return where == null ? null : new Binder(scope, "WHERE").bindCondition(where, "WHERE");
    }

    /**
     * Reads the target's visible rows, joins them with the other relations and returns the first
     * joined row of each target row that matches {@code where}, in the order found.
     */
    private List<Object[]> matches(Bound where) {
        byte[] key = PointLookup.key(table, where); // WHERE pins the target's key: read that row only
        if (key != null) {
            Version v = tx.get(rel, key);
            if (v != null) {
                addTarget(v);
            }
        } else {
            try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
                while (s.next()) {
                    addTarget(s.current());
                }
            }
        }
        List<Bound> conjuncts = new ArrayList<>();
        if (where != null) {
            QueryPlanner.flatten(where, conjuncts);
        }
        Operator root = new JoinPlanner(tx::checkCancelled).assemble(from, conjuncts);
        Map<Integer, Object[]> first = new LinkedHashMap<>();
        root.open();
        try {
            for (Object[] row = root.next(); row != null; row = root.next()) {
                first.putIfAbsent((Integer) row[ordinalSlot()], row);
            }
        } finally {
            root.close();
        }
        return new ArrayList<>(first.values());
    }

    private void addTarget(Version v) {
        Object[] row = Arrays.copyOf(Executor.decode(table, v), ordinalSlot() + 1);
        row[ordinalSlot()] = versions.size();
        versions.add(v);
        targetRows.add(row);
    }

    /** A locked target version and the joined row to compute with (its target slots from that version). */
    private record Locked(Version version, Object[] row) {}

    /**
     * Locks the target version behind {@code joined}; null to skip the row (deleted meanwhile, or
     * at READ COMMITTED changed into a version that no longer matches {@code where} with the same
     * rows of the other relations).
     */
    private Locked lock(Object[] joined, LockMode mode, Bound where) {
        Version seen = versions.get((Integer) joined[ordinalSlot()]);
        Transaction.RowLock l = tx.lock(rel, seen, mode, WaitPolicy.BLOCK);
        return switch (l.outcome()) {
            case LOCKED -> new Locked(l.current(), joined);
            case CHANGED -> {
                Object[] newest = Executor.decode(table, l.current());
                Object[] row = joined.clone();
                System.arraycopy(newest, 0, row, 0, newest.length);
                yield where != null && !Boolean.TRUE.equals(where.eval(row)) ? null : new Locked(l.current(), row);
            }
            case GONE, SKIPPED -> null;
        };
    }

    private static void checkWritable(Transaction tx, String command) {
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
        }
    }
}

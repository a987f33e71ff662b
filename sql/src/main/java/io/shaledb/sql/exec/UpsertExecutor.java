package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code INSERT ... ON CONFLICT}: the arbiter is the primary key or a UNIQUE index the conflict
 * target names (without a target, DO NOTHING consults all of them).
 *
 * <pre>
 *   proposed row --index arbiters: lock the entry key, live entry? --> its row, locked
 *                --primary key: Transaction.insertOrLock(key)--> inserted        --> counted, RETURNING
 *                                   \--> conflicting row (locked, newest committed)
 *                                          DO NOTHING             --> skipped
 *                                          DO UPDATE [WHERE ...]  --> SET over (row, EXCLUDED) --> updated
 * </pre>
 *
 * The key lock makes it safe under concurrency as in PostgreSQL: an insert of the same key by a
 * running transaction is waited for; at READ COMMITTED the statement then updates (or skips) the
 * committed row, at REPEATABLE READ and SERIALIZABLE a row its snapshot cannot see is 40001.
 * (Unlike PostgreSQL, DO NOTHING also keeps the conflicting row locked until the transaction ends.)
 *
 * <p>{@code EXCLUDED.col} is bound by renaming: the SET and WHERE expressions see one row made of
 * the existing row's columns followed by the proposed row's under hidden names, then xmin, xmax.
 */
final class UpsertExecutor {
    /** Prefix of the hidden names EXCLUDED's columns are bound under (a NUL cannot be written in SQL). */
    private static final String EXCLUDED = "\0excluded.";

    private final Executor executor;
    private final Table table;
    private final Statement.OnConflict clause;
    /** False for a table without a primary key: nothing can conflict. */
    private final boolean hasKey;
    private final Bound[] assignments;
    private final Bound where;
    private final boolean keyChanges;
    /** Keys this statement inserted or updated: a second DO UPDATE of one is 21000. */
    private final Set<ByteBuffer> affected = new HashSet<>();
    /** Table columns the conflict target names. */
    private final Set<Integer> targetColumns = new HashSet<>();
    /** Whether the primary key arbitrates conflicts. */
    private boolean pkArbiter;
    /** UNIQUE indexes that arbitrate conflicts (see {@link #checkArbiters}). */
    private final List<IndexMaintainer.IndexKey> indexArbiters = new ArrayList<>();

    UpsertExecutor(Executor executor, Table table, Statement.Insert insert) {
        this.executor = executor;
        this.table = table;
        this.clause = insert.onConflict();
        this.hasKey = !table.hasHiddenRowId();
        checkArbiter();
        if (clause.doNothing()) {
            assignments = null;
            where = null;
            keyChanges = false;
            return;
        }
        Table combined = combined(table);
        Binder.Scope scope = new Binder.Scope(combined, insert.table());
        Binder binder = new Binder(scope, "UPDATE");
        assignments = new Bound[table.columns().size()];
        boolean keys = false;
        for (Statement.Assignment a : clause.assignments()) {
            int idx = table.columnIndex(a.column().name());
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + a.column().name() + "\" of relation \""
                        + table.name() + "\" does not exist", a.column().pos() + 1);
            }
            if (assignments[idx] != null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column().name() + "\"");
            }
            assignments[idx] = a.value() instanceof Expr.Default
                    ? new Bound.Const(null, table.column(idx).type())
                    : binder.bindAssignment(excluded(a.value()), table.column(idx));
            keys |= table.isPrimaryKeyColumn(idx);
        }
        keyChanges = keys;
        where = clause.where() == null ? null : new Binder(scope, "WHERE").bindCondition(excluded(clause.where()), "WHERE");
    }

    /**
     * Checks that the conflict target's columns exist and whether it names the primary key (its
     * columns in any order, or its constraint); a target naming something else is matched against
     * the UNIQUE indexes by {@link #checkArbiters}, once the statement's transaction is known.
     */
    private void checkArbiter() {
        if (!clause.target().isEmpty()) {
            for (Ident col : clause.target()) {
                int idx = table.columnIndex(col.name());
                if (idx < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\" does not exist",
                            clause.targetPos() + 1);
                }
                targetColumns.add(idx);
            }
            Set<Integer> key = new HashSet<>();
            for (int i = 0; hasKey && i < table.primaryKeyLength(); i++) {
                key.add(table.primaryKeyColumn(i));
            }
            pkArbiter = hasKey && targetColumns.equals(key);
        } else if (clause.constraint() != null) {
            pkArbiter = hasKey && clause.constraint().name().equals(table.primaryKeyName());
        } else {
            pkArbiter = hasKey; // no target: every unique index and the primary key arbitrate (DO NOTHING only)
        }
    }

    /**
     * Picks the arbiters among {@code writer}'s UNIQUE indexes: the one whose columns (or name,
     * for ON CONSTRAINT) the target names — a partial or expression index does not match a column
     * list — or, without a target, all of them.
     */
    /** The columns DO UPDATE SET assigns (for UPDATE OF triggers); null for DO NOTHING. */
    java.util.BitSet assignedColumns() {
        return assignments == null ? null : RowWriter.assigned(assignments);
    }

    void checkArbiters(RowWriter writer) {
        writer.moveKeysAtOnce();
        boolean untargeted = clause.target().isEmpty() && clause.constraint() == null;
        for (IndexMaintainer.IndexKey k : writer.uniqueIndexes()) {
            if (k.index().valid() && (untargeted || !pkArbiter && matches(k))) { // never an INVALID index, as PostgreSQL
                indexArbiters.add(k);
            }
        }
        if (pkArbiter && writer.primaryKeyDeferrable() || indexArbiters.stream().anyMatch(k -> !k.index().immediate())) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters");
        }
        if (untargeted || pkArbiter || !indexArbiters.isEmpty()) {
            return;
        }
        if (clause.constraint() != null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + clause.constraint().name() + "\" for table \""
                    + table.name() + "\" does not exist");
        }
        throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
                "there is no unique or exclusion constraint matching the ON CONFLICT specification");
    }

    private boolean matches(IndexMaintainer.IndexKey k) {
        if (clause.constraint() != null) {
            return io.shaledb.sql.catalog.Catalog.bareName(k.index().name()).equals(clause.constraint().name());
        }
        if (k.index().predicate() != null || k.index().columns().stream().anyMatch(io.shaledb.sql.catalog.Index.Key::isExpression)) {
            return false;
        }
        Set<Integer> columns = new HashSet<>();
        for (int slot : k.keySlots()) {
            columns.add(slot);
        }
        return columns.equals(targetColumns);
    }

    /**
     * Inserts {@code proposed} or resolves its conflict; returns the row written (for counting
     * and RETURNING), or null when nothing was written.
     */
    Object[] apply(RowWriter writer, Object[] proposed) {
        Version existing = null;
        for (IndexMaintainer.IndexKey k : indexArbiters) {
            existing = writer.lockConflict(k, proposed);
            if (existing != null) {
                break;
            }
        }
        if (existing == null && !pkArbiter) {
            Object[] written = writer.insert(proposed);
            affected.add(ByteBuffer.wrap(writer.lastRowKey()));
            return written;
        }
        if (existing == null) {
            existing = writer.insertOrLock(proposed);
            if (existing == null) {
                affected.add(ByteBuffer.wrap(writer.lastRowKey()));
                return proposed;
            }
        }
        byte[] key = existing.userKey();
        if (clause.doNothing()) {
            return null;
        }
        if (affected.contains(ByteBuffer.wrap(key))) {
            throw new SqlException(SqlState.CARDINALITY_VIOLATION, "ON CONFLICT DO UPDATE command cannot affect row a second time",
                    0, null, "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.",
                    null);
        }
        Object[] old = Executor.decode(table, existing);
        int n = table.columns().size();
        Object[] both = new Object[2 * n + Executor.SYSTEM_COLUMNS];
        System.arraycopy(old, 0, both, 0, n);
        System.arraycopy(proposed, 0, both, n, n);
        both[2 * n] = old[n];
        both[2 * n + 1] = old[n + 1];
        if (where != null && !Boolean.TRUE.equals(where.eval(both))) {
            return null;
        }
        Object[] updated = Arrays.copyOf(old, n);
        for (int i = 0; i < n; i++) {
            if (assignments[i] != null) {
                updated[i] = assignments[i].eval(both);
            }
        }
        byte[] newKey = keyChanges && !table.hasHiddenRowId() ? RowCodec.encodeKey(table, updated, 0) : key;
        Object[] written = writer.update(existing, old, updated);
        if (!Arrays.equals(newKey, key)) {
            affected.add(ByteBuffer.wrap(newKey));
        }
        affected.add(ByteBuffer.wrap(key));
        return written;
    }

    /** The table's columns followed by EXCLUDED's under hidden names, for binding SET and WHERE. */
    private static Table combined(Table table) {
        List<Column> columns = new ArrayList<>(table.columns());
        for (Column c : table.columns()) {
            columns.add(new Column(EXCLUDED + c.name(), c.type(), c.maxLength(), c.notNull()));
        }
        return new Table(table.id(), table.name(), columns, table.primaryKey(), table.engine());
    }

    /** {@code e} with every {@code excluded.col} renamed to its hidden name (an unknown column is 42703). */
    private Expr excluded(Expr e) {
        return switch (e) {
            case null -> null;
            case Expr.ColumnRef c when "excluded".equals(c.table()) -> {
                if (table.columnIndex(c.column()) < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column excluded." + c.column() + " does not exist", c.pos() + 1);
                }
                yield new Expr.ColumnRef(null, EXCLUDED + c.column(), c.pos());
            }
            case Expr.Unary u -> new Expr.Unary(u.op(), excluded(u.operand()), u.pos());
            case Expr.Binary b -> new Expr.Binary(b.op(), excluded(b.left()), excluded(b.right()), b.pos());
            case Expr.IsNull i -> new Expr.IsNull(excluded(i.operand()), i.negated(), i.pos());
            case Expr.Between b -> new Expr.Between(excluded(b.operand()), excluded(b.low()), excluded(b.high()), b.negated(), b.pos());
            case Expr.InList in -> new Expr.InList(excluded(in.operand()), in.items().stream().map(this::excluded).toList(),
                    in.negated(), in.pos());
            case Expr.Cast c -> new Expr.Cast(excluded(c.operand()), c.type(), c.pos());
            case Expr.FunctionCall f -> new Expr.FunctionCall(f.name(), f.args().stream().map(this::excluded).toList(), f.star(),
                    f.distinct(), f.pos());
            case Expr.Case c -> new Expr.Case(excluded(c.operand()), c.whens().stream()
                    .map(w -> new Expr.When(excluded(w.condition()), excluded(w.result()))).toList(), excluded(c.otherwise()), c.pos());
            default -> e; // literals, unqualified and target-table columns, and anything newer (left for the binder to judge)
        };
    }
}

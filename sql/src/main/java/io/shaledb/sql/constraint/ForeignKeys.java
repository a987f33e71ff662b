package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.ConstraintAccess;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.sql.types.Values;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of a FOREIGN KEY at the end of a statement (PostgreSQL's RI triggers).
 *
 * <p>Referencing side ({@link ChildCheck}): a new or changed key must be present in the
 * referenced table; the referenced row is locked FOR KEY SHARE, so a concurrent DELETE or key
 * UPDATE of it waits for this transaction (and then finds the new reference), and one that got
 * there first makes this check fail once it commits.
 *
 * <p>Referenced side ({@link ParentChange}): a deleted row or changed key runs the constraint's
 * action on the referencing rows — NO ACTION (fails unless the key exists again), RESTRICT
 * (fails), CASCADE (deletes them, or updates their key), SET NULL / SET DEFAULT.
 *
 * <p>Referenced rows are found with a primary-key point read when the referenced columns are
 * the primary key; referencing rows by scanning the referencing table.
 */
final class ForeignKeys {
    private final ConstraintAccess access;
    private final CascadeWriter writer;

    ForeignKeys(ConstraintAccess access, CascadeWriter writer) {
        this.access = access;
        this.writer = writer;
    }

    /** One queued piece of foreign-key work. */
    sealed interface Event {
        Constraint constraint();

        /** Whether a DEFERRABLE constraint may postpone it to COMMIT (only checks; actions never wait). */
        boolean deferrable();
    }

    /** Row {@code row} of the referencing table {@code child} must find its referenced row. */
    record ChildCheck(Constraint constraint, Table child, Object[] row) implements Event {
        @Override
        public boolean deferrable() {
            return true;
        }
    }

    /** Row {@code oldRow} of the referenced table was deleted ({@code newRow} null) or its key changed. */
    record ParentChange(Constraint constraint, Table parent, Object[] oldRow, Object[] newRow) implements Event {
        @Override
        public boolean deferrable() {
            return (newRow == null ? constraint.deleteAction() : constraint.updateAction()) == 'a';
        }
    }

    /** Whether any of {@code columns} differs between the two rows (NULL to NULL is no change). */
    static boolean keyChanged(Table table, List<String> columns, Object[] oldRow, Object[] newRow) {
        for (String c : columns) {
            int i = table.columnIndex(c);
            Object a = oldRow[i];
            Object b = newRow[i];
            if (a == null ? b != null : b == null || !a.equals(b) && Values.compare(a, b) != 0) {
                return true;
            }
        }
        return false;
    }

    void run(Transaction tx, Event e) {
        switch (e) {
            case ChildCheck c -> checkChild(tx, c.constraint(), c.child(), c.row());
            case ParentChange p -> parentChanged(tx, p);
        }
    }

    /** A deferred event at COMMIT: a check whose referencing row no longer holds the key has nothing left to check. */
    void runDeferred(Transaction tx, Event e) {
        tables.clear(); // DDL may have run since the statement that queued it
        if (e instanceof ChildCheck c) {
            Object[] key = values(c.child(), c.constraint().columns(), c.row());
            if (find(tx, c.child(), c.constraint().columns(), key).isEmpty()) {
                return;
            }
        }
        run(tx, e);
    }

    // ------------------------------------------------------------------ referencing side

    /** Checks that {@code row} of {@code child} references an existing row under {@code k} (23503 otherwise). */
    void checkChild(Transaction tx, Constraint k, Table child, Object[] row) {
        Object[] key = values(child, k.columns(), row);
        int nulls = 0;
        for (Object v : key) {
            nulls += v == null ? 1 : 0;
        }
        if (nulls == key.length || (nulls > 0 && k.matchType() != 'f')) {
            return; // MATCH SIMPLE: any NULL satisfies the constraint; MATCH FULL: all NULL does
        }
        if (nulls > 0) {
            throw new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + Catalog.bareName(child.name())
                    + "\" violates foreign key constraint \"" + k.name() + "\"", 0,
                    "MATCH FULL does not allow mixing of null and nonnull key values.", null, null);
        }
        Table parent = table(tx, k.refTableId());
        if (!lockReferenced(tx, parent, k.refColumns(), converted(key, child, k.columns(), parent, k.refColumns()))) {
            throw new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + Catalog.bareName(child.name())
                    + "\" violates foreign key constraint \"" + k.name() + "\"", 0,
                    "Key " + describe(child, k.columns(), key) + " is not present in table \"" + Catalog.bareName(parent.name())
                            + "\".", null, null);
        }
    }

    /**
     * Finds the row of {@code parent} whose {@code columns} equal {@code key} and locks it FOR KEY
     * SHARE; false when there is none (or it was deleted, or its key changed, while we waited).
     */
    private boolean lockReferenced(Transaction tx, Table parent, List<String> columns, Object[] key) {
        Relation rel = access.relation(parent);
        for (Version v : find(tx, parent, columns, key)) {
            Transaction.RowLock l = tx.lock(rel, v, LockMode.KEY_SHARE, WaitPolicy.BLOCK);
            switch (l.outcome()) {
                case LOCKED -> {
                    return true;
                }
                case CHANGED -> {
                    if (matches(parent, columns, access.decode(parent, l.current()), key)) {
                        return true;
                    }
                }
                default -> {
                    // deleted meanwhile: look at the next candidate, if any
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ referenced side

    private void parentChanged(Transaction tx, ParentChange p) {
        Constraint k = p.constraint();
        Object[] oldKey = values(p.parent(), k.refColumns(), p.oldRow());
        for (Object v : oldKey) {
            if (v == null) {
                return; // a key with a NULL is referenced by nothing
            }
        }
        boolean delete = p.newRow() == null;
        char action = delete ? k.deleteAction() : k.updateAction();
        Table child = table(tx, k.tableId());
        if (action == 'a' && !find(tx, p.parent(), k.refColumns(), oldKey).isEmpty()) {
            return; // NO ACTION: another row (or the same row again) has the key now
        }
        Object[] childKey = converted(oldKey, p.parent(), k.refColumns(), child, k.columns());
        List<Version> referencing = find(tx, child, k.columns(), childKey);
        if (tx.isolation().usesTransactionSnapshot()) {
            crossCheck(tx, k, p.parent(), child, oldKey, childKey, action == 'a' || action == 'r');
        }
        if (referencing.isEmpty()) {
            return;
        }
        switch (action) {
            case 'a', 'r' -> throw stillReferenced(k, p.parent(), child, oldKey);
            case 'c' -> {
                CascadeWriter.Batch batch = writer.open(tx, child);
                if (delete) {
                    forEachLocked(tx, child, k.columns(), childKey, referencing, LockMode.UPDATE, batch::delete);
                } else {
                    Object[] newKey = converted(values(p.parent(), k.refColumns(), p.newRow()), p.parent(), k.refColumns(),
                            child, k.columns());
                    forEachLocked(tx, child, k.columns(), childKey, referencing, LockMode.UPDATE,
                            (v, row) -> batch.update(v, row, assign(child, k.columns(), row, newKey)));
                }
                batch.finish();
            }
            case 'n', 'd' -> {
                List<String> set = delete && !k.setColumns().isEmpty() ? k.setColumns() : k.columns();
                Object[] values = new Object[set.size()];
                for (int i = 0; i < values.length; i++) {
                    Column c = child.column(child.columnIndex(set.get(i)));
                    values[i] = action == 'n' ? null : ConstraintAccess.defaultValue(c);
                }
                CascadeWriter.Batch batch = writer.open(tx, child);
                forEachLocked(tx, child, k.columns(), childKey, referencing, LockMode.UPDATE,
                        (v, row) -> batch.update(v, row, assign(child, set, row, values)));
                batch.finish();
                if (action == 'd' && find(tx, p.parent(), k.refColumns(), oldKey).isEmpty()
                        && !find(tx, child, k.columns(), childKey).isEmpty()) {
                    // the default is the deleted key itself: the rows still reference it (PostgreSQL re-runs NO ACTION)
                    throw stillReferenced(k, p.parent(), child, oldKey);
                }
            }
            default -> throw new IllegalStateException("referential action " + action);
        }
    }

    /**
     * REPEATABLE READ / SERIALIZABLE: referencing rows this transaction's snapshot cannot see
     * (committed by a transaction that held the referenced row FOR KEY SHARE while this one
     * waited for it). PostgreSQL looks for them with the latest snapshot: a NO ACTION / RESTRICT
     * check then reports the violation (23503), an action that would have to write them is a
     * serialization failure (40001).
     */
    private void crossCheck(Transaction tx, Constraint k, Table parent, Table child, Object[] parentKey, Object[] childKey,
                            boolean check) {
        Relation rel = access.relation(child);
        try (VersionScan s = tx.scanNewest(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                Version v = s.current();
                if (tx.isLive(v) && !tx.sees(v.xmin()) && matches(child, k.columns(), access.decode(child, v), childKey)) {
                    if (check) {
                        throw stillReferenced(k, parent, child, parentKey);
                    }
                    throw new SqlException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update", 0,
                            null, "The transaction might succeed if retried.", null);
                }
            }
        }
    }

    private interface RowAction {
        void apply(Version v, Object[] row);
    }

    /** Locks each referencing row and applies {@code action} to it while it still references {@code key}. */
    private void forEachLocked(Transaction tx, Table child, List<String> columns, Object[] key, List<Version> rows, LockMode mode,
                               RowAction action) {
        Relation rel = access.relation(child);
        for (Version v : rows) {
            Transaction.RowLock l = tx.lock(rel, v, mode, WaitPolicy.BLOCK);
            if (l.outcome() == Transaction.LockOutcome.LOCKED || l.outcome() == Transaction.LockOutcome.CHANGED) {
                Object[] row = access.decode(child, l.current());
                if (matches(child, columns, row, key)) {
                    action.apply(l.current(), row);
                }
            }
        }
    }

    static SqlException stillReferenced(Constraint k, Table parent, Table child, Object[] key) {
        return new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + Catalog.bareName(parent.name())
                + "\" violates foreign key constraint \"" + k.name() + "\" on table \"" + Catalog.bareName(child.name()) + "\"", 0,
                "Key " + describe(parent, k.refColumns(), key) + " is still referenced from table \""
                        + Catalog.bareName(child.name()) + "\".", null, null);
    }

    // ------------------------------------------------------------------ lookups

    /**
     * The versions of {@code table}'s rows whose {@code columns} equal {@code key} (values of
     * those columns' types): a point read when {@code columns} are the primary key, else through
     * an index whose leading columns they are, else a scan.
     */
    List<Version> find(Transaction tx, Table table, List<String> columns, Object[] key) {
        Relation rel = access.relation(table);
        List<Version> out = new ArrayList<>();
        Object[] probe = pkProbe(table, columns, key);
        if (probe == null) {
            List<Version> indexed = access.findByIndex(tx, table, columns, key);
            if (indexed != null) {
                for (Version v : indexed) {
                    if (matches(table, columns, access.decode(table, v), key)) {
                        out.add(v);
                    }
                }
                return out;
            }
        }
        if (probe != null) {
            Version v = tx.get(rel, RowCodec.encodeKey(table, probe, 0));
            if (v != null) {
                out.add(v);
            }
            return out;
        }
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                if (matches(table, columns, access.decode(table, s.current()), key)) {
                    out.add(s.current());
                }
            }
        }
        return out;
    }

    /** A row holding {@code key} at the primary-key columns when {@code columns} are exactly the key (same types), else null. */
    private static Object[] pkProbe(Table table, List<String> columns, Object[] key) {
        if (table.hasHiddenRowId() || table.primaryKeyLength() != columns.size()) {
            return null;
        }
        Object[] row = new Object[table.columns().size()];
        boolean[] seen = new boolean[row.length];
        for (int i = 0; i < columns.size(); i++) {
            int c = table.columnIndex(columns.get(i));
            if (c < 0 || !table.isPrimaryKeyColumn(c) || seen[c] || !sameJavaType(table, c, key[i])) {
                return null;
            }
            seen[c] = true;
            row[c] = key[i];
        }
        return row;
    }

    private static boolean sameJavaType(Table table, int column, Object value) {
        Object sample = switch (table.column(column).type()) {
            case INTEGER -> 0;
            case BIGINT -> 0L;
            case SMALLINT -> (short) 0;
            case TEXT, VARCHAR -> "";
            default -> null;
        };
        return sample != null && sample.getClass() == value.getClass();
    }

    private static boolean matches(Table table, List<String> columns, Object[] row, Object[] key) {
        for (int i = 0; i < columns.size(); i++) {
            Object v = row[table.columnIndex(columns.get(i))];
            if (v == null || key[i] == null || !(v.equals(key[i]) || Values.compare(v, key[i]) == 0)) {
                return false;
            }
        }
        return true;
    }

    static Object[] values(Table table, List<String> columns, Object[] row) {
        Object[] key = new Object[columns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[table.columnIndex(columns.get(i))];
        }
        return key;
    }

    /** {@code key}, values of {@code fromColumns} of {@code from}, as values of {@code toColumns} of {@code to}. */
    private static Object[] converted(Object[] key, Table from, List<String> fromColumns, Table to, List<String> toColumns) {
        Object[] out = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            var a = from.column(from.columnIndex(fromColumns.get(i))).type();
            var b = to.column(to.columnIndex(toColumns.get(i))).type();
            out[i] = key[i] == null || a == b ? key[i] : Values.cast(key[i], a, b);
        }
        return out;
    }

    /** A copy of {@code row} with {@code columns} set to {@code values} (converted to the columns' types). */
    private static Object[] assign(Table table, List<String> columns, Object[] row, Object[] values) {
        Object[] out = row.clone();
        for (int i = 0; i < columns.size(); i++) {
            int c = table.columnIndex(columns.get(i));
            out[c] = values[i];
        }
        return out;
    }

    /** {@code (a, b)=(1, x)} as in PostgreSQL's DETAIL lines. */
    static String describe(Table table, List<String> columns, Object[] key) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            cols.append(i > 0 ? ", " : "").append(columns.get(i));
            Column c = table.column(table.columnIndex(columns.get(i)));
            vals.append(i > 0 ? ", " : "").append(key[i] == null ? "null" : c.type().toText(key[i]));
        }
        return "(" + cols + ")=(" + vals + ")";
    }

    /** Tables by id, looked up once per statement (a statement's DDL cannot change under it). */
    private final java.util.Map<Integer, Table> tables = new java.util.HashMap<>();

    private Table table(Transaction tx, int id) {
        Table t = tables.computeIfAbsent(id, i -> access.catalog().tableById(tx, i));
        if (t == null) {
            throw new IllegalStateException("foreign key refers to table id " + id + ", which does not exist");
        }
        return t;
    }
}

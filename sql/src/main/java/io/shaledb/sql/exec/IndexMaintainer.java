package io.shaledb.sql.exec;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.sql.rows.Keys;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import io.shaledb.txn.Version;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps one table's secondary indexes in step with its rows: {@link RowWriter} calls it for every
 * row it inserts, updates or deletes, and CREATE INDEX calls it to build an index's entries.
 *
 * <pre>
 *   row ──► IndexKey.of(index) ──► predicate? ──► key values (columns / expressions)
 *                                                  │
 *            UNIQUE, no NULL key:  Transaction.insert(key)        (locks the key; a live entry = 23505)
 *            otherwise:            Transaction.insertUnlocked(key ‖ row key)   (the row lock covers it)
 *            DEFERRABLE UNIQUE:    insertUnlocked(key ‖ row key), and the key is rechecked at statement
 *                                  end or COMMIT ({@link io.shaledb.sql.constraint.UniqueRecheck})
 * </pre>
 *
 * An UPDATE touches an index only when the row's entry changes (key, stored values or predicate
 * result): otherwise the old entry already points at the row, whose newer version it reaches
 * through the row key (PostgreSQL's HOT update, for every index at once).
 */
final class IndexMaintainer {
    /**
     * One entry of a row: its key and payload, whether it must be unique at once, and for the
     * index of a DEFERRABLE constraint the bare index key to recheck later ({@code lateKey}, else null).
     */
    record Entry(IndexKey index, byte[] key, byte[] payload, boolean enforceUnique, Object[] keyValues, byte[] lateKey) {}

    private final List<IndexKey> indexes;
    /** Index storage id -> the DEFERRABLE constraint its uniqueness is checked for (indexes checked late only). */
    private final java.util.Map<Integer, io.shaledb.sql.catalog.Constraint> lateConstraints;
    /** The keys this statement wrote into late-checked indexes, for {@link #rechecks()}. */
    private final List<io.shaledb.sql.constraint.UniqueRecheck.Key> rechecks = new ArrayList<>();

    /** Whether a key space is still an index's (for checks queued until COMMIT). */
    private final java.util.function.BiPredicate<Transaction, Integer> current;
    /** The table's rows (a late check waits for a row's writer through its lock). */
    private final Relation heap;

    private IndexMaintainer(List<IndexKey> indexes, java.util.Map<Integer, io.shaledb.sql.catalog.Constraint> lateConstraints,
                            java.util.function.BiPredicate<Transaction, Integer> current, Relation heap) {
        this.indexes = indexes;
        this.lateConstraints = lateConstraints;
        this.current = current;
        this.heap = heap;
    }

    /** The maintained indexes of {@code table} as {@code tx} sees them (valid or being built). */
    static IndexMaintainer of(Executor executor, Transaction tx, Table table) {
        List<IndexKey> keys = new ArrayList<>();
        java.util.Map<Integer, io.shaledb.sql.catalog.Constraint> late = new java.util.HashMap<>();
        for (Index i : executor.catalog().indexes(tx, table.id())) {
            if (i.hasStorage()) {
                keys.add(executor.indexKey(table, i));
                if (i.checkedLate()) {
                    late.put(i.storageId(), constraintOf(executor.catalog(), tx, i));
                }
            }
        }
        int tableId = table.id();
        return new IndexMaintainer(keys, late,
                (t, storageId) -> executor.catalog().indexes(t, tableId).stream().anyMatch(i -> i.storageId() == storageId),
                late.isEmpty() ? null : executor.relation(table));
    }

    /** The UNIQUE constraint whose index {@code index} is (a DEFERRABLE one's index is always a constraint's). */
    static io.shaledb.sql.catalog.Constraint constraintOf(Catalog catalog, Transaction tx, Index index) {
        String name = Catalog.bareName(index.name());
        for (io.shaledb.sql.catalog.Constraint k : catalog.constraints(tx)) {
            if (k.tableId() == index.tableId() && k.type() == io.shaledb.sql.catalog.Constraint.UNIQUE && k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalStateException("index " + index.name() + " is not immediate but has no UNIQUE constraint");
    }

    /** The keys written into the indexes of DEFERRABLE constraints so far: checked at statement end or COMMIT. */
    List<io.shaledb.sql.constraint.UniqueRecheck.Key> rechecks() {
        return rechecks;
    }

    private void noteLate(Entry e) {
        if (e.lateKey() != null) {
            int storageId = e.index().index().storageId();
            rechecks.add(new io.shaledb.sql.constraint.UniqueRecheck.Key(lateConstraints.get(storageId), e.index().relation(),
                    e.lateKey(), Catalog.bareName(e.index().index().name()), e.index().describe(e.keyValues()), heap,
                    e.index().table().storageId(), t -> current.test(t, storageId)));
        }
    }

    boolean isEmpty() {
        return indexes.isEmpty();
    }

    List<IndexKey> unique() {
        return indexes.stream().filter(k -> k.index().unique()).toList();
    }

    /**
     * Adds the entries of a new row; returns the UNIQUE entries that collided with a live entry
     * when {@code deferConflicts} (the caller retries them at statement end), else throws 23505.
     */
    List<Entry> insert(Transaction tx, Object[] row, byte[] rowKey, boolean deferConflicts) {
        List<Entry> deferred = null;
        for (IndexKey k : indexes) {
            Entry e = k.entry(row, rowKey);
            if (e != null) {
                noteLate(e);
            }
            if (e != null && !add(tx, e, deferConflicts)) {
                if (deferred == null) {
                    deferred = new ArrayList<>();
                }
                deferred.add(e);
            }
        }
        return deferred == null ? List.of() : deferred;
    }

    /** Removes the entries of a deleted row. */
    void delete(Transaction tx, Object[] row, byte[] rowKey) {
        for (IndexKey k : indexes) {
            Entry e = k.entry(row, rowKey);
            if (e != null) {
                remove(tx, e);
            }
        }
    }

    /** Moves the entries of an updated row whose entry changed; conflicts as {@link #insert}. */
    List<Entry> update(Transaction tx, Object[] oldRow, byte[] oldKey, Object[] newRow, byte[] newKey, boolean deferConflicts) {
        List<Entry> deferred = null;
        for (IndexKey k : indexes) {
            Entry before = k.entry(oldRow, oldKey);
            Entry after = k.entry(newRow, newKey);
            if (before != null && after != null && Arrays.equals(before.key(), after.key())
                    && Arrays.equals(before.payload(), after.payload())) {
                continue; // the entry still says the same: nothing to do
            }
            if (before != null) {
                remove(tx, before);
            }
            if (after != null) {
                noteLate(after);
            }
            if (after != null && !add(tx, after, deferConflicts)) {
                if (deferred == null) {
                    deferred = new ArrayList<>();
                }
                deferred.add(after);
            }
        }
        return deferred == null ? List.of() : deferred;
    }

    /** Adds {@code e}; false when it collided and {@code deferConflicts} asked to be told rather than fail. */
    static boolean add(Transaction tx, Entry e, boolean deferConflicts) {
        if (!e.enforceUnique()) {
            tx.insertUnlocked(e.index().relation(), e.key(), e.payload());
            return true;
        }
        try {
            tx.insert(e.index().relation(), e.key(), e.payload());
            return true;
        } catch (TransactionException ex) {
            if (ex.kind() != TransactionException.Kind.DUPLICATE_KEY) {
                throw ex;
            }
            if (deferConflicts) {
                return false;
            }
            throw duplicate(e);
        }
    }

    private static void remove(Transaction tx, Entry e) {
        Relation rel = e.index().relation();
        Version v = tx.newestLive(rel, e.key());
        if (v == null) {
            return; // the entry of a row this statement inserted and a BEFORE trigger changed, or never built
        }
        if (e.enforceUnique()) {
            // A concurrent inserter of this key waits for our outcome, as PostgreSQL makes it wait.
            Transaction.RowLock l = tx.lock(rel, v, LockMode.UPDATE, WaitPolicy.BLOCK);
            v = l.current() != null ? l.current() : v;
        }
        if (v.xmax() != tx.xid() || v.xmaxIsLockOnly()) {
            tx.delete(rel, v);
        }
    }

    /** 23505 for an entry that collided, in PostgreSQL's words. */
    static SqlException duplicate(Entry e) {
        return new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + Catalog.bareName(e.index().index().name()) + "\"", 0, "Key " + e.index().describe(e.keyValues()) + " already exists.",
                null, null);
    }

    /**
     * One index bound to its table: how to compute a row's key values (columns and expressions),
     * its predicate, and the stored values' layout.
     */
    record IndexKey(Index index, Table table, Relation relation, Column[] keyColumns, SortOrder[] orders, int[] keySlots,
                    Bound[] keyExprs, Bound predicate, Column[] storedColumns, int[] includeSlots) {

        static IndexKey bind(Table table, Index index, Relation relation) {
            int n = index.columns().size();
            Column[] keyColumns = new Column[n];
            SortOrder[] orders = new SortOrder[n];
            int[] keySlots = new int[n];
            Bound[] keyExprs = new Bound[n];
            Binder.Scope scope = new Binder.Scope(table, new Statement.TableRef(table.name(), null, 0));
            for (int i = 0; i < n; i++) {
                Index.Key k = index.columns().get(i);
                orders[i] = new SortOrder(k.descending(), k.nullsFirst());
                if (k.isExpression()) {
                    keySlots[i] = -1;
                    keyExprs[i] = new Binder(scope, "index expression").bind(Parser.parseExpression(k.expression()));
                    keyColumns[i] = new Column(k.expression(), keyExprs[i].type(), -1, false);
                } else {
                    keySlots[i] = table.columnIndex(k.column());
                    if (keySlots[i] < 0) {
                        throw new IllegalStateException("index " + index.name() + " names missing column " + k.column());
                    }
                    keyColumns[i] = table.column(keySlots[i]);
                }
            }
            Bound predicate = index.predicate() == null ? null
                    : new Binder(scope, "index predicate").bindCondition(Parser.parseExpression(index.predicate()), "WHERE");
            int[] includeSlots = index.include().stream().mapToInt(table::columnIndex).toArray();
            Column[] stored = new Column[n + includeSlots.length];
            System.arraycopy(keyColumns, 0, stored, 0, n);
            for (int i = 0; i < includeSlots.length; i++) {
                stored[n + i] = table.column(includeSlots[i]);
            }
            return new IndexKey(index, table, relation, keyColumns, orders, keySlots, keyExprs, predicate, stored, includeSlots);
        }

        /** The entry of {@code row} (stored under {@code rowKey}), or null when a partial index leaves it out. */
        Entry entry(Object[] row, byte[] rowKey) {
            Object[] r = row.length >= table.columns().size() + Executor.SYSTEM_COLUMNS
                    ? row : Arrays.copyOf(row, table.columns().size() + Executor.SYSTEM_COLUMNS);
            if (predicate != null && !Boolean.TRUE.equals(predicate.eval(r))) {
                return null;
            }
            int n = keyColumns.length;
            Object[] stored = new Object[storedColumns.length];
            boolean hasNull = false;
            for (int i = 0; i < n; i++) {
                stored[i] = keySlots[i] >= 0 ? r[keySlots[i]] : keyExprs[i].eval(r);
                hasNull |= stored[i] == null;
            }
            for (int i = 0; i < includeSlots.length; i++) {
                stored[n + i] = r[includeSlots[i]];
            }
            Object[] keyValues = Arrays.copyOf(stored, n);
            boolean unique = index.unique() && !hasNull && index.immediate();
            byte[] key = IndexEntries.key(index.storageId(), keyColumns, orders, keyValues, rowKey, !unique);
            byte[] lateKey = index.checkedLate() && !hasNull
                    ? IndexEntries.key(index.storageId(), keyColumns, orders, keyValues, rowKey, false) : null;
            return new Entry(this, key, IndexEntries.payload(rowKey, storedColumns, stored), unique, keyValues, lateKey);
        }

        /** {@code (a, lower(b))=(1, x)} as PostgreSQL's DETAIL shows a key. */
        String describe(Object[] keyValues) {
            StringBuilder cols = new StringBuilder();
            StringBuilder vals = new StringBuilder();
            for (int i = 0; i < keyValues.length; i++) {
                Index.Key k = index.columns().get(i);
                cols.append(i > 0 ? ", " : "").append(k.isExpression() ? k.expression() : k.column());
                vals.append(i > 0 ? ", " : "").append(keyValues[i] == null ? "null" : keyColumns[i].type().toText(keyValues[i]));
            }
            return "(" + cols + ")=(" + vals + ")";
        }

        /** The row key an entry's payload points at. */
        byte[] rowKey(byte[] payload) {
            return IndexEntries.rowKey(payload, table.storageId());
        }
    }

    /** The key space of an index's entries, as a transactional relation (in its table's engine). */
    static byte[] prefix(Index index) {
        return Keys.tablePrefix(index.storageId());
    }
}

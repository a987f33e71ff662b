package io.shaledb.sql.exec;

import io.shaledb.sql.Engines;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Runs one statement at a time against the engine.
 *
 * <p><b>Atomicity.</b> A statement collects all its writes (rows and catalog entries) in one
 * {@link WriteBatch} and applies it only after every row passed its checks, so a failing
 * statement writes nothing. <b>Concurrency.</b> A database-wide read-write lock: SELECT holds the
 * read side (many at once), every other statement the write side. This is the walking-skeleton
 * isolation story; row-level MVCC replaces it with the txn module.
 */
public final class Executor {
    private final Engines engines;
    private final Catalog catalog;
    private final ReadWriteLock lock;

    public Executor(Engines engines, Catalog catalog, ReadWriteLock lock) {
        this.engines = engines;
        this.catalog = catalog;
        this.lock = lock;
    }

    public void execute(Statement statement, ResultSink sink) {
        Lock l = statement instanceof Statement.Select ? lock.readLock() : lock.writeLock();
        l.lock();
        try {
            switch (statement) {
                case Statement.Select s -> select(s, sink);
                case Statement.CreateTable c -> createTable(c, sink);
                case Statement.DropTable d -> dropTable(d, sink);
                case Statement.Insert i -> insert(i, sink);
                case Statement.Update u -> update(u, sink);
                case Statement.Delete d -> delete(d, sink);
                case Statement.SessionStatement ss ->
                        throw new IllegalStateException("session statements are run by the session, not the executor: " + ss);
                case Statement.TransactionStatement ts ->
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "transaction statements are not yet supported");
                case Statement.Vacuum v -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM is not yet supported");
            }
        } finally {
            l.unlock();
        }
    }

    private StorageEngine engineOf(Table table) {
        return engines.forName(table.engine());
    }

    private Table lookup(Statement.TableRef ref) {
        Table t = catalog.table(ref.name());
        if (t == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + ref.name() + "\" does not exist", ref.pos() + 1);
        }
        return t;
    }

    // ------------------------------------------------------------------ SELECT

    private void select(Statement.Select s, ResultSink sink) {
        SelectExecutor plan;
        Table view = s.from() == null || catalog.table(s.from().name()) != null ? null : SystemViews.lookup(s.from().name());
        if (s.from() == null) {
            plan = new SelectExecutor(null, s, null);
        } else if (view != null) {
            List<Object[]> rows = SystemViews.rows(view, catalog);
            plan = new SelectExecutor(view, s, visitor -> {
                for (Object[] row : rows) {
                    if (!visitor.test(row)) {
                        return;
                    }
                }
            });
        } else {
            Table table = lookup(s.from());
            StorageEngine engine = engineOf(table);
            plan = new SelectExecutor(table, s, visitor -> TableScan.scan(engine, table, (key, row) -> visitor.test(row)));
        }
        plan.plan();
        long n = plan.run(sink);
        sink.complete("SELECT " + n);
    }

    // ------------------------------------------------------------------ DDL

    private void createTable(Statement.CreateTable c, ResultSink sink) {
        String name = c.name().name();
        if (catalog.table(name) != null) {
            if (c.ifNotExists()) {
                sink.complete("CREATE TABLE"); // PostgreSQL adds a NOTICE: relation already exists, skipping
                return;
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Statement.ColumnDef cd : c.columns()) {
            if (!names.add(cd.name().name())) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + cd.name().name() + "\" specified more than once");
            }
            Types.Resolved type = Types.resolve(cd.type());
            columns.add(new Column(cd.name().name(), type.type(), type.maxLength(), cd.notNull()));
        }
        int[] pk = new int[c.primaryKey().size()];
        for (int i = 0; i < pk.length; i++) {
            Ident k = c.primaryKey().get(i);
            int idx = -1;
            for (int j = 0; j < columns.size(); j++) {
                if (columns.get(j).name().equals(k.name())) {
                    idx = j;
                }
            }
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + k.name() + "\" named in key does not exist",
                        c.primaryKeyPos() + 1);
            }
            for (int j = 0; j < i; j++) {
                if (pk[j] == idx) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + k.name()
                            + "\" appears twice in primary key constraint", c.primaryKeyPos() + 1);
                }
            }
            pk[i] = idx;
            Column col = columns.get(idx);
            columns.set(idx, new Column(col.name(), col.type(), col.maxLength(), true));
        }
        String engineName = engines.defaultName();
        if (c.using() != null) {
            engineName = c.using().name();
            if (engines.get(engineName) == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "access method \"" + engineName + "\" does not exist",
                        c.using().pos() + 1, null, "Available: " + String.join(", ", new java.util.TreeSet<>(engines.all().keySet())) + ".", null);
            }
        }
        Table table = catalog.define(name, columns, pk, engineName);
        WriteBatch batch = new WriteBatch();
        catalog.writeCreate(table, batch);
        engines.catalogEngine().apply(batch);
        catalog.installCreated(table);
        sink.complete("CREATE TABLE");
    }

    private void dropTable(Statement.DropTable d, ResultSink sink) {
        List<Table> doomed = new ArrayList<>();
        for (Ident name : d.names()) {
            Table t = catalog.table(name.name());
            if (t == null) {
                if (d.ifExists()) {
                    continue; // PostgreSQL adds a NOTICE: table does not exist, skipping
                }
                throw new SqlException(SqlState.UNDEFINED_TABLE, "table \"" + name.name() + "\" does not exist");
            }
            if (!doomed.contains(t)) {
                doomed.add(t);
            }
        }
        // The descriptors go first, in one batch: after that the tables are gone for every reader. Rows
        // in the catalog's own engine go in the same batch; rows in other engines follow, and a crash
        // between the two leaves only unreachable rows (table ids are never reused).
        StorageEngine system = engines.catalogEngine();
        WriteBatch batch = new WriteBatch();
        for (Table t : doomed) {
            catalog.writeDrop(t, batch);
            if (engineOf(t) == system) {
                Catalog.writeDeleteRows(t, system, batch);
            }
        }
        system.apply(batch);
        doomed.forEach(catalog::installDropped);
        for (Table t : doomed) {
            StorageEngine e = engineOf(t);
            if (e != system) {
                WriteBatch rows = new WriteBatch();
                Catalog.writeDeleteRows(t, e, rows);
                e.apply(rows);
            }
        }
        sink.complete("DROP TABLE");
    }

    // ------------------------------------------------------------------ INSERT

    private void insert(Statement.Insert ins, ResultSink sink) {
        Table table = lookup(ins.table());
        StorageEngine engine = engineOf(table);
        List<Integer> targets = new ArrayList<>();
        if (ins.columns() == null) {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
        } else {
            for (Ident col : ins.columns()) {
                int idx = table.columnIndex(col.name());
                if (idx < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\" of relation \""
                            + table.name() + "\" does not exist", col.pos() + 1);
                }
                if (targets.contains(idx)) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name() + "\" specified more than once",
                            col.pos() + 1);
                }
                targets.add(idx);
            }
        }
        // Bind every VALUES row first: all type errors surface before anything is evaluated.
        Binder binder = new Binder(Binder.Scope.EMPTY, "VALUES");
        List<Bound[]> rows = new ArrayList<>();
        for (List<Expr> values : ins.rows()) {
            if (values.size() > targets.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                        values.get(targets.size()).pos() + 1);
            }
            if (values.size() < targets.size() && ins.columns() != null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        ins.columns().get(values.size()).pos() + 1);
            }
            Bound[] row = new Bound[table.columns().size()];
            for (int i = 0; i < values.size(); i++) {
                Expr e = values.get(i);
                int col = targets.get(i);
                row[col] = e instanceof Expr.Default ? null : binder.bindAssignment(e, table.column(col));
            }
            rows.add(row);
        }
        WriteBatch batch = new WriteBatch();
        Set<ByteBuffer> pending = new HashSet<>();
        for (Bound[] boundRow : rows) {
            Object[] row = new Object[boundRow.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = boundRow[i] == null ? null : boundRow[i].eval(new Object[0]);
            }
            checkNotNull(table, row);
            byte[] key = RowCodec.encodeKey(table, row, table.hasHiddenRowId() ? table.nextRowId() : 0);
            if (!table.hasHiddenRowId() && (!pending.add(ByteBuffer.wrap(key)) || engine.get(key) != null)) {
                throw duplicateKey(table, row);
            }
            batch.put(key, RowCodec.encodeValue(table, row));
        }
        engine.apply(batch);
        sink.complete("INSERT 0 " + rows.size());
    }

    // ------------------------------------------------------------------ UPDATE / DELETE

    private void update(Statement.Update u, ResultSink sink) {
        Table table = lookup(u.table());
        StorageEngine engine = engineOf(table);
        Binder.Scope scope = new Binder.Scope(table, u.table());
        Binder binder = new Binder(scope, "UPDATE");
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
            assignments[idx] = a.value() instanceof Expr.Default
                    ? new Bound.Const(null, table.column(idx).type())
                    : binder.bindAssignment(a.value(), table.column(idx));
            keyChanges |= table.isPrimaryKeyColumn(idx);
        }
        Bound where = u.where() == null ? null : new Binder(scope, "WHERE").bindCondition(u.where(), "WHERE");

        // Read every matching row before writing anything (no Halloween problem), then check keys.
        List<byte[]> oldKeys = new ArrayList<>();
        List<Object[]> newRows = new ArrayList<>();
        TableScan.scan(engine, table, (key, row) -> {
            if (where == null || Boolean.TRUE.equals(where.eval(row))) {
                Object[] updated = row.clone();
                for (int i = 0; i < assignments.length; i++) {
                    if (assignments[i] != null) {
                        updated[i] = assignments[i].eval(row);
                    }
                }
                checkNotNull(table, updated);
                oldKeys.add(key);
                newRows.add(updated);
            }
            return true;
        });
        WriteBatch batch = new WriteBatch();
        if (keyChanges) {
            // Unique checks happen at statement end (like a deferred constraint), so
            // "SET id = id + 1" succeeds whatever order the rows are visited in.
            Set<ByteBuffer> vacated = new HashSet<>();
            oldKeys.forEach(k -> vacated.add(ByteBuffer.wrap(k)));
            Set<ByteBuffer> taken = new LinkedHashSet<>();
            for (byte[] k : oldKeys) {
                batch.delete(k);
            }
            for (Object[] row : newRows) {
                byte[] key = RowCodec.encodeKey(table, row, 0);
                ByteBuffer kb = ByteBuffer.wrap(key);
                if (!taken.add(kb) || (!vacated.contains(kb) && engine.get(key) != null)) {
                    throw duplicateKey(table, row);
                }
                batch.put(key, RowCodec.encodeValue(table, row));
            }
        } else {
            for (int i = 0; i < oldKeys.size(); i++) {
                batch.put(oldKeys.get(i), RowCodec.encodeValue(table, newRows.get(i)));
            }
        }
        engine.apply(batch);
        sink.complete("UPDATE " + newRows.size());
    }

    private void delete(Statement.Delete d, ResultSink sink) {
        Table table = lookup(d.table());
        StorageEngine engine = engineOf(table);
        Binder.Scope scope = new Binder.Scope(table, d.table());
        Bound where = d.where() == null ? null : new Binder(scope, "WHERE").bindCondition(d.where(), "WHERE");
        WriteBatch batch = new WriteBatch();
        TableScan.scan(engine, table, (key, row) -> {
            if (where == null || Boolean.TRUE.equals(where.eval(row))) {
                batch.delete(key);
            }
            return true;
        });
        engine.apply(batch);
        sink.complete("DELETE " + batch.size());
    }

    // ------------------------------------------------------------------ constraint errors

    private static void checkNotNull(Table table, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Column c = table.column(i);
            if (row[i] == null && c.notNull()) {
                throw new SqlException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name() + "\" of relation \""
                        + table.name() + "\" violates not-null constraint", 0, "Failing row contains " + rowText(table, row) + ".",
                        null, null);
            }
        }
    }

    private static SqlException duplicateKey(Table table, Object[] row) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < table.primaryKeyLength(); i++) {
            int c = table.primaryKeyColumn(i);
            cols.append(i > 0 ? ", " : "").append(table.column(c).name());
            vals.append(i > 0 ? ", " : "").append(table.column(c).type().toText(row[c]));
        }
        return new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + table.primaryKeyName() + "\"", 0, "Key (" + cols + ")=(" + vals + ") already exists.", null, null);
    }

    /** A row as PostgreSQL prints it in "Failing row contains (...)". */
    private static String rowText(Table table, Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            sb.append(i > 0 ? ", " : "").append(row[i] == null ? "null" : table.column(i).type().toText(row[i]));
        }
        return sb.append(')').toString();
    }
}

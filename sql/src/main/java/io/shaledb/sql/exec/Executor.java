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
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one statement inside a transaction.
 *
 * <p><b>Rows are versions.</b> Reads go through {@link Transaction#scan}, which returns the one
 * version of each row the statement's snapshot sees; writes lock the row, check it is still the
 * version the statement saw (READ COMMITTED re-checks the WHERE clause on the newest version, as
 * PostgreSQL does; REPEATABLE READ and SERIALIZABLE fail with 40001), then write new versions.
 * Every row carries the system columns {@code xmin} and {@code xmax} after its own columns.
 *
 * <p><b>Atomicity.</b> A failing statement leaves its transaction to be rolled back by the
 * session (the whole implicit transaction, or the explicit block, which enters the failed state).
 *
 * <p><b>DDL</b> runs in the session's transaction like any other statement ({@link DdlExecutor}):
 * the catalog keeps it private to the transaction until commit. A statement that writes a table
 * first takes the shared lock on its catalog row, so DDL on the table waits for it and it waits
 * for uncommitted DDL.
 */
public final class Executor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Executor.class);
    /** System columns after a table's own: xmin, xmax. */
    static final int SYSTEM_COLUMNS = 2;

    private final Engines engines;
    private final Catalog catalog;
    private final TransactionManager txns;
    private final DdlExecutor ddl;
    private final ViewExecutor views;
    private final SchemaExecutor schemas;
    private final Map<Integer, Relation> relations = new ConcurrentHashMap<>();
    private final Supplier<Collection<Session>> sessions;
    private final CopyExecutor copy = new CopyExecutor(this);
    private final io.shaledb.sql.exec.progress.IndexBuildProgress.Registry indexBuilds =
            new io.shaledb.sql.exec.progress.IndexBuildProgress.Registry();
    private final io.shaledb.sql.stats.Statistics statistics;
    private final ConstraintAccess constraintAccess;
    private final io.shaledb.sql.constraint.ConstraintDdl constraintDdl;
    private final Routines routines;
    /** Where sorts and hash tables spill; null until the database names its data directory. */
    private volatile io.shaledb.sql.exec.spill.TempFiles tempFiles;

    /**
     * An executor over {@code catalog}; {@code routines} makes the procedural layer (functions and
     * triggers) for it, called once here (the executor is not fully built yet).
     */
    public Executor(Engines engines, Catalog catalog, TransactionManager txns, Supplier<Collection<Session>> sessions,
                    java.util.function.Function<Executor, Routines> routines) {
        this.routines = routines.apply(this);
        this.engines = engines;
        this.catalog = catalog;
        this.txns = txns;
        this.sessions = sessions;
        this.views = new ViewExecutor(this, catalog);
        this.schemas = new SchemaExecutor(this, catalog);
        this.ddl = new DdlExecutor(engines, catalog, this);
        this.statistics = new io.shaledb.sql.stats.Statistics(catalog, txns, engines.catalogEngine(), this::relation);
        catalog.onDrop(statistics::dropped);
        this.constraintAccess = new ConstraintAccess(this);
        this.constraintDdl = new io.shaledb.sql.constraint.ConstraintDdl(constraintAccess);
        catalog.onStorageForgotten(storageId -> {
            relations.remove(storageId);
            txns.forget(storageId);
        });
        ddl.buildLegacyIndexes(txns);
    }

    public TransactionManager transactions() {
        return txns;
    }

    /** The procedural layer: user functions, triggers, notices. */
    public Routines routines() {
        return routines;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The CREATE INDEX builds running now (pg_stat_progress_create_index). */
    public io.shaledb.sql.exec.progress.IndexBuildProgress.Registry indexBuilds() {
        return indexBuilds;
    }

    /** Table and column statistics: ANALYZE, autoanalyze, and the planner's selectivity estimates. */
    public io.shaledb.sql.stats.Statistics statistics() {
        return statistics;
    }

    /** Constraint DDL (CREATE / ALTER / DROP TABLE's constraint work). */
    io.shaledb.sql.constraint.ConstraintDdl constraintDdl() {
        return constraintDdl;
    }

    /** Referential actions write the referencing rows through a {@link RowWriter} of their own. */
    io.shaledb.sql.constraint.CascadeWriter cascadeWriter() {
        return (tx, table) -> {
            catalog.lockForWrite(tx, table);
            RowWriter w = new RowWriter(this, tx, table, 0); // row triggers fire on cascaded rows; no statement triggers
            return new io.shaledb.sql.constraint.CascadeWriter.Batch() {
                @Override
                public void update(Version base, Object[] oldRow, Object[] newRow) {
                    w.update(base, oldRow, newRow);
                }

                @Override
                public void delete(Version base, Object[] oldRow) {
                    w.delete(base, oldRow);
                }

                @Override
                public void finish() {
                    w.finish();
                }
            };
        };
    }

    /** What the constraint package reads through (relations, row decoding, CHECK binding). */
    ConstraintAccess constraintAccess() {
        return constraintAccess;
    }

    public void execute(Statement statement, Transaction tx, ResultSink sink) {
        io.shaledb.sql.privileges.StatementChecks.before(catalog, statement, tx);
        switch (statement) {
            case Statement.Select s -> select(s, tx, sink);
            case Statement.QueryStatement q -> query(q.query(), tx, sink);
            case Statement.CreateView c -> views.create(c, tx, sink);
            case Statement.DropView d -> views.drop(d, tx, sink);
            case Statement.CreateSchema c -> schemas.create(c, tx, sink);
            case Statement.DropSchema d -> schemas.drop(d, tx, sink);
            case Statement.RenameSchema r -> schemas.rename(r, tx, sink);
            case Statement.CreateTable c -> ddl.execute(c, tx, sink);
            case Statement.DropTable d -> ddl.execute(d, tx, sink);
            case Statement.AlterTable a -> ddl.execute(a, tx, sink);
            case Statement.Truncate t -> ddl.execute(t, tx, sink);
            case Statement.CreateSequence c -> ddl.execute(c, tx, sink);
            case Statement.DropSequence d -> ddl.execute(d, tx, sink);
            case Statement.CreateIndex c -> ddl.execute(c, tx, sink);
            case Statement.DropIndex d -> ddl.execute(d, tx, sink);
            case Statement.Reindex r -> ddl.execute(r, tx, sink);
            case Statement.Insert i -> insert(i, tx, sink);
            case Statement.InsertOverriding o -> insert(o.insert(), tx, sink, o.system() ? 's' : 'u');
            case Statement.Update u -> update(u, tx, sink);
            case Statement.Delete d -> delete(d, tx, sink);
            case Statement.Copy c -> copy.execute(c, tx, sink);
            case Statement.Explain e -> new ExplainExecutor(this).execute(e, tx, sink);
            case Statement.SetConstraints sc -> {
                constraintDdl.setConstraints(tx, sc.names(), sc.deferred());
                sink.complete("SET CONSTRAINTS");
            }
            case Statement.CreateFunction c -> routines.execute(c, tx, sink);
            case Statement.DropFunction d -> routines.execute(d, tx, sink);
            case Statement.CreateTrigger c -> routines.execute(c, tx, sink);
            case Statement.DropTrigger d -> routines.execute(d, tx, sink);
            case Statement.EnableTrigger e -> routines.execute(e, tx, sink);
            case Statement.RoleStatement rs ->
                    throw new IllegalStateException("role statements are run by the session, not the executor: " + rs);
            case Statement.PrivilegeStatement ps ->
                    throw new IllegalStateException("privilege statements are run by the session, not the executor: " + ps);
            case Statement.SessionStatement ss ->
                    throw new IllegalStateException("session statements are run by the session, not the executor: " + ss);
            case Statement.TransactionStatement ts ->
                    throw new IllegalStateException("transaction control is run by the session, not the executor: " + ts);
            case Statement.Vacuum v -> throw new IllegalStateException("VACUUM runs outside transactions: " + v);
            case Statement.Analyze a -> statistics.analyze(a, tx, sink, io.shaledb.sql.stats.Statistics.DEFAULT_TARGET);
        }
        io.shaledb.sql.privileges.StatementChecks.after(catalog, statement, tx);
    }

    /** VACUUM [table, ...]: removes the versions no snapshot can see from each table (all when none named). */
    public void vacuum(Statement.Vacuum v, ResultSink sink) {
        List<Table> tables = new ArrayList<>();
        if (v.tables().isEmpty()) {
            tables.addAll(catalog.tables());
        }
        for (Statement.VacuumTarget target : v.tables()) {
            if (target.schema() != null && !catalog.schemaExists(null, target.schema().name())) {
                throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + target.schema().name() + "\" does not exist");
            }
            String written = target.schema() == null ? target.table().name() : target.schema().name() + "." + target.table().name();
            Table t = catalog.table(catalog.resolve(null, written));
            if (t == null) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + target.table().name() + "\" does not exist");
            }
            for (Ident column : target.columns()) {
                if (t.columnIndex(column.name()) < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column.name() + "\" of relation \""
                            + Catalog.bareName(t.name()) + "\" does not exist");
                }
            }
            tables.add(t);
        }
        for (Table t : tables) {
            io.shaledb.txn.VacuumStats stats = txns.vacuum(relation(t));
            LOG.debug("vacuum: {}", stats);
            for (Index i : catalog.indexes(null, t.id())) {
                if (i.hasStorage()) {
                    LOG.debug("vacuum of index {}: {}", i.name(), txns.vacuum(relation(t, i)));
                }
            }
            statistics.vacuumed(t);
        }
        sink.complete("VACUUM");
    }

    /** The transactional view of {@code table}'s rows. */
    Relation relation(Table table) {
        return relations.computeIfAbsent(table.storageId(),
                id -> new Relation(id, table.name(), engineOf(table), Keys.tablePrefix(id)));
    }

    private final Map<Integer, IndexMaintainer.IndexKey> indexKeys = new ConcurrentHashMap<>();

    /** The transactional view of {@code index}'s entries (in its table's engine). */
    Relation relation(Table table, Index index) {
        return relations.computeIfAbsent(index.storageId(),
                id -> new Relation(id, index.name(), engineOf(table), IndexMaintainer.prefix(index)));
    }

    /** {@code index} bound to {@code table} (cached until either changes). */
    IndexMaintainer.IndexKey indexKey(Table table, Index index) {
        IndexMaintainer.IndexKey k = indexKeys.get(index.id());
        if (k == null || k.table() != table || !k.index().equals(index)) {
            if (indexKeys.size() > 4096) {
                indexKeys.clear();
            }
            k = IndexMaintainer.IndexKey.bind(table, index, relation(table, index));
            indexKeys.put(index.id(), k);
        }
        return k;
    }

    /** A locked row for messages, e.g. {@code row (id)=(1) of relation "t"}. */
    public String describeRow(int relationId, byte[] key) {
        Table t = catalog.byStorageId(relationId);
        if (t != null) {
            return "row " + RowCodec.describeKey(t, key) + " of relation \"" + Catalog.bareName(t.name()) + "\"";
        }
        return relationId == Catalog.RELATION_ID ? "catalog entry of a relation" : "row of relation " + relationId;
    }

    /** Decodes a version into a row with its system columns. */
    static Object[] decode(Table table, Version v) {
        return decode(table, v, null);
    }

    /** Decodes only the columns {@code wanted} marks (null: all) into a row with its system columns; the rest are NULL. */
    static Object[] decode(Table table, Version v, boolean[] wanted) {
        Object[] row = RowCodec.decode(table, v.userKey(), v.payload(), SYSTEM_COLUMNS, wanted);
        int n = table.columns().size();
        row[n] = v.xmin();
        row[n + 1] = v.xmax();
        return row;
    }

    /**
     * Feeds each visible row of {@code table} that {@code where} may match, with its version,
     * until {@code visitor} returns false: one keyed read when {@code where} pins the primary key,
     * else a scan of the table. The caller still evaluates {@code where}.
     */
    private void scan(Transaction tx, Table table, Bound where, RowVisitor visitor) {
        Relation rel = relation(table);
        byte[] key = PointLookup.key(table, where);
        if (key != null) {
            Version v = tx.get(rel, key);
            if (v != null) {
                visitor.visit(v, decode(table, v));
            }
            return;
        }
        if (AccessPlanning.scanByIndex(this, tx, table, where, (v, row) -> visitor.visit(v, row))) {
            return; // WHERE has an index condition cheaper than reading the table
        }
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                Version v = s.current();
                if (!visitor.visit(v, decode(table, v))) {
                    return;
                }
            }
        }
    }

    private interface RowVisitor {
        boolean visit(Version version, Object[] row);
    }

    private StorageEngine engineOf(Table table) {
        return engines.forName(table.engine());
    }

    Table lookup(Statement.TableRef ref) {
        Transaction tx = StatementContext.transaction();
        Table t = catalog.table(tx, catalog.resolve(tx, ref.name()));
        if (t == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + ref.name() + "\" does not exist", ref.pos() + 1);
        }
        return t;
    }

    /**
     * A table this statement will write: takes the shared lock on its catalog entry (waiting for
     * uncommitted DDL on it, and making later DDL wait), then looks it up again, as it is now.
     */
    Table lookupForWrite(Statement.TableRef ref, Transaction tx) {
        Table t = lookup(ref);
        if (!tx.readOnly()) {
            catalog.lockForWrite(tx, t);
            t = lookup(ref);
        }
        return t;
    }

    // ------------------------------------------------------------------ SELECT

    private void select(Statement.Select s, Transaction tx, ResultSink sink) {
        if (s.locking().isEmpty() || (s.from() == null && !s.fromList().isEmpty())) {
            query(s, tx, sink); // the locking SELECT of one table (or none) still runs on SelectExecutor
            return;
        }
        SelectExecutor plan;
        Table view = s.from() == null || catalog.table(tx, catalog.resolve(tx, s.from().name())) != null ? null
                : SystemViews.lookup(Catalog.bareName(s.from().name()));
        if (s.from() == null) {
            plan = new SelectExecutor(null, s, null, new QueryPlanner(this, tx));
        } else if (view != null) {
            List<Object[]> rows = SystemViews.rows(view, new SystemViews.Sources(catalog, txns, sessions.get(), statistics, indexBuilds));
            plan = new SelectExecutor(view, s, visitor -> {
                for (Object[] row : rows) {
                    if (!visitor.test(row)) {
                        return;
                    }
                }
            });
        } else {
            Table table = lookup(s.from());
            io.shaledb.sql.privileges.AccessControl.requireTable(table, s.locking().isEmpty()
                    ? io.shaledb.sql.privileges.Privilege.SELECT
                    : io.shaledb.sql.privileges.Privilege.SELECT | io.shaledb.sql.privileges.Privilege.UPDATE);
            SelectExecutor[] self = new SelectExecutor[1];
            Statement.LockingClause locking = s.locking().isEmpty() ? null : s.locking().getFirst();
            if (locking == null) {
                plan = new SelectExecutor(table, s, visitor -> scan(tx, table, self[0].where(), (v, row) -> visitor.test(row)),
                        new QueryPlanner(this, tx));
            } else {
                plan = new SelectExecutor(table, s, visitor -> lockingScan(tx, table, self[0].where(), locking, visitor),
                        new QueryPlanner(this, tx));
            }
            self[0] = plan;
        }
        plan.plan();
        if (!s.locking().isEmpty() && tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute SELECT " + s.locking().getFirst().strength().sql()
                    + " in a read-only transaction");
        }
        long n = plan.run(sink);
        sink.complete("SELECT " + n);
    }

    /**
     * Plans and runs a query with the query engine ({@link QueryPlanner}), streaming its rows to
     * {@code sink}. The entry point for everything but the single-table locking SELECT.
     */
    private void query(io.shaledb.sql.ast.Query q, Transaction tx, ResultSink sink) {
        QueryPlanner.Planned plan = planQuery(q, tx);
        sink.columns(List.copyOf(plan.columns()));
        long n = 0;
        plan.root().open();
        try {
            for (Object[] row = plan.root().next(); row != null; row = plan.root().next()) {
                sink.row(row);
                n++;
            }
        } finally {
            plan.root().close();
        }
        sink.complete("SELECT " + n);
    }

    /** Where operators spill: the data directory's temporary directory, or the process's fallback one. */
    public io.shaledb.sql.exec.spill.TempFiles tempFiles() {
        io.shaledb.sql.exec.spill.TempFiles t = tempFiles;
        return t != null ? t : io.shaledb.sql.exec.spill.TempFiles.fallback();
    }

    /** Sets the temporary directory (the database does, once, when it has a data directory). */
    public void tempFiles(io.shaledb.sql.exec.spill.TempFiles files) {
        this.tempFiles = files;
    }

    /**
     * Plans {@code q} in {@code tx} without running it: all name, type and constant errors surface
     * here. Open the returned root to run it (again: open re-runs). For INSERT ... SELECT and the
     * like.
     */
    QueryPlanner.Planned planQuery(io.shaledb.sql.ast.Query q, Transaction tx) {
        return new QueryPlanner(this, tx).plan(q);
    }

    /** CREATE / DROP VIEW and the dependency rules of views. */
    ViewExecutor views() {
        return views;
    }

    /** The rows of a system view as of now. */
    List<Object[]> systemViewRows(Table view) {
        return SystemViews.rows(view, new SystemViews.Sources(catalog, txns, sessions.get(), statistics, indexBuilds));
    }

    /**
     * SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE: each row that passes WHERE is
     * locked before it is returned (so LIMIT counts locked rows, and SKIP LOCKED rows not at all).
     * At READ COMMITTED a row changed meanwhile is re-checked in its newest version, as for UPDATE.
     */
    private void lockingScan(Transaction tx, Table table, Bound where, Statement.LockingClause clause,
                             java.util.function.Predicate<Object[]> visitor) {
        Relation rel = relation(table);
        LockMode mode = switch (clause.strength()) {
            case UPDATE -> LockMode.UPDATE;
            case NO_KEY_UPDATE -> LockMode.NO_KEY_UPDATE;
            case SHARE -> LockMode.SHARE;
            case KEY_SHARE -> LockMode.KEY_SHARE;
        };
        WaitPolicy policy = switch (clause.waitPolicy()) {
            case WAIT -> WaitPolicy.BLOCK;
            case NOWAIT -> WaitPolicy.NOWAIT;
            case SKIP_LOCKED -> WaitPolicy.SKIP_LOCKED;
        };
        for (Target t : targets(tx, table, where)) {
            Target locked = lockRow(tx, table, rel, t, mode, policy, where);
            if (locked == null) {
                continue;
            }
            tx.markLocked(rel, locked.version(), mode);
            if (!visitor.test(locked.row())) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ INSERT

    private void insert(Statement.Insert ins, Transaction tx, ResultSink sink) {
        insert(ins, tx, sink, (char) 0);
    }

    /** {@code overriding}: 's' OVERRIDING SYSTEM VALUE, 'u' OVERRIDING USER VALUE, else 0. */
    private void insert(Statement.Insert ins, Transaction tx, ResultSink sink, char overriding) {
        Table table = lookupForWrite(ins.table(), tx);
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.INSERT
                | (ins.returning().isEmpty() ? 0 : io.shaledb.sql.privileges.Privilege.SELECT)
                | (ins.onConflict() != null && !ins.onConflict().doNothing() ? io.shaledb.sql.privileges.Privilege.UPDATE : 0));
        Relation rel = relation(table);
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
                            + Catalog.bareName(table.name()) + "\" does not exist", col.pos() + 1);
                }
                if (targets.contains(idx)) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name() + "\" specified more than once",
                            col.pos() + 1);
                }
                targets.add(idx);
            }
        }
        InsertSelect select = ins.query() == null ? null : InsertSelect.plan(this, tx, table, ins, targets, overriding);
        // Bind every VALUES row first: all type errors surface before anything is evaluated.
        Binder binder = new Binder(new Binder.Scope(null, null, null, null, new QueryPlanner(this, tx)), "VALUES");
        Bound[] defaults = ColumnDefaults.bindAll(table);
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
            Bound[] row = defaults.clone(); // columns not given, or given as DEFAULT, take their default
            for (int i = 0; i < values.size(); i++) {
                Expr e = values.get(i);
                int col = targets.get(i);
                if (overriding == 'u' && table.column(col).identity() != 0) {
                    continue; // OVERRIDING USER VALUE: the identity column takes its default
                }
                if (!(e instanceof Expr.Default)) {
                    if (table.column(col).identity() == 'a' && overriding != 's') {
                        throw ColumnDefaults.generatedAlways(table.column(col), false);
                    }
                    row[col] = binder.bindAssignment(e, table.column(col));
                }
            }
            rows.add(row);
        }
        UpsertExecutor upsert = ins.onConflict() == null ? null : new UpsertExecutor(this, table, ins);
        Returning returning = Returning.of(table, ins.table(), ins.returning());
        checkWritable(tx, "INSERT");
        RowWriter writer = new RowWriter(this, tx, table,
                upsert != null && !ins.onConflict().doNothing() ? Trigger.INSERT | Trigger.UPDATE : Trigger.INSERT,
                upsert == null ? null : upsert.assignedColumns());
        if (upsert != null) {
            upsert.checkArbiters(writer);
        }
        long n = 0;
        List<Object[]> selected = select == null ? null : select.rows();
        int count = select == null ? rows.size() : selected.size();
        for (int r = 0; r < count; r++) {
            Object[] row;
            if (select == null) {
                Bound[] boundRow = rows.get(r);
                row = new Object[boundRow.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = boundRow[i] == null ? null : boundRow[i].eval(new Object[0]);
                }
            } else {
                row = selected.get(r);
            }
            Object[] written = upsert == null ? writer.insert(row) : upsert.apply(writer, row);
            if (written != null) {
                n++;
                returning.add(written, tx.xid());
            }
        }
        writer.finish();
        returning.emit(sink);
        sink.complete("INSERT 0 " + n);
    }

    /** A writer for one DML statement's rows of {@code table} (see {@link RowWriter}). */
    RowWriter rowWriter(Transaction tx, Table table, int events) {
        return new RowWriter(this, tx, table, events);
    }

    // ------------------------------------------------------------------ UPDATE / DELETE

    /** A row a statement reads or changes: a version and the row decoded from it. */
    private record Target(Version version, Object[] row) {}

    /** The visible rows of {@code table} matching {@code where}, read before anything is locked or written. */
    private List<Target> targets(Transaction tx, Table table, Bound where) {
        List<Target> out = new ArrayList<>();
        DmlScanCount count = DmlScanCount.first(table); // EXPLAIN ANALYZE's counters (the statement's own scan), else null
        long started = count == null ? 0 : System.nanoTime();
        long[] scanned = {0};
        scan(tx, table, where, (v, row) -> {
            scanned[0]++;
            if (where == null || Boolean.TRUE.equals(where.eval(row))) {
                out.add(new Target(v, row));
            }
            return true;
        });
        if (count != null) {
            count.record(scanned[0], out.size(), System.nanoTime() - started);
        }
        return out;
    }

    /**
     * Locks {@code t}'s row and returns the version to write over (or to return, for SELECT ...
     * FOR UPDATE) with its row, or null to skip the row: locked and SKIP LOCKED, deleted
     * concurrently, or (READ COMMITTED) replaced by a version that no longer matches {@code where}.
     */
    private Target lockRow(Transaction tx, Table table, Relation rel, Target t, LockMode mode, WaitPolicy policy, Bound where) {
        Transaction.RowLock l = tx.lock(rel, t.version(), mode, policy);
        return switch (l.outcome()) {
            case LOCKED -> new Target(l.current(), t.row());
            case CHANGED -> {
                Object[] newest = decode(table, l.current());
                yield where != null && !Boolean.TRUE.equals(where.eval(newest)) ? null : new Target(l.current(), newest);
            }
            case GONE, SKIPPED -> null;
        };
    }

    private void update(Statement.Update u, Transaction tx, ResultSink sink) {
        if (!u.from().isEmpty()) {
            JoinedDml.update(this, u, tx, sink);
            return;
        }
        Table table = lookupForWrite(u.table(), tx);
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.UPDATE);
        Relation rel = relation(table);
        Binder.Scope scope = new Binder.Scope(table, u.table(), null, null, new QueryPlanner(this, tx));
        Binder binder = new Binder(scope, "UPDATE");
        Bound[] assignments = new Bound[table.columns().size()];
        boolean keyChanges = false;
        for (Statement.Assignment a : u.assignments()) {
            int idx = table.columnIndex(a.column().name());
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + a.column().name() + "\" of relation \""
                        + Catalog.bareName(table.name()) + "\" does not exist", a.column().pos() + 1);
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
        Bound where = u.where() == null ? null : new Binder(scope, "WHERE").bindCondition(u.where(), "WHERE");
        Returning returning = Returning.of(table, u.table(), u.returning());
        java.util.List<Bound> read = new ArrayList<>(java.util.Arrays.asList(assignments));
        read.add(where);
        requireSelectIfRead(table, read, u.returning());
        checkWritable(tx, "UPDATE");

        // Read every matching row before writing anything, then lock and write each.
        LockMode mode = keyChanges ? LockMode.UPDATE : LockMode.NO_KEY_UPDATE;
        RowWriter writer = new RowWriter(this, tx, table, Trigger.UPDATE, RowWriter.assigned(assignments));
        List<Object[]> newRows = new ArrayList<>();
        for (Target t : targets(tx, table, where)) {
            Target locked = lockRow(tx, table, rel, t, mode, WaitPolicy.BLOCK, where);
            if (locked == null) {
                continue;
            }
            Object[] updated = java.util.Arrays.copyOf(locked.row(), table.columns().size());
            for (int i = 0; i < assignments.length; i++) {
                if (assignments[i] != null) {
                    updated[i] = assignments[i].eval(locked.row());
                }
            }
            Object[] written = writer.update(locked.version(), locked.row(), updated);
            if (written != null) {
                newRows.add(written);
            }
        }
        writer.finish();
        for (Object[] row : newRows) {
            returning.add(row, tx.xid());
        }
        returning.emit(sink);
        sink.complete("UPDATE " + newRows.size());
    }

    private void delete(Statement.Delete d, Transaction tx, ResultSink sink) {
        if (!d.using().isEmpty()) {
            JoinedDml.delete(this, d, tx, sink);
            return;
        }
        Table table = lookupForWrite(d.table(), tx);
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.DELETE);
        Relation rel = relation(table);
        Binder.Scope scope = new Binder.Scope(table, d.table(), null, null, new QueryPlanner(this, tx));
        Bound where = d.where() == null ? null : new Binder(scope, "WHERE").bindCondition(d.where(), "WHERE");
        requireSelectIfRead(table, java.util.Collections.singletonList(where), d.returning());
        Returning returning = Returning.of(table, d.table(), d.returning());
        checkWritable(tx, "DELETE");
        long n = 0;
        RowWriter writer = new RowWriter(this, tx, table, Trigger.DELETE);
        for (Target t : targets(tx, table, where)) {
            Target locked = lockRow(tx, table, rel, t, LockMode.UPDATE, WaitPolicy.BLOCK, where);
            if (locked != null && writer.delete(locked.version(), locked.row())) {
                returning.add(locked.row(), tx.xid());
                n++;
            }
        }
        writer.finish();
        returning.emit(sink);
        sink.complete("DELETE " + n);
    }

    /**
     * UPDATE and DELETE need SELECT on their table as well when they read its columns (in WHERE, SET
     * expressions or RETURNING), as in PostgreSQL; a subquery counts as reading.
     */
    private static void requireSelectIfRead(Table table, List<Bound> exprs, List<?> returning) {
        boolean reads = !returning.isEmpty();
        for (Bound b : exprs) {
            if (b != null && !reads) {
                java.util.BitSet slots = SlotUse.of(b);
                reads = slots == null || !slots.isEmpty();
            }
        }
        if (reads) {
            io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.SELECT);
        }
    }

    private static void checkWritable(Transaction tx, String command) {
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
        }
    }

    // ------------------------------------------------------------------ constraint errors

    static void checkNotNull(Table table, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Column c = table.column(i);
            if (row[i] == null && c.notNull()) {
                throw new SqlException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name() + "\" of relation \""
                        + Catalog.bareName(table.name()) + "\" violates not-null constraint", 0, "Failing row contains " + rowText(table, row) + ".",
                        null, null);
            }
        }
    }

    static SqlException duplicateKey(Table table, Object[] row) {
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
    static String rowText(Table table, Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            sb.append(i > 0 ? ", " : "").append(row[i] == null ? "null" : table.column(i).type().toText(row[i]));
        }
        return sb.append(')').toString();
    }
}

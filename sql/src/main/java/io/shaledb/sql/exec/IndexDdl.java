package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.progress.IndexBuildProgress;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE INDEX and the other DDL that (re)builds index entries: TRUNCATE gives each index of the
 * table a fresh, empty key space, and a table rewrite (ALTER COLUMN ... TYPE) rebuilds them.
 * CREATE INDEX CONCURRENTLY builds without the exclusive lock ({@link ConcurrentIndexBuild}).
 * Both show in {@code pg_stat_progress_create_index} while they run.
 *
 * <pre>
 *   CREATE INDEX ──► exclusive table lock ──► definition + new key space in the catalog
 *                                          └─► every live row (newest version) ──► its entry, sorted, loaded in key order
 * </pre>
 *
 * The build reads the newest live version of every row rather than the statement's snapshot:
 * with the table locked no writer is active, but one may have committed after the snapshot was
 * taken. The index remembers the building transaction; snapshots that cannot see it do not read
 * the index (see {@link Index#createXid}).
 */
final class IndexDdl {
    private static final Logger LOG = LoggerFactory.getLogger(IndexDdl.class);
    private final Catalog catalog;
    private final Executor executor;

    IndexDdl(Catalog catalog, Executor executor) {
        this.catalog = catalog;
        this.executor = executor;
    }

    void create(Statement.CreateIndex c, Transaction tx, ResultSink sink, DdlNames names) {
        Table table = catalog.table(tx, catalog.resolve(tx, c.table().name()));
        if (table == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + c.table().name() + "\" does not exist");
        }
        String indexName = c.name() == null ? null : Catalog.qualify(Catalog.schemaOf(table.name()), c.name().name());
        if (indexName != null && catalog.relationExists(tx, indexName)) {
            if (c.ifNotExists()) {
                sink.notice("NOTICE", "42P07", "relation \"" + c.name().name() + "\" already exists, skipping", null, null);
                sink.complete("CREATE INDEX");
                return;
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().name() + "\" already exists");
        }
        List<Index.Key> keys = new ArrayList<>();
        List<String> nameParts = new ArrayList<>();
        for (int i = 0; i < c.columns().size(); i++) {
            Statement.OrderItem item = c.columns().get(i);
            boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : item.descending();
            String expression = c.expressions().get(i);
            if (expression == null) {
                String column = ((io.shaledb.sql.ast.Expr.ColumnRef) item.expr()).column();
                if (table.columnIndex(column) < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
                }
                keys.add(new Index.Key(column, item.descending(), nullsFirst));
                nameParts.add(column);
            } else {
                keys.add(new Index.Key(null, expression, item.descending(), nullsFirst));
                nameParts.add(item.expr() instanceof io.shaledb.sql.ast.Expr.FunctionCall f ? f.name() : "expr");
            }
        }
        List<String> include = new ArrayList<>();
        for (Statement.Ident col : c.include()) {
            if (table.columnIndex(col.name()) < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\" does not exist");
            }
            include.add(col.name());
            nameParts.add(col.name());
        }
        DdlExecutor.checkWritable(tx, "CREATE INDEX");
        if (c.concurrently()) {
            String name = indexName != null ? indexName : names.free(tx, table.name() + "_" + String.join("_", nameParts) + "_idx");
            Index definition = new Index(catalog.allocateId(), name, table.id(), c.unique(), c.method(), keys, c.predicate())
                    .withInclude(include);
            new ConcurrentIndexBuild(executor).run(tx, table, definition, IndexBuildProgress.CREATE_INDEX_CONCURRENTLY);
            sink.complete("CREATE INDEX");
            return;
        }
        catalog.lockExclusive(tx, table);
        table = catalog.table(tx, table.name());
        String name = indexName != null ? indexName : names.free(tx, table.name() + "_" + String.join("_", nameParts) + "_idx");
        Index index = new Index(catalog.allocateId(), name, table.id(), c.unique(), c.method(), keys, c.predicate())
                .withInclude(include).withStorage(catalog.allocateId(), tx.assignXid());
        IndexMaintainer.IndexKey key = executor.indexKey(table, index); // binds expressions and WHERE: errors surface here
        catalog.createIndex(tx, index);
        buildWithProgress(tx, table, key, IndexBuildProgress.CREATE_INDEX);
        sink.complete("CREATE INDEX");
    }

    /**
     * REINDEX INDEX / TABLE: new entries for each index, valid afterwards. Plainly: under the
     * table's exclusive lock, into a fresh key space. CONCURRENTLY, as PostgreSQL: a copy called
     * {@code name_ccnew} is built as CREATE INDEX CONCURRENTLY builds, then swapped in for the old
     * index (a failed build leaves the copy behind, INVALID, and the old index as it was).
     */
    void reindex(Statement.Reindex r, Transaction tx, ResultSink sink, DdlNames names) {
        String name = catalog.resolve(tx, r.name().name());
        Table table;
        List<Index> targets;
        if (r.table()) {
            table = catalog.table(tx, name);
            if (table == null) {
                throw name != null && catalog.relationExists(tx, name)
                        ? new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not a table or materialized view")
                        : new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + r.name().name() + "\" does not exist");
            }
            targets = catalog.indexes(tx, table.id()).stream().filter(Index::hasStorage).toList();
        } else {
            Index index = catalog.index(tx, name);
            if (index == null) {
                throw name != null && catalog.relationExists(tx, name)
                        ? new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not an index")
                        : new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + r.name().name() + "\" does not exist");
            }
            table = catalog.tableById(tx, index.tableId());
            targets = List.of(index);
        }
        DdlExecutor.checkWritable(tx, "REINDEX");
        if (r.concurrently()) {
            for (Index old : targets) {
                reindexConcurrently(tx, table, old, names);
            }
        } else {
            catalog.lockExclusive(tx, table);
            table = catalog.table(tx, table.name());
            for (Index target : targets) {
                Index old = catalog.index(tx, target.name());
                Index fresh = old.withStorage(catalog.allocateId(), tx.assignXid()).withValid(true)
                        .withImmediate(immediate(tx, old)); // an index of a release before DEFERRABLE indexes gets its flag
                catalog.replaceIndex(tx, old, fresh);
                buildWithProgress(tx, table, executor.indexKey(table, fresh), IndexBuildProgress.REINDEX);
            }
        }
        sink.complete("REINDEX");
    }

    /** Whether {@code index} is checked per entry: false for the index of a DEFERRABLE UNIQUE constraint. */
    private boolean immediate(Transaction tx, Index index) {
        String name = Catalog.bareName(index.name());
        return !index.unique() || catalog.constraints(tx).stream().noneMatch(k -> k.tableId() == index.tableId()
                && k.type() == io.shaledb.sql.catalog.Constraint.UNIQUE && k.name().equals(name) && k.deferrable());
    }

    private void reindexConcurrently(Transaction tx, Table table, Index old, DdlNames names) {
        String copyName = names.free(tx, old.name() + "_ccnew");
        Index copy = new Index(catalog.allocateId(), copyName, table.id(), old.unique(), old.method(), old.columns(), old.predicate())
                .withInclude(old.include()).withImmediate(immediate(tx, old));
        ConcurrentIndexBuild build = new ConcurrentIndexBuild(executor);
        build.run(tx, table, copy, IndexBuildProgress.REINDEX_CONCURRENTLY);
        build.swap(tx, table, old, copyName);
    }

    private long buildWithProgress(Transaction tx, Table table, IndexMaintainer.IndexKey key, String command) {
        IndexBuildProgress progress = executor.indexBuilds().start(tx.pid(), table.oid(), key.index().oid(), command,
                Catalog.bareName(key.index().name()), Catalog.bareName(table.name()));
        long entries = 0;
        try {
            progress.phase(IndexBuildProgress.BUILDING);
            entries = build(tx, key, progress);
        } catch (RuntimeException e) {
            progress.finish(entries, e);
            throw e;
        }
        progress.finish(entries, null);
        return entries;
    }

    /**
     * The unique index of a UNIQUE constraint on {@code columns} (ascending), built from the
     * table's rows; not immediate for a DEFERRABLE constraint.
     */
    Index createUnique(Transaction tx, Table table, String name, List<String> columns, boolean deferrable) {
        List<Index.Key> keys = new ArrayList<>();
        for (String c : columns) {
            keys.add(new Index.Key(c, false, false));
        }
        Index index = new Index(catalog.allocateId(), name, table.id(), true, "btree", keys, null)
                .withStorage(catalog.allocateId(), tx.assignXid()).withImmediate(!deferrable);
        IndexMaintainer.IndexKey key = executor.indexKey(table, index);
        catalog.createIndex(tx, index);
        build(tx, key, null);
        return index;
    }

    /** Gives every index of {@code table} (as it is after a TRUNCATE or rewrite) new entries. */
    void rebuildAll(Transaction tx, Table table, boolean empty) {
        for (Index old : catalog.indexes(tx, table.id())) {
            if (!old.hasStorage()) {
                continue;
            }
            Index fresh = old.withStorage(catalog.allocateId(), tx.assignXid());
            catalog.replaceIndex(tx, old, fresh);
            if (!empty) {
                build(tx, executor.indexKey(table, fresh), null);
            }
        }
    }

    /**
     * Gives every index an earlier release stored as a definition only its entries, in one
     * transaction at start-up (before any session runs).
     */
    void buildLegacyIndexes(io.shaledb.txn.TransactionManager txns) {
        Transaction tx = txns.begin(io.shaledb.txn.IsolationLevel.READ_COMMITTED, false, 0);
        tx.beginStatement(() -> false, 0, true);
        int built = 0;
        try {
            for (Table table : catalog.tables(tx)) {
                for (Index old : catalog.indexes(tx, table.id())) {
                    if (old.hasStorage()) {
                        continue;
                    }
                    Index fresh = old.withStorage(catalog.allocateId(), tx.assignXid());
                    catalog.replaceIndex(tx, old, fresh);
                    build(tx, executor.indexKey(table, fresh), null);
                    built++;
                }
            }
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
        if (built == 0) {
            tx.rollback();
            return;
        }
        tx.commit();
        LOG.info("built {} index(es) that an earlier release stored as definitions only", built);
    }

    /**
     * Adds the entry of every live row into the index's new, empty key space; returns how many.
     * 23505 when a UNIQUE index meets a duplicate. {@code progress} (may be null) hears of every
     * row scanned. A sorted bulk load ({@link IndexBulkBuild}).
     */
    long build(Transaction tx, IndexMaintainer.IndexKey key, IndexBuildProgress progress) {
        if (progress != null) {
            measure(executor.relation(key.table()), progress);
        }
        return IndexBulkBuild.build(executor, tx, key, progress);
    }

    /** Tells {@code progress} the table's stored bytes and row versions (the view's totals): a scan of raw keys. */
    static void measure(Relation heap, IndexBuildProgress progress) {
        long bytes = 0;
        long versions = 0;
        try (io.shaledb.storage.Cursor c = heap.engine().scan(KeyRange.prefix(heap.keyPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                bytes += c.key().length + c.value().length;
                versions++;
            }
        }
        progress.scanSize(bytes, versions);
    }

    /** Picks a relation name nobody uses ({@code base}, {@code base1}, ...). */
    interface DdlNames {
        String free(Transaction tx, String base);
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE INDEX and the other DDL that (re)builds index entries: TRUNCATE gives each index of the
 * table a fresh, empty key space, and a table rewrite (ALTER COLUMN ... TYPE) rebuilds them.
 *
 * <pre>
 *   CREATE INDEX ──► exclusive table lock ──► definition + new key space in the catalog
 *                                          └─► every live row (newest version) ──► its entry
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
                sink.complete("CREATE INDEX"); // NOTICE: relation already exists, skipping
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
                keys.add(new Index.Key(column, descending(item), nullsFirst));
                nameParts.add(column);
            } else {
                keys.add(new Index.Key(null, expression, descending(item), nullsFirst));
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
        catalog.lockExclusive(tx, table);
        table = catalog.table(tx, table.name());
        String name = indexName != null ? indexName : names.free(tx, table.name() + "_" + String.join("_", nameParts) + "_idx");
        Index index = new Index(catalog.allocateId(), name, table.id(), c.unique(), c.method(), keys, c.predicate())
                .withInclude(include).withStorage(catalog.allocateId(), tx.assignXid());
        IndexMaintainer.IndexKey key = executor.indexKey(table, index); // binds expressions and WHERE: errors surface here
        catalog.createIndex(tx, index);
        long entries = build(tx, key);
        LOG.info("built index {} on {}: {} entries", name, table.name(), entries);
        sink.complete("CREATE INDEX");
    }

    /** The unique index of a UNIQUE constraint on {@code columns} (ascending), built from the table's rows. */
    Index createUnique(Transaction tx, Table table, String name, List<String> columns) {
        List<Index.Key> keys = new ArrayList<>();
        for (String c : columns) {
            keys.add(new Index.Key(c, false, false));
        }
        Index index = new Index(catalog.allocateId(), name, table.id(), true, "btree", keys, null)
                .withStorage(catalog.allocateId(), tx.assignXid());
        IndexMaintainer.IndexKey key = executor.indexKey(table, index);
        catalog.createIndex(tx, index);
        build(tx, key);
        return index;
    }

    private static boolean descending(Statement.OrderItem item) {
        return item.descending();
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
                build(tx, executor.indexKey(table, fresh));
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
                    build(tx, executor.indexKey(table, fresh));
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

    /** Adds the entry of every live row; returns how many. 23505 when a UNIQUE index meets a duplicate. */
    long build(Transaction tx, IndexMaintainer.IndexKey key) {
        Table table = key.table();
        Relation heap = executor.relation(table);
        long n = 0;
        try (VersionScan s = tx.scanNewest(heap, KeyRange.prefix(heap.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                if (!tx.isLive(s.current())) {
                    continue;
                }
                IndexMaintainer.Entry e = key.entry(Executor.decode(table, s.current()), s.current().userKey());
                if (e == null) {
                    continue;
                }
                if (!IndexMaintainer.add(tx, e, true)) {
                    throw new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \""
                            + Catalog.bareName(key.index().name()) + "\"", 0, "Key " + key.describe(e.keyValues()) + " is duplicated.",
                            null, null);
                }
                n++;
            }
        }
        return n;
    }

    /** Picks a relation name nobody uses ({@code base}, {@code base1}, ...). */
    interface DdlNames {
        String free(Transaction tx, String base);
    }
}

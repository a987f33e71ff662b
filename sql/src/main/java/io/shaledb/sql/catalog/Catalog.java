package io.shaledb.sql.catalog;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleEncoder;
import io.shaledb.sql.Engines;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.rows.Keys;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of one database: a committed catalog shared by every session, plus each
 * transaction's uncommitted DDL, stored as MVCC rows of the catalog relation so that DDL commits
 * and rolls back with the transaction that ran it.
 *
 * <p>Lookups see the committed catalog overlaid with the asking transaction's own pending
 * changes ({@link #table(Transaction, String)}). DDL writes the new descriptor as a row version
 * (insert / update / delete of the object's catalog row), records the change in the
 * transaction's {@link Pending} overlay, and on commit — while the transaction still holds its
 * locks — the overlay is installed into the committed catalog in one step; on rollback it is
 * dropped. Storage no longer needed (a dropped or truncated table's old rows, a rolled-back
 * table's new ones) is reclaimed once the outcome is known.
 *
 * <p>Locks: a writer of a table's rows holds a shared lock on its catalog row for the rest of its
 * transaction ({@link #lockForWrite}); DDL takes the exclusive row lock by updating or deleting
 * that row ({@link #lockForDdl}), so DDL waits for open transactions that wrote the table, and
 * writers wait for uncommitted DDL.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    /** The catalog relation's id in lock targets and statistics; tables' storage ids start at 1. */
    public static final int RELATION_ID = 0;

    private final Engines engines;
    private final Relation relation;
    private volatile Map<String, Table> committed = Map.of();
    /** Relations other than tables (sequences, indexes, views), by name: one namespace with tables. */
    private volatile Map<String, Object> committedObjects = Map.of();
    /** Ids of the tables committed triggers are on: lets every DML statement skip the trigger lookup cheaply. */
    private volatile Set<Integer> committedTriggerTables = Set.of();
    private final Sequences sequenceValues;
    /** The committed constraints by name, derived from the committed objects map {@code source}. */
    private record CommittedConstraints(Map<String, Object> source, List<Constraint> all) {}

    /**
     * Derived from the current committedObjects when first asked for; compared by identity, so a
     * reader racing a committing DDL can never install (or keep using) a list of an older map.
     */
    private volatile CommittedConstraints committedConstraints;
    private int nextTableId = 1;
    private final Map<Transaction, Pending> pending = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<IntConsumer> forgetListeners = ConcurrentHashMap.newKeySet();
    private final Set<java.util.function.BiConsumer<Transaction, Table>> dropListeners = ConcurrentHashMap.newKeySet();

    private Catalog(Engines engines) {
        this.engines = engines;
        this.relation = new Relation(RELATION_ID, "pg_class", engines.catalogEngine(), Keys.catalogObjectsPrefix());
        this.sequenceValues = new Sequences(engines.catalogEngine());
    }

    /**
     * Reads the committed catalog from the catalog engine (with a fresh snapshot of {@code txns}:
     * a crash leaves uncommitted DDL invisible), migrates a raw catalog of an earlier release,
     * and removes rows of tables no committed catalog entry owns.
     */
    public static Catalog load(Engines engines, TransactionManager txns) {
        Catalog catalog = new Catalog(engines);
        Map<String, Table> tables = catalog.readCommitted(txns);
        if (LegacyCatalog.exists(engines)) {
            tables = LegacyCatalog.migrate(engines, txns, catalog, tables);
        }
        catalog.committed = Map.copyOf(tables);
        for (Object o : catalog.committedObjects.values()) {
            int id = switch (o) {
                case Sequence q -> q.id();
                case Index i -> i.id();
                case View v -> v.id();
                case Schema sc -> sc.id();
                case Constraint k -> k.id();
                case Function f -> f.id();
                case Trigger tr -> tr.id();
                case Role ro -> ro.id();
                default -> 0;
            };
            catalog.nextTableId = Math.max(catalog.nextTableId, id + 1);
        }
        byte[] meta = engines.catalogEngine().get(Keys.catalogMetaKey());
        if (meta != null) {
            catalog.nextTableId = Math.max(catalog.nextTableId, ByteBuffer.wrap(meta, 1, 4).getInt());
        }
        for (Table t : tables.values()) {
            catalog.nextTableId = Math.max(catalog.nextTableId, Math.max(t.id(), t.storageId()) + 1);
            if (t.hasHiddenRowId()) {
                try (Cursor c = engines.forName(t.engine()).scan(KeyRange.prefix(Keys.tablePrefix(t.storageId())), Direction.BACKWARD)) {
                    if (c.next()) {
                        t.observeRowId(RowCodec.decodeRowId(c.key()));
                    }
                }
            }
        }
        Set<Integer> live = new HashSet<>();
        tables.values().forEach(t -> live.add(t.storageId()));
        catalog.committedObjects.values().forEach(o -> {
            if (o instanceof Index i && i.hasStorage()) {
                live.add(i.storageId());
            }
        });
        OrphanSweeper.sweep(engines, live);
        if (!tables.isEmpty()) {
            LOG.info("loaded catalog: {} table(s) from {} engine", tables.size(), engines.catalogEngine().name());
        }
        LegacyViews.migrate(engines, txns, catalog);
        return catalog;
    }

    private Map<String, Table> readCommitted(TransactionManager txns) {
        Map<String, Table> tables = new HashMap<>();
        Transaction r = txns.begin(IsolationLevel.READ_COMMITTED, true, 0);
        try {
            r.beginStatement(() -> false, 0);
            try (VersionScan s = r.scan(relation, KeyRange.prefix(relation.keyPrefix()), Direction.FORWARD)) {
                Map<String, Object> objects = new HashMap<>();
                while (s.next()) {
                    switch (CatalogCodec.decode(s.current().payload())) {
                        case Table t -> tables.put(t.name(), t);
                        case Sequence q -> objects.put(q.name(), q);
                        case Index i -> objects.put(i.name(), i);
                        case View v -> objects.put(v.name(), v);
                        case Schema sc -> objects.put(schemaEntry(sc.name()), sc);
                        case Constraint k -> objects.put(constraintEntry(k.tableId(), k.name()), k);
                        case Function f -> objects.put(functionEntry(f.signature()), f);
                        case Trigger tr -> objects.put(triggerEntry(tr.key()), tr);
                        case Role ro -> objects.put(roleEntry(ro.name()), ro);
                        case ObjectAcl a -> objects.put(aclEntry(a.type(), a.objectId()), a);
                        default -> throw new IllegalStateException("unexpected catalog object");
                    }
                }
                committedObjects = Map.copyOf(objects);
                committedTriggerTables = triggerTables(committedObjects);
            }
        } finally {
            r.rollback();
        }
        return tables;
    }

    /** The catalog relation: one row per object, keyed by kind and name. */
    public Relation relation() {
        return relation;
    }

    /** Runs {@code listener} with the storage id of every key space the catalog stops using (drop, truncate). */
    public void onStorageForgotten(IntConsumer listener) {
        forgetListeners.add(listener);
    }

    /** Runs {@code listener} in the dropping transaction for every table dropped (its statistics go with it). */
    public void onDrop(java.util.function.BiConsumer<Transaction, Table> listener) {
        dropListeners.add(listener);
    }

    // ------------------------------------------------------------------ lookups

    /** The committed table called {@code name}, or null. */
    public Table table(String name) {
        return name == null ? null : committed.get(name);
    }

    /** The table called {@code name} as {@code tx} sees it (its own uncommitted DDL included), or null. */
    public Table table(Transaction tx, String name) {
        if (name == null) {
            return null;
        }
        Pending p = tx == null ? null : pending.get(tx);
        if (p != null && p.changes.containsKey(name)) {
            return p.changes.get(name);
        }
        return committed.get(name);
    }

    /** The sequence called {@code name} as {@code tx} sees it, or null. */
    public Sequence sequence(Transaction tx, String name) {
        return object(tx, name) instanceof Sequence q ? q : null;
    }

    /** The view called {@code name} as {@code tx} sees it, or null. */
    public View view(Transaction tx, String name) {
        return object(tx, name) instanceof View v ? v : null;
    }

    /** The views {@code tx} sees, by name. */
    public List<View> views(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof View).map(o -> (View) o)
                .sorted(Comparator.comparing(View::name)).toList();
    }

    /** The sequences {@code tx} sees, by name (for pg_class; added by pgcat). */
    public List<Sequence> sequences(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof Sequence).map(o -> (Sequence) o)
                .sorted(Comparator.comparing(Sequence::name)).toList();
    }

    /** The view with id {@code id} as {@code tx} sees it, or null. */
    public View viewById(Transaction tx, int id) {
        return views(tx).stream().filter(v -> v.id() == id).findFirst().orElse(null);
    }

    /** The table with id {@code id} as {@code tx} sees it (whatever it is called now), or null. */
    public Table tableById(Transaction tx, int id) {
        return tables(tx).stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }

    /** Creates view {@code v} in {@code tx} (42P07 when any relation has its name). */
    public void createView(Transaction tx, View v) {
        insertRelation(tx, v.name(), CatalogCodec.encodeView(v));
        pending(tx).objects.put(v.name(), v);
    }

    /** Replaces view {@code old} by {@code updated} (same name: CREATE OR REPLACE, or a renamed column it uses). */
    public void replaceView(Transaction tx, View old, View updated) {
        tx.update(relation, lockForDdl(tx, old.name()), CatalogCodec.encodeView(updated));
        pending(tx).objects.put(updated.name(), updated);
    }

    /** Drops view {@code v} in {@code tx}. */
    public void dropView(Transaction tx, View v) {
        tx.delete(relation, lockForDdl(tx, v.name()));
        pending(tx).objects.put(v.name(), null);
    }

    /** The index called {@code name} as {@code tx} sees it, or null. */
    public Index index(Transaction tx, String name) {
        return object(tx, name) instanceof Index i ? i : null;
    }

    private Object object(Transaction tx, String name) {
        if (name == null) {
            return null;
        }
        Pending p = tx == null ? null : pending.get(tx);
        if (p != null && p.objects.containsKey(name)) {
            return p.objects.get(name);
        }
        return committedObjects.get(name);
    }

    /** Every non-table relation {@code tx} sees. */
    private List<Object> objects(Transaction tx) {
        Map<String, Object> all = new HashMap<>(committedObjects);
        Pending p = tx == null ? null : pending.get(tx);
        if (p != null) {
            p.objects.forEach((n, o) -> {
                if (o == null) {
                    all.remove(n);
                } else {
                    all.put(n, o);
                }
            });
        }
        return new ArrayList<>(all.values());
    }

    /** The indexes of the table with id {@code tableId} as {@code tx} sees them, by name. */
    public List<Index> indexes(Transaction tx, int tableId) {
        Pending p = tx == null ? null : pending.get(tx);
        if (p == null || p.objects.isEmpty()) {
            return committedIndexes().byTable().getOrDefault(tableId, List.of());
        }
        return objects(tx).stream().filter(o -> o instanceof Index i && i.tableId() == tableId).map(o -> (Index) o)
                .sorted(Comparator.comparing(Index::name)).toList();
    }

    /** The committed indexes by table id, each list by name, as derived from the committed objects map {@code source}. */
    private record IndexesByTable(Map<String, Object> source, Map<Integer, List<Index>> byTable) {}

    /** Derived from the current committedObjects when first asked for; compared by identity, so never stale. */
    private volatile IndexesByTable committedIndexes;

    private IndexesByTable committedIndexes() {
        Map<String, Object> source = committedObjects;
        IndexesByTable c = committedIndexes;
        if (c == null || c.source() != source) {
            Map<Integer, List<Index>> byTable = new HashMap<>();
            source.values().stream().filter(o -> o instanceof Index).map(o -> (Index) o)
                    .sorted(Comparator.comparing(Index::name))
                    .forEach(i -> byTable.computeIfAbsent(i.tableId(), id -> new ArrayList<>()).add(i));
            byTable.replaceAll((id, list) -> List.copyOf(list));
            c = new IndexesByTable(source, Map.copyOf(byTable));
            committedIndexes = c;
        }
        return c;
    }

    /** Whether a table or sequence (one namespace, as PostgreSQL's relations) is called {@code name} for {@code tx}. */
    public boolean relationExists(Transaction tx, String name) {
        return table(tx, name) != null || object(tx, name) != null;
    }

    /** The sequences {@code tx} sees owned by the table with id {@code tableId}. */
    public List<Sequence> ownedSequences(Transaction tx, int tableId) {
        return objects(tx).stream().filter(o -> o instanceof Sequence q && q.ownerTableId() == tableId).map(o -> (Sequence) o)
                .sorted(Comparator.comparing(Sequence::name)).toList();
    }

    /** Current values of sequences (not transactional). */
    public Sequences sequenceValues() {
        return sequenceValues;
    }

    /** Creates sequence {@code q} in {@code tx}. */
    public void createSequence(Transaction tx, Sequence q) {
        insertRelation(tx, q.name(), CatalogCodec.encodeSequence(q));
        pending(tx).objects.put(q.name(), q);
    }

    /** Drops sequence {@code q} in {@code tx}; its value state goes when {@code tx} commits. */
    public void dropSequence(Transaction tx, Sequence q) {
        tx.delete(relation, lockForDdl(tx, q.name()));
        pending(tx).objects.put(q.name(), null);
    }

    /** Replaces sequence {@code old} by {@code updated} (same name; e.g. its owning column renamed). */
    public void replaceSequence(Transaction tx, Sequence old, Sequence updated) {
        tx.update(relation, lockForDdl(tx, old.name()), CatalogCodec.encodeSequence(updated));
        pending(tx).objects.put(updated.name(), updated);
    }

    /** Creates index {@code i}; its entries' key space is reclaimed if {@code tx} rolls back. */
    public void createIndex(Transaction tx, Index i) {
        insertRelation(tx, i.name(), CatalogCodec.encodeIndex(i));
        Pending p = pending(tx);
        p.objects.put(i.name(), i);
        if (i.hasStorage()) {
            p.reclaimOnRollback.add(indexStorage(tx, i));
        }
    }

    /**
     * Replaces index {@code old} by {@code updated} (same name; e.g. a renamed column, or new
     * entries after TRUNCATE: then the old entries go at commit, the new ones at rollback).
     */
    public void replaceIndex(Transaction tx, Index old, Index updated) {
        tx.update(relation, lockForDdl(tx, old.name()), CatalogCodec.encodeIndex(updated));
        Pending p = pending(tx);
        p.objects.put(updated.name(), updated);
        if (old.storageId() != updated.storageId()) {
            if (old.hasStorage()) {
                p.reclaimOnCommit.add(indexStorage(tx, old));
            }
            if (updated.hasStorage()) {
                p.reclaimOnRollback.add(indexStorage(tx, updated));
            }
        }
    }

    /** Renames index {@code i} to {@code newName} (its entries stay); returns the renamed index. */
    public Index renameIndex(Transaction tx, Index i, String newName) {
        Index renamed = i.withName(newName);
        tx.delete(relation, lockForDdl(tx, i.name()));
        insertRelation(tx, newName, CatalogCodec.encodeIndex(renamed));
        Pending p = pending(tx);
        p.objects.put(i.name(), null);
        p.objects.put(newName, renamed);
        return renamed;
    }

    /** Drops index {@code i}; its entries are reclaimed once {@code tx} commits. */
    public void dropIndex(Transaction tx, Index i) {
        Storage entries = i.hasStorage() ? indexStorage(tx, i) : null; // before the table may be gone
        tx.delete(relation, lockForDdl(tx, i.name()));
        Pending p = pending(tx);
        p.objects.put(i.name(), null);
        if (entries != null) {
            p.reclaimOnCommit.add(entries);
        }
    }

    /** Renames index {@code old} to {@code renamed}'s name, keeping its entries (RENAME CONSTRAINT of a UNIQUE constraint). */
    public void renameIndex(Transaction tx, Index old, Index renamed) {
        tx.delete(relation, lockForDdl(tx, old.name()));
        insertRelation(tx, renamed.name(), CatalogCodec.encodeIndex(renamed));
        Pending p = pending(tx);
        p.objects.put(old.name(), null);
        p.objects.put(renamed.name(), renamed);
    }

    /** Inserts the catalog row of relation {@code name}; 42P07 when any relation (one namespace) has the name. */
    private void insertRelation(Transaction tx, String name, byte[] payload) {
        try {
            tx.insert(relation, objectKey(name), payload);
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + bareName(name) + "\" already exists");
            }
            throw e;
        }
    }

    /** An index's entries: a key space in its table's engine. */
    private Storage indexStorage(Transaction tx, Index i) {
        Table t = tableById(tx, i.tableId());
        if (t == null) {
            t = committedById(i.tableId());
        }
        if (t == null) {
            throw new IllegalStateException("index " + i.name() + " of unknown table " + i.tableId());
        }
        return new Storage(i.storageId(), t.engine());
    }

    private Table committedById(int id) {
        for (Table t : committed.values()) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    /** All committed tables, ordered by name. */
    public List<Table> tables() {
        List<Table> all = new ArrayList<>(committed.values());
        all.sort(Comparator.comparing(Table::name));
        return all;
    }

    /** All tables {@code tx} sees (its own uncommitted DDL included), ordered by name. */
    public List<Table> tables(Transaction tx) {
        Map<String, Table> all = new HashMap<>(committed);
        Pending p = tx == null ? null : pending.get(tx);
        if (p != null) {
            p.changes.forEach((n, t) -> {
                if (t == null) {
                    all.remove(n);
                } else {
                    all.put(n, t);
                }
            });
        }
        List<Table> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Table::name));
        return list;
    }

    /** The committed table whose rows live under {@code storageId}, or null. */
    public Table byStorageId(int storageId) {
        for (Table t : committed.values()) {
            if (t.storageId() == storageId) {
                return t;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ ids

    /**
     * A fresh table or storage id, never handed out again: the counter is stored before the id is
     * used, and its record precedes (in the log) any commit that could make the id live.
     */
    public synchronized int allocateId() {
        int id = nextTableId++;
        engines.catalogEngine().apply(new WriteBatch().put(Keys.catalogMetaKey(),
                ByteBuffer.allocate(5).put((byte) 1).putInt(nextTableId).array()));
        return id;
    }

    // ------------------------------------------------------------------ locks

    /** Before a statement writes {@code table}'s rows: the shared lock that makes DDL on it wait. */
    public void lockForWrite(Transaction tx, Table table) {
        tx.lockKey(relation, objectKey(table.name()), LockMode.KEY_SHARE);
    }

    /**
     * The lock CREATE INDEX CONCURRENTLY holds on {@code table} for its whole run (PostgreSQL's
     * SHARE UPDATE EXCLUSIVE): NO KEY UPDATE on the table's catalog row conflicts with DDL's
     * exclusive lock and with itself, not with the writers' shared lock ({@link #lockForWrite}).
     */
    public void lockAgainstDdl(Transaction tx, Table table) {
        tx.lockKey(relation, objectKey(table.name()), LockMode.NO_KEY_UPDATE);
    }

    /**
     * The transactions holding a lock on {@code table}'s catalog row now: every transaction that
     * has written its rows (and DDL on it). CREATE INDEX CONCURRENTLY waits for them to end.
     */
    public List<Transaction> lockHolders(TransactionManager txns, Table table) {
        return txns.lockHolders(relation, objectKey(table.name()));
    }

    /**
     * Takes the exclusive lock on {@code name}'s catalog row (waiting for transactions that wrote
     * the table or changed its definition) and returns the version to replace.
     */
    private Version lockForDdl(Transaction tx, String name) {
        return lockForDdl(tx, objectKey(name), name);
    }

    /** {@link #lockForDdl(Transaction, String)} for the catalog row under {@code key}. */
    private Version lockForDdl(Transaction tx, byte[] key, String name) {
        Version seen = tx.get(relation, key);
        if (seen == null) {
            throw concurrentDdl(name);
        }
        Transaction.RowLock l = tx.lock(relation, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (l.outcome() != Transaction.LockOutcome.LOCKED) {
            throw concurrentDdl(name);
        }
        return l.current();
    }

    private static SqlException concurrentDdl(String name) {
        return new SqlException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update", 0,
                "The definition of relation \"" + name + "\" was changed by a concurrent transaction.",
                "The transaction might succeed if retried.", null);
    }

    // ------------------------------------------------------------------ transactional changes

    /** Creates {@code table} in {@code tx}: visible to others once {@code tx} commits. */
    public void create(Transaction tx, Table table) {
        insertRelation(tx, table.name(), CatalogCodec.encodeTable(table));
        Pending p = pending(tx);
        p.changes.put(table.name(), table);
        p.reclaimOnRollback.add(storage(table));
    }

    /**
     * Replaces {@code old} by {@code updated} (same table, new definition; possibly renamed or
     * given new storage) in {@code tx}, after taking the table's exclusive lock.
     */
    public void replace(Transaction tx, Table old, Table updated) {
        Version v = lockForDdl(tx, old.name());
        byte[] payload = CatalogCodec.encodeTable(updated);
        if (old.name().equals(updated.name())) {
            tx.update(relation, v, payload);
        } else {
            if (table(tx, updated.name()) != null) {
                throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + bareName(updated.name()) + "\" already exists");
            }
            tx.delete(relation, v);
            create(tx, updated);
            pending(tx).reclaimOnRollback.removeLast(); // the storage is the old table's, not new
        }
        Pending p = pending(tx);
        if (!old.name().equals(updated.name())) {
            p.changes.put(old.name(), null);
        }
        p.changes.put(updated.name(), updated);
        if (old.storageId() != updated.storageId()) {
            p.reclaimOnCommit.add(storage(old));
            p.reclaimOnRollback.add(storage(updated));
        }
    }

    /** Takes {@code table}'s exclusive lock now (before reading its rows for a change that needs them). */
    public void lockExclusive(Transaction tx, Table table) {
        lockForDdl(tx, table.name());
    }

    /** Drops {@code table} in {@code tx}; its rows are reclaimed once {@code tx} commits. */
    public void drop(Transaction tx, Table table) {
        tx.delete(relation, lockForDdl(tx, table.name()));
        dropListeners.forEach(l -> l.accept(tx, table));
        for (Trigger tr : triggers(tx, table.id())) {
            dropTrigger(tx, tr);
        }
        Pending p = pending(tx);
        p.changes.put(table.name(), null);
        p.reclaimOnCommit.add(storage(table));
    }

    // ------------------------------------------------------------------ constraints

    /*
     * Constraints are catalog rows under key kind 3, named "<table id>/<constraint name>": their
     * names are unique per table, not per schema, and follow the table through renames.
     */

    /** Every constraint {@code tx} sees. */
    public List<Constraint> constraints(Transaction tx) {
        Pending p = tx == null ? null : pending.get(tx);
        if (p == null || p.objects.isEmpty()) {
            Map<String, Object> source = committedObjects;
            CommittedConstraints c = committedConstraints;
            if (c == null || c.source() != source) {
                c = new CommittedConstraints(source, source.values().stream().filter(o -> o instanceof Constraint)
                        .map(o -> (Constraint) o).sorted(Comparator.comparing(Constraint::name)).toList());
                committedConstraints = c;
            }
            return c.all();
        }
        return objects(tx).stream().filter(o -> o instanceof Constraint).map(o -> (Constraint) o)
                .sorted(Comparator.comparing(Constraint::name)).toList();
    }

    /** The constraints of the table with id {@code tableId}, by name. */
    public List<Constraint> constraints(Transaction tx, int tableId) {
        return constraints(tx).stream().filter(k -> k.tableId() == tableId).toList();
    }

    /** The foreign keys that reference the table with id {@code tableId}, by name. */
    public List<Constraint> referencing(Transaction tx, int tableId) {
        return constraints(tx).stream().filter(k -> k.type() == Constraint.FOREIGN_KEY && k.refTableId() == tableId).toList();
    }

    /** Constraint {@code name} of the table with id {@code tableId}, or null. */
    public Constraint constraint(Transaction tx, int tableId, String name) {
        return object(tx, constraintEntry(tableId, name)) instanceof Constraint k ? k : null;
    }

    /** Creates constraint {@code k} (42710 when its table has one of that name). */
    public void createConstraint(Transaction tx, Constraint k, String tableName) {
        try {
            tx.insert(relation, constraintKey(k.tableId(), k.name()), CatalogCodec.encodeConstraint(k));
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw new SqlException(SqlState.DUPLICATE_OBJECT, "constraint \"" + k.name() + "\" for relation \""
                        + bareName(tableName) + "\" already exists");
            }
            throw e;
        }
        pending(tx).objects.put(constraintEntry(k.tableId(), k.name()), k);
    }

    /** Replaces constraint {@code old} by {@code updated} (renamed, validated, or columns renamed). */
    public void replaceConstraint(Transaction tx, Constraint old, Constraint updated, String tableName) {
        Version v = lockForDdl(tx, constraintKey(old.tableId(), old.name()), old.name());
        if (old.name().equals(updated.name())) {
            tx.update(relation, v, CatalogCodec.encodeConstraint(updated));
            pending(tx).objects.put(constraintEntry(updated.tableId(), updated.name()), updated);
        } else {
            tx.delete(relation, v);
            pending(tx).objects.put(constraintEntry(old.tableId(), old.name()), null);
            createConstraint(tx, updated, tableName);
        }
    }

    /** Drops constraint {@code k}. */
    public void dropConstraint(Transaction tx, Constraint k) {
        tx.delete(relation, lockForDdl(tx, constraintKey(k.tableId(), k.name()), k.name()));
        pending(tx).objects.put(constraintEntry(k.tableId(), k.name()), null);
    }

    /** The in-memory key of a constraint among the other objects: \u0002 cannot occur in relation names. */
    private static String constraintEntry(int tableId, String name) {
        return "\u0002" + tableId + "/" + name;
    }

    private static byte[] constraintKey(int tableId, String name) {
        return new TupleEncoder(24).writeRawPrefix(Keys.catalogObjectsPrefix())
                .writeLong(CatalogCodec.KEY_KIND_CONSTRAINT, SortOrder.ASC).writeText(tableId + "/" + name, SortOrder.ASC)
                .toByteArray();
    }

    // ------------------------------------------------------------------ savepoints

    /** SAVEPOINT {@code name}: remembers {@code tx}'s pending catalog state. */
    public void savepoint(Transaction tx, String name) {
        Pending p = pending.get(tx);
        if (p != null) {
            p.savepoints.push(p.mark(name));
        }
    }

    /** ROLLBACK TO SAVEPOINT {@code name}: forgets {@code tx}'s DDL since then (keeps the savepoint). */
    public void rollbackTo(Transaction tx, String name) {
        Pending p = pending.get(tx);
        if (p == null) {
            return;
        }
        Pending.Mark m = p.find(name);
        if (m == null) {
            // DDL began after the savepoint: all of it goes
            p.changes.clear();
            p.objects.clear();
            p.reclaimAlways.addAll(p.reclaimOnRollback);
            p.reclaimOnRollback.clear();
            p.reclaimOnCommit.clear();
            return;
        }
        while (p.savepoints.peek() != m) {
            p.savepoints.pop();
        }
        p.changes.clear();
        p.changes.putAll(m.changes());
        p.objects.clear();
        p.objects.putAll(m.objects());
        p.reclaimAlways.addAll(p.reclaimOnRollback.subList(m.onRollback(), p.reclaimOnRollback.size()));
        p.reclaimOnRollback.subList(m.onRollback(), p.reclaimOnRollback.size()).clear();
        p.reclaimOnCommit.subList(m.onCommit(), p.reclaimOnCommit.size()).clear();
    }

    /** RELEASE SAVEPOINT {@code name}: forgets it and the savepoints after it; the changes stay. */
    public void release(Transaction tx, String name) {
        Pending p = pending.get(tx);
        if (p == null) {
            return;
        }
        Pending.Mark m = p.find(name);
        if (m != null) {
            while (p.savepoints.pop() != m) {
                // pop up to and including m
            }
        }
    }

    // ------------------------------------------------------------------ commit / rollback

    private Pending pending(Transaction tx) {
        return pending.computeIfAbsent(tx, t -> {
            Pending p = new Pending();
            t.addEndListener(new Transaction.EndListener() {
                @Override
                public void committed(Transaction ended) {
                    install(pending.remove(ended));
                }

                @Override
                public void rolledBack(Transaction ended) {
                    Pending gone = pending.remove(ended);
                    if (gone != null) {
                        reclaim(gone.reclaimOnRollback);
                        reclaim(gone.reclaimAlways);
                    }
                }
            });
            return p;
        });
    }

    private void install(Pending p) {
        if (p == null) {
            return;
        }
        synchronized (this) {
            Map<String, Table> next = new HashMap<>(committed);
            p.changes.forEach((name, table) -> {
                if (table == null) {
                    next.remove(name);
                } else {
                    next.put(name, table);
                }
            });
            committed = Map.copyOf(next);
            Map<String, Object> nextObjects = new HashMap<>(committedObjects);
            p.objects.forEach((name, o) -> {
                Object old = nextObjects.get(name);
                if (o == null) {
                    nextObjects.remove(name);
                    if (old instanceof Sequence q) {
                        sequenceValues.drop(q.id());
                    }
                } else {
                    nextObjects.put(name, o);
                }
            });
            committedObjects = Map.copyOf(nextObjects);
            committedTriggerTables = triggerTables(committedObjects);
        }
        reclaim(p.reclaimOnCommit);
        reclaim(p.reclaimAlways);
    }

    /**
     * Whether {@code table}'s row storage was created by {@code tx} (CREATE TABLE, TRUNCATE or a
     * rewrite in it, uncommitted): then no other transaction can reach its keys before {@code tx}
     * ends, and its inserts need no row locks.
     */
    public boolean storageCreatedBy(Transaction tx, Table table) {
        Pending p = pending.get(tx);
        return p != null && p.reclaimOnRollback.contains(storage(table));
    }

    /** A table's row storage: the key space {@code 't' u32be(id)} in one engine. */
    record Storage(int id, String engine) {}

    private static Storage storage(Table t) {
        return new Storage(t.storageId(), t.engine());
    }

    /**
     * Deletes every key of each storage: no committed catalog entry refers to them any more. A
     * crash before this finishes leaves unreachable rows, which the next {@link #load} sweeps.
     */
    private void reclaim(List<Storage> storages) {
        for (Storage s : storages) {
            forgetListeners.forEach(l -> l.accept(s.id()));
            try {
                OrphanSweeper.deleteStorage(engines.forName(s.engine()), s.id());
            } catch (RuntimeException e) {
                LOG.error("could not reclaim the rows of storage {} in engine {}; the next start sweeps them", s.id(), s.engine(), e);
            }
        }
    }

    // ------------------------------------------------------------------ schemas and names

    /*
     * A relation's catalog name is its bare name in schema public (so catalogs written before
     * schemas existed keep their keys, names and ids) and "schema.name" in any other schema.
     * Names written by users are turned into catalog names by resolve / createName; catalog
     * names are never resolved again. See docs/formats/catalog.md, section "Schemas".
     */

    /** The catalog name of relation {@code bare} in schema {@code schema}. */
    public static String qualify(String schema, String bare) {
        return schema.equals(Schema.PUBLIC) ? bare : schema + "." + bare;
    }

    /** The schema of catalog name {@code name}. */
    public static String schemaOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? Schema.PUBLIC : name.substring(0, dot);
    }

    /** The name without its schema. */
    public static String bareName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * The catalog name a user's relation name means for {@code tx}: {@code s.t} and
     * {@code public.t} as written, an unqualified {@code t} in the first schema of the search path
     * that has a relation called so; null when there is none.
     */
    public String resolve(Transaction tx, String written) {
        if (written == null) {
            return null;
        }
        int dot = written.indexOf('.');
        if (dot >= 0) {
            String schema = written.substring(0, dot);
            String bare = written.substring(dot + 1);
            return schema.equals(Schema.PG_CATALOG) ? bare : qualify(schema, bare);
        }
        for (String schema : SearchPath.current()) {
            if (schemaExists(tx, schema) && relationExists(tx, qualify(schema, written))) {
                return qualify(schema, written);
            }
        }
        return null;
    }

    /**
     * The catalog name for a relation CREATE makes under the user's name {@code written}: in its
     * schema when qualified (3F000 when that does not exist), else in the first existing schema of
     * the search path (3F000 "no schema has been selected to create in" when none does).
     */
    public String createName(Transaction tx, String written) {
        return createName(tx, written, 0);
    }

    /** {@link #createName(Transaction, String)}, errors pointing at {@code pos} (1-based, 0 = none). */
    public String createName(Transaction tx, String written, int pos) {
        int dot = written.indexOf('.');
        if (dot >= 0) {
            String schema = written.substring(0, dot);
            String bare = written.substring(dot + 1);
            checkNewName(bare);
            if (schema.equals(Schema.PG_CATALOG)) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"" + written + "\"", 0,
                        "System catalog modifications are currently disallowed.", null, null);
            }
            if (!schemaExists(tx, schema)) {
                throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist", pos);
            }
            return qualify(schema, bare);
        }
        checkNewName(written);
        for (String schema : SearchPath.current()) {
            if (!schema.equals(Schema.PG_CATALOG) && schemaExists(tx, schema)) {
                return qualify(schema, written);
            }
        }
        throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in", pos);
    }

    /** 3F000 when {@code written} is qualified with a schema that does not exist (DROP of a missing relation). */
    public void requireSchemaOf(Transaction tx, String written) {
        int dot = written.indexOf('.');
        if (dot >= 0 && !schemaExists(tx, written.substring(0, dot))) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + written.substring(0, dot) + "\" does not exist");
        }
    }

    /** A relation name may not contain a dot: catalog names use it to separate the schema. */
    private static void checkNewName(String bare) {
        if (bare.indexOf('.') >= 0) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "relation names containing \".\" are not supported");
        }
    }

    /** Whether schema {@code name} exists for {@code tx} ({@code public} and {@code pg_catalog} always do). */
    public boolean schemaExists(Transaction tx, String name) {
        return name.equals(Schema.PUBLIC) || name.equals(Schema.PG_CATALOG) || schema(tx, name) != null;
    }

    /** The schema called {@code name} as {@code tx} sees it (null for the built-in ones and unknown names). */
    public Schema schema(Transaction tx, String name) {
        return object(tx, schemaEntry(name)) instanceof Schema sc ? sc : null;
    }

    /** The user-created schemas {@code tx} sees, by name. */
    public List<Schema> schemas(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof Schema).map(o -> (Schema) o)
                .sorted(Comparator.comparing(Schema::name)).toList();
    }

    /** Creates schema {@code sc} (42P06 when it exists). */
    public void createSchema(Transaction tx, Schema sc) {
        if (sc.name().equals(Schema.PUBLIC) || sc.name().equals(Schema.PG_CATALOG)) {
            throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + sc.name() + "\" already exists");
        }
        try {
            tx.insert(relation, schemaKey(sc.name()), CatalogCodec.encodeSchema(sc));
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + sc.name() + "\" already exists");
            }
            throw e;
        }
        pending(tx).objects.put(schemaEntry(sc.name()), sc);
    }

    /** Drops schema {@code sc} (its contents must be gone already). */
    public void dropSchema(Transaction tx, Schema sc) {
        Version seen = tx.get(relation, schemaKey(sc.name()));
        if (seen == null) {
            throw concurrentDdl(sc.name());
        }
        Transaction.RowLock l = tx.lock(relation, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (l.outcome() != Transaction.LockOutcome.LOCKED) {
            throw concurrentDdl(sc.name());
        }
        tx.delete(relation, l.current());
        pending(tx).objects.put(schemaEntry(sc.name()), null);
    }

    /** The names (catalog names) of every relation in schema {@code schema} for {@code tx}. */
    public List<String> relationsIn(Transaction tx, String schema) {
        List<String> out = new ArrayList<>();
        tables(tx).forEach(t -> {
            if (schemaOf(t.name()).equals(schema)) {
                out.add(t.name());
            }
        });
        for (Object o : objects(tx)) {
            String n = switch (o) {
                case Sequence q -> q.name();
                case Index i -> i.name();
                case View v -> v.name();
                default -> null;
            };
            if (n != null && schemaOf(n).equals(schema)) {
                out.add(n);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ functions and triggers

    /** The function whose {@link Function#signature()} is {@code signature}, as {@code tx} sees it, or null. */
    public Function function(Transaction tx, String signature) {
        return object(tx, functionEntry(signature)) instanceof Function f ? f : null;
    }

    /** Every function {@code tx} sees, by signature. */
    public List<Function> functions(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof Function).map(o -> (Function) o)
                .sorted(Comparator.comparing(Function::signature)).toList();
    }

    /**
     * The overloads a user's function name means for {@code tx}: those of {@code s.f} as written, of
     * an unqualified {@code f} in the first schema of the search path that has a function so called.
     */
    public List<Function> functionsNamed(Transaction tx, String written) {
        List<Function> all = functions(tx);
        int dot = written.indexOf('.');
        List<String> candidates = dot >= 0 ? List.of(resolveQualified(written)) : SearchPath.current().stream()
                .filter(sc -> !sc.equals(Schema.PG_CATALOG)).map(sc -> qualify(sc, written)).toList();
        for (String name : candidates) {
            List<Function> found = all.stream().filter(f -> f.name().equals(name)).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static String resolveQualified(String written) {
        int dot = written.indexOf('.');
        String schema = written.substring(0, dot);
        return schema.equals(Schema.PG_CATALOG) ? written.substring(dot + 1) : qualify(schema, written.substring(dot + 1));
    }

    /** The function with id {@code id} as {@code tx} sees it, or null. */
    public Function functionById(Transaction tx, int id) {
        return functions(tx).stream().filter(f -> f.id() == id).findFirst().orElse(null);
    }

    /** Creates function {@code f} (42723 when one with the same signature exists). */
    public void createFunction(Transaction tx, Function f) {
        insertObject(tx, routineKey(CatalogCodec.KIND_FUNCTION, f.signature()), CatalogCodec.encodeFunction(f),
                () -> new SqlException(SqlState.DUPLICATE_FUNCTION, "function \"" + bareName(f.name())
                        + "\" already exists with same argument types"));
        pending(tx).objects.put(functionEntry(f.signature()), f);
    }

    /** Replaces function {@code old} by {@code updated} (same signature: CREATE OR REPLACE). */
    public void replaceFunction(Transaction tx, Function old, Function updated) {
        byte[] key = routineKey(CatalogCodec.KIND_FUNCTION, old.signature());
        tx.update(relation, lockRow(tx, key, old.name()), CatalogCodec.encodeFunction(updated));
        pending(tx).objects.put(functionEntry(updated.signature()), updated);
    }

    /** Drops function {@code f}. */
    public void dropFunction(Transaction tx, Function f) {
        tx.delete(relation, lockRow(tx, routineKey(CatalogCodec.KIND_FUNCTION, f.signature()), f.name()));
        pending(tx).objects.put(functionEntry(f.signature()), null);
    }

    /** The triggers of the table with id {@code tableId} as {@code tx} sees them, by name (their firing order). */
    public List<Trigger> triggers(Transaction tx, int tableId) {
        return objects(tx).stream().filter(o -> o instanceof Trigger tr && tr.tableId() == tableId).map(o -> (Trigger) o)
                .sorted(Comparator.comparing(Trigger::name)).toList();
    }

    /**
     * False when the table with id {@code tableId} certainly has no trigger for {@code tx} (no
     * committed one, none created by {@code tx}): the fast path of every DML statement.
     */
    public boolean mayHaveTriggers(Transaction tx, int tableId) {
        if (committedTriggerTables.contains(tableId)) {
            return true;
        }
        Pending p = tx == null ? null : pending.get(tx);
        return p != null && p.objects.values().stream().anyMatch(o -> o instanceof Trigger t && t.tableId() == tableId);
    }

    private static Set<Integer> triggerTables(Map<String, Object> objects) {
        Set<Integer> ids = new HashSet<>();
        objects.values().forEach(o -> {
            if (o instanceof Trigger t) {
                ids.add(t.tableId());
            }
        });
        return Set.copyOf(ids);
    }

    /** Every trigger {@code tx} sees. */
    public List<Trigger> triggers(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof Trigger).map(o -> (Trigger) o)
                .sorted(Comparator.comparing(Trigger::key)).toList();
    }

    /** Creates trigger {@code t} ({@code duplicate} is the error when the table has one of that name). */
    public void createTrigger(Transaction tx, Trigger t, java.util.function.Supplier<SqlException> duplicate) {
        insertObject(tx, routineKey(CatalogCodec.KIND_TRIGGER, t.key()), CatalogCodec.encodeTrigger(t), duplicate);
        pending(tx).objects.put(triggerEntry(t.key()), t);
    }

    /** Replaces trigger {@code old} by {@code updated} (same table and name). */
    public void replaceTrigger(Transaction tx, Trigger old, Trigger updated) {
        tx.update(relation, lockRow(tx, routineKey(CatalogCodec.KIND_TRIGGER, old.key()), old.name()),
                CatalogCodec.encodeTrigger(updated));
        pending(tx).objects.put(triggerEntry(updated.key()), updated);
    }

    /** Drops trigger {@code t}. */
    public void dropTrigger(Transaction tx, Trigger t) {
        tx.delete(relation, lockRow(tx, routineKey(CatalogCodec.KIND_TRIGGER, t.key()), t.name()));
        pending(tx).objects.put(triggerEntry(t.key()), null);
    }

    // ------------------------------------------------------------------ roles

    /** The role called {@code name} as {@code tx} sees it (the latest committed one for a null {@code tx}), or null. */
    public Role role(Transaction tx, String name) {
        return object(tx, roleEntry(name)) instanceof Role r ? r : null;
    }

    /** Every role {@code tx} sees, by name. */
    public List<Role> roles(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof Role).map(o -> (Role) o)
                .sorted(Comparator.comparing(Role::name)).toList();
    }

    /** Creates role {@code r} (42710 when one of that name exists). */
    public void createRole(Transaction tx, Role r) {
        insertObject(tx, routineKey(CatalogCodec.KIND_ROLE, r.name()), CatalogCodec.encodeRole(r),
                () -> new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + r.name() + "\" already exists"));
        pending(tx).objects.put(roleEntry(r.name()), r);
    }

    /** Replaces role {@code old} by {@code updated} (ALTER ROLE; a rename moves it to a new key). */
    public void replaceRole(Transaction tx, Role old, Role updated) {
        if (!old.name().equals(updated.name())) {
            dropRole(tx, old);
            createRole(tx, updated);
            return;
        }
        tx.update(relation, lockRow(tx, routineKey(CatalogCodec.KIND_ROLE, old.name()), old.name()), CatalogCodec.encodeRole(updated));
        pending(tx).objects.put(roleEntry(updated.name()), updated);
    }

    /** Drops role {@code r}. */
    public void dropRole(Transaction tx, Role r) {
        tx.delete(relation, lockRow(tx, routineKey(CatalogCodec.KIND_ROLE, r.name()), r.name()));
        pending(tx).objects.put(roleEntry(r.name()), null);
    }

    private static String roleEntry(String name) {
        return "\3" + name;
    }

    // ------------------------------------------------------------------ owners and privileges

    /** The owner and privileges of object {@code type/objectId} as {@code tx} sees them, or null (default). */
    public ObjectAcl acl(Transaction tx, char type, int objectId) {
        return object(tx, aclEntry(type, objectId)) instanceof ObjectAcl a ? a : null;
    }

    /** Every stored owner/privilege entry {@code tx} sees (for DROP ROLE's dependency check). */
    public List<ObjectAcl> acls(Transaction tx) {
        return objects(tx).stream().filter(o -> o instanceof ObjectAcl).map(o -> (ObjectAcl) o).toList();
    }

    /** Stores {@code a}, replacing the entry of its object if there is one (GRANT, REVOKE, OWNER TO, CREATE). */
    public void putAcl(Transaction tx, ObjectAcl a) {
        byte[] key = routineKey(CatalogCodec.KIND_ACL, a.key());
        if (acl(tx, a.type(), a.objectId()) == null) {
            insertObject(tx, key, CatalogCodec.encodeAcl(a), () -> concurrentDdl(a.key()));
        } else {
            tx.update(relation, lockRow(tx, key, a.key()), CatalogCodec.encodeAcl(a));
        }
        pending(tx).objects.put(aclEntry(a.type(), a.objectId()), a);
    }

    /** Removes the entry of object {@code type/objectId}, if any (its object was dropped). */
    public void dropAcl(Transaction tx, char type, int objectId) {
        if (acl(tx, type, objectId) != null) {
            String key = ObjectAcl.key(type, objectId);
            tx.delete(relation, lockRow(tx, routineKey(CatalogCodec.KIND_ACL, key), key));
            pending(tx).objects.put(aclEntry(type, objectId), null);
        }
    }

    private static String aclEntry(char type, int objectId) {
        return "\4" + ObjectAcl.key(type, objectId);
    }

    private void insertObject(Transaction tx, byte[] key, byte[] payload, java.util.function.Supplier<SqlException> duplicate) {
        try {
            tx.insert(relation, key, payload);
        } catch (TransactionException e) {
            if (e.kind() == TransactionException.Kind.DUPLICATE_KEY) {
                throw duplicate.get();
            }
            throw e;
        }
    }

    /** Locks the catalog row under {@code key} for a change and returns the version to replace. */
    private Version lockRow(Transaction tx, byte[] key, String name) {
        Version seen = tx.get(relation, key);
        if (seen == null) {
            throw concurrentDdl(name);
        }
        Transaction.RowLock l = tx.lock(relation, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (l.outcome() != Transaction.LockOutcome.LOCKED) {
            throw concurrentDdl(name);
        }
        return l.current();
    }

    private static byte[] routineKey(byte kind, String name) {
        return new TupleEncoder(24).writeRawPrefix(Keys.catalogObjectsPrefix())
                .writeLong(kind, SortOrder.ASC).writeText(name, SortOrder.ASC).toByteArray();
    }

    /** In-memory keys of functions and triggers among the other objects (control characters: never in relation names). */
    private static String functionEntry(String signature) {
        return "\1" + signature;
    }

    private static String triggerEntry(String key) {
        return "\2" + key;
    }

    /** The in-memory key of a schema among the other objects: NUL cannot occur in relation names. */
    private static String schemaEntry(String name) {
        return "\0" + name;
    }

    private static byte[] schemaKey(String name) {
        return new TupleEncoder(24).writeRawPrefix(Keys.catalogObjectsPrefix())
                .writeLong(CatalogCodec.KEY_KIND_SCHEMA, SortOrder.ASC).writeText(name, SortOrder.ASC).toByteArray();
    }

    /** The catalog row key of the table called {@code name}: kind and name as an order-preserving tuple. */
    static byte[] objectKey(String name) {
        return new TupleEncoder(24).writeRawPrefix(Keys.catalogObjectsPrefix())
                .writeLong(CatalogCodec.KIND_TABLE, SortOrder.ASC).writeText(name, SortOrder.ASC).toByteArray();
    }

    /**
     * One transaction's uncommitted DDL: the objects it changed by name (null = dropped), the
     * storage to reclaim depending on the outcome, and its state at each savepoint.
     */
    private static final class Pending {
        final Map<String, Table> changes = new HashMap<>();
        final Map<String, Object> objects = new HashMap<>();
        final List<Storage> reclaimOnCommit = new ArrayList<>();
        final List<Storage> reclaimOnRollback = new ArrayList<>();
        /** New storage of changes undone by ROLLBACK TO SAVEPOINT: no outcome will use it. */
        final List<Storage> reclaimAlways = new ArrayList<>();
        final java.util.ArrayDeque<Mark> savepoints = new java.util.ArrayDeque<>();

        record Mark(String name, Map<String, Table> changes, Map<String, Object> objects, int onCommit, int onRollback) {}

        Mark mark(String name) {
            return new Mark(name, new HashMap<>(changes), new HashMap<>(objects), reclaimOnCommit.size(), reclaimOnRollback.size());
        }

        Mark find(String name) {
            for (Mark m : savepoints) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }
}

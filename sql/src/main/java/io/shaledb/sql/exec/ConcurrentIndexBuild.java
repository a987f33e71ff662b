package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.progress.IndexBuildProgress;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.LockOwner;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE INDEX CONCURRENTLY: builds an index while INSERT, UPDATE and DELETE on the table go on.
 *
 * <pre>
 *   guard ─ NO KEY UPDATE on the table's catalog row (keeps DDL out, not writers) ─────────────┐
 *   A     ─ index definition + empty key space, valid = false ── commit                        │
 *           from here every new writer statement maintains the index (RowWriter)               │
 *   wait  ─ every transaction holding the table's write lock when A committed ends (it may    │
 *           have written rows without entries)                                                 │
 *   B1..n ─ for each row, newest version, in key order, in short transactions:                 │
 *           lock the row FOR SHARE (wait for a writer holding it) ─► live? ─► entry there? ─► add
 *           UNIQUE: another row's entry with the key = 23505, index stays INVALID              │
 *   C     ─ valid = true, createXid = the last B that added entries ── commit                   │
 *   guard ─ ends ◄──────────────────────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * <p>Why the result is exact: after the wait, a row version without an entry can only be one that
 * was committed before A's writers-to-be started, and no transaction that could change a row
 * without maintaining the index is left. Each B locks a row before reading its newest version and
 * adding the entry, so no writer changes the row in between; a writer that changes it later sees
 * the committed entry and moves or removes it. A writer that already gave the row its entry is
 * recognised by the entry being there.
 *
 * <p>Why writers do not block: the guard's lock conflicts only with DDL, each B holds its row locks
 * for at most {@link #BATCH_ROWS} rows or {@link #BATCH_NANOS}, and a B that meets a row another
 * transaction holds commits what it has first, then waits holding nothing but that row's lock. A
 * writer therefore waits at most one short batch for a row the build has just visited.
 *
 * <p>A failure after A (duplicate key, cancel, any error) leaves the index INVALID: writers keep
 * maintaining it, queries do not use it, DROP INDEX removes it — as in PostgreSQL.
 */
final class ConcurrentIndexBuild {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentIndexBuild.class);
    /** At most this many rows per build transaction. */
    static final int BATCH_ROWS = 1000;
    /** At most this long per build transaction, so a writer never waits long for a row it visited. */
    static final long BATCH_NANOS = 20_000_000L;

    private final Executor executor;
    private final Catalog catalog;
    private final TransactionManager txns;

    ConcurrentIndexBuild(Executor executor) {
        this.executor = executor;
        this.catalog = executor.catalog();
        this.txns = executor.transactions();
    }

    /** What one build transaction did. */
    private record Batch(byte[] lastKey, long rows, boolean done, boolean blockOnFirst, boolean wroteEntries) {}

    /**
     * Runs the whole build for {@code definition} (without storage) on {@code table}, on behalf of
     * the statement running in {@code session}, which itself writes nothing; {@code command} names
     * it in the progress view.
     */
    void run(Transaction session, Table table, Index definition, String command) {
        BooleanSupplier cancelled = session.cancellation();
        Transaction guard = begin(session);
        IndexBuildProgress progress = executor.indexBuilds().start(session.pid(), table.oid(), definition.oid(), command,
                Catalog.bareName(definition.name()), Catalog.bareName(table.name()));
        long rows = 0;
        try {
            catalog.lockAgainstDdl(guard, table);
            guard.beginStatement(cancelled, 0); // the catalog as committed once DDL before us is done
            Table current = catalog.table(guard, table.name());
            if (current == null || current.id() != table.id()) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + Catalog.bareName(table.name()) + "\" does not exist");
            }
            Index index = createInvalid(session, current, definition);
            waitForWriters(session, guard, current, progress, cancelled);
            progress.phase(IndexBuildProgress.BUILDING);
            long[] built = build(session, current, index, progress);
            rows = built[0];
            progress.phase(IndexBuildProgress.WAITING_FOR_OLD_SNAPSHOTS);
            markValid(session, index, built[1] != 0 ? built[1] : index.createXid());
            guard.commit();
            progress.finish(rows, null);
        } catch (RuntimeException | Error e) {
            guard.rollback();
            progress.finish(rows, e);
            throw e;
        }
    }

    /** Transaction A: the definition, valid = false, with an empty key space; committed. */
    private Index createInvalid(Transaction session, Table table, Index definition) {
        Transaction a = begin(session);
        try {
            Index index = definition.withValid(false).withStorage(catalog.allocateId(), a.assignXid());
            executor.indexKey(table, index); // binds expressions and the predicate: errors surface before anything exists
            catalog.createIndex(a, index);
            a.commit();
            return index;
        } catch (RuntimeException e) {
            a.rollback();
            throw e;
        }
    }

    /**
     * Waits until every transaction that holds the table's write lock now has ended: it may have
     * read the catalog before the index existed and written rows without entries. A writer that
     * takes the lock from now on reads the catalog after taking it, so it sees the index (as
     * PostgreSQL waits for the lockers of the table, not for every transaction). A transaction that
     * itself waits for our guard's lock would wait forever: that is a deadlock (40P01), as
     * PostgreSQL reports it.
     */
    private void waitForWriters(Transaction session, Transaction guard, Table table, IndexBuildProgress progress,
                                BooleanSupplier cancelled) {
        progress.phase(IndexBuildProgress.WAITING_FOR_WRITERS);
        List<Transaction> older = new java.util.ArrayList<>(catalog.lockHolders(txns, table));
        older.remove(session);
        older.remove(guard);
        progress.lockers(older.size());
        if (!older.isEmpty()) {
            LOG.info("CREATE INDEX CONCURRENTLY: waiting for {} transaction(s) that wrote {} before the index existed", older.size(),
                    Catalog.bareName(table.name()));
        }
        LockOwner guardOwner = new LockOwner(guard.xid(), guard.pid());
        for (Transaction t : older) {
            boolean[] deadlock = {false};
            BooleanSupplier stop = () -> {
                deadlock[0] = t.xid() != 0 && txns.locks().blockers(new LockOwner(t.xid(), t.pid())).contains(guardOwner);
                return deadlock[0] || cancelled.getAsBoolean();
            };
            try {
                txns.awaitEnded(List.of(t), stop, w -> progress.waitingFor(w.pid()));
            } catch (TransactionException e) {
                if (deadlock[0]) {
                    throw new SqlException(SqlState.DEADLOCK_DETECTED, "deadlock detected", 0,
                            "Process " + session.pid() + " waits for the transaction of process " + t.pid()
                                    + ", which waits for a lock held by process " + session.pid() + ".", null, null);
                }
                throw e;
            }
            progress.lockerDone();
        }
    }

    /**
     * Transactions B: adds the entry of every live row that has none; returns the rows scanned and
     * the id of the last transaction that added entries (0 when none did).
     */
    private long[] build(Transaction session, Table table, Index index, IndexBuildProgress progress) {
        IndexMaintainer.IndexKey key = executor.indexKey(table, index);
        Relation heap = executor.relation(table);
        KeyRange all = KeyRange.prefix(heap.keyPrefix());
        IndexDdl.measure(heap, progress);
        long rows = 0;
        long lastXid = 0;
        byte[] after = null;
        boolean blockOnFirst = false;
        while (true) {
            Transaction b = begin(session);
            Batch batch;
            try {
                KeyRange range = after == null ? all : new KeyRange(after, false, all.high(), all.highInclusive());
                batch = batch(b, heap, key, range, blockOnFirst, progress);
                long xid = b.xid();
                b.commit();
                if (batch.wroteEntries()) {
                    lastXid = xid;
                }
            } catch (RuntimeException e) {
                b.rollback();
                throw e;
            }
            rows += batch.rows();
            if (batch.done()) {
                return new long[] {rows, lastXid};
            }
            if (batch.lastKey() != null) {
                after = batch.lastKey();
            }
            blockOnFirst = batch.blockOnFirst();
        }
    }

    /**
     * One build transaction: rows of {@code range} until the batch is full, or until a row is held
     * by another transaction (then it ends, so that the next batch waits for that row holding no
     * other lock: {@code blockOnFirst}).
     */
    private Batch batch(Transaction b, Relation heap, IndexMaintainer.IndexKey key, KeyRange range, boolean blockOnFirst,
                        IndexBuildProgress progress) {
        long deadline = System.nanoTime() + BATCH_NANOS;
        long n = 0;
        byte[] last = null;
        boolean wrote = false;
        try (VersionScan s = b.scanNewest(heap, range, Direction.FORWARD)) {
            while (s.next()) {
                if (n >= BATCH_ROWS || n > 0 && System.nanoTime() - deadline > 0) {
                    return new Batch(last, n, false, false, wrote);
                }
                Version seen = s.current();
                if (!b.isLive(seen)) { // deleted for good: a later insert of its key maintains the index itself
                    progress.scanned(seen.userKey().length + seen.payload().length);
                    continue;
                }
                boolean first = n == 0;
                Transaction.RowLock lock = b.lock(heap, seen, LockMode.SHARE, first && blockOnFirst ? WaitPolicy.BLOCK : WaitPolicy.SKIP_LOCKED);
                if (lock.outcome() == Transaction.LockOutcome.SKIPPED) {
                    return new Batch(last, n, false, true, wrote); // a writer holds it: wait for it in a fresh batch
                }
                Version current = b.newestLive(heap, seen.userKey()); // with the lock held, nobody changes it now
                if (current != null) {
                    IndexMaintainer.Entry e = key.entry(Executor.decode(key.table(), current), current.userKey());
                    if (e != null) {
                        Version existing = b.newestLive(key.relation(), e.key());
                        boolean present = existing != null
                                && (!e.enforceUnique() || Arrays.equals(key.rowKey(existing.payload()), current.userKey()));
                        if (!present) {
                            if (existing != null && !first) {
                                // another row's entry has the key: decide (and maybe wait for its writer) holding no other lock
                                return new Batch(last, n, false, true, wrote);
                            }
                            if (!IndexMaintainer.add(b, e, true)) {
                                throw new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \""
                                        + Catalog.bareName(key.index().name()) + "\"", 0,
                                        "Key " + key.describe(e.keyValues()) + " is duplicated.", null, null);
                            }
                            wrote = true;
                        }
                    }
                }
                progress.scanned(seen.userKey().length + seen.payload().length);
                last = seen.userKey();
                n++;
                if ((n & 127) == 0) {
                    b.checkCancelled();
                }
            }
        }
        return new Batch(last, n, true, false, wrote);
    }

    /** Transaction C: the index becomes valid for snapshots that see {@code builtBy}. */
    private void markValid(Transaction session, Index index, long builtBy) {
        Transaction c = begin(session);
        try {
            Index now = catalog.index(c, index.name());
            if (now == null || now.id() != index.id()) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + Catalog.bareName(index.name()) + "\" does not exist");
            }
            catalog.replaceIndex(c, now, now.withStorage(now.storageId(), builtBy).withValid(true));
            c.commit();
        } catch (RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * REINDEX CONCURRENTLY's last step: the copy {@code copyName} takes the place (and name) of
     * {@code old}, whose entries go. The table's exclusive lock makes writers pause for this one
     * short transaction, as PostgreSQL's exclusive lock on the two indexes does, so that no writer
     * statement still maintains the dropped index's key space.
     */
    void swap(Transaction session, Table table, Index old, String copyName) {
        Transaction s = begin(session);
        try {
            catalog.lockExclusive(s, table);
            Index copy = catalog.index(s, copyName);
            Index now = catalog.index(s, old.name());
            if (copy == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + Catalog.bareName(copyName) + "\" does not exist");
            }
            if (now != null) {
                catalog.dropIndex(s, now);
            }
            catalog.renameIndex(s, copy, old.name());
            s.commit();
        } catch (RuntimeException e) {
            s.rollback();
            throw e;
        }
    }

    /** A transaction of the build's own, cancelled with the statement. */
    private Transaction begin(Transaction session) {
        Transaction t = txns.begin(IsolationLevel.READ_COMMITTED, false, session.pid());
        t.beginStatement(session.cancellation(), 0, true);
        return t;
    }
}

package io.shaledb.txn;

import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.txn.lock.LockManager;
import io.shaledb.txn.lock.LockTarget;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out transactions and keeps the shared state they consult: the next transaction id, the
 * set of running ones (the "proc array" snapshots are taken from), the commit log, the row-lock
 * manager, the recent committed write sets serializable transactions validate against, and the
 * relations autovacuum watches.
 *
 * <p><b>Commit pipeline.</b> A committing writer, under {@code commitLock}, validates (if
 * serializable), publishes its write set, takes the next commit sequence number and writes its
 * commit record (deferred) — so records, publications and sequence numbers share one order. It
 * then syncs the catalog engine outside the lock (concurrent committers share the fsync), and
 * finally makes every committer up to its own sequence number visible, in order, under the proc
 * array monitor. Visibility therefore follows commit order exactly and never precedes durability:
 * every snapshot sees a prefix of the serial order, which is what lets read-only transactions
 * skip validation.
 *
 * <p><b>Commits across engines.</b> Commit records live in the catalog engine's log; rows may live
 * in another engine's. Once a commit has written rows elsewhere, the catalog engine gets a write
 * barrier ({@link StorageEngine#setWriteBarrier}): before its log writes anything out, every other
 * engine a commit touched is synced. A row is written before the record that commits it, so a
 * commit record never reaches the disk ahead of its rows, and a commit that does not wait for the
 * disk costs no sync of either log.
 *
 * <pre>
 *   rows ──applyDeferred──► LSM log (buffered)
 *   commit record ──────► catalog log (buffered) ──write out──► barrier: LSM.sync() ──► write, fsync
 * </pre>
 */
public final class TransactionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);
    /** The first id handed out in a new database (PostgreSQL's first normal xid is 3). */
    static final long FIRST_XID = 3;
    /** Ids are reserved durably this many at a time. */
    private static final long XID_RESERVE = 4096;
    /** Fewer unused reserved ids than this start the next reservation in the background. */
    private static final long XID_RESERVE_AHEAD = XID_RESERVE / 2;

    private final StorageEngine meta;
    private final CommitLog clog;
    private final LockManager locks;
    private final TxnOptions options;

    private final Object procArray = new Object();
    private long nextXid;
    /** Ids below this are durably reserved; raised only under {@link #reserveLock}, after the write. */
    private volatile long xidLimit;
    /** Orders the durable writes of the id limit (taken after {@code procArray}, never before it). */
    private final ReentrantLock reserveLock = new ReentrantLock();
    private final AtomicBoolean reservingAhead = new AtomicBoolean();
    private final Map<Long, Transaction> active = new HashMap<>();
    private final Set<Transaction> running = ConcurrentHashMap.newKeySet();
    /** Notified whenever a transaction ends ({@link #awaitEnded}). */
    private final Object endedSignal = new Object();
    private final java.util.concurrent.atomic.AtomicInteger endWaiters = new java.util.concurrent.atomic.AtomicInteger();

    private final ReentrantLock commitLock = new ReentrantLock();
    private long commitSeq;
    private final ArrayDeque<Committing> pipeline = new ArrayDeque<>();
    private final ConcurrentLinkedDeque<Committing> recentWrites = new ConcurrentLinkedDeque<>();

    /** Engines other than {@link #meta} some commit wrote rows to: the write barrier syncs them. */
    private final Set<StorageEngine> rowEngines = ConcurrentHashMap.newKeySet();
    /**
     * Commits that did not wait for the disk and wrote rows outside {@link #meta}, in commit order,
     * until a sync makes their records durable; guarded by its own monitor. Until then they hold
     * the horizon back ({@link #undurableFloor}): a version they replaced must not be pruned, since
     * the prune lands in the rows' log, which may reach the disk before the commit record does.
     */
    private final ArrayDeque<Undurable> undurable = new ArrayDeque<>();
    /** The smallest id in {@link #undurable}, or {@code Long.MAX_VALUE}. */
    private volatile long undurableFloor = Long.MAX_VALUE;
    /**
     * This many commits waiting in {@link #undurable} start a sync in the background, so that a
     * caller that rarely syncs (Redis's {@code appendfsync no}) does not hold the horizon back, and
     * grow this queue, for long.
     */
    private static final int UNDURABLE_SYNC_AFTER = 16_384;
    private final AtomicBoolean syncingAhead = new AtomicBoolean();

    /** A commit whose record is not known to be durable yet: its commit sequence number and id. */
    private record Undurable(long seq, long xid) {}

    private final Map<Integer, RelationStats> relations = new ConcurrentHashMap<>();
    private final AtomicLong autovacuumRuns = new AtomicLong();
    private final Thread autovacuum;
    private final Object napLock = new Object();
    private volatile boolean closed;

    /** A writer between publishing its commit and becoming visible, then (for validation) after. */
    static final class Committing {
        final long xid;
        final long seq;
        final Footprint writes;
        volatile boolean visible;

        Committing(long xid, long seq, Footprint writes) {
            this.xid = xid;
            this.seq = seq;
            this.writes = writes;
        }
    }

    /** Dead versions a relation has gathered since its last vacuum, and its live size then. */
    static final class RelationStats {
        final Relation relation;
        final AtomicLong dead = new AtomicLong();
        volatile long live;

        RelationStats(Relation relation) {
            this.relation = relation;
        }
    }

    private TransactionManager(StorageEngine meta, CommitLog clog, long nextXid, TxnOptions options,
                               Function<LockTarget, String> describe) {
        this.meta = meta;
        this.clog = clog;
        this.nextXid = nextXid;
        this.xidLimit = nextXid;
        this.options = options;
        this.locks = new LockManager(describe);
        if (!options.autovacuumNaptime().isZero()) {
            autovacuum = Thread.ofPlatform().daemon().name("shaledb-autovacuum").unstarted(this::autovacuumLoop);
            autovacuum.start();
        } else {
            autovacuum = null;
        }
    }

    /**
     * Opens the transaction state stored in {@code meta} (the catalog engine): every transaction
     * that had not committed when the database last stopped is aborted from now on.
     *
     * @param describe names a lock target for messages, e.g. {@code tuple (1) of relation "t"}
     */
    public static TransactionManager open(StorageEngine meta, TxnOptions options, Function<LockTarget, String> describe) {
        Objects.requireNonNull(meta, "meta");
        byte[] limit = meta.get(TxnKeys.xidLimitKey());
        long next = limit == null ? FIRST_XID : VersionCodec.getLong(limit, 0);
        CommitLog clog = CommitLog.load(meta, next);
        LOG.debug("transactions: next id {} on {}", next, meta.name());
        return new TransactionManager(meta, clog, next, options, describe);
    }

    /** Starts a transaction; its snapshot is taken by its first statement. */
    public Transaction begin(IsolationLevel isolation, boolean readOnly, int pid) {
        if (closed) {
            throw new IllegalStateException("transaction manager is closed");
        }
        Transaction tx = new Transaction(this, isolation, readOnly, pid, Instant.now());
        running.add(tx);
        return tx;
    }

    public LockManager locks() {
        return locks;
    }

    CommitLog clog() {
        return clog;
    }

    StorageEngine meta() {
        return meta;
    }

    // ------------------------------------------------------------------ ids and snapshots

    /**
     * Assigns {@code tx} its id. Ids are handed out only below a durably stored limit (so that a
     * restart never hands out an id again whose rows may be on disk); when half of the reserved
     * block is used, a background thread reserves the next one, so that writers do not wait for
     * its sync — and the proc-array monitor, which every snapshot needs, is not held during it.
     * Only if the block runs out first is it reserved here.
     */
    long assignXid(Transaction tx) {
        long xid;
        boolean reserveAhead;
        synchronized (procArray) {
            if (nextXid >= xidLimit) {
                reserveLock.lock();
                try {
                    if (nextXid >= xidLimit) {
                        storeXidLimit(nextXid + XID_RESERVE);
                    }
                } finally {
                    reserveLock.unlock();
                }
            }
            xid = nextXid++;
            active.put(xid, tx);
            reserveAhead = xidLimit - nextXid < XID_RESERVE_AHEAD;
        }
        if (reserveAhead && !closed && reservingAhead.compareAndSet(false, true)) {
            Thread.ofVirtual().name("shaledb-xid-reserve").start(this::reserveAhead);
        }
        return xid;
    }

    /** The background reservation of the next block of ids. */
    private void reserveAhead() {
        reserveLock.lock();
        try {
            if (!closed) {
                storeXidLimit(xidLimit + XID_RESERVE);
            }
        } catch (RuntimeException e) {
            LOG.warn("transactions: reserving ids ahead failed ({}); the next writer past the limit reserves them", e.toString());
        } finally {
            reserveLock.unlock();
            reservingAhead.set(false);
        }
    }

    /** Durably stores a new, higher id limit, then lets ids below it be handed out. Under {@link #reserveLock}. */
    private void storeXidLimit(long newLimit) {
        byte[] v = new byte[8];
        VersionCodec.putLong(v, 0, newLimit);
        meta.apply(new WriteBatch().put(TxnKeys.xidLimitKey(), v));
        xidLimit = newLimit;
    }

    /** A snapshot for {@code tx}, whose xmin counts toward the horizon from the same instant. */
    Snapshot takeSnapshot(Transaction tx) {
        synchronized (procArray) {
            long[] ids = new long[active.size()];
            int i = 0;
            long xmin = nextXid;
            for (long id : active.keySet()) {
                ids[i++] = id;
                xmin = Math.min(xmin, id);
            }
            Arrays.sort(ids);
            tx.holdSnapshotXmin(xmin);
            return new Snapshot(xmin, nextXid, ids);
        }
    }

    /**
     * The oldest id any running or future snapshot may still treat as running: a version deleted
     * by a transaction that committed below it is invisible to everyone.
     */
    public long horizon() {
        synchronized (procArray) {
            long h = Math.min(nextXid, undurableFloor);
            for (long id : active.keySet()) {
                h = Math.min(h, id);
            }
            for (Transaction t : running) {
                long x = t.snapshotXmin();
                if (x != 0) {
                    h = Math.min(h, x);
                }
            }
            return h;
        }
    }

    /** The next id to be handed out (for tools and tests). */
    public long nextXid() {
        synchronized (procArray) {
            return nextXid;
        }
    }

    // ------------------------------------------------------------------ commit and abort

    /**
     * Commits a writer: validation (serializable), publication, commit record, one sync, then
     * visibility in commit order. Throws {@link TransactionException} (serialization failure)
     * before anything is published; the caller then aborts.
     */
    void commitWriter(Transaction tx, Footprint writes, Set<StorageEngine> touched, boolean waitForDisk) {
        commitWriter(tx, writes, touched, waitForDisk, null);
    }

    /**
     * {@link #commitWriter(Transaction, Footprint, Set, boolean)}; {@code tail} (null: none) is the
     * transaction's last few row writes in the catalog engine, still unapplied: they go into the
     * engine in the commit record's own write (they are uncommitted until it, so nothing changes
     * for readers, and a command of the kv model costs one engine write instead of two).
     */
    void commitWriter(Transaction tx, Footprint writes, Set<StorageEngine> touched, boolean waitForDisk, WriteBatch tail) {
        boolean rowsElsewhere = false;
        for (StorageEngine e : touched) {
            if (e != meta) {
                rowsElsewhere = true;
                if (!rowEngines.contains(e) && rowEngines.add(e)) {
                    // From now on the catalog log syncs it before a record can reach the disk. Set
                    // on the first such engine only: until then a sync of the catalog needs no barrier.
                    meta.setWriteBarrier(this::syncRowEngines);
                }
            }
        }
        Committing entry;
        commitLock.lock();
        try {
            if (tx.isolation() == IsolationLevel.SERIALIZABLE) {
                validate(tx, true);
            }
            entry = new Committing(tx.xid(), ++commitSeq, writes);
            clog.logDeferred(tx.xid(), CommitLog.COMMITTED, tail);
            synchronized (procArray) {
                pipeline.addLast(entry);
            }
            if (!writes.isEmpty()) {
                recentWrites.addLast(entry);
            }
            if (rowsElsewhere && !waitForDisk) {
                int waiting;
                synchronized (undurable) {
                    undurable.addLast(new Undurable(entry.seq, entry.xid));
                    undurableFloor = Math.min(undurableFloor, entry.xid);
                    waiting = undurable.size();
                }
                if (waiting >= UNDURABLE_SYNC_AFTER && !closed && syncingAhead.compareAndSet(false, true)) {
                    Thread.ofVirtual().name("shaledb-commit-sync").start(this::syncAhead);
                }
            }
        } finally {
            commitLock.unlock();
        }
        try {
            if (waitForDisk) {
                meta.sync();
                madeDurable(entry.seq);
            }
        } catch (RuntimeException e) {
            synchronized (procArray) {
                pipeline.remove(entry); // in doubt: never published as committed in this run
            }
            throw e;
        }
        // Our record is durable, and so is every record logged before it: publish them all in order.
        synchronized (procArray) {
            while (!pipeline.isEmpty() && pipeline.peekFirst().seq <= entry.seq) {
                Committing c = pipeline.pollFirst();
                clog.setVisible(c.xid, CommitLog.COMMITTED);
                active.remove(c.xid);
                c.visible = true;
            }
        }
        pruneRecentWrites();
    }

    /**
     * Makes every commit acknowledged so far durable, with the rows it commits: what a transaction
     * that did not wait for the disk ({@link Transaction#commit(boolean)}) needs to be safe, e.g.
     * once a second for Redis's {@code appendfsync everysec}.
     */
    public void sync() {
        long upTo;
        commitLock.lock();
        try {
            upTo = commitSeq;
        } finally {
            commitLock.unlock();
        }
        meta.sync(); // the write barrier syncs the row engines first
        madeDurable(upTo);
    }

    /** The background sync {@link #UNDURABLE_SYNC_AFTER} waiting commits start. */
    private void syncAhead() {
        try {
            if (!closed) {
                sync();
            }
        } catch (RuntimeException e) {
            LOG.warn("transactions: background sync of {} commits not yet on disk failed ({}); the next sync retries",
                    UNDURABLE_SYNC_AFTER, e.toString());
        } finally {
            syncingAhead.set(false);
        }
    }

    /** Every commit record up to sequence number {@code seq} is durable: those commits stop holding the horizon back. */
    private void madeDurable(long seq) {
        synchronized (undurable) {
            if (undurable.isEmpty() || undurable.peekFirst().seq() > seq) {
                return;
            }
            while (!undurable.isEmpty() && undurable.peekFirst().seq() <= seq) {
                undurable.pollFirst();
            }
            long floor = Long.MAX_VALUE;
            for (Undurable u : undurable) {
                floor = Math.min(floor, u.xid());
            }
            undurableFloor = floor;
        }
    }

    /** The catalog engine's write barrier: the rows of every commit record about to be written out are made durable first. */
    private void syncRowEngines() {
        for (StorageEngine e : rowEngines) {
            e.sync();
        }
    }

    /** Records an abort (no sync needed: a missing record means aborted after a crash). */
    void abortWriter(Transaction tx) {
        try {
            clog.logDeferred(tx.xid(), CommitLog.ABORTED);
        } catch (RuntimeException e) {
            // Safe to go on: without a record the transaction is aborted after a restart too.
            LOG.warn("transaction {}: abort record not written ({}); it stays aborted", tx.xid(), e.toString());
        }
        synchronized (procArray) {
            clog.setVisible(tx.xid(), CommitLog.ABORTED);
            active.remove(tx.xid());
        }
    }

    void finished(Transaction tx) {
        running.remove(tx);
        if (endWaiters.get() > 0) {
            synchronized (endedSignal) {
                endedSignal.notifyAll();
            }
        }
    }

    /**
     * The transactions holding a granted lock on {@code userKey} of {@code rel} now (an object
     * lock such as the SQL layer's lock on a table's catalog row, which every writer of the table
     * holds until it ends): the set {@link #awaitEnded} waits out before CREATE INDEX CONCURRENTLY
     * builds. A transaction still waiting for the lock is not listed: it will read whatever is
     * committed once it has the lock.
     */
    public List<Transaction> lockHolders(Relation rel, byte[] userKey) {
        List<Transaction> out = new ArrayList<>();
        for (io.shaledb.txn.lock.LockInfo l : locks.locks()) {
            if (l.granted() && l.target().relation() == rel.id() && Arrays.equals(l.target().key(), userKey)) {
                Transaction t;
                synchronized (procArray) {
                    t = active.get(l.owner().xid());
                }
                if (t != null && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * Waits until every transaction of {@code waitFor} has ended (committed or rolled back).
     * {@code waiting} hears each one waited for before the wait starts; {@code cancelled} is polled
     * (at least every {@code 100 ms}) and ends the wait with {@link TransactionException.Kind#CANCELLED}.
     */
    public void awaitEnded(Collection<Transaction> waitFor, BooleanSupplier cancelled, Consumer<Transaction> waiting) {
        for (Transaction t : waitFor) {
            if (!running.contains(t)) {
                continue;
            }
            waiting.accept(t);
            endWaiters.incrementAndGet();
            try {
                awaitOne(t, cancelled);
            } finally {
                endWaiters.decrementAndGet();
            }
        }
    }

    private void awaitOne(Transaction t, BooleanSupplier cancelled) {
        synchronized (endedSignal) {
            while (running.contains(t)) {
                if (cancelled.getAsBoolean()) {
                    throw new TransactionException(TransactionException.Kind.CANCELLED, "canceling statement", null);
                }
                try {
                    endedSignal.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransactionException(TransactionException.Kind.CANCELLED, "canceling statement", null);
                }
            }
        }
    }

    /**
     * Serializable validation: fails when a transaction this one could not see (it committed, or
     * is committing, after our snapshot) wrote something this one read. {@code atCommit} only
     * changes the message's detail.
     */
    void validate(Transaction tx, boolean atCommit) {
        Snapshot snap = tx.snapshot();
        Footprint reads = tx.reads();
        if (snap == null || reads == null || reads.isEmpty()) {
            return;
        }
        for (Committing c : recentWrites) {
            if (c.xid != tx.xid() && snap.wasRunning(c.xid) && reads.overlaps(c.writes)) {
                throw new TransactionException(TransactionException.Kind.SERIALIZATION_FAILURE,
                        "could not serialize access due to read/write dependencies among transactions",
                        "Reason code: transaction " + c.xid + " committed a change to data this transaction read, "
                                + (atCommit ? "during commit attempt." : "during write."));
            }
        }
    }

    /** Drops published write sets no running serializable transaction can still need. */
    private void pruneRecentWrites() {
        long need = Long.MAX_VALUE;
        for (Transaction t : running) {
            if (t.isolation() == IsolationLevel.SERIALIZABLE) {
                Snapshot s = t.snapshot();
                need = Math.min(need, s == null ? 0 : s.xmin());
            }
        }
        Iterator<Committing> it = recentWrites.iterator();
        while (it.hasNext()) {
            Committing c = it.next();
            if (c.visible && c.xid < need) {
                it.remove();
            }
        }
    }

    // ------------------------------------------------------------------ activity and vacuum

    /** Running transactions, for pg_stat_activity-style views. */
    public List<TransactionInfo> transactions() {
        List<TransactionInfo> out = new ArrayList<>();
        for (Transaction t : running) {
            out.add(t.info());
        }
        return out;
    }

    /** Counts versions a finished transaction made dead in {@code relation}, for autovacuum. */
    void noteDead(Relation relation, long deadVersions) {
        if (deadVersions > 0) {
            relations.computeIfAbsent(relation.id(), id -> new RelationStats(relation)).dead.addAndGet(deadVersions);
        }
    }

    /** A dropped relation: autovacuum stops watching it. */
    public void forget(int relationId) {
        relations.remove(relationId);
    }

    /** Vacuums {@code relation} now (the VACUUM statement). */
    public VacuumStats vacuum(Relation relation) {
        VacuumStats stats = new Vacuum(clog, relation, horizon()).run();
        RelationStats rs = relations.computeIfAbsent(relation.id(), id -> new RelationStats(relation));
        rs.dead.set(0);
        rs.live = stats.live();
        return stats;
    }

    /** How many relation vacuums the background worker has run (for tests and stats). */
    public long autovacuumRuns() {
        return autovacuumRuns.get();
    }

    private void autovacuumLoop() {
        long nap = options.autovacuumNaptime().toMillis();
        while (!closed) {
            synchronized (napLock) {
                try {
                    napLock.wait(nap); // close() wakes us; never interrupt: engines close files on interrupt
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (RelationStats rs : relations.values()) {
                if (closed) {
                    return;
                }
                long threshold = options.autovacuumThreshold() + (long) (options.autovacuumScaleFactor() * rs.live);
                if (rs.dead.get() >= threshold) {
                    try {
                        VacuumStats s = vacuum(rs.relation);
                        autovacuumRuns.incrementAndGet();
                        LOG.debug("autovacuum: {}", s);
                    } catch (RuntimeException e) {
                        if (closed) {
                            return;
                        }
                        LOG.warn("autovacuum of {} failed; will retry", rs.relation, e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        // Nothing commits from now on: the rows of every commit are made durable once, and the
        // catalog engine, which may be closed after the others, no longer calls back — unless a
        // row engine cannot sync: then the barrier stays and keeps failing the catalog's writes,
        // so no commit record of rows that may be lost reaches the disk.
        boolean rowsDurable = true;
        for (StorageEngine e : rowEngines) {
            try {
                e.sync();
            } catch (IllegalStateException closedFirst) {
                // A closed engine made everything durable when it closed (the engine contract).
                LOG.debug("transactions: {} was closed before the transaction manager", e.name());
            } catch (RuntimeException failed) {
                rowsDurable = false;
                LOG.warn("transactions: engine {} could not sync at close ({}); the commit log's engine writes nothing more",
                        e.name(), failed.toString());
            }
        }
        if (rowsDurable) {
            meta.setWriteBarrier(null);
        }
        reserveLock.lock(); // an id reservation in flight finishes before the caller closes the engine
        reserveLock.unlock();
        if (autovacuum != null) {
            synchronized (napLock) {
                napLock.notifyAll();
            }
            try {
                autovacuum.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

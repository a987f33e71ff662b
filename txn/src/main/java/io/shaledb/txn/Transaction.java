package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.txn.lock.LockException;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.LockOwner;
import io.shaledb.txn.lock.LockTarget;
import io.shaledb.txn.lock.WaitPolicy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One transaction: reads through a snapshot, writes row versions stamped with its id, takes row
 * locks, and ends in {@link #commit} or {@link #rollback}. Not thread-safe: one session drives it.
 *
 * <p><b>Statements.</b> Each statement calls {@link #beginStatement} first: it gets a new command
 * id (a statement never sees its own changes, so an UPDATE cannot revisit rows it wrote) and, at
 * READ COMMITTED, a new snapshot. REPEATABLE READ and SERIALIZABLE keep their first statement's
 * snapshot; READ UNCOMMITTED reads the newest version whose creator has not aborted.
 *
 * <p><b>Writing a row</b> is lock, check, write. {@link #lock} takes the row lock and looks at
 * the newest version: if a concurrent transaction replaced or deleted the version this statement
 * saw, READ COMMITTED gets the newest version back to re-check against its WHERE clause (as
 * PostgreSQL's EvalPlanQual does); REPEATABLE READ and SERIALIZABLE fail with a serialization
 * failure (first updater wins). {@link #update}/{@link #delete} then stamp the old version's
 * {@code xmax} and (for update) add a new version. Locks are held until the transaction ends.
 *
 * <p><b>Savepoints</b> keep an undo list of the versions written after them (only while one
 * exists); rolling back to one restores those versions and releases the locks taken since.
 */
public final class Transaction {
    /** Where a transaction is in its life. */
    public enum State { ACTIVE, COMMITTED, ABORTED }

    /** What {@link #lock} found. */
    public enum LockOutcome {
        /** Locked; {@link RowLock#current()} is the version this statement saw. */
        LOCKED,
        /** Locked, but a concurrent committed update replaced the version (READ COMMITTED only). */
        CHANGED,
        /** The row was deleted concurrently (READ COMMITTED only): skip it. */
        GONE,
        /** SKIP LOCKED found the row locked: skip it. */
        SKIPPED
    }

    /** The result of {@link #lock}: the outcome and the newest version when there is one. */
    public record RowLock(LockOutcome outcome, Version current) {}

    private record Undo(StorageEngine engine, byte[] key, byte[] previous) {}

    private record Savepoint(String name, int undoMark, long lockMark) {}

    private final TransactionManager manager;
    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final int pid;
    private final Instant started;

    private long xid;
    private LockOwner owner;
    private volatile Snapshot snapshot;
    private volatile long snapshotXmin;
    private int cid;
    private State state = State.ACTIVE;

    private final Footprint reads;
    private final Footprint writes = new Footprint();
    private final Set<StorageEngine> touched = new LinkedHashSet<>();
    private final Map<Relation, long[]> changes = new HashMap<>(); // relation -> {new versions, obsoleted versions}
    private final ArrayDeque<Savepoint> savepoints = new ArrayDeque<>();
    private final List<Undo> undo = new ArrayList<>();

    /** Versions of a row kept unexamined by {@link #pruneChain} (the newest few are usually still needed). */
    private static final int PRUNE_CHAIN_AFTER = 2;
    /** How far below the version being replaced {@link #pruneChain} looks (older dead versions are vacuum's). */
    private static final int PRUNE_WINDOW = 8;

    private final List<EndListener> endListeners = new ArrayList<>();

    /**
     * Told how a transaction ended, while it still holds its locks: a layer that keeps state of
     * its own beside the rows (the SQL catalog's uncommitted DDL) installs or drops it here, so
     * the next holder of a lock already sees the outcome.
     */
    public interface EndListener {
        /** The transaction committed (durably and visibly); its locks are still held. */
        void committed(Transaction tx);

        /** The transaction rolled back (or ended with its outcome in doubt); its locks are still held. */
        void rolledBack(Transaction tx);
    }

    private BooleanSupplier cancelled = () -> false;
    private long lockTimeoutNanos;
    private boolean validatedThisStatement;
    private boolean dirtyReads;
    /** Versions written in bulk mode and not yet applied ({@link #bufferWrites}), or null (made at the first write). */
    private WriteBuffer buffer;
    /** In bulk mode ({@link #bufferWrites}) until {@link #flushWrites}, commit or rollback. */
    private boolean bulk;

    Transaction(TransactionManager manager, IsolationLevel isolation, boolean readOnly, int pid, Instant started) {
        this.manager = manager;
        this.isolation = Objects.requireNonNull(isolation, "isolation");
        this.readOnly = readOnly;
        this.pid = pid;
        this.started = started;
        this.reads = isolation == IsolationLevel.SERIALIZABLE ? new Footprint() : null;
    }

    public IsolationLevel isolation() {
        return isolation;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The backend process id of the session that runs this transaction. */
    public int pid() {
        return pid;
    }

    /**
     * The current statement's cancel check: work a statement does in transactions of its own
     * (CREATE INDEX CONCURRENTLY's phases) stops when the statement is cancelled.
     */
    public BooleanSupplier cancellation() {
        return cancelled;
    }

    public State state() {
        return state;
    }

    /** This transaction's id, or 0 while it has written nothing. */
    public long xid() {
        return xid;
    }

    /** This transaction's id, assigning one now if it has none (txid_current()). */
    public long assignXid() {
        checkActive();
        if (xid == 0) {
            xid = manager.assignXid(this);
            owner = new LockOwner(xid, pid);
        }
        return xid;
    }

    TransactionManager manager() {
        return manager;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    long snapshotXmin() {
        return snapshotXmin;
    }

    /** Called by the manager under its proc-array monitor, so vacuum's horizon never misses it. */
    void holdSnapshotXmin(long xmin) {
        snapshotXmin = xmin;
    }

    Footprint reads() {
        return reads;
    }

    TransactionInfo info() {
        return new TransactionInfo(pid, xid, isolation, readOnly, started, snapshotXmin);
    }

    // ------------------------------------------------------------------ statements

    /**
     * Starts a statement: a new command id and, at READ COMMITTED (or for the first statement),
     * a new snapshot. {@code cancelled} is polled during scans and lock waits;
     * {@code lockTimeoutNanos > 0} bounds each lock wait.
     */
    public void beginStatement(BooleanSupplier cancelled, long lockTimeoutNanos) {
        beginStatement(cancelled, lockTimeoutNanos, false);
    }

    /**
     * Starts a statement as {@link #beginStatement(BooleanSupplier, long)}; {@code writes} marks a
     * statement that changes or locks rows. At READ UNCOMMITTED only reading statements read dirty:
     * a writing statement picks its rows from committed data, as at READ COMMITTED, so it never
     * acts on a change that may still roll back (as InnoDB's locking reads do).
     */
    public void beginStatement(BooleanSupplier cancelled, long lockTimeoutNanos, boolean writes) {
        checkActive();
        this.dirtyReads = isolation == IsolationLevel.READ_UNCOMMITTED && !writes;
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        this.lockTimeoutNanos = lockTimeoutNanos;
        cid++;
        validatedThisStatement = false;
        if (snapshot == null || !isolation.usesTransactionSnapshot()) {
            snapshot = manager.takeSnapshot(this);
        }
    }

    /**
     * PostgreSQL's CommandCounterIncrement inside a statement: later reads see this statement's
     * writes so far, and at READ COMMITTED (as PostgreSQL's referential-integrity queries do)
     * rows committed by others meanwhile. Used for the end-of-statement work of constraints
     * (foreign-key checks and actions) that must see the rows the statement wrote.
     */
    public void advanceCommand() {
        checkActive();
        cid++;
        if (!isolation.usesTransactionSnapshot()) {
            snapshot = manager.takeSnapshot(this);
        }
    }

    // ------------------------------------------------------------------ reads

    /** True when this transaction, in its current statement, sees {@code v}. */
    boolean visible(Version v) {
        CommitLog clog = manager.clog();
        boolean created;
        if (v.xmin() == xid && xid != 0) {
            created = v.cmin() < cid;
        } else if (dirtyReads) {
            created = clog.status(v.xmin()) != CommitLog.ABORTED;
        } else {
            created = snapshot.sees(v.xmin(), clog);
        }
        if (!created) {
            return false;
        }
        if (v.xmax() == 0 || v.xmaxIsLockOnly()) {
            return true;
        }
        if (v.xmax() == xid && xid != 0) {
            return v.cmax() >= cid;
        }
        if (dirtyReads) {
            return clog.status(v.xmax()) == CommitLog.ABORTED;
        }
        return !snapshot.sees(v.xmax(), clog);
    }

    /** The version of {@code userKey} this statement sees, or null. */
    public Version get(Relation rel, byte[] userKey) {
        checkActive();
        if (buffer != null && buffer.holds(rel, userKey)) {
            buffer.flush(); // only this key's versions are read: a buffer without them can wait
        }
        if (reads != null) {
            reads.addKey(rel.id(), userKey);
        }
        try (VersionScan scan = new VersionScan(this, rel, exactly(userKey), Direction.FORWARD, false)) {
            return scan.next() ? scan.current() : null;
        }
    }

    /**
     * The versions this statement sees of the keys in {@code userRange}, one per key, in key
     * order. The caller must close the scan. At SERIALIZABLE the whole range counts as read.
     */
    public VersionScan scan(Relation rel, KeyRange userRange, Direction direction) {
        checkActive();
        flushBuffered();
        if (reads != null) {
            reads.addRange(rel.id(), userRange);
        }
        return new VersionScan(this, rel, userRange, direction, false);
    }

    /**
     * The newest version of each key in {@code userRange} whose creator did not abort — committed,
     * this transaction's own, or another's still in progress — whatever this statement's snapshot
     * sees (deleted ones included: see {@link #isLive}). For work that must see every row, not a
     * snapshot's: building an index under a lock that keeps writers out. No read is recorded.
     */
    public VersionScan scanNewest(Relation rel, KeyRange userRange, Direction direction) {
        checkActive();
        flushBuffered();
        return new VersionScan(this, rel, userRange, direction, true);
    }

    /** The newest non-aborted version of {@code userKey} unless a committed (or this transaction's) delete ended it. */
    public Version newestLive(Relation rel, byte[] userKey) {
        checkActive();
        flushBuffered();
        Version v = newest(rel, userKey);
        return v == null || deletedByOtherOrMe(v) ? null : v;
    }

    /** False when {@code v} (from {@link #scanNewest}) was deleted by a committed transaction or this one. */
    public boolean isLive(Version v) {
        return !deletedByOtherOrMe(v);
    }

    /**
     * True when transaction {@code otherXid} is another one that has neither committed nor aborted
     * yet, whatever this snapshot sees: a deferred unique check waits for such a writer of its key.
     */
    public boolean isRunning(long otherXid) {
        return otherXid != xid && otherXid != 0 && manager.clog().status(otherXid) == CommitLog.RUNNING;
    }

    /** True when this transaction's snapshot sees the effects of transaction {@code otherXid} (or it is this one). */
    public boolean sees(long otherXid) {
        checkActive();
        return otherXid == xid && xid != 0 || snapshot.sees(otherXid, manager.clog());
    }

    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new TransactionException(TransactionException.Kind.CANCELLED, "canceling statement", null);
        }
    }

    static KeyRange exactly(byte[] userKey) {
        return new KeyRange(userKey, true, userKey, true);
    }

    // ------------------------------------------------------------------ locks

    /**
     * Locks the row of {@code seen} (a version this statement saw) in {@code mode}, then checks
     * that no concurrent transaction replaced or deleted it. See {@link LockOutcome}.
     */
    public RowLock lock(Relation rel, Version seen, LockMode mode, WaitPolicy policy) {
        checkWrite();
        flushBuffered();
        if (!acquire(rel, seen.userKey(), mode, policy)) {
            return new RowLock(LockOutcome.SKIPPED, null);
        }
        Version cur = newest(rel, seen.userKey());
        boolean deleted = cur == null || deletedByOtherOrMe(cur);
        if (cur != null && cur.seq() == seen.seq() && !deleted) {
            validateBeforeWrite();
            return new RowLock(LockOutcome.LOCKED, cur);
        }
        if (cur != null && (cur.seq() == seen.seq() ? cur.xmax() == xid : cur.xmin() == xid && cur.cmin() == cid)) {
            return new RowLock(LockOutcome.GONE, cur); // this statement already deleted or replaced the row
        }
        if (isolation.usesTransactionSnapshot()) {
            throw concurrentUpdate();
        }
        if (deleted || !replacedByUpdate(rel, seen)) {
            return new RowLock(LockOutcome.GONE, cur); // deleted, or deleted and its key inserted anew
        }
        return new RowLock(LockOutcome.CHANGED, cur);
    }

    /**
     * True when the version {@code seen} was replaced by an UPDATE (so the newest version is the
     * same row, which READ COMMITTED follows), not deleted — a row deleted and its key inserted
     * again is a different row, which PostgreSQL does not follow either.
     */
    private boolean replacedByUpdate(Relation rel, Version seen) {
        byte[] now = rel.engine().get(seen.versionKey());
        return now != null && VersionCodec.decode(seen.versionKey(), now).replaced();
    }

    /**
     * Stamps a locked version with this transaction as a locker (SELECT ... FOR UPDATE / FOR NO
     * KEY UPDATE), so {@code xmax} shows it as PostgreSQL does. Shared modes stay in the lock table
     * only: they are compatible with other writers, who may be rewriting the same version.
     */
    public void markLocked(Relation rel, Version locked, LockMode mode) {
        checkWrite();
        flushBuffered();
        if (mode == LockMode.KEY_SHARE || mode == LockMode.SHARE || locked.xmax() == xid) {
            return;
        }
        rewrite(rel, locked, new Version(locked.userKey(), locked.seq(), locked.xmin(), xid, locked.cmin(), cid,
                Version.LOCK_ONLY, locked.payload()));
    }

    private boolean acquire(Relation rel, byte[] userKey, LockMode mode, WaitPolicy policy) {
        try {
            return manager.locks().acquire(owner, new LockTarget(rel.id(), userKey), mode, policy, lockTimeoutNanos, cancelled);
        } catch (LockException e) {
            TransactionException.Kind kind = switch (e.reason()) {
                case DEADLOCK -> TransactionException.Kind.DEADLOCK;
                case NOT_AVAILABLE -> TransactionException.Kind.LOCK_NOT_AVAILABLE;
                case TIMEOUT -> TransactionException.Kind.LOCK_TIMEOUT;
                case CANCELLED -> TransactionException.Kind.CANCELLED;
            };
            String message = kind == TransactionException.Kind.LOCK_NOT_AVAILABLE
                    ? "could not obtain lock on row in relation \"" + rel.name() + "\"" : e.getMessage();
            throw new TransactionException(kind, message, e.detail(), e);
        }
    }

    /**
     * Locks {@code userKey} of {@code rel} in {@code mode} without reading any version: an object
     * lock (the SQL layer locks a table's catalog row this way, shared by writers of its rows and
     * exclusive for DDL on it). Held until the transaction ends or rolls back past it.
     */
    public void lockKey(Relation rel, byte[] userKey, LockMode mode) {
        checkWrite();
        acquire(rel, userKey, mode, WaitPolicy.BLOCK);
    }

    /** Registers {@code listener} to hear how this transaction ends (once, in registration order). */
    public void addEndListener(EndListener listener) {
        checkActive();
        endListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------ writes

    /**
     * Inserts a new row under {@code userKey}: locks the key, fails with
     * {@link TransactionException.Kind#DUPLICATE_KEY} when a live row has it, else adds a version.
     */
    public void insert(Relation rel, byte[] userKey, byte[] payload) {
        checkWrite();
        acquire(rel, userKey, LockMode.UPDATE, WaitPolicy.BLOCK);
        insertLocked(rel, userKey, payload);
    }

    /**
     * {@link #insert} into a key space this transaction created (a table it created, truncated or
     * rewrote, uncommitted): no other transaction can reach a key of it before this one ends, so
     * the row lock would never be contended and is not taken. The duplicate-key check stays.
     * ({@code COPY ... FREEZE} after TRUNCATE, as {@code pgbench -i} loads its tables.)
     */
    public void insertIntoOwnKeySpace(Relation rel, byte[] userKey, byte[] payload) {
        checkWrite();
        insertLocked(rel, userKey, payload);
    }

    private void insertLocked(Relation rel, byte[] userKey, byte[] payload) {
        if (buffer != null && buffer.holds(rel, userKey)) {
            buffer.flush(); // a second insert of a key this bulk write has buffered: read it back
        }
        Version top = newestPhysical(rel, userKey);
        Version cur = top == null ? null : newest(rel, userKey); // no version at all: nothing live either
        if (cur != null) {
            boolean deleted = deletedByOtherOrMe(cur);
            boolean seen = cur.xmin() == xid || snapshot.sees(cur.xmin(), manager.clog());
            if (!deleted) {
                if (!seen && isolation == IsolationLevel.SERIALIZABLE) {
                    throw concurrentUpdate();
                }
                throw new TransactionException(TransactionException.Kind.DUPLICATE_KEY, "duplicate key", null);
            }
            if (isolation.usesTransactionSnapshot() && cur.xmax() != xid && !snapshot.sees(cur.xmax(), manager.clog())) {
                // Our snapshot still sees the deleted row: a new row under its key would leave two
                // visible rows with one key (PostgreSQL fails the later write of either instead).
                throw concurrentUpdate();
            }
        }
        validateBeforeWrite();
        long seq = top == null ? 1 : top.seq() + 1;
        write(rel, VersionCodec.versionKey(userKey, seq), null,
                VersionCodec.encode(new Version(userKey, seq, xid, 0, cid, 0, 0, payload)));
        count(rel, 0);
    }

    /**
     * Adds the first live version of {@code userKey} without taking its lock or checking for a
     * live row: for keys no other transaction can write while this one holds another lock (a
     * secondary-index entry whose key ends with the row key this transaction has locked). A
     * version an earlier delete of this key left behind is kept below the new one.
     */
    public Version insertUnlocked(Relation rel, byte[] userKey, byte[] payload) {
        checkWrite();
        if (buffer != null && buffer.holds(rel, userKey)) {
            buffer.flush();
        }
        Version top = newestPhysical(rel, userKey);
        long seq = top == null ? 1 : top.seq() + 1;
        Version created = new Version(userKey, seq, xid, 0, cid, 0, 0, payload);
        write(rel, VersionCodec.versionKey(userKey, seq), null, VersionCodec.encode(created));
        count(rel, 0);
        return created;
    }

    /**
     * Adds the first version of {@code userKey} without reading anything or taking its lock, for
     * a caller that knows no version of the key exists at all — not even a dead or aborted one,
     * which {@link #hasNoVersions} told it about a range it has held exclusively since — so the
     * version gets sequence number 1. Returns it.
     */
    public Version insertFirst(Relation rel, byte[] userKey, byte[] payload) {
        checkWrite();
        Version created = new Version(userKey, 1, xid, 0, cid, 0, 0, payload);
        write(rel, VersionCodec.versionKey(userKey, 1), null, VersionCodec.encode(created));
        count(rel, 0);
        return created;
    }

    /**
     * True when the engine holds no version at all (live, dead or aborted, of any transaction) of
     * any key in {@code userRange}: one engine scan, after applying bulk mode's buffer.
     */
    public boolean hasNoVersions(Relation rel, KeyRange userRange) {
        checkActive();
        flushBuffered();
        try (Cursor c = rel.engine().scan(VersionScan.engineRange(userRange), Direction.FORWARD)) {
            return !c.next();
        }
    }

    /**
     * INSERT ... ON CONFLICT: inserts a new row under {@code userKey} as {@link #insert} does,
     * unless a live row has the key; then returns that row's newest version, locked for update
     * (a concurrent writer of the key is waited for first, so READ COMMITTED acts on its outcome:
     * the committed row, or nothing when it rolled back). At REPEATABLE READ and SERIALIZABLE a
     * conflicting row this transaction's snapshot cannot see is a serialization failure, as in
     * PostgreSQL. The caller may {@link #update} or {@link #delete} the returned version.
     *
     * @return null when the row was inserted, else the conflicting version
     */
    public Version insertOrLock(Relation rel, byte[] userKey, byte[] payload) {
        checkWrite();
        flushBuffered();
        acquire(rel, userKey, LockMode.UPDATE, WaitPolicy.BLOCK);
        Version cur = newest(rel, userKey);
        if (cur != null && !deletedByOtherOrMe(cur)) {
            if (reads != null) {
                reads.addKey(rel.id(), userKey);
            }
            boolean seen = cur.xmin() == xid || snapshot.sees(cur.xmin(), manager.clog());
            if (!seen && isolation.usesTransactionSnapshot()) {
                throw concurrentUpdate();
            }
            validateBeforeWrite();
            return cur;
        }
        insert(rel, userKey, payload);
        return null;
    }

    /** Replaces the row of {@code base} (a version {@link #lock} returned) with {@code payload}. */
    public void update(Relation rel, Version base, byte[] payload) {
        checkWrite();
        flushBuffered();
        long seq = pruneChain(rel, base) + 1;
        // The new version first: a dirty reader between the two writes then sees two versions and
        // takes the newer, never a row that has vanished.
        write(rel, VersionCodec.versionKey(base.userKey(), seq), null,
                VersionCodec.encode(new Version(base.userKey(), seq, xid, 0, cid, 0, 0, payload)));
        rewrite(rel, base, new Version(base.userKey(), base.seq(), base.xmin(), xid, base.cmin(), cid, Version.REPLACED,
                base.payload()));
        count(rel, 0);
        count(rel, 1);
    }

    /**
     * Replaces, in place, the payload of {@code own}: a live version this transaction created
     * itself. Unlike {@link #update} no newer version is added, so a row written many times in one
     * transaction (the kv model's pipelined writes of one hot key) keeps a chain of one version.
     * Only for callers that have no scan of an earlier command still open over the row (SQL's
     * statements may, and use {@link #update}); a savepoint rollback restores the old payload.
     */
    public Version overwriteOwn(Relation rel, Version own, byte[] payload) {
        checkWrite(); // no flush of bulk mode's buffer: nothing is read, and the buffer keeps the last write of a version
        if (xid == 0 || own.xmin() != xid || own.xmax() != 0) {
            throw new IllegalArgumentException("overwriteOwn needs a live version of this transaction, got xmin "
                    + own.xmin() + " xmax " + own.xmax() + " in transaction " + xid);
        }
        Version replacement = new Version(own.userKey(), own.seq(), xid, 0, cid, 0, 0, payload);
        rewrite(rel, own, replacement);
        return replacement;
    }

    /**
     * Replaces the row of {@code newest} with {@code payload}, for a caller that serializes the
     * writers of this key itself (the kv model's stripe locks): {@code newest} must be the row's
     * newest live version, read by this transaction while no other transaction could write the key,
     * and none may until this one ends. No row lock is taken and nothing is re-read. A version this
     * transaction created is overwritten in place ({@link #overwriteOwn}, same conditions); any other
     * gets a new version, as {@link #update} adds. Returns the row's new newest version.
     */
    public Version replaceUnlocked(Relation rel, Version newest, byte[] payload) {
        checkWrite();
        if (newest.xmin() == xid && newest.xmax() == 0) {
            return overwriteOwn(rel, newest, payload);
        }
        if (buffer != null && buffer.holds(rel, newest.userKey())) {
            buffer.flush(); // the chain is read next
        }
        long seq = pruneChain(rel, newest) + 1;
        Version created = new Version(newest.userKey(), seq, xid, 0, cid, 0, 0, payload);
        write(rel, VersionCodec.versionKey(newest.userKey(), seq), null, VersionCodec.encode(created));
        rewrite(rel, newest, new Version(newest.userKey(), newest.seq(), newest.xmin(), xid, newest.cmin(), cid,
                Version.REPLACED, newest.payload()));
        count(rel, 0);
        count(rel, 1);
        return created;
    }

    /**
     * Deletes the row of {@code newest} for a caller that serializes the key's writers itself: the
     * conditions of {@link #replaceUnlocked}. No row lock is taken and nothing is re-read.
     */
    public void deleteUnlocked(Relation rel, Version newest) {
        checkWrite();
        rewrite(rel, newest, new Version(newest.userKey(), newest.seq(), newest.xmin(), xid, newest.cmin(), cid, 0,
                newest.payload()));
        count(rel, 1);
    }

    /** Deletes the row of {@code base} (a version {@link #lock} returned). */
    public void delete(Relation rel, Version base) {
        checkWrite();
        flushBuffered();
        rewrite(rel, base, new Version(base.userKey(), base.seq(), base.xmin(), xid, base.cmin(), cid, 0, base.payload()));
        count(rel, 1);
    }

    private void rewrite(Relation rel, Version old, Version replacement) {
        write(rel, old.versionKey(), old, VersionCodec.encode(replacement));
    }

    /** Writes a version; {@code previous} is the version it replaces in place (for a savepoint's undo), or null. */
    private void write(Relation rel, byte[] versionKey, Version previous, byte[] value) {
        if (!savepoints.isEmpty()) {
            undo.add(new Undo(rel.engine(), versionKey, previous == null ? null : VersionCodec.encode(previous)));
        }
        byte[] userKey = previous != null ? previous.userKey() : VersionCodec.userKey(versionKey);
        if (bulk) {
            bulkBuffer().put(rel, userKey, versionKey, value);
        } else {
            rel.engine().applyDeferred(new WriteBatch().put(versionKey, value));
        }
        if (rel.engine() != lastTouched) {
            touched.add(rel.engine());
            lastTouched = rel.engine();
        }
        writes.addKey(rel.id(), userKey);
    }

    /** The engine {@link #write} added to {@code touched} last (a set lookup per write saved). */
    private StorageEngine lastTouched;

    // ------------------------------------------------------------------ bulk writes

    /**
     * Bulk mode (COPY FROM): from now on new versions collect in a buffer and reach their engines
     * in batches of a few hundred (one engine write, one B+Tree log record each) instead of one by
     * one. Locks and checks stay per row. Every read this transaction makes, every update, delete
     * and lock, and commit apply the buffer first, so the transaction always reads its own writes;
     * {@link #flushWrites} applies it and ends bulk mode. Other transactions cannot tell the
     * difference: the versions are uncommitted, and their keys locked, until the commit, which
     * applies the buffer before its commit record. (A point read, {@link #get}, applies it only
     * when it holds a version of the key read; the kv model buffers every command's writes so.)
     */
    public void bufferWrites() {
        checkActive();
        bulk = true;
    }

    private WriteBuffer bulkBuffer() {
        if (buffer == null) {
            buffer = new WriteBuffer();
        }
        return buffer;
    }

    /** Applies what bulk mode buffered and ends it (a no-op outside bulk mode). */
    public void flushWrites() {
        WriteBuffer b = buffer;
        buffer = null;
        bulk = false;
        if (b != null && state == State.ACTIVE) {
            b.flush();
        }
    }

    /** Row writes bulk mode may leave for the commit record's engine write to carry (see {@link #takeCommitTail}). */
    private static final int COMMIT_TAIL_OPS = 16;

    /**
     * Ends bulk mode at commit: a small remainder of buffered writes, all in the catalog engine,
     * is returned to ride in the commit record's write; anything else is applied now.
     */
    private WriteBatch takeCommitTail() {
        WriteBuffer b = buffer;
        buffer = null;
        bulk = false;
        if (b == null || state != State.ACTIVE) {
            return null;
        }
        return b.drainSmall(manager.meta(), COMMIT_TAIL_OPS);
    }

    private void flushBuffered() {
        if (buffer != null) {
            buffer.flush();
        }
    }

    /**
     * Loads versions into {@code rel}, a key space this transaction created and nobody else can
     * reach until it commits (a new index's entries, written under the table's exclusive lock):
     * keys in strictly ascending order, each the first and only version of its key, written in
     * large batches without locks or per-key reads. See {@link SortedLoad}.
     */
    public SortedLoad loadSorted(Relation rel) {
        checkWrite();
        flushBuffered();
        return new SortedLoad(this, rel);
    }

    /** {@link SortedLoad}'s write of a batch: recorded as this transaction's (undo, engines touched). */
    void writeLoaded(Relation rel, WriteBatch batch, long versions) {
        if (!savepoints.isEmpty()) {
            for (WriteBatch.Op op : batch.ops()) {
                undo.add(new Undo(rel.engine(), op.key(), null));
            }
        }
        rel.engine().applyDeferred(batch);
        touched.add(rel.engine());
        changes.computeIfAbsent(rel, r -> new long[2])[0] += versions;
    }

    /** {@link SortedLoad}'s footprint: the whole loaded relation counts as written (SERIALIZABLE). */
    void wroteWhole(Relation rel) {
        writes.addWhole(rel.id());
    }

    int cid() {
        return cid;
    }

    private void count(Relation rel, int which) {
        changes.computeIfAbsent(rel, r -> new long[2])[which]++;
    }

    /** Common checks before any write or lock: active, writable, an id, serializable validity. */
    private void checkWrite() {
        checkActive();
        if (readOnly) {
            throw new TransactionException(TransactionException.Kind.READ_ONLY, "cannot write in a read-only transaction", null);
        }
        assignXid();
    }

    /**
     * SERIALIZABLE, before the first write of each statement (after the row's own write-conflict
     * check, which PostgreSQL reports first): fail now if what this transaction read has already
     * been overwritten by a transaction it cannot see — it could only fail at commit.
     */
    private void validateBeforeWrite() {
        if (isolation == IsolationLevel.SERIALIZABLE && !validatedThisStatement) {
            validatedThisStatement = true;
            manager.validate(this, false);
        }
    }

    /** The newest version of {@code userKey} whose creator did not abort (with the row locked, the one writers build on). */
    private Version newest(Relation rel, byte[] userKey) {
        try (VersionScan s = new VersionScan(this, rel, exactly(userKey), Direction.FORWARD, true)) {
            return s.next() ? s.current() : null;
        }
    }

    /**
     * Before an update adds a version to a row (whose lock we hold): the highest sequence number
     * of its versions, and — when the chain has grown past a few versions — the removal of those no
     * snapshot can see any more. A hot row updated thousands of times between two vacuums thus
     * keeps a short chain (PostgreSQL's heap-only-tuple pruning plays this part), as long as no old
     * snapshot holds the horizon back.
     */
    private long pruneChain(Relation rel, Version base) {
        long top = 0;
        long horizon = -1;
        int n = 0;
        // Only the versions newer than base and the few just older: never the whole history, whose
        // deleted entries an LSM cursor would otherwise step over on every update of a hot row.
        byte[] userKey = base.userKey();
        KeyRange window = new KeyRange(VersionScan.engineRange(exactly(userKey)).low(), true,
                VersionCodec.versionKey(userKey, Math.max(0, base.seq() - PRUNE_WINDOW)), false);
        try (Cursor c = rel.engine().scan(window, Direction.FORWARD)) {
            while (c.next()) {
                Version v = VersionCodec.decode(c.key(), c.value());
                if (++n == 1) {
                    top = v.seq();
                } else if (n > PRUNE_CHAIN_AFTER) {
                    if (horizon < 0) {
                        horizon = manager.horizon();
                    }
                    if (Vacuum.dead(v, manager.clog(), horizon)) {
                        if (bulk) {
                            bulkBuffer().delete(rel, c.key().clone()); // goes to the engine with the new version
                        } else {
                            rel.engine().applyDeferred(new WriteBatch().delete(c.key().clone()));
                        }
                    }
                }
            }
        }
        return top;
    }

    /** The version of {@code userKey} with the highest sequence number, aborted or not. */
    private Version newestPhysical(Relation rel, byte[] userKey) {
        try (Cursor c = rel.engine().scan(VersionScan.engineRange(exactly(userKey)), Direction.FORWARD)) {
            return c.next() ? VersionCodec.decode(c.key(), c.value()) : null;
        }
    }

    /** True when {@code v}'s xmax is a committed deletion by another transaction, or a deletion by this one. */
    private boolean deletedByOtherOrMe(Version v) {
        if (v.xmax() == 0 || v.xmaxIsLockOnly()) {
            return false;
        }
        return v.xmax() == xid || manager.clog().status(v.xmax()) == CommitLog.COMMITTED;
    }

    private static TransactionException concurrentUpdate() {
        return new TransactionException(TransactionException.Kind.SERIALIZATION_FAILURE,
                "could not serialize access due to concurrent update", null);
    }

    // ------------------------------------------------------------------ savepoints

    public void savepoint(String name) {
        checkActive();
        long lockMark = owner == null ? 0 : manager.locks().mark(owner);
        savepoints.push(new Savepoint(name, undo.size(), lockMark));
    }

    /** True when a savepoint of this name exists. */
    public boolean hasSavepoint(String name) {
        return savepoints.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * ROLLBACK TO SAVEPOINT: undoes every write since the newest savepoint called {@code name},
     * releases the locks taken since, and keeps that savepoint (later ones are destroyed). Also
     * brings a failed transaction back to life.
     */
    public void rollbackTo(String name) {
        Savepoint sp = find(name);
        flushBuffered(); // the undo list names buffered versions too: apply them, then undo
        while (savepoints.peek() != sp) {
            savepoints.pop();
        }
        for (int i = undo.size() - 1; i >= sp.undoMark(); i--) {
            Undo u = undo.remove(i);
            WriteBatch b = new WriteBatch();
            if (u.previous() == null) {
                b.delete(u.key());
            } else {
                b.put(u.key(), u.previous());
            }
            u.engine().applyDeferred(b);
        }
        if (owner != null) {
            manager.locks().releaseSince(owner, sp.lockMark());
        }
    }

    /** RELEASE SAVEPOINT: forgets {@code name} and every savepoint after it; their writes stay. */
    public void release(String name) {
        Savepoint sp = find(name);
        while (savepoints.pop() != sp) {
            // pop up to and including sp
        }
        if (savepoints.isEmpty()) {
            undo.clear();
        }
    }

    private Savepoint find(String name) {
        for (Savepoint s : savepoints) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("savepoint \"" + name + "\" does not exist");
    }

    // ------------------------------------------------------------------ end

    /**
     * Commits: a transaction that wrote nothing just ends; a writer validates (SERIALIZABLE),
     * writes its commit record and returns once it is durable and visible. On a serialization
     * failure the transaction is rolled back and the exception thrown.
     */
    public void commit() {
        commit(true);
    }

    /**
     * Commits as {@link #commit()}, except that with {@code waitForDisk} false a writer does not
     * wait for its commit record to reach disk (PostgreSQL's {@code synchronous_commit = off}, Redis's
     * {@code appendfsync everysec}): it is visible and acknowledged at once, and a crash before the
     * next sync of the catalog engine may lose it — never partly, and never before an earlier commit.
     * Rows written to engines other than the catalog engine reach the disk before the record does
     * (the catalog engine's write barrier, see {@link TransactionManager}).
     */
    public void commit(boolean waitForDisk) {
        checkActive();
        WriteBatch tail;
        try {
            tail = takeCommitTail();
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        if (xid == 0) {
            end(State.COMMITTED);
            return;
        }
        try {
            manager.commitWriter(this, writes, touched, waitForDisk, tail);
        } catch (TransactionException e) {
            rollback();
            throw e;
        } catch (RuntimeException e) {
            // The commit record may or may not be durable (the engine failed mid-sync and stopped
            // itself): the outcome is in doubt until a restart reads the log. Release what we hold
            // but write no abort record, which could contradict a durable commit.
            tellRolledBack();
            end(State.ABORTED);
            throw e;
        }
        for (Map.Entry<Relation, long[]> e : changes.entrySet()) {
            manager.noteDead(e.getKey(), e.getValue()[1]);
        }
        state = State.COMMITTED;
        for (EndListener l : endListeners) {
            l.committed(this);
        }
        end(State.COMMITTED);
    }

    /** Rolls back: the versions written become invisible at once and vacuum removes them later. */
    public void rollback() {
        buffer = null; // never applied: nothing to undo
        bulk = false;
        if (state != State.ACTIVE) {
            return;
        }
        if (xid != 0) {
            manager.abortWriter(this);
            for (Map.Entry<Relation, long[]> e : changes.entrySet()) {
                manager.noteDead(e.getKey(), e.getValue()[0]);
            }
        }
        tellRolledBack();
        end(State.ABORTED);
    }

    private void tellRolledBack() {
        state = State.ABORTED;
        for (EndListener l : endListeners) {
            l.rolledBack(this);
        }
    }

    private void end(State finalState) {
        endListeners.clear();
        state = finalState;
        if (owner != null) {
            manager.locks().releaseAll(owner);
        }
        snapshot = null;
        snapshotXmin = 0;
        savepoints.clear();
        undo.clear();
        manager.finished(this);
    }

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("transaction " + xid + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return "Transaction[xid=" + xid + ", " + isolation.pgName() + ", " + state + "]";
    }
}

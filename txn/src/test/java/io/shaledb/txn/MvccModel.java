package io.shaledb.txn;

import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.TransactionException.Kind;
import io.shaledb.txn.lock.WaitPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference model of the transaction layer for one relation whose keys are small integers,
 * written from PostgreSQL's rules rather than from the implementation: every row version records
 * its creating and deleting transaction and command, a snapshot is simply the set of transactions
 * that had committed when it was taken, and visibility is HeapTupleSatisfiesMVCC:
 *
 * <pre>
 *   created:  xmin is me  -> cmin &lt; current command        (a statement never sees its own writes)
 *             READ UNCOMMITTED -> xmin did not abort        (dirty reads)
 *             otherwise        -> xmin in the snapshot
 *   alive:    no xmax, or a lock-only xmax
 *             xmax is me  -> cmax &gt;= current command
 *             READ UNCOMMITTED -> xmax aborted
 *             otherwise        -> xmax not in the snapshot
 * </pre>
 *
 * READ COMMITTED and READ UNCOMMITTED take a snapshot per statement, REPEATABLE READ and
 * SERIALIZABLE at their first statement. A key's result is its newest visible version (the
 * implementation's contract: one version per key).
 *
 * <p>Writes follow PostgreSQL too: row locks are exclusive between writers (the model only offers
 * the exclusive modes); locking a row that a concurrent committed transaction replaced or deleted
 * fails at REPEATABLE READ and above (first updater wins) and hands READ COMMITTED the newest
 * version to re-check; a row this statement already replaced or deleted is skipped (PostgreSQL's
 * "self-modified" case). When a concurrent transaction deleted the row and inserted one under the
 * same key, READ COMMITTED skips it as PostgreSQL does: only an UPDATE is followed to the newer
 * version. SERIALIZABLE adds the implementation's documented rule: a writer fails
 * when a transaction that committed after its snapshot wrote a key it read (point or range), checked
 * at its first write of each statement and at commit. The model also knows who holds which row
 * lock, so a single-threaded driver never blocks.
 */
final class MvccModel {
    enum Status { RUNNING, COMMITTED, ABORTED }

    /** One row version. */
    static final class Ver {
        final int key;
        final String value;
        final int xmin;
        final int cmin;
        int xmax;
        int cmax;
        boolean lockOnly;
        boolean replaced;

        Ver(int key, String value, int xmin, int cmin) {
            this.key = key;
            this.value = value;
            this.xmin = xmin;
            this.cmin = cmin;
        }

        @Override
        public String toString() {
            return value + "{" + xmin + "/" + cmin + (xmax == 0 ? "" : " x" + xmax + "/" + cmax + (lockOnly ? "L" : "")) + "}";
        }
    }

    private record Savepoint(String name, int undoMark, int lockMark) {}

    /** A model transaction; ids are model ids (1, 2, 3, ... in begin order), not the implementation's xids. */
    final class Txn {
        final int id;
        final IsolationLevel level;
        final boolean readOnly;
        Status status = Status.RUNNING;
        int cid;
        Set<Integer> snapshot;
        boolean hasXid;
        boolean validatedThisStatement;
        final List<Integer> locks = new ArrayList<>();
        final Deque<Savepoint> savepoints = new ArrayDeque<>();
        final List<Runnable> undo = new ArrayList<>();
        final Set<Integer> readKeys = new HashSet<>();
        final List<int[]> readRanges = new ArrayList<>();
        final Set<Integer> writeKeys = new HashSet<>();

        Txn(int id, IsolationLevel level, boolean readOnly) {
            this.id = id;
            this.level = level;
            this.readOnly = readOnly;
        }

        boolean started() {
            return cid > 0;
        }

        @Override
        public String toString() {
            return "T" + id;
        }
    }

    /** What an operation should do: fail with a kind, or succeed (with a lock outcome and version for lock()). */
    record Expect(Kind failure, LockOutcome outcome, Ver current) {
        static final Expect OK = new Expect(null, null, null);

        static Expect fail(Kind k) {
            return new Expect(k, null, null);
        }

        @Override
        public String toString() {
            return failure != null ? failure.name() : outcome == null ? "ok" : outcome + (current == null ? "" : " " + current.value);
        }
    }

    private final int keys;
    private final List<List<Ver>> versions = new ArrayList<>();
    private final Map<Integer, Txn> txns = new HashMap<>();
    private final Map<Integer, Txn> lockHolder = new HashMap<>();
    private final Set<Integer> committed = new HashSet<>();
    private int nextId = 1;
    /** Keys whose newest visible version hid another visible version (see {@link #visibleVersions}). */
    private int doubleVisible;

    MvccModel(int keys) {
        this.keys = keys;
        for (int i = 0; i < keys; i++) {
            versions.add(new ArrayList<>());
        }
    }

    int keys() {
        return keys;
    }

    /** How often a reader saw more than one version of a key (only REPEATABLE READ inserts over a concurrent delete allow it). */
    int doubleVisibleCount() {
        return doubleVisible;
    }

    // ------------------------------------------------------------------ lifecycle

    Txn begin(IsolationLevel level, boolean readOnly) {
        Txn t = new Txn(nextId++, level, readOnly);
        txns.put(t.id, t);
        return t;
    }

    void beginStatement(Txn t) {
        t.cid++;
        t.validatedThisStatement = false;
        if (t.snapshot == null || !t.level.usesTransactionSnapshot()) {
            t.snapshot = Set.copyOf(committed);
        }
    }

    Status status(int txn) {
        return txns.get(txn).status;
    }

    /** The transaction holding the row lock of {@code key}, or null. */
    Txn lockHolder(int key) {
        return lockHolder.get(key);
    }

    // ------------------------------------------------------------------ reads

    private boolean visible(Txn t, Ver v) {
        boolean created;
        if (v.xmin == t.id) {
            created = v.cmin < t.cid;
        } else if (t.level == IsolationLevel.READ_UNCOMMITTED) {
            created = status(v.xmin) != Status.ABORTED;
        } else {
            created = t.snapshot.contains(v.xmin);
        }
        if (!created) {
            return false;
        }
        if (v.xmax == 0 || v.lockOnly) {
            return true;
        }
        if (v.xmax == t.id) {
            return v.cmax >= t.cid;
        }
        if (t.level == IsolationLevel.READ_UNCOMMITTED) {
            return status(v.xmax) == Status.ABORTED;
        }
        return !t.snapshot.contains(v.xmax);
    }

    private List<Ver> visibleVersions(Txn t, int key) {
        List<Ver> out = new ArrayList<>();
        for (Ver v : versions.get(key)) {
            if (visible(t, v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The version of {@code key} a get() in t's current statement returns; records the read. */
    Ver get(Txn t, int key) {
        if (t.level == IsolationLevel.SERIALIZABLE) {
            t.readKeys.add(key);
        }
        return newestVisible(t, key);
    }

    /** What get() would return, without recording a read (for the driver's choices). */
    Ver peek(Txn t, int key) {
        List<Ver> vis = visibleVersions(t, key);
        return vis.isEmpty() ? null : vis.getLast();
    }

    private Ver newestVisible(Txn t, int key) {
        List<Ver> vis = visibleVersions(t, key);
        if (vis.size() > 1) {
            doubleVisible++;
        }
        return vis.isEmpty() ? null : vis.getLast();
    }

    /** The versions a scan of keys {@code lo..hi} (inclusive, ascending) returns; records the range read. */
    List<Ver> scan(Txn t, int lo, int hi) {
        if (t.level == IsolationLevel.SERIALIZABLE) {
            t.readRanges.add(new int[] {lo, hi});
        }
        List<Ver> out = new ArrayList<>();
        for (int k = Math.max(lo, 0); k <= Math.min(hi, keys - 1); k++) {
            Ver v = newestVisible(t, k);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The key -> value map a fresh READ COMMITTED statement would see: the committed state. */
    Map<Integer, String> committedState() {
        Txn observer = new Txn(0, IsolationLevel.READ_COMMITTED, true);
        observer.cid = 1;
        observer.snapshot = Set.copyOf(committed);
        Map<Integer, String> out = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            List<Ver> vis = visibleVersions(observer, k);
            if (!vis.isEmpty()) {
                out.put(k, vis.getLast().value);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ writes

    /** The checks every write makes first: read-only, then (SERIALIZABLE, once per statement) validation. */
    private Kind checkWrite(Txn t) {
        if (t.readOnly) {
            return Kind.READ_ONLY;
        }
        t.hasXid = true;
        return null;
    }

    /**
     * SERIALIZABLE's check before the first write of a statement, made after the row's own
     * write-conflict and duplicate-key checks (which PostgreSQL reports first).
     */
    private Kind validateBeforeWrite(Txn t) {
        if (t.level == IsolationLevel.SERIALIZABLE && !t.validatedThisStatement) {
            t.validatedThisStatement = true;
            if (validationFails(t)) {
                return Kind.SERIALIZATION_FAILURE;
            }
        }
        return null;
    }

    /** A transaction that committed after t's snapshot wrote something t read. */
    private boolean validationFails(Txn t) {
        if (t.snapshot == null) {
            return false;
        }
        for (Txn c : txns.values()) {
            if (c == t || c.status != Status.COMMITTED || t.snapshot.contains(c.id)) {
                continue;
            }
            for (int k : c.writeKeys) {
                if (t.readKeys.contains(k)) {
                    return true;
                }
                for (int[] r : t.readRanges) {
                    if (k >= r[0] && k <= r[1]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void acquire(Txn t, int key) {
        Txn h = lockHolder.get(key);
        if (h == t) {
            return;
        }
        if (h != null) {
            throw new IllegalStateException("driver bug: " + t + " would wait for " + h + " on key " + key);
        }
        lockHolder.put(key, t);
        t.locks.add(key);
    }

    /** The newest version of {@code key} whose creator did not abort: the one a lock holder builds on. */
    private Ver newestNonAborted(int key) {
        List<Ver> vs = versions.get(key);
        for (int i = vs.size() - 1; i >= 0; i--) {
            if (status(vs.get(i).xmin) != Status.ABORTED) {
                return vs.get(i);
            }
        }
        return null;
    }

    private boolean deletedFor(Txn t, Ver v) {
        return v.xmax != 0 && !v.lockOnly && (v.xmax == t.id || status(v.xmax) == Status.COMMITTED);
    }

    Expect insert(Txn t, int key, String value) {
        Kind k = checkWrite(t);
        if (k != null) {
            return Expect.fail(k);
        }
        acquire(t, key);
        Ver cur = newestNonAborted(key);
        if (cur != null) {
            if (!deletedFor(t, cur)) {
                boolean seen = cur.xmin == t.id || t.snapshot.contains(cur.xmin);
                return Expect.fail(!seen && t.level == IsolationLevel.SERIALIZABLE ? Kind.SERIALIZATION_FAILURE : Kind.DUPLICATE_KEY);
            }
            if (t.level.usesTransactionSnapshot() && cur.xmax != t.id && !t.snapshot.contains(cur.xmax)) {
                return Expect.fail(Kind.SERIALIZATION_FAILURE);
            }
        }
        Kind v = validateBeforeWrite(t);
        if (v != null) {
            return Expect.fail(v);
        }
        addVersion(t, new Ver(key, value, t.id, t.cid));
        return Expect.OK;
    }

    /**
     * lock() of {@code seen}, a version t's current statement saw, with {@code policy}. The caller
     * must not ask to BLOCK on a row another transaction holds.
     */
    Expect lock(Txn t, Ver seen, WaitPolicy policy) {
        Kind k = checkWrite(t);
        if (k != null) {
            return Expect.fail(k);
        }
        Txn h = lockHolder.get(seen.key);
        if (h != null && h != t) {
            if (policy == WaitPolicy.SKIP_LOCKED) {
                return new Expect(null, LockOutcome.SKIPPED, null);
            }
            if (policy == WaitPolicy.NOWAIT) {
                return Expect.fail(Kind.LOCK_NOT_AVAILABLE);
            }
        }
        acquire(t, seen.key);
        Ver cur = newestNonAborted(seen.key);
        boolean deleted = cur == null || deletedFor(t, cur);
        if (cur == seen && !deleted) {
            Kind v = validateBeforeWrite(t);
            return v != null ? Expect.fail(v) : new Expect(null, LockOutcome.LOCKED, cur);
        }
        if (seen.xmax == t.id && !seen.lockOnly
                || cur != null && cur != seen && cur.xmin == t.id && cur.cmin == t.cid) {
            // the version this statement saw, or the newest one its chain leads to, was replaced or
            // deleted by this very statement (PostgreSQL's TM_SelfModified): skip the row
            return new Expect(null, LockOutcome.GONE, null); // this statement replaced or deleted it already
        }
        if (t.level.usesTransactionSnapshot()) {
            return Expect.fail(Kind.SERIALIZATION_FAILURE);
        }
        // READ COMMITTED follows an UPDATE to the newer version, not a delete and re-insert of the key
        return deleted || !seen.replaced ? new Expect(null, LockOutcome.GONE, null) : new Expect(null, LockOutcome.CHANGED, cur);
    }

    /** SELECT ... FOR UPDATE's stamp on a version lock() returned. */
    void markLocked(Txn t, Ver v) {
        if (v.xmax == t.id) {
            return;
        }
        stamp(t, v, true);
        t.writeKeys.add(v.key);
    }

    void update(Txn t, Ver base, String value) {
        stamp(t, base, false);
        base.replaced = true;
        addVersion(t, new Ver(base.key, value, t.id, t.cid));
    }

    void delete(Txn t, Ver base) {
        stamp(t, base, false);
        t.writeKeys.add(base.key);
    }

    private void stamp(Txn t, Ver v, boolean lockOnly) {
        int oldXmax = v.xmax;
        int oldCmax = v.cmax;
        boolean oldLockOnly = v.lockOnly;
        boolean oldReplaced = v.replaced;
        if (!t.savepoints.isEmpty()) {
            t.undo.add(() -> {
                v.xmax = oldXmax;
                v.cmax = oldCmax;
                v.lockOnly = oldLockOnly;
                v.replaced = oldReplaced;
            });
        }
        v.xmax = t.id;
        v.cmax = t.cid;
        v.lockOnly = lockOnly;
        v.replaced = false;
    }

    private void addVersion(Txn t, Ver v) {
        List<Ver> chain = versions.get(v.key);
        chain.add(v);
        if (!t.savepoints.isEmpty()) {
            t.undo.add(() -> chain.remove(v));
        }
        t.writeKeys.add(v.key);
    }

    // ------------------------------------------------------------------ savepoints

    void savepoint(Txn t, String name) {
        t.savepoints.push(new Savepoint(name, t.undo.size(), t.locks.size()));
    }

    void rollbackTo(Txn t, String name) {
        Savepoint sp = find(t, name);
        while (t.savepoints.peek() != sp) {
            t.savepoints.pop();
        }
        for (int i = t.undo.size() - 1; i >= sp.undoMark(); i--) {
            t.undo.remove(i).run();
        }
        while (t.locks.size() > sp.lockMark()) {
            lockHolder.remove(t.locks.removeLast());
        }
    }

    void release(Txn t, String name) {
        Savepoint sp = find(t, name);
        while (t.savepoints.pop() != sp) {
            // pop up to and including sp
        }
        if (t.savepoints.isEmpty()) {
            t.undo.clear();
        }
    }

    private static Savepoint find(Txn t, String name) {
        for (Savepoint s : t.savepoints) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no savepoint " + name + " in " + t);
    }

    List<String> savepointNames(Txn t) {
        return t.savepoints.stream().map(Savepoint::name).toList();
    }

    // ------------------------------------------------------------------ end

    Expect commit(Txn t) {
        if (t.hasXid && t.level == IsolationLevel.SERIALIZABLE && validationFails(t)) {
            rollback(t);
            return Expect.fail(Kind.SERIALIZATION_FAILURE);
        }
        end(t, Status.COMMITTED);
        return Expect.OK;
    }

    void rollback(Txn t) {
        end(t, Status.ABORTED);
    }

    /** A crash or restart: whatever had not committed is aborted. */
    void crash() {
        for (Txn t : txns.values()) {
            if (t.status == Status.RUNNING) {
                end(t, Status.ABORTED);
            }
        }
    }

    private void end(Txn t, Status s) {
        t.status = s;
        if (s == Status.COMMITTED) {
            committed.add(t.id);
        }
        for (int k : t.locks) {
            lockHolder.remove(k);
        }
        t.locks.clear();
        t.savepoints.clear();
        t.undo.clear();
    }
}

package io.shaledb.kv;

import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;

/**
 * One kv command's view of the core transaction it runs in: metadata records read, written and
 * deleted by user key, expired keys treated as absent (and, in a writing command, deleted: lazy
 * expiry), and the expiry index kept up to date.
 *
 * <p>Invariant: before any read, the transaction's command counter is advanced past this
 * command's own earlier writes, so a command that writes a key twice (MSET a 1 a 2) sees its
 * first write when it makes the second.
 */
final class KvTxn {
    private final KvStore store;
    private final Transaction tx;
    private final boolean writing;
    private final long now;
    private final KvWatches.Touches touches;
    private boolean wroteSinceRead;
    /** This command's changes to the key counts and stored size (null until it writes), added to {@link KvUsage} once committed. */
    private KvUsage.Delta usage;

    KvTxn(KvStore store, Transaction tx, boolean writing, long now) {
        this(store, tx, writing, now, null);
    }

    /** @param touches where to note changed keys for WATCH; null when nothing is watched */
    KvTxn(KvStore store, Transaction tx, boolean writing, long now, KvWatches.Touches touches) {
        this.store = store;
        this.tx = tx;
        this.writing = writing;
        this.now = now;
        this.touches = touches;
    }

    private KvUsage.Delta usage() {
        if (usage == null) {
            usage = new KvUsage.Delta();
        }
        return usage;
    }

    /** What this command changed in the key counts and stored size; null when it wrote nothing. */
    KvUsage.Delta usageDelta() {
        return usage;
    }

    /** The keys this command changed, for WATCH (null when nothing was watched as it began). */
    KvWatches.Touches touches() {
        return touches;
    }

    /** The command's clock: every expiry decision in one command uses the same instant. */
    long now() {
        return now;
    }

    Transaction transaction() {
        return tx;
    }

    Relation relation() {
        return store.relation();
    }

    /** The live metadata of {@code key}, or null when it is missing or expired. */
    KvMeta get(int db, byte[] key) {
        byte[] core = KvKeys.meta(db, key);
        Version v = read(core);
        if (v == null) {
            return null;
        }
        KvMeta meta = KvMeta.decode(v.payload());
        if (!meta.expiredAt(now)) {
            return meta;
        }
        if (writing) {
            deleteVersion(v);
            store.noteExpired();
        }
        return null;
    }

    /**
     * After {@code removed} elements of collection {@code key} (metadata {@code m}) were deleted:
     * its smaller size, or the key itself gone with its last element, as Redis removes empty
     * collections. Nothing when none was removed.
     */
    void shrink(int db, byte[] key, KvMeta m, long removed) {
        if (removed <= 0) {
            return;
        }
        if (m.size() - removed <= 0) {
            delete(db, key);
        } else {
            put(db, key, m, m.withSize(m.size() - removed));
        }
    }

    /** Stores {@code meta} under {@code key}; {@code old} is what {@link #get} returned for it. */
    void put(int db, byte[] key, KvMeta old, KvMeta meta) {
        byte[] core = KvKeys.meta(db, key);
        byte[] encoded = meta.encode();
        Version v = read(core);
        Transaction.RowLock lock = v == null ? null : tx.lock(relation(), v, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (lock == null || lock.outcome() == Transaction.LockOutcome.GONE) {
            tx.insert(relation(), core, encoded);
            usage().key(db, 1, meta.expireAt() != 0);
            usage().bytes(KvUsage.rowSize(core, encoded.length));
        } else {
            byte[] was = lock.current().payload();
            if (KvReclaimer.isCollection(was) && (meta.type() == KvType.STRING || KvReclaimer.versionOf(was) != meta.version())) {
                store.noteGarbage(); // a collection overwritten: its old version's sub-keys are garbage
            }
            update(lock.current(), encoded);
            usage().bytes(encoded.length - was.length);
            boolean hadTtl = KvMeta.expireAtOf(was) != 0;
            if (hadTtl != (meta.expireAt() != 0)) {
                usage().ttl(db, hadTtl ? -1 : 1);
            }
        }
        wroteSinceRead = true;
        if (meta.type() == KvType.LIST || meta.type() == KvType.ZSET) {
            store.blocking().signal(db, key); // its blocked clients are served, in order, after our commit
        }
        if (touches != null) {
            touches.note(core, true, true);
        }
        if (meta.expireAt() != 0 && (old == null || old.expireAt() != meta.expireAt())) {
            addExpiryHint(db, key, meta.expireAt());
        }
    }

    /** Deletes {@code key}; true when it was live. */
    boolean delete(int db, byte[] key) {
        KvMeta live = get(db, key);
        if (live == null) {
            return false;
        }
        Version v = read(KvKeys.meta(db, key));
        deleteVersion(v);
        return true;
    }

    /**
     * Writes a sub-key row ({@code core} from {@link KvKeys#sub} and friends). The caller holds the
     * lock on the collection's metadata key, so no other command writes its sub-keys concurrently.
     */
    void putRow(byte[] core, byte[] payload) {
        Version v = read(core);
        if (v == null) {
            tx.insert(relation(), core, payload);
            usage().bytes(KvUsage.rowSize(core, payload.length));
        } else {
            Transaction.RowLock lock = tx.lock(relation(), v, LockMode.UPDATE, WaitPolicy.BLOCK);
            if (lock.outcome() == Transaction.LockOutcome.GONE) {
                tx.insert(relation(), core, payload);
                usage().bytes(KvUsage.rowSize(core, payload.length));
            } else {
                usage().bytes(payload.length - lock.current().payload().length);
                update(lock.current(), payload);
            }
        }
        wroteSinceRead = true;
        if (touches != null) {
            touches.note(core, false, true);
        }
    }

    /**
     * Replaces a row's payload: in place when this transaction wrote the row itself (a batch's
     * second write of a hot key), else as a new version.
     */
    private void update(Version current, byte[] payload) {
        if (tx.xid() != 0 && current.xmin() == tx.xid() && current.xmax() == 0) {
            tx.overwriteOwn(relation(), current, payload);
        } else {
            tx.update(relation(), current, payload);
        }
    }

    /** Deletes a sub-key row; true when it existed. */
    boolean deleteRow(byte[] core) {
        Version v = read(core);
        if (v == null) {
            return false;
        }
        deleteVersion(v);
        return true;
    }

    /** Deletes the row of a version this command saw (from {@link #read} or a scan). */
    void deleteVersion(Version v) {
        Transaction.RowLock lock = tx.lock(relation(), v, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (lock.outcome() != Transaction.LockOutcome.GONE) {
            tx.delete(relation(), lock.current());
            wroteSinceRead = true;
            byte[] was = lock.current().payload();
            usage().bytes(-KvUsage.rowSize(v.userKey(), was.length));
            boolean meta = v.userKey().length > 2 && v.userKey()[1] == KvKeys.META;
            if (meta) {
                usage().key(v.userKey()[2] & 0xFF, -1, KvMeta.expireAtOf(was) != 0);
            }
            if (meta && KvReclaimer.isCollection(was)) {
                store.noteGarbage(); // a collection deleted (DEL, expiry, FLUSHDB): its sub-keys are garbage
            }
            if (touches != null) {
                byte[] core = v.userKey();
                touches.note(core, core.length > 1 && core[1] == KvKeys.META, false);
            }
        }
    }

    /** The visible version of a core key, this command's own writes included. */
    Version read(byte[] core) {
        if (wroteSinceRead) {
            tx.advanceCommand();
            wroteSinceRead = false;
        }
        return tx.get(relation(), core);
    }

    /** Makes this command's writes so far visible to its later scans. */
    void beforeScan() {
        if (wroteSinceRead) {
            tx.advanceCommand();
            wroteSinceRead = false;
        }
    }

    /**
     * Records that {@code key} has deadline {@code at} in the expiry index. Entries are hints: the
     * expirer deletes the key only if its metadata still says it expired, so an entry left behind
     * by PERSIST or a later EXPIRE costs one look-up when its time comes, nothing else.
     */
    private void addExpiryHint(int db, byte[] key, long at) {
        byte[] hint = KvKeys.expiry(at, db, key);
        if (read(hint) == null) {
            tx.insert(relation(), hint, new byte[0]);
            usage().bytes(KvUsage.rowSize(hint, 0));
            wroteSinceRead = true;
        }
    }
}

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
 * <p>Invariant: before any read of the engine, the transaction's command counter is advanced
 * past this command's own earlier writes, so a command that writes a key twice (MSET a 1 a 2)
 * sees its first write when it makes the second.
 *
 * <p>A command that holds the stripes of the keys it writes ({@code exclusive}: every command and
 * batch, not the reclaimer) knows that nobody else writes those rows until it ends. It therefore
 * keeps the rows it read and wrote in a {@link KvRowCache} (shared by a batch's commands) and
 * writes with the transaction's unlocked writes: no row lock, no re-read of a row it just read.
 */
final class KvTxn {
    private final KvStore store;
    private final Transaction tx;
    private final boolean writing;
    private final long now;
    private final KvWatches.Touches touches;
    private final KvRowCache rows;
    private final boolean exclusive;
    private boolean wroteSinceRead;
    /** This command's changes to the key counts and stored size (null until it writes), added to {@link KvUsage} once committed. */
    private KvUsage.Delta usage;

    /** A reading command (or a system-record write, which locks its row): no cache, row locks. */
    KvTxn(KvStore store, Transaction tx, boolean writing, long now) {
        this(store, tx, writing, now, null, null, false);
    }

    /**
     * @param touches where to note changed keys for WATCH; null when nothing is watched
     * @param rows the rows this command or batch already knows; null for none
     * @param exclusive the caller holds the stripes of every key it writes (see the class comment)
     */
    KvTxn(KvStore store, Transaction tx, boolean writing, long now, KvWatches.Touches touches, KvRowCache rows,
          boolean exclusive) {
        this.store = store;
        this.tx = tx;
        this.writing = writing;
        this.now = now;
        this.touches = touches;
        this.rows = rows;
        this.exclusive = exclusive && rows != null;
    }

    /** What this command changed in the key counts and stored size; null when it wrote nothing. */
    KvUsage.Delta usageDelta() {
        return usage;
    }

    /**
     * Counts one row write in this command's usage delta: {@code was} null for an insert,
     * {@code now} null for a delete. A metadata row also counts as a key of its database, with a
     * TTL when its payload has a deadline.
     */
    private void account(byte[] core, byte[] was, byte[] now) {
        if (usage == null) {
            usage = new KvUsage.Delta();
        }
        usage.bytes((now == null ? 0 : KvUsage.rowSize(core, now.length)) - (was == null ? 0 : KvUsage.rowSize(core, was.length)));
        if (core.length > 2 && core[1] == KvKeys.META) {
            int db = core[2] & 0xFF;
            boolean ttlWas = was != null && KvMeta.expireAtOf(was) != 0;
            boolean ttlNow = now != null && KvMeta.expireAtOf(now) != 0;
            if (was == null || now == null) {
                usage.key(db, now == null ? -1 : 1, now == null ? ttlWas : ttlNow);
            } else if (ttlWas != ttlNow) {
                usage.ttl(db, ttlNow ? 1 : -1);
            }
        }
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
        writeRow(core, meta.encode(), meta);
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

    /**
     * Writes {@code payload} as row {@code core}: without a row lock when the command's stripes
     * cover it ({@link #unlocked}), else locking the current version. {@code meta} is the decoded
     * payload of a metadata row (null for a sub-key row): a collection it overwrites is garbage.
     */
    private void writeRow(byte[] core, byte[] payload, KvMeta meta) {
        Version v = read(core);
        if (unlocked()) {
            if (v != null && meta != null) {
                noteOverwritten(v.payload(), meta);
            }
            remember(core, v == null ? tx.insertUnlocked(relation(), core, payload) : tx.replaceUnlocked(relation(), v, payload));
            account(core, v == null ? null : v.payload(), payload);
        } else {
            forget(core);
            if (v == null) {
                tx.insert(relation(), core, payload);
                account(core, null, payload);
            } else {
                Transaction.RowLock lock = tx.lock(relation(), v, LockMode.UPDATE, WaitPolicy.BLOCK);
                if (lock.outcome() == Transaction.LockOutcome.GONE) {
                    tx.insert(relation(), core, payload);
                    account(core, null, payload);
                } else {
                    if (meta != null) {
                        noteOverwritten(lock.current().payload(), meta);
                    }
                    account(core, lock.current().payload(), payload);
                    update(lock.current(), payload);
                }
            }
        }
        wroteSinceRead = true;
    }

    /** A key's metadata {@code was} is replaced by {@code meta}: a collection overwritten leaves its old version's sub-keys as garbage. */
    private void noteOverwritten(byte[] was, KvMeta meta) {
        if (KvReclaimer.isCollection(was) && (meta.type() == KvType.STRING || KvReclaimer.versionOf(was) != meta.version())) {
            store.noteGarbage();
        }
    }

    /** Writes without row locks: the command holds its keys' stripes and the cache mirrors its rows. */
    private boolean unlocked() {
        return exclusive && !rows.overflowed();
    }

    private void remember(byte[] core, Version v) {
        if (rows != null) {
            rows.put(core, v);
        }
    }

    /** A locked write made a version the cache does not know: drop what it had for the row. */
    private void forget(byte[] core) {
        if (rows != null) {
            rows.forget(core);
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
        writeRow(core, payload, null);
        if (touches != null) {
            touches.note(core, false, true);
        }
    }

    /**
     * Writes a sub-key row that cannot be live now (a list slot outside the list's elements):
     * {@link #putRow} without its read of the row.
     */
    void putNewRow(byte[] core, byte[] payload) {
        if (!unlocked()) {
            putRow(core, payload);
            return;
        }
        remember(core, rows.isFresh(core) ? tx.insertFirst(relation(), core, payload)
                : tx.insertUnlocked(relation(), core, payload));
        account(core, null, payload);
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

    /**
     * Before rows {@code low .. high} (core keys, inclusive) get {@link #putNewRow}: when the
     * engine holds no version of any key in {@code scanLow .. scanHigh} (a range around them that
     * this writer's stripes keep others out of), those rows need no read before their insert —
     * nor do the rest of the range's rows, for the rest of the command or batch. One engine scan
     * instead of one read per row; nothing when the cache already knows the range.
     */
    void expectNewRows(byte[] low, byte[] high, byte[] scanLow, byte[] scanHigh) {
        if (!unlocked() || rows.isFresh(low) && rows.isFresh(high)) {
            return;
        }
        if (tx.hasNoVersions(relation(), new io.shaledb.storage.KeyRange(scanLow, true, scanHigh, true))) {
            rows.addFresh(scanLow, scanHigh);
        }
    }

    /** Deletes the row of a version this command saw (from {@link #read} or a scan). */
    void deleteVersion(Version v) {
        byte[] was;
        if (unlocked()) {
            Version known = rows.get(v.userKey()); // a scan's version may be older than this command's own write
            Version current = known == null ? v : known;
            if (current == KvRowCache.ABSENT) {
                return;
            }
            tx.deleteUnlocked(relation(), current);
            remember(v.userKey(), null);
            was = current.payload();
        } else {
            Transaction.RowLock lock = tx.lock(relation(), v, LockMode.UPDATE, WaitPolicy.BLOCK);
            if (lock.outcome() == Transaction.LockOutcome.GONE) {
                return;
            }
            tx.delete(relation(), lock.current());
            remember(v.userKey(), null);
            was = lock.current().payload();
        }
        account(v.userKey(), was, null);
        wroteSinceRead = true;
        if (v.userKey().length > 1 && v.userKey()[1] == KvKeys.META && KvReclaimer.isCollection(was)) {
            store.noteGarbage(); // a collection deleted (DEL, expiry, FLUSHDB): its sub-keys are garbage
        }
        if (touches != null) {
            byte[] core = v.userKey();
            touches.note(core, core.length > 1 && core[1] == KvKeys.META, false);
        }
    }

    /** The visible version of a core key, this command's own writes included. */
    Version read(byte[] core) {
        if (rows != null) {
            Version known = rows.get(core);
            if (known != null) {
                return known == KvRowCache.ABSENT ? null : known;
            }
        }
        if (wroteSinceRead) {
            tx.advanceCommand();
            wroteSinceRead = false;
        }
        Version v = tx.get(relation(), core);
        remember(core, v);
        return v;
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
            if (unlocked()) {
                remember(hint, tx.insertUnlocked(relation(), hint, new byte[0]));
            } else {
                tx.insert(relation(), hint, new byte[0]);
                forget(hint);
            }
            account(hint, null, new byte[0]);
            wroteSinceRead = true;
        }
    }
}

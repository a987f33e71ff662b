package io.shaledb.kv;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-value model on one engine: sixteen {@link KvDatabase}s, the transactions their commands
 * run in, and two background threads — the syncer that makes {@code everysec}/{@code no} commits
 * durable, and the active expirer that deletes keys whose deadline has passed.
 *
 * <p>Every command is one core transaction at READ COMMITTED. A writing command first locks the
 * stripes of the keys it will change (ascending, so two commands never deadlock on each other), then takes
 * a fresh snapshot: it acts on the latest committed state, as Redis's single thread would, while
 * commands on different keys run in parallel and share one fsync.
 */
public final class KvStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KvStore.class);

    /** The transaction layer's relation id for the kv space (SQL uses 0 and up, statistics -9). */
    public static final int RELATION_ID = -20;
    public static final int DATABASES = 16;
    /** Expired keys the expirer deletes per transaction. */
    private static final int EXPIRE_BATCH = 64;

    private final TransactionManager txns;
    private final StorageEngine engine;
    private final Relation relation;
    private volatile Durability durability;
    private volatile Duration expiryInterval;
    private final LongSupplier clock;
    private final KvDatabase[] databases = new KvDatabase[DATABASES];
    private final AtomicLong nextVersion;
    private final AtomicLong expiredKeys = new AtomicLong();
    private final ScanCursors cursors = new ScanCursors();
    private final KvBlocking blocking = new KvBlocking();
    private final Thread syncer;
    private final Thread expirer;
    private final Object sleepLock = new Object();
    private static final int STRIPES = 1024;
    private final java.util.concurrent.locks.ReentrantLock[] stripeLocks = new java.util.concurrent.locks.ReentrantLock[STRIPES];
    private volatile boolean closed;
    private final KvWatches watches = new KvWatches();
    private final KvReclaimer reclaimer = new KvReclaimer(this);
    private final KvEncodingRules encodingRules = new KvEncodingRules();
    /** Rows the random-element commands read ({@link KvSampler}): their cost, for tests. */
    private final java.util.concurrent.atomic.LongAdder sampledRows = new java.util.concurrent.atomic.LongAdder();
    /** The EXEC (or pipeline batch) this thread runs in, whose transaction its commands join. */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();
    private final KvUsage usage = new KvUsage();
    private final KvEviction eviction = new KvEviction(this);

    /** One {@link #atomically} run: its core transaction, clock, changed keys, the rows its commands know and their usage delta. */
    private record Batch(Transaction tx, long now, KvWatches.Touches touches, KvRowCache rows, KvUsage.Delta usage) {}

    /**
     * @param txns the server's transaction manager (shared with SQL: one MVCC, one log)
     * @param engine where kv keys live: the engine holding the commit log, or another one (the
     *     transaction manager then syncs it before any commit record reaches the disk; see
     *     docs/architecture/kv.md, "Which engine holds the kv data")
     * @param clock milliseconds since the epoch (tests pass a fake one)
     * @param activeExpiryInterval how often the expirer looks for expired keys; zero disables it
     */
    public KvStore(TransactionManager txns, StorageEngine engine, Durability durability, LongSupplier clock,
                   Duration activeExpiryInterval) {
        this.txns = Objects.requireNonNull(txns, "txns");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.durability = Objects.requireNonNull(durability, "durability");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.relation = new Relation(RELATION_ID, "kv", engine, KvKeys.spacePrefix());
        for (int i = 0; i < DATABASES; i++) {
            databases[i] = new KvDatabase(this, i);
        }
        for (int i = 0; i < STRIPES; i++) {
            stripeLocks[i] = new java.util.concurrent.locks.ReentrantLock();
        }
        // Versions only need to grow across restarts: microseconds since the epoch, then counting.
        this.nextVersion = new AtomicLong(System.currentTimeMillis() * 1000);
        this.expiryInterval = activeExpiryInterval;
        read(t -> {
            usage.rebuild(t); // before any command or background thread: counted from committed rows
            return null;
        });
        syncer = start("shaledb-kv-sync", this::syncLoop); // idles under appendfsync always (CONFIG SET may change it)
        expirer = activeExpiryInterval.isZero() ? null : start("shaledb-kv-expire", this::expireLoop);
    }

    /** A store with the real clock and active expiry every 100 ms. */
    public KvStore(TransactionManager txns, StorageEngine engine, Durability durability) {
        this(txns, engine, durability, System::currentTimeMillis, Duration.ofMillis(100));
    }

    private static Thread start(String name, Runnable loop) {
        return Thread.ofPlatform().daemon().name(name).start(loop);
    }

    /** Database {@code index}, 0 to 15. */
    public KvDatabase database(int index) {
        if (index < 0 || index >= DATABASES) {
            throw new IllegalArgumentException("database index out of range: " + index);
        }
        return databases[index];
    }

    /** The name of the engine holding the keys (btree, lsm or memory), for INFO and the start-up log. */
    public String engineName() {
        return engine.name();
    }

    public Durability durability() {
        return durability;
    }

    /**
     * CONFIG SET appendfsync: later commits wait for the disk (always) or not; the syncer picks up
     * the new interval within a second. Switching away from always syncs once first, so what was
     * acknowledged under always stays durable.
     */
    public void durability(Durability d) {
        Objects.requireNonNull(d, "durability");
        durability = d;
        txns.sync();
    }

    /** CONFIG SET hz: how often the active expirer runs (ignored when it was disabled at start). */
    public void activeExpiryInterval(Duration every) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("active expiry interval must be positive, got " + every);
        }
        if (!expiryInterval.isZero()) {
            expiryInterval = every;
        }
    }

    /**
     * Keys of database {@code db} (DBSIZE), counted as commits change them (see {@link KvUsage}):
     * O(1), and like Redis's it includes keys past their deadline that expiry has not deleted yet.
     */
    public long keyCount(int db) {
        Batch b = batch.get();
        return usage.keys(db) + (b == null ? 0 : b.usage().keys(db)); // an EXEC sees its own new keys
    }

    /** Keys of database {@code db} that have a deadline (INFO keyspace's {@code expires}). */
    public long expiringKeyCount(int db) {
        return usage.expires(db);
    }

    /**
     * The stored size of the kv data in bytes: every committed kv row's key and payload plus a
     * fixed per-row overhead (see {@link KvUsage}). What INFO reports as {@code used_memory} and
     * {@code maxmemory} is compared with.
     */
    public long usedBytes() {
        return usage.bytes();
    }

    /** For tests: the counters recounted from the committed rows now, by a scan. */
    KvUsage recount() {
        KvUsage fresh = new KvUsage();
        read(t -> {
            fresh.rebuild(t);
            return null;
        });
        return fresh;
    }

    /** maxmemory eviction over this store's keys. */
    public KvEviction eviction() {
        return eviction;
    }

    /** Keys the expirer and lazy expiry deleted since start. */
    public long expiredKeys() {
        return expiredKeys.get();
    }

    Relation relation() {
        return relation;
    }

    /** The waiters of blocking commands (BLPOP ...), woken by writes of their keys. */
    public KvBlocking blocking() {
        return blocking;
    }

    ScanCursors cursors() {
        return cursors;
    }

    long now() {
        return clock.getAsLong();
    }

    long newVersion() {
        return nextVersion.incrementAndGet();
    }

    void noteExpired() {
        expiredKeys.incrementAndGet();
    }

    /** CONFIG RESETSTAT: the expired-keys counter starts from zero. */
    public void resetStats() {
        expiredKeys.set(0);
        eviction.resetStats();
    }

    /** The encoding thresholds (CONFIG SET hash-max-listpack-entries ...) and conversion rules of collections. */
    public KvEncodingRules encodingRules() {
        return encodingRules;
    }

    void noteSampledRows(long rows) {
        sampledRows.add(rows);
    }

    /** How many sub-key rows HRANDFIELD, SRANDMEMBER, SPOP and ZRANDMEMBER have read since the store opened. */
    public long sampledRows() {
        return sampledRows.sum();
    }

    /** A collection's version died: the background reclaimer has sub-keys to delete. */
    void noteGarbage() {
        reclaimer.noteGarbage();
    }

    /**
     * Deletes the sub-keys of every dead collection version now (the background thread does this
     * after deletions); returns how many rows it deleted. For tests and maintenance.
     */
    public long reclaimNow() {
        return reclaimer.sweep();
    }

    /** Sub-key rows of dead collections the reclaimer deleted since start. */
    public long reclaimedRows() {
        return reclaimer.reclaimed();
    }

    /** The relation holding every kv row (for VACUUM and storage statistics). */
    public Relation kvRelation() {
        return relation;
    }

    // ------------------------------------------------------------------ transactions

    /** Runs a reading command. */
    <T> T read(Function<KvTxn, T> body) {
        Batch b = batch.get();
        if (b != null) {
            b.tx().advanceCommand(); // the batch's earlier commands' writes, and its locked keys' latest state
            return body.apply(new KvTxn(this, b.tx(), false, b.now(), null, b.rows(), false));
        }
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, true, 0);
        try {
            tx.beginStatement(() -> false, 0, false);
            T result = body.apply(new KvTxn(this, tx, false, now()));
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /**
     * Runs a writing command that changes the metadata of {@code keys} of database {@code db}
     * (and possibly nothing else); they are locked first. The command is acknowledged as
     * {@link #durability()} says.
     */
    <T> T write(int db, List<byte[]> keys, Function<KvTxn, T> body) {
        Batch b = batch.get();
        if (b != null) {
            return writeInBatch(b, db, keys, body);
        }
        int[] stripes = stripes(db, keys);
        for (int s : stripes) {
            stripeLocks[s].lock();
        }
        T result;
        try {
            result = writeLocked(db, keys, body);
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                stripeLocks[stripes[i]].unlock();
            }
        }
        blocking.afterCommit(); // serves clients blocked on keys it pushed to, in order, with no lock held
        return result;
    }

    /**
     * The stripes of {@code keys}, distinct and ascending (so commands take them in one order). A
     * hot key's writers queue on a plain Java lock here instead of in the row-lock manager, whose
     * waits run deadlock detection; the stripes alone exclude other kv writers, so no row lock is taken. FLUSHDB (no keys)
     * takes every stripe.
     */
    private int[] stripes(int db, Collection<byte[]> keys) {
        if (keys.isEmpty()) {
            int[] all = new int[STRIPES];
            for (int i = 0; i < STRIPES; i++) {
                all[i] = i;
            }
            return all;
        }
        if (keys.size() == 1) {
            return new int[] {stripe(db, keys.iterator().next())};
        }
        int[] all = new int[keys.size()];
        int n = 0;
        for (byte[] key : keys) {
            all[n++] = stripe(db, key);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return distinct == all.length ? all : Arrays.copyOf(all, distinct);
    }

    /**
     * A key's stripe, the same in every database: a command that writes a key of another
     * database (COPY ... DB n, MOVE) holds the right stripe with the ones its batch took.
     */
    private static int stripe(int db, byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    /**
     * A writing command inside {@link #atomically}: the batch already holds the stripes of its
     * keys (every kv writer takes a key's stripe before touching it, so the row locks a lone
     * command takes would be uncontended here and are skipped), and it runs under a savepoint, so
     * a command that fails (WRONGTYPE, an overflow, ...) leaves no trace while the batch's other
     * commands stand — Redis's "errors inside EXEC do not roll back".
     */
    private <T> T writeInBatch(Batch b, int db, List<byte[]> keys, Function<KvTxn, T> body) {
        Transaction tx = b.tx();
        tx.savepoint(SAVEPOINT);
        try {
            tx.advanceCommand(); // the batch's earlier writes become visible (no new snapshot: see atomically)
            KvTxn t = new KvTxn(this, tx, true, b.now(), b.touches(), b.rows(), true);
            T result = body.apply(t);
            tx.release(SAVEPOINT);
            b.usage().add(t.usageDelta()); // a command rolled back to its savepoint counts nothing
            return result;
        } catch (RuntimeException e) {
            b.rows().clear(); // the rollback restores rows the cache may describe after the command's writes
            tx.rollbackTo(SAVEPOINT);
            tx.release(SAVEPOINT);
            throw e;
        }
    }

    private static final String SAVEPOINT = "kv-command";

    /**
     * Runs {@code body} as one core transaction: every {@link KvDatabase} command this thread calls
     * inside it joins that transaction (MULTI/EXEC, and a pipeline's run of commands), so other
     * clients see all of its writes or none, and they share one commit. The stripes of
     * {@code keys} of database {@code db} — every stripe when {@code everyKey} (FLUSHDB, SELECT
     * inside the batch, commands whose keys are not known) — are locked first, in order, so the
     * batch needs no row locks and two batches cannot deadlock. Commands may
     * only write keys whose stripes the batch holds.
     *
     * <p>The transaction is REPEATABLE READ: its one snapshot is taken after the stripes are
     * held, so it already shows the latest committed state of every key the batch may write, and
     * no other writer can change them until it commits; reads of other keys see that same
     * consistent moment. (A READ COMMITTED snapshot per command would cost a snapshot each.)
     */
    public <T> T atomically(int db, Collection<byte[]> keys, boolean everyKey, Supplier<T> body) {
        if (batch.get() != null) {
            throw new IllegalStateException("kv batches do not nest");
        }
        int[] stripes = everyKey ? stripes(db, List.of()) : keys.isEmpty() ? new int[0] : stripes(db, keys);
        for (int s : stripes) {
            stripeLocks[s].lock();
        }
        try {
            Transaction tx = txns.begin(IsolationLevel.REPEATABLE_READ, false, 0);
            try {
                tx.beginStatement(() -> false, 0, true);
                tx.bufferWrites(); // the batch's rewrites of a hot row reach the engine once, at commit
                Batch b = new Batch(tx, now(), watches.collector(), new KvRowCache(), new KvUsage.Delta());
                batch.set(b);
                T result;
                try {
                    result = body.get();
                } finally {
                    batch.remove();
                }
                tx.commit(durability.waitsForDisk());
                usage.apply(b.usage());
                watches.publish(b.touches());
                return result;
            } catch (RuntimeException e) {
                if (tx.state() == Transaction.State.ACTIVE) {
                    tx.rollback();
                }
                throw e;
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                stripeLocks[stripes[i]].unlock();
            }
            blocking.afterCommit();
        }
    }

    /** Whether this thread is inside {@link #atomically} (blocking commands must not wait there). */
    public boolean inBatch() {
        return batch.get() != null;
    }

    // ------------------------------------------------------------------ WATCH

    /** A new, empty watch for one client. */
    public KvWatch newWatch() {
        return new KvWatch();
    }

    /**
     * WATCH: adds {@code keys} of {@code db} to {@code w}, each under its stripe lock, so a writer
     * of the key either committed before (and the watch starts from its result) or reports to it.
     */
    public void watch(KvWatch w, int db, List<byte[]> keys) {
        for (byte[] key : keys) {
            int stripe = stripes(db, List.of(key))[0];
            stripeLocks[stripe].lock();
            try {
                boolean stale = read(t -> {
                    Version v = t.read(KvKeys.meta(db, key));
                    return v != null && KvMeta.decode(v.payload()).expiredAt(t.now());
                });
                watches.register(w, db, key, stale);
            } finally {
                stripeLocks[stripe].unlock();
            }
        }
    }

    /** UNWATCH: forgets every key of {@code w} and whether it was dirty. */
    public void unwatch(KvWatch w) {
        watches.unregister(w);
    }

    /** The (db, key) pairs {@code w} watches, for locking their stripes at EXEC. */
    public List<byte[]> watchedKeys(KvWatch w, int db) {
        return w.entries().stream().filter(e -> e.db == db).map(e -> e.key).toList();
    }

    /** Whether {@code w} watches keys of a database other than {@code db}. */
    public boolean watchesOtherDatabases(KvWatch w, int db) {
        return w.entries().stream().anyMatch(e -> e.db != db);
    }

    /**
     * EXEC's check, inside {@link #atomically} holding the watched keys' stripes: true when no
     * watched key changed and none that was live when watched has expired since.
     */
    public boolean watchHolds(KvWatch w) {
        if (w.dirty()) {
            return false;
        }
        return read(t -> {
            for (KvWatch.Entry e : w.entries()) {
                if (e.stale) {
                    continue;
                }
                Version v = t.read(KvKeys.meta(e.db, e.key));
                if (v != null && KvMeta.decode(v.payload()).expiredAt(t.now())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** For tests: registrations in the watch registry. */
    int watchRegistrations() {
        return watches.size();
    }

    private <T> T writeLocked(int db, List<byte[]> keys, Function<KvTxn, T> body) {
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
        try {
            // The caller holds the keys' stripes, and every kv writer takes a key's stripe before
            // touching it: the row locks of the metadata keys would be uncontended, so they are not
            // taken, and the statement's snapshot — taken now, after the stripes — already shows
            // the latest committed state of every key this command may write.
            tx.beginStatement(() -> false, 0, true);
            tx.bufferWrites(); // the command's row writes reach the engine as one batch, at commit
            KvTxn t = new KvTxn(this, tx, true, now(), watches.collector(), new KvRowCache(), true);
            T result = body.apply(t);
            tx.commit(durability.waitsForDisk());
            usage.apply(t.usageDelta());
            watches.publish(t.touches()); // still under the stripe locks: EXEC checks under them too
            return result;
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /**
     * Runs background upkeep (the reclaimer) as one READ COMMITTED transaction that takes no
     * stripe or row locks and reports nothing to WATCH: it only deletes rows no command can reach.
     */
    <T> T maintenance(Function<KvTxn, T> body) {
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
        try {
            tx.beginStatement(() -> false, 0, true);
            KvTxn t = new KvTxn(this, tx, true, now(), null, null, false);
            T result = body.apply(t);
            tx.commit(false); // losing a reclaim in a crash only means the next pass redoes it
            usage.apply(t.usageDelta());
            return result;
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    // ------------------------------------------------------------------ system records

    /**
     * The server's own durable records (ACL users): {@code 'k' 'y' bytes(name) -> value}, outside
     * every database, so KEYS, SCAN and FLUSHALL never see them. Returns every record, by name.
     */
    public java.util.SortedMap<String, byte[]> systemRecords() {
        return read(t -> {
            java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
            try (VersionScan s = scan(t, KeyRange.prefix(KvKeys.systemPrefix()))) {
                while (s.next()) {
                    Version v = s.current();
                    out.put(new String(KvKeys.fieldOfSub(v.userKey(), 2), java.nio.charset.StandardCharsets.UTF_8), v.payload());
                }
            }
            return out;
        });
    }

    /** Stores ({@code value} non-null) or deletes a system record, durably before it returns. */
    public void putSystemRecord(String name, byte[] value) {
        byte[] core = KvKeys.system(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
        try {
            tx.beginStatement(() -> false, 0, true);
            tx.lockKey(relation, core, LockMode.UPDATE);
            tx.advanceCommand();
            KvTxn t = new KvTxn(this, tx, true, now());
            if (value == null) {
                t.deleteRow(core);
            } else {
                t.putRow(core, value);
            }
            tx.commit(true);
            usage.apply(t.usageDelta());
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /** Scans the visible versions of a range of core keys in a command. */
    static VersionScan scan(KvTxn t, KeyRange range) {
        t.beforeScan();
        return t.transaction().scan(t.relation(), range, Direction.FORWARD);
    }

    // ------------------------------------------------------------------ background

    private void syncLoop() {
        long lastSync = System.nanoTime();
        while (!closed) {
            if (!sleep(Duration.ofMillis(100))) {
                break;
            }
            Duration every = durability.syncInterval();
            if (every == null || System.nanoTime() - lastSync < every.toNanos()) {
                continue; // always: every commit syncs itself
            }
            lastSync = System.nanoTime();
            try {
                txns.sync(); // the commit records, and first (the transaction manager's barrier) the kv rows
            } catch (RuntimeException e) {
                log.error("kv: background sync of the commit log and engine {} failed", engine.name(), e);
            }
        }
    }

    private void expireLoop() {
        while (!closed) {
            Duration every = expiryInterval;
            if (!sleep(every)) {
                break;
            }
            try {
                while (!closed && expireDue() == EXPIRE_BATCH) {
                    // a full batch: more may be due
                }
                if (!closed) {
                    reclaimer.sweepIfNeeded();
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.error("kv: active expiry failed; retrying in {}", every, e);
                }
            }
        }
    }

    /**
     * Deletes up to {@link #EXPIRE_BATCH} keys whose expiry-index deadline has passed (and the
     * index entries). Returns how many index entries it handled.
     */
    int expireDue() {
        long now = now();
        List<KvKeys.ExpiryEntry> due = read(t -> {
            List<KvKeys.ExpiryEntry> out = new ArrayList<>();
            byte[] prefix = KvKeys.expiryPrefix();
            // deadlines up to and including now: a key is expired at its deadline (KvMeta.expiredAt)
            KeyRange range = new KeyRange(prefix, true, KvKeys.expiry(now + 1, 0, new byte[0]), false);
            try (VersionScan s = scan(t, range)) {
                while (out.size() < EXPIRE_BATCH && s.next()) {
                    out.add(KvKeys.parseExpiry(s.current().userKey()));
                }
            }
            return out;
        });
        for (KvKeys.ExpiryEntry e : due) {
            write(e.db(), List.of(e.key()), t -> {
                t.get(e.db(), e.key()); // deletes the key when its metadata says it has expired
                var hint = t.read(KvKeys.expiry(e.deadlineMillis(), e.db(), e.key()));
                if (hint != null) {
                    t.deleteVersion(hint);
                }
                return null;
            });
        }
        return due.size();
    }

    private boolean sleep(Duration d) {
        synchronized (sleepLock) {
            if (closed) {
                return false;
            }
            try {
                sleepLock.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !closed;
        }
    }

    /** Stops the background threads, syncing once more so nothing acknowledged stays only in memory. */
    @Override
    public void close() {
        synchronized (sleepLock) {
            closed = true;
            sleepLock.notifyAll();
        }
        for (Thread t : new Thread[] {syncer, expirer}) {
            if (t != null) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (!durability.waitsForDisk()) {
            txns.sync();
        }
    }
}

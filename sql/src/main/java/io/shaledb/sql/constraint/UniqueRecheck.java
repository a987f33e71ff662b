package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The uniqueness check of a DEFERRABLE UNIQUE constraint, run at the end of the statement that
 * wrote a key (INITIALLY IMMEDIATE) or at COMMIT (INITIALLY DEFERRED, SET CONSTRAINTS ...
 * DEFERRED), PostgreSQL's {@code unique_key_recheck}.
 *
 * <p>Such an index stores its entries like a non-unique one, {@code key ‖ row key}, so two rows
 * may hold one key for a while. The check of key {@code k}:
 *
 * <pre>
 *   lock k itself (a lock on the bare index key, which no entry has as its key), held to the end
 *   scan the newest version of every entry  k ‖ *
 *   count those that are live and committed or this transaction's own
 *   more than one ──► 23505 duplicate key value violates unique constraint, Key (…)=(…) already exists.
 * </pre>
 *
 * <p>Why two transactions cannot both commit one key: each checks every key it wrote before it
 * commits, under the key's lock, and keeps the lock until it ends. The second checker waits for
 * the first to end, then counts the first's committed entry and fails; if the first rolled back,
 * its entry is gone and the second passes. An entry of another transaction still in progress is
 * not counted: that transaction has not checked the key yet (it would hold the lock), and when it
 * does it will count ours. Deleting an entry of such an index takes the same lock
 * (IndexMaintainer), so a check never counts a row whose delete is still undecided; it waits for
 * it instead, as PostgreSQL's recheck waits for the deleting transaction.
 */
public final class UniqueRecheck {
    private UniqueRecheck() {}

    /**
     * One key a statement wrote: the constraint, the index's key space, the bare index key (the
     * prefix of every entry with that key, and the lock), the names for the error, and whether the
     * key space is still the index's when a queued check runs (TRUNCATE, a table rewrite or
     * REINDEX give it a new one, built and checked in bulk; DROP CONSTRAINT removes it).
     */
    public record Key(Constraint constraint, Relation index, byte[] key, String indexName, String keyText,
                      Predicate<Transaction> stillCurrent) {}

    /**
     * Statement end: checks each distinct key of {@code keys} now, or queues its check for COMMIT
     * when its constraint is deferred in {@code tx} ({@link DeferredChecks}).
     */
    public static void afterStatement(Transaction tx, List<Key> keys) {
        Set<ByteBuffer> seen = new HashSet<>();
        for (Key k : keys) {
            if (!seen.add(ByteBuffer.wrap(k.key()))) {
                continue;
            }
            if (DeferredChecks.isDeferred(tx, k.constraint())) {
                DeferredChecks.defer(tx, k.constraint(), t -> {
                    if (k.stillCurrent().test(t)) {
                        check(t, k);
                    }
                });
            } else {
                check(tx, k);
            }
        }
    }

    /** Checks that at most one live row holds {@code k}'s key (23505 otherwise); see the class comment. */
    public static void check(Transaction tx, Key k) {
        tx.lockKey(k.index(), k.key(), LockMode.UPDATE);
        int live = 0;
        try (VersionScan s = tx.scanNewest(k.index(), KeyRange.prefix(k.key()), Direction.FORWARD)) {
            while (s.next()) {
                Version v = s.current();
                if (tx.isLive(v) && tx.committedOrOwn(v.xmin()) && ++live > 1) {
                    throw new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                            + k.indexName() + "\"", 0, "Key " + k.keyText() + " already exists.", null, null);
                }
            }
        }
    }

    /** The lock {@code tx} takes before deleting an entry with key {@code key} of a deferrable unique index (see the class comment). */
    public static void lockForDelete(Transaction tx, Relation index, byte[] key) {
        tx.lockKey(index, key, LockMode.UPDATE);
    }
}

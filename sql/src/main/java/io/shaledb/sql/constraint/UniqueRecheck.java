package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import io.shaledb.txn.lock.LockMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The uniqueness check of a DEFERRABLE UNIQUE constraint, PostgreSQL's {@code unique_key_recheck}:
 * at the end of the statement that wrote a key (INITIALLY IMMEDIATE) or at COMMIT (INITIALLY
 * DEFERRED, SET CONSTRAINTS ... DEFERRED).
 *
 * <p>Such an index stores its entries like a non-unique one, {@code key ‖ row key}, written
 * without a lock, so two rows may hold one key for a while. At the end of each statement, for
 * every key it wrote:
 *
 * <pre>
 *   look:   scan the newest version of every entry  key ‖ *   (others' uncommitted ones too)
 *           only this row's entry is live?  ──► nothing to check (PostgreSQL's "no conflict possible")
 *           │ another live or undecided entry
 *           ▼
 *   check   now, or queued in DeferredChecks until COMMIT / SET CONSTRAINTS ... IMMEDIATE:
 *           an entry whose inserter or deleter is still running ──► wait for it (a SHARE lock on
 *                                                                    the row it points at), scan again
 *           more than one live entry ──► 23505 duplicate key value violates unique constraint "…",
 *                                        DETAIL Key (…)=(…) already exists.
 * </pre>
 *
 * <p>Why two transactions cannot both commit one key: each looks after its own entry is in the
 * store, so of two writers of the key at least the later looker sees the other's entry and checks
 * before it commits. The check waits for the other to end and then counts its entry if it
 * committed. Two writers that both check wait for each other: the lock manager reports the
 * deadlock (40P01) to one, and the other goes on, as PostgreSQL's deadlock detector would.
 */
public final class UniqueRecheck {
    private UniqueRecheck() {}

    /**
     * One key a statement wrote: the constraint, the index's key space, the bare index key (the
     * prefix of every entry with that key), the names for the error, the table (its relation and
     * key space id) whose rows the entries point at, and whether the index's key space is still
     * the index's when a queued check runs (TRUNCATE, a table rewrite or REINDEX give it a new
     * one, built and checked in bulk; DROP CONSTRAINT removes it).
     */
    public record Key(Constraint constraint, Relation index, byte[] key, String indexName, String keyText, Relation table,
                      int tableStorageId, Predicate<Transaction> stillCurrent) {}

    /**
     * Statement end: for each distinct key of {@code keys} (in the order they were written) that
     * another live or undecided entry shares, checks now, or queues the check for COMMIT when its
     * constraint is deferred in {@code tx} ({@link DeferredChecks}).
     *
     * <p>The keys are checked in the order PostgreSQL would report them: it flags a row when
     * another entry already had the key at its insert, so a key that existed before the statement
     * counts from its first write here, and a key duplicated within the statement from its second.
     */
    public static void afterStatement(Transaction tx, List<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Map<ByteBuffer, int[]> writes = new LinkedHashMap<>(); // key -> {first write, second write (or -1), count}
        Map<ByteBuffer, Key> byKey = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            ByteBuffer b = ByteBuffer.wrap(keys.get(i).key());
            int at = i;
            int[] w = writes.computeIfAbsent(b, x -> new int[] {at, -1, 0});
            if (w[2]++ == 1) {
                w[1] = i;
            }
            byKey.putIfAbsent(b, keys.get(i));
        }
        List<long[]> flagged = new ArrayList<>(); // {position, index into order}
        List<Key> order = new ArrayList<>();
        for (Map.Entry<ByteBuffer, int[]> e : writes.entrySet()) {
            int live = liveEntries(tx, byKey.get(e.getKey()));
            if (live > 1) {
                int[] w = e.getValue();
                int position = live > w[2] || w[1] < 0 ? w[0] : w[1];
                flagged.add(new long[] {position, order.size()});
                order.add(byKey.get(e.getKey()));
            }
        }
        flagged.sort(java.util.Comparator.comparingLong(f -> f[0]));
        for (long[] f : flagged) {
            Key k = order.get((int) f[1]);
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

    /** How many entries with {@code k}'s key are live or undecided (committed, running or this transaction's). */
    private static int liveEntries(Transaction tx, Key k) {
        int live = 0;
        try (VersionScan s = tx.scanNewest(k.index(), KeyRange.prefix(k.key()), Direction.FORWARD)) {
            while (s.next()) {
                if (tx.isLive(s.current())) {
                    live++;
                }
            }
        }
        return live;
    }

    /** Checks that at most one live row holds {@code k}'s key (23505 otherwise); see the class comment. */
    public static void check(Transaction tx, Key k) {
        long waitedFor = 0;
        while (true) {
            Version undecided = null;
            int live = 0;
            try (VersionScan s = tx.scanNewest(k.index(), KeyRange.prefix(k.key()), Direction.FORWARD)) {
                while (s.next() && undecided == null) {
                    Version v = s.current();
                    if (!tx.isLive(v)) {
                        continue;
                    }
                    if (tx.isRunning(v.xmin()) || !v.xmaxIsLockOnly() && tx.isRunning(v.xmax())) {
                        undecided = v;
                    } else if (++live > 1) {
                        throw new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                                + k.indexName() + "\"", 0, "Key " + k.keyText() + " already exists.", null, null);
                    }
                }
            }
            if (undecided == null) {
                return;
            }
            long writer = tx.isRunning(undecided.xmin()) ? undecided.xmin() : undecided.xmax();
            if (writer == waitedFor) {
                // its writer holds no conflicting lock on the row (a concurrent index build's batch): poll
                tx.checkCancelled();
                Thread.onSpinWait();
                sleepBriefly();
            }
            waitedFor = writer;
            // every writer of a row holds its row lock to its end: waiting for the lock waits for the writer
            tx.lockKey(k.table(), IndexEntries.rowKey(undecided.payload(), k.tableStorageId()), LockMode.SHARE);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }
}

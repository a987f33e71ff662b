package io.shaledb.sql.stats;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
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
import io.shaledb.txn.lock.WaitPolicy;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where statistics live: one MVCC row per analyzed table in a relation of the catalog engine of
 * its own ({@code 'c' 's' u32be(tableId)}, relation id {@value #RELATION_ID}, PostgreSQL's
 * {@code pg_statistic}), so ANALYZE commits and rolls back with its transaction and the
 * statistics survive restarts like every catalog row.
 *
 * <pre>
 *   ANALYZE in tx  ──insert/update row──>  'c' 's' id  (MVCC version, same commit record as tx)
 *        │                                      │
 *        └─ tx's own reads: tx.get(row)          └─ commit: re-read the committed row ──> committed cache
 *   everyone else: committed cache (immutable map, swapped)        rollback: nothing to undo in memory
 * </pre>
 *
 * A transaction that wrote statistics reads its own rows (so {@code pg_stats} after ANALYZE in a
 * block shows them, and ROLLBACK TO SAVEPOINT is honoured by the row versions themselves); the
 * cache is refreshed from committed rows when such a transaction commits.
 */
public final class StatisticsStore {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsStore.class);
    /** Lock targets and vacuum bookkeeping name the statistics relation by this id (no table has a negative id). */
    public static final int RELATION_ID = -9;
    private static final byte[] PREFIX = {'c', 's'};

    private final Relation relation;
    private final TransactionManager txns;
    private volatile Map<Integer, TableStats> committed = Map.of();
    private final Map<Transaction, Set<Integer>> written = Collections.synchronizedMap(new IdentityHashMap<>());

    private StatisticsStore(StorageEngine catalogEngine, TransactionManager txns) {
        this.relation = new Relation(RELATION_ID, "pg_statistic", catalogEngine, PREFIX);
        this.txns = txns;
    }

    /**
     * Reads the committed statistics; rows of tables {@code exists} does not know (dropped while
     * an older build ran, say) are deleted.
     */
    public static StatisticsStore load(StorageEngine catalogEngine, TransactionManager txns, IntPredicate exists) {
        StatisticsStore store = new StatisticsStore(catalogEngine, txns);
        Map<Integer, TableStats> all = new HashMap<>();
        Set<Integer> stale = new HashSet<>();
        Transaction r = txns.begin(IsolationLevel.READ_COMMITTED, true, 0);
        try {
            r.beginStatement(() -> false, 0);
            try (VersionScan s = r.scan(store.relation, KeyRange.prefix(PREFIX), Direction.FORWARD)) {
                while (s.next()) {
                    TableStats t = StatisticsCodec.decode(s.current().payload());
                    if (exists.test(t.tableId())) {
                        all.put(t.tableId(), t);
                    } else {
                        stale.add(t.tableId());
                    }
                }
            }
        } finally {
            r.rollback();
        }
        store.committed = Map.copyOf(all);
        if (!stale.isEmpty()) {
            Transaction w = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
            try {
                w.beginStatement(() -> false, 0, true);
                stale.forEach(id -> store.delete(w, id));
                w.commit();
                LOG.info("statistics: removed the statistics of {} dropped table(s)", stale.size());
            } catch (RuntimeException e) {
                w.rollback();
                LOG.warn("statistics: could not remove the statistics of dropped tables {}; they are ignored", stale, e);
            }
        }
        return store;
    }

    /** The statistics relation (for vacuum and tests). */
    public Relation relation() {
        return relation;
    }

    /** The statistics of table {@code tableId} as {@code tx} sees them (its own ANALYZE included), or null. */
    public TableStats get(Transaction tx, int tableId) {
        Set<Integer> mine = tx == null ? null : written.get(tx);
        if (mine != null && mine.contains(tableId) && tx.state() == Transaction.State.ACTIVE) {
            Version v = tx.get(relation, key(tableId));
            return v == null ? null : StatisticsCodec.decode(v.payload());
        }
        return committed.get(tableId);
    }

    /** Every committed table's statistics, by table id. */
    public Map<Integer, TableStats> committed() {
        return committed;
    }

    /** Stores {@code stats} in {@code tx}, replacing the table's earlier statistics. */
    public void put(Transaction tx, TableStats stats) {
        byte[] key = key(stats.tableId());
        byte[] payload = StatisticsCodec.encode(stats);
        Version seen = tx.get(relation, key);
        if (seen == null) {
            insertOrReplace(tx, key, payload);
        } else {
            Transaction.RowLock l = tx.lock(relation, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
            switch (l.outcome()) {
                case LOCKED, CHANGED -> tx.update(relation, l.current(), payload);
                case GONE -> insertOrReplace(tx, key, payload);
                case SKIPPED -> throw concurrentlyUpdated();
            }
        }
        written(tx).add(stats.tableId());
    }

    /** Deletes table {@code tableId}'s statistics in {@code tx} (DROP TABLE); nothing when it has none. */
    public void delete(Transaction tx, int tableId) {
        Version seen = tx.get(relation, key(tableId));
        if (seen == null) {
            return;
        }
        Transaction.RowLock l = tx.lock(relation, seen, LockMode.UPDATE, WaitPolicy.BLOCK);
        if (l.outcome() == Transaction.LockOutcome.LOCKED || l.outcome() == Transaction.LockOutcome.CHANGED) {
            tx.delete(relation, l.current());
        }
        written(tx).add(tableId);
    }

    /**
     * Inserts the row, or — when a concurrent ANALYZE of the same table committed one first —
     * replaces that (READ COMMITTED; at higher levels that is a serialization failure).
     */
    private void insertOrReplace(Transaction tx, byte[] key, byte[] payload) {
        Version existing = tx.insertOrLock(relation, key, payload);
        if (existing != null) {
            tx.update(relation, existing, payload);
        }
    }

    private static SqlException concurrentlyUpdated() {
        return new SqlException(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
    }

    private Set<Integer> written(Transaction tx) {
        return written.computeIfAbsent(tx, t -> {
            t.addEndListener(new Transaction.EndListener() {
                @Override
                public void committed(Transaction ended) {
                    Set<Integer> ids = written.remove(ended);
                    if (ids != null) {
                        refresh(ids);
                    }
                }

                @Override
                public void rolledBack(Transaction ended) {
                    written.remove(ended);
                }
            });
            return new HashSet<>();
        });
    }

    /** Re-reads the committed rows of {@code ids} into the cache. */
    private void refresh(Set<Integer> ids) {
        Transaction r = txns.begin(IsolationLevel.READ_COMMITTED, true, 0);
        try {
            r.beginStatement(() -> false, 0);
            synchronized (this) {
                Map<Integer, TableStats> next = new HashMap<>(committed);
                for (int id : ids) {
                    Version v = r.get(relation, key(id));
                    if (v == null) {
                        next.remove(id);
                    } else {
                        next.put(id, StatisticsCodec.decode(v.payload()));
                    }
                }
                committed = Map.copyOf(next);
            }
        } finally {
            r.rollback();
        }
    }

    private static byte[] key(int tableId) {
        return new byte[] {PREFIX[0], PREFIX[1], (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8),
                (byte) tableId};
    }
}

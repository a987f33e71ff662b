package io.shaledb.sql.stats;

import io.shaledb.txn.Transaction;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-table activity counters, PostgreSQL's cumulative statistics ({@code pg_stat_user_tables}):
 * rows inserted, updated and deleted, live and dead row estimates, and the modifications since
 * the last ANALYZE that drive autoanalyze. Like PostgreSQL's, they are not transactional and live
 * in memory only (after a restart the live-row count starts from the stored {@code reltuples}).
 *
 * <pre>
 *   RowWriter / DML ──count(tx, table, ins, upd, del)──> pending[tx]
 *        tx commits:   n_tup_* += ; live += ins - del; dead += upd + del; mod_since_analyze += ins + upd + del
 *        tx rolls back: n_tup_* += ; dead += ins + upd    (the new versions are garbage)
 *   TRUNCATE, committed: live = dead = 0 first (the rows written before it in the transaction are dropped)
 *   ANALYZE:  live = rows counted, mod_since_analyze -= what it was when ANALYZE began,
 *             last_analyze and analyze_count (also when its transaction rolls back, as in PostgreSQL)
 * </pre>
 */
public final class TableActivity {
    /** The counters of one table. */
    public static final class Counters {
        private long inserted;
        private long updated;
        private long deleted;
        private long live;
        private long dead;
        private long modSinceAnalyze;
        private long insSinceVacuum;
        private Instant lastVacuum;
        private long vacuumCount;
        private Instant lastAnalyze;
        private Instant lastAutoanalyze;
        private long analyzeCount;
        private long autoanalyzeCount;

        public synchronized long inserted() {
            return inserted;
        }

        public synchronized long updated() {
            return updated;
        }

        public synchronized long deleted() {
            return deleted;
        }

        public synchronized long live() {
            return live;
        }

        public synchronized long dead() {
            return dead;
        }

        public synchronized long modSinceAnalyze() {
            return modSinceAnalyze;
        }

        public synchronized long insSinceVacuum() {
            return insSinceVacuum;
        }

        public synchronized Instant lastVacuum() {
            return lastVacuum;
        }

        public synchronized long vacuumCount() {
            return vacuumCount;
        }

        synchronized void truncated() {
            live = 0;
            dead = 0;
            insSinceVacuum = 0;
        }

        synchronized void committed(long ins, long upd, long del) {
            inserted += ins;
            updated += upd;
            deleted += del;
            live = Math.max(0, live + ins - del);
            dead += upd + del;
            modSinceAnalyze += ins + upd + del;
            insSinceVacuum += ins;
        }

        synchronized void rolledBack(long ins, long upd, long del) {
            inserted += ins;
            updated += upd;
            deleted += del;
            dead += ins + upd;
        }

        public synchronized Instant lastAnalyze() {
            return lastAnalyze;
        }

        public synchronized Instant lastAutoanalyze() {
            return lastAutoanalyze;
        }

        public synchronized long analyzeCount() {
            return analyzeCount;
        }

        public synchronized long autoanalyzeCount() {
            return autoanalyzeCount;
        }

        /** ANALYZE counted {@code liveRows}; the modifications made before it began are accounted for. */
        synchronized void analyzed(long liveRows, long modAtStart, boolean auto, Instant when) {
            live = liveRows;
            modSinceAnalyze = Math.max(0, modSinceAnalyze - modAtStart);
            if (auto) {
                lastAutoanalyze = when;
                autoanalyzeCount++;
            } else {
                lastAnalyze = when;
                analyzeCount++;
            }
        }

        /** The state stored with a table's statistics, after a restart. */
        synchronized void restore(TableStats stored) {
            live = (long) stored.reltuples();
            lastAnalyze = stored.lastAnalyze();
            lastAutoanalyze = stored.lastAutoanalyze();
            analyzeCount = stored.analyzeCount();
            autoanalyzeCount = stored.autoanalyzeCount();
        }

        synchronized void vacuumed(Instant when) {
            dead = 0;
            insSinceVacuum = 0;
            lastVacuum = when;
            vacuumCount++;
        }
    }

    private final Map<Integer, Counters> tables = new ConcurrentHashMap<>();
    private final Map<Transaction, Map<Integer, long[]>> pending = Collections.synchronizedMap(new IdentityHashMap<>());
    /** Slot 3 of a pending entry: 1 when the transaction truncated the table. */
    private static final int TRUNCATED = 3;

    /** The counters of table {@code tableId} (created empty on first use). */
    public Counters of(int tableId) {
        return tables.computeIfAbsent(tableId, id -> new Counters());
    }

    /** Counts rows {@code tx} wrote in table {@code tableId}; they count once {@code tx} ends. */
    public void count(Transaction tx, int tableId, long inserted, long updated, long deleted) {
        if (inserted == 0 && updated == 0 && deleted == 0) {
            return;
        }
        Map<Integer, long[]> mine = pendingOf(tx);
        synchronized (mine) {
            long[] c = mine.computeIfAbsent(tableId, id -> new long[4]);
            c[0] += inserted;
            c[1] += updated;
            c[2] += deleted;
        }
    }

    /**
     * TRUNCATE of table {@code tableId} in {@code tx}: the rows it wrote before are gone with the
     * old storage; when {@code tx} commits the table has no live or dead rows (PostgreSQL's
     * truncdropped).
     */
    public void truncate(Transaction tx, int tableId) {
        Map<Integer, long[]> mine = pendingOf(tx);
        synchronized (mine) {
            mine.put(tableId, new long[] {0, 0, 0, 1});
        }
    }

    private Map<Integer, long[]> pendingOf(Transaction tx) {
        return pending.computeIfAbsent(tx, t -> {
            t.addEndListener(new Transaction.EndListener() {
                @Override
                public void committed(Transaction ended) {
                    Map<Integer, long[]> done = pending.remove(ended);
                    if (done != null) {
                        done.forEach((id, c) -> {
                            if (c[TRUNCATED] != 0) {
                                of(id).truncated();
                            }
                            of(id).committed(c[0], c[1], c[2]);
                        });
                    }
                }

                @Override
                public void rolledBack(Transaction ended) {
                    Map<Integer, long[]> done = pending.remove(ended);
                    if (done != null) {
                        done.forEach((id, c) -> of(id).rolledBack(c[0], c[1], c[2]));
                    }
                }
            });
            return new HashMap<>();
        });
    }

    /** A dropped table: forget its counters. */
    public void forget(int tableId) {
        tables.remove(tableId);
    }
}

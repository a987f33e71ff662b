package io.shaledb.sql.stats;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background worker that analyzes tables that changed enough since their last ANALYZE, next
 * to the transaction layer's autovacuum thread: every {@code naptime} (a minute, PostgreSQL's
 * autovacuum_naptime, unless the database is configured otherwise) it compares each table's
 * {@code n_mod_since_analyze} with PostgreSQL's threshold
 *
 * <pre>
 *   n_mod_since_analyze  &gt;  autovacuum_analyze_threshold + autovacuum_analyze_scale_factor x reltuples
 *                            (50)                            (0.1)           (0 if never analyzed)
 * </pre>
 *
 * and analyzes those tables, each in a transaction of its own, logging one line per table.
 */
public final class AutoAnalyzer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutoAnalyzer.class);

    /**
     * @param naptime how often tables are checked (zero: never)
     * @param threshold PostgreSQL's autovacuum_analyze_threshold
     * @param scaleFactor PostgreSQL's autovacuum_analyze_scale_factor
     * @param target the statistics target autoanalyze uses (default_statistics_target)
     */
    public record Settings(Duration naptime, long threshold, double scaleFactor, int target) {
        /** PostgreSQL's autovacuum_naptime. */
        public static final Duration DEFAULT_NAPTIME = Duration.ofMinutes(1);

        /** PostgreSQL's defaults: tables checked every minute, threshold 50 + 10 %, target 100. */
        public static Settings defaults() {
            return withNaptime(DEFAULT_NAPTIME);
        }

        /** PostgreSQL's defaults, checked every {@code naptime} (zero: autoanalyze off). */
        public static Settings withNaptime(Duration naptime) {
            return new Settings(naptime, 50, 0.1, Statistics.DEFAULT_TARGET);
        }
    }

    /** How long autoanalyze waits for a lock before leaving the table for its next round. */
    private static final long LOCK_TIMEOUT_NANOS = Duration.ofSeconds(1).toNanos();

    private final Statistics statistics;
    private final Catalog catalog;
    private final TransactionManager txns;
    private final Settings settings;
    private final Thread thread;
    private final Object nap = new Object();
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean closed;

    AutoAnalyzer(Statistics statistics, Catalog catalog, TransactionManager txns, Settings settings) {
        this.statistics = statistics;
        this.catalog = catalog;
        this.txns = txns;
        this.settings = settings;
        this.thread = Thread.ofPlatform().daemon().name("shaledb-autoanalyze").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Tables analyzed so far (for tests). */
    public long runs() {
        return runs.get();
    }

    /** Whether {@code table} has changed enough to be analyzed now. */
    boolean due(Table table) {
        TableStats stats = statistics.store().committed().get(table.id());
        double reltuples = stats == null ? 0 : stats.reltuples();
        long changed = statistics.activity().of(table.id()).modSinceAnalyze();
        return changed > settings.threshold() + settings.scaleFactor() * reltuples;
    }

    private void loop() {
        while (!closed) {
            synchronized (nap) {
                try {
                    nap.wait(settings.naptime().toMillis()); // close() wakes us; never interrupt (engines close files on interrupt)
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (Table table : catalog.tables()) {
                if (closed) {
                    return;
                }
                if (due(table)) {
                    analyze(table);
                }
            }
        }
    }

    private void analyze(Table table) {
        long started = System.nanoTime();
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
        try {
            tx.beginStatement(() -> closed, LOCK_TIMEOUT_NANOS, true);
            TableStats s = statistics.analyzeAll(tx, table, settings.target(), true);
            tx.commit();
            if (s == null) {
                return; // dropped meanwhile
            }
            runs.incrementAndGet();
            LOG.info("automatic analyze of table \"{}.{}\": {} rows, {} pages, {} ms", Catalog.schemaOf(table.name()),
                    Catalog.bareName(table.name()), (long) s.reltuples(), s.relpages(), (System.nanoTime() - started) / 1_000_000);
        } catch (io.shaledb.txn.TransactionException e) {
            tx.rollback();
            // busy (DDL or a user's ANALYZE holds a lock, a concurrent change): like PostgreSQL's
            // autovacuum, leave the table for the next round
            LOG.debug("automatic analyze of table \"{}\" skipped: {}", table.name(), e.getMessage());
        } catch (RuntimeException e) {
            tx.rollback();
            if (!closed) {
                LOG.warn("automatic analyze of table \"{}\" failed; will retry", table.name(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (nap) {
            nap.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

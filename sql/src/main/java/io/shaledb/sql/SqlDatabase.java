package io.shaledb.sql;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.Session;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import io.shaledb.txn.lock.LockTarget;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relational model on one or more storage engines: owns the catalog and the transaction
 * manager, and hands out sessions.
 *
 * <p>Creating a {@code SqlDatabase} loads the catalog and the commit log stored in the catalog
 * engine, so a database reopened on a durable engine sees its tables and committed rows again
 * (transactions that were running when it stopped are aborted). Sessions run concurrently: every
 * statement runs in a transaction (MVCC, row locks), and concurrent writers of different rows
 * never wait for each other.
 */
public final class SqlDatabase implements AutoCloseable {
    private final Engines engines;
    private final Catalog catalog;
    private final Executor executor;
    private final TransactionManager txns;
    private final AtomicInteger nextPid = new AtomicInteger(1000);
    private final ConcurrentHashMap<Integer, Session> sessions = new ConcurrentHashMap<>();

    /** A database whose tables all live in {@code engine}. */
    public SqlDatabase(StorageEngine engine) {
        this(Engines.single(Objects.requireNonNull(engine, "engine")));
    }

    /** A database on several engines. */
    public SqlDatabase(Engines engines) {
        this(engines, TxnOptions.defaults());
    }

    /**
     * A database on several engines with the given transaction settings; autoanalyze checks
     * tables every minute (PostgreSQL's default), or never when {@code txnOptions} turns
     * autovacuum off.
     */
    public SqlDatabase(Engines engines, TxnOptions txnOptions) {
        this(engines, txnOptions, txnOptions.autovacuumNaptime().isZero()
                ? io.shaledb.sql.stats.AutoAnalyzer.Settings.withNaptime(java.time.Duration.ZERO)
                : io.shaledb.sql.stats.AutoAnalyzer.Settings.defaults());
    }

    /** A database with the given transaction and autoanalyze settings. */
    public SqlDatabase(Engines engines, TxnOptions txnOptions, io.shaledb.sql.stats.AutoAnalyzer.Settings autoanalyze) {
        this.engines = Objects.requireNonNull(engines, "engines");
        Executor[] self = new Executor[1];
        this.txns = TransactionManager.open(engines.catalogEngine(), txnOptions, t -> describe(self[0], t));
        this.catalog = Catalog.load(engines, txns);
        this.executor = new Executor(engines, catalog, txns, this::sessions,
                io.shaledb.sql.plpgsql.PlpgsqlRoutines::new);
        self[0] = executor;
        catalog.onDrop((tx, table) -> catalog.dropAcl(tx, 'r', table.id())); // its owner and privileges go with it
        executor.statistics().startAutoAnalyze(autoanalyze);
    }

    /**
     * A database on several engines whose data directory is {@code dataDirectory}: sorts and hash
     * tables that outgrow work_mem spill into its {@code pgsql_tmp} subdirectory, which is emptied now
     * (files a crash left behind).
     */
    public SqlDatabase(Engines engines, TxnOptions txnOptions, java.nio.file.Path dataDirectory) {
        this(engines, txnOptions);
        executor.tempFiles(io.shaledb.sql.exec.spill.TempFiles.inDataDirectory(dataDirectory));
    }

    private static String describe(Executor executor, LockTarget t) {
        return executor == null ? "row of relation " + t.relation() : executor.describeRow(t.relation(), t.key());
    }

    /** A session with a fresh backend process id. */
    public SqlSession openSession() {
        return openSession(nextPid.getAndIncrement());
    }

    /** A session whose backend process id is {@code pid} (the one a wire protocol announced). */
    public SqlSession openSession(int pid) {
        Session s = new Session(executor, pid, closed -> sessions.remove(closed.pid(), closed));
        sessions.put(pid, s);
        return s;
    }

    /**
     * A session for user {@code user} (the name the client logged in with): privileges are
     * checked for that role; a name without a role is treated as a superuser (see
     * {@link io.shaledb.sql.privileges.AccessControl}).
     */
    public SqlSession openSession(int pid, String user) {
        Session s = (Session) openSession(pid);
        if (user != null && !user.isEmpty()) {
            s.user(user);
        }
        return s;
    }

    /** Open sessions (for activity views). */
    public Collection<Session> sessions() {
        return sessions.values();
    }

    public TransactionManager transactions() {
        return txns;
    }

    /** The default engine: it holds the catalog and tables created without {@code USING}. */
    public StorageEngine engine() {
        return engines.defaultEngine();
    }

    public Engines engines() {
        return engines;
    }

    /** Table and column statistics (ANALYZE results, activity counters, selectivity estimation). */
    public io.shaledb.sql.stats.Statistics statistics() {
        return executor.statistics();
    }

    /** Where operators spill when they outgrow work_mem (for tools and tests). */
    public io.shaledb.sql.exec.spill.TempFiles temporaryFiles() {
        return executor.tempFiles();
    }

    /** The catalog (for tools and tests). */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Checks that index {@code name} (its catalog name) holds exactly the entries its table's rows
     * call for, with a fresh snapshot and {@code ranges} random range scans (for tests and tools).
     */
    public io.shaledb.sql.exec.IndexRangeCheck.Result checkIndex(String name, int ranges) {
        return io.shaledb.sql.exec.IndexRangeCheck.run(executor, name, ranges, name.hashCode());
    }

    /** Stops background work (autovacuum, autoanalyze); the engines stay open (their owner closes them). */
    @Override
    public void close() {
        executor.statistics().close();
        txns.close();
    }
}

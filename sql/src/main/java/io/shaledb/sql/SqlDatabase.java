package io.shaledb.sql;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.Session;
import io.shaledb.storage.StorageEngine;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The relational model on one storage engine: owns the catalog and hands out sessions.
 *
 * <p>Creating a {@code SqlDatabase} loads the catalog stored in the engine, so a database reopened
 * on a durable engine sees its tables again. Sessions may run concurrently: statements are
 * serialized by a database-wide read-write lock (SELECTs share it, everything else is exclusive)
 * until the transaction layer brings row-level concurrency.
 */
public final class SqlDatabase implements AutoCloseable {
    private final Engines engines;
    private final Catalog catalog;
    private final Executor executor;

    /** A database whose tables all live in {@code engine}. */
    public SqlDatabase(StorageEngine engine) {
        this(Engines.single(Objects.requireNonNull(engine, "engine")));
    }

    /** A database on several engines. */
    public SqlDatabase(Engines engines) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.catalog = Catalog.load(engines);
        this.executor = new Executor(engines, catalog, new ReentrantReadWriteLock(true));
    }

    public SqlSession openSession() {
        return new Session(executor);
    }

    /** The default engine: it holds the catalog and tables created without {@code USING}. */
    public StorageEngine engine() {
        return engines.defaultEngine();
    }

    public Engines engines() {
        return engines;
    }

    /** The catalog (for tools and tests). */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {}
}

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
    private final StorageEngine engine;
    private final Catalog catalog;
    private final Executor executor;

    public SqlDatabase(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.catalog = Catalog.load(engine);
        this.executor = new Executor(engine, catalog, new ReentrantReadWriteLock(true));
    }

    public SqlSession openSession() {
        return new Session(executor);
    }

    public StorageEngine engine() {
        return engine;
    }

    /** The catalog (for tools and tests). */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {}
}

package io.shaledb.sql;

import io.shaledb.storage.StorageEngine;
import java.util.Objects;

/**
 * The relational model on one storage engine: owns the catalog and hands out sessions.
 * (Skeleton: the implementation lands with the executor.)
 */
public final class SqlDatabase implements AutoCloseable {
    private final StorageEngine engine;

    public SqlDatabase(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    public SqlSession openSession() {
        throw new UnsupportedOperationException("executor not wired yet");
    }

    public StorageEngine engine() {
        return engine;
    }

    @Override
    public void close() {}
}

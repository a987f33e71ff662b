package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.util.function.Consumer;

/**
 * A storage engine that forwards to another and runs a hook after each deferred batch: a test can
 * look at the database between the individual writes of one transaction-layer operation (say,
 * between stamping the old version of a row and adding the new one), from the same thread.
 */
final class HookedEngine implements StorageEngine {
    private final StorageEngine delegate;
    private volatile Consumer<WriteBatch> afterDeferred = b -> { };

    HookedEngine(StorageEngine delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code hook} after every deferred batch from now on (a no-op hook turns it off). */
    void afterDeferred(Consumer<WriteBatch> hook) {
        this.afterDeferred = hook;
    }

    @Override
    public byte[] get(byte[] key) {
        return delegate.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        delegate.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        delegate.delete(key);
    }

    @Override
    public void apply(WriteBatch batch) {
        delegate.apply(batch);
    }

    @Override
    public void applyDeferred(WriteBatch batch) {
        delegate.applyDeferred(batch);
        afterDeferred.accept(batch);
    }

    @Override
    public void sync() {
        delegate.sync();
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        return delegate.scan(range, direction);
    }

    @Override
    public String name() {
        return "hooked " + delegate.name();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

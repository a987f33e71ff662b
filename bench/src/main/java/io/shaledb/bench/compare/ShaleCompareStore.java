package io.shaledb.bench.compare;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;

/**
 * What both ShaleDB engines share in the comparison: they are driven through the same
 * {@link StorageEngine} contract, so only settling and counters differ between them.
 */
abstract class ShaleCompareStore<E extends StorageEngine> implements CompareStore {

    protected final E engine;

    ShaleCompareStore(E engine) {
        this.engine = engine;
    }

    @Override
    public final byte[] get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public final void put(byte[] key, byte[] value) {
        engine.put(key, value);
    }

    @Override
    public final void delete(byte[] key) {
        engine.delete(key);
    }

    @Override
    public final int scan(byte[] from, int limit) {
        return CompareStores.drain(engine.scan(new KeyRange(from, true, null, false), Direction.FORWARD), limit);
    }

    @Override
    public final void close() {
        engine.close();
    }
}

package io.shaledb.bench.engine;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import java.nio.file.Path;

/**
 * ShaleDB's B+Tree engine through its public {@link io.shaledb.storage.StorageEngine} API, exactly
 * as the layers above it use it.
 */
final class ShaleBTreeStore implements KvStore {

    private static final int LOAD_BATCH = 1000;

    private final BTreeEngine engine;

    ShaleBTreeStore(Path dir, Durability durability, long cacheBytes) {
        if (durability == Durability.DURABLE) {
            // The engine on this branch has no write-ahead log yet: it is durable on clean close only.
            throw new UnsupportedOperationException("shaledb-btree has no durable put yet (no WAL in this build)");
        }
        engine = BTreeEngine.open(dir, BTreeOptions.defaults().withBufferPoolBytes(cacheBytes));
    }

    @Override
    public byte[] get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        engine.put(key, value);
    }

    @Override
    public long scan(byte[] from, int limit) {
        long sum = 0;
        try (Cursor c = engine.scan(new KeyRange(from, true, null, false), Direction.FORWARD)) {
            for (int n = 0; n < limit && c.next(); n++) {
                sum += c.key().length + c.value().length;
            }
        }
        return sum;
    }

    @Override
    public void load(Dataset data, long count) {
        WriteBatch batch = new WriteBatch();
        for (long i = 0; i < count; i++) {
            batch.put(Dataset.key(i), data.value(i));
            if (batch.size() == LOAD_BATCH) {
                engine.apply(batch);
                batch = new WriteBatch();
            }
        }
        if (!batch.isEmpty()) {
            engine.apply(batch);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}

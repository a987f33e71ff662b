package io.shaledb.bench.engine;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.wal.SyncMode;
import java.nio.file.Path;

/**
 * ShaleDB's B+Tree engine through its public {@link io.shaledb.storage.StorageEngine} API, exactly
 * as the layers above it use it.
 *
 * <p>Every put appends one WAL record (the after-images of the pages it changed) before it
 * returns. Relaxed: WAL {@link SyncMode#OFF} — acknowledged at once, a background thread syncs the
 * log every 200 ms. Durable: WAL {@link SyncMode#SYNC} — acknowledged once the record is synced,
 * concurrent writers sharing one {@code fdatasync}.
 */
final class ShaleBTreeStore implements KvStore {

    private static final int LOAD_BATCH = 1000;

    private final BTreeEngine engine;

    ShaleBTreeStore(Path dir, Durability durability, long cacheBytes) {
        SyncMode mode = durability == Durability.DURABLE ? SyncMode.SYNC : SyncMode.OFF;
        engine = BTreeEngine.open(dir, BTreeOptions.defaults().withBufferPoolBytes(cacheBytes).withSyncMode(mode));
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

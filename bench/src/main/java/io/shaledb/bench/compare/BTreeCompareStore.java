package io.shaledb.bench.compare;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.btree.BTreeStats;
import io.shaledb.storage.btree.tree.TreeShape;
import java.nio.file.Path;

/**
 * ShaleDB's B+Tree ({@link BTreeEngine}) with a buffer pool of the shared cache budget and the
 * shared WAL sync mode; everything else at its defaults (8 KiB pages, checkpoint every 64 MiB of
 * log).
 */
final class BTreeCompareStore implements CompareStore {

    private final BTreeEngine engine;

    BTreeCompareStore(Path dir, CompareSettings s) {
        engine = BTreeEngine.open(dir, BTreeOptions.defaults().withBufferPoolBytes(s.cacheBytes()).withSyncMode(s.syncMode()));
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
    public void delete(byte[] key) {
        engine.delete(key);
    }

    @Override
    public int scan(byte[] from, int limit) {
        return CompareStores.drain(engine.scan(new KeyRange(from, true, null, false), Direction.FORWARD), limit);
    }

    @Override
    public void settle() {
        engine.checkpoint();
    }

    @Override
    public StoreCounters counters() {
        BTreeStats s = engine.stats();
        return new StoreCounters(s.logBytesWritten(), s.dataBytesWritten(), -1, s.bufferHits() + s.bufferMisses(),
                s.bufferMisses());
    }

    @Override
    public String shape() {
        TreeShape t = engine.inspect();
        return String.format(java.util.Locale.ROOT, "height %d, %,d leaves %.0f%% full, %,d free pages",
                t.height(), t.leafPages(), 100 * t.fillFactor(), t.freePages());
    }

    @Override
    public void close() {
        engine.close();
    }
}

package io.shaledb.bench.compare;

import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.btree.BTreeStats;
import io.shaledb.storage.btree.tree.TreeShape;
import java.nio.file.Path;

/**
 * ShaleDB's B+Tree ({@link BTreeEngine}) with a buffer pool of the shared cache budget and the
 * shared WAL sync mode; everything else at its defaults (8 KiB pages, checkpoint every 1 GiB of
 * log).
 */
final class BTreeCompareStore extends ShaleCompareStore<BTreeEngine> {

    BTreeCompareStore(Path dir, CompareSettings s) {
        super(BTreeEngine.open(dir, BTreeOptions.defaults().withBufferPoolBytes(s.cacheBytes()).withSyncMode(s.syncMode())));
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

}

package io.shaledb.bench.compare;

import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.lsm.LsmOptions;
import io.shaledb.storage.lsm.LsmStats;
import java.nio.file.Path;

/**
 * ShaleDB's LSM tree ({@link LsmEngine}) with the shared memtable, level and file sizes, cache
 * budget and WAL sync mode; bloom bits, block size, restart interval, level count, L0 triggers and
 * LZ4 as in {@link CompareSettings} (which are also its defaults).
 */
final class LsmCompareStore extends ShaleCompareStore<LsmEngine> {

    LsmCompareStore(Path dir, CompareSettings s) {
        super(LsmEngine.open(dir, options(s)));
    }

    static LsmOptions options(CompareSettings s) {
        return LsmOptions.defaults()
                .withMemtableSize(s.memtableBytes())
                .withMaxImmutableMemtables(CompareSettings.MAX_IMMUTABLE_MEMTABLES)
                .withBlockSize(CompareSettings.BLOCK_BYTES)
                .withBlockRestartInterval(CompareSettings.BLOCK_RESTART_INTERVAL)
                .withBloomBitsPerKey(CompareSettings.BLOOM_BITS_PER_KEY)
                .withLz4Compression(true)
                .withLevel1TargetBytes(s.level1Bytes())
                .withLevelSizeMultiplier(CompareSettings.LEVEL_MULTIPLIER)
                .withMaxLevels(CompareSettings.LEVELS)
                .withTargetFileSize(s.targetFileBytes())
                .withL0Triggers(CompareSettings.L0_COMPACTION, CompareSettings.L0_SLOWDOWN, CompareSettings.L0_STOP)
                .withBlockCacheBytes(s.cacheBytes())
                .withBackgroundCompaction(true)
                .withSyncMode(s.syncMode());
    }

    @Override
    public void settle() {
        engine.flushMemtable();
        engine.awaitBackgroundIdle();
    }

    @Override
    public StoreCounters counters() {
        LsmStats s = engine.stats();
        return new StoreCounters(s.walBytesWritten(), s.flushBytesWritten() + s.compactionBytesWritten(),
                s.getTableProbes(), s.getBlockReads(), s.blockCacheMisses());
    }

    @Override
    public String shape() {
        StringBuilder sb = new StringBuilder();
        for (var level : engine.inspect().levels()) {
            if (!level.files().isEmpty()) {
                sb.append(sb.isEmpty() ? "" : ", ").append('L').append(level.level()).append(' ').append(level.files().size());
            }
        }
        LsmStats st = engine.stats();
        return (sb.isEmpty() ? "no SSTables" : sb.append(" files").toString())
                + String.format(java.util.Locale.ROOT, " (since open: %d flushes, %d compactions, %d trivial moves, %d slowdowns, %d stalls / %d ms)",
                        st.flushes(), st.compactions(), st.trivialMoves(), st.slowdowns(), st.stalls(), st.stallMillis());
    }

}

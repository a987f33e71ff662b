package io.shaledb.storage.lsm;

import io.shaledb.wal.SyncMode;
import io.shaledb.wal.WalOptions;

/**
 * Settings of an {@link LsmEngine}. Immutable; start from {@link #defaults()} and change fields
 * with the {@code with...} methods.
 *
 * @param memtableSize bytes (keys, values and per-entry overhead) at which the active memtable is
 *     frozen and a new one started; the frozen one is flushed to an L0 SSTable in the background
 * @param maxImmutableMemtables frozen memtables allowed to wait for their flush; writers stall
 *     beyond that (this bounds memory)
 * @param blockSize target uncompressed size of a data block
 * @param blockRestartInterval entries between restart points (full keys) in a block
 * @param bloomBitsPerKey bloom filter bits per user key (0: no filter); 10 gives about 1% false positives
 * @param lz4Compression whether data blocks are LZ4-compressed (kept only when that saves 12.5%)
 * @param level1TargetBytes target size of level 1; level {@code n} targets that times
 *     {@code levelSizeMultiplier^(n-1)}
 * @param levelSizeMultiplier size ratio between adjacent levels
 * @param maxLevels number of levels, L0 included
 * @param targetFileSize size at which compaction starts a new output SSTable
 * @param l0CompactionTrigger L0 files that trigger an L0 to L1 compaction
 * @param l0SlowdownTrigger L0 files at which each write is delayed by 1 ms
 * @param l0StopTrigger L0 files at which writes stall until compaction catches up
 * @param pendingCompactionSlowdownBytes estimated compaction debt at which writes are delayed
 * @param pendingCompactionStopBytes estimated compaction debt at which writes stall
 * @param blockCacheBytes memory budget of the block cache (0: no cache)
 * @param backgroundCompaction whether compactions run automatically (tests may turn them off and
 *     call {@link LsmEngine#compactAll()})
 * @param wal settings of the memtable log, including its {@link SyncMode}; the engine caps its segment
 *     size at a quarter of {@code memtableSize} (not below 1 MiB unless set lower here) so flushed log
 *     is deleted promptly
 */
public record LsmOptions(
        long memtableSize,
        int maxImmutableMemtables,
        int blockSize,
        int blockRestartInterval,
        int bloomBitsPerKey,
        boolean lz4Compression,
        long level1TargetBytes,
        int levelSizeMultiplier,
        int maxLevels,
        long targetFileSize,
        int l0CompactionTrigger,
        int l0SlowdownTrigger,
        int l0StopTrigger,
        long pendingCompactionSlowdownBytes,
        long pendingCompactionStopBytes,
        long blockCacheBytes,
        boolean backgroundCompaction,
        WalOptions wal) {

    public LsmOptions {
        if (memtableSize < 1 || maxImmutableMemtables < 1 || blockSize < 64 || blockRestartInterval < 1
                || bloomBitsPerKey < 0 || bloomBitsPerKey > 64 || level1TargetBytes < 1 || levelSizeMultiplier < 2
                || maxLevels < 2 || maxLevels > 16 || targetFileSize < 1 || l0CompactionTrigger < 1
                || l0SlowdownTrigger < l0CompactionTrigger || l0StopTrigger < l0SlowdownTrigger
                || pendingCompactionStopBytes < pendingCompactionSlowdownBytes || blockCacheBytes < 0) {
            throw new IllegalArgumentException("inconsistent LSM options: " + this);
        }
        java.util.Objects.requireNonNull(wal, "wal");
    }

    /**
     * 64 MiB memtables (2 may wait for flush), 4 KiB blocks, 10 bloom bits per key, LZ4, L1 target
     * 256 MiB with ratio 10 over 7 levels, 64 MiB files, L0 triggers 4/20/36, compaction debt
     * 64/256 GiB, 32 MiB block cache, WAL defaults (synchronous commit).
     */
    public static LsmOptions defaults() {
        return new LsmOptions(64L << 20, 2, 4096, 16, 10, true, 256L << 20, 10, 7, 64L << 20, 4, 20, 36,
                64L << 30, 256L << 30, 32L << 20, true, WalOptions.defaults());
    }

    public LsmOptions withMemtableSize(long bytes) {
        return new LsmOptions(bytes, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withMaxImmutableMemtables(int n) {
        return new LsmOptions(memtableSize, n, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withBlockSize(int bytes) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, bytes, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withBlockRestartInterval(int entries) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, entries, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withBloomBitsPerKey(int bits) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bits, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withLz4Compression(boolean on) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, on, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withLevel1TargetBytes(long bytes) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, bytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withLevelSizeMultiplier(int ratio) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, ratio, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withMaxLevels(int levels) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, levels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withTargetFileSize(long bytes) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, bytes, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    /** Sets the three L0 file-count thresholds: compaction, slowdown, stop. */
    public LsmOptions withL0Triggers(int compaction, int slowdown, int stop) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, compaction, slowdown, stop, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    /** Sets the compaction-debt thresholds for slowdown and stop. */
    public LsmOptions withPendingCompactionLimits(long slowdownBytes, long stopBytes) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, slowdownBytes, stopBytes, blockCacheBytes, backgroundCompaction, wal);
    }

    public LsmOptions withBlockCacheBytes(long bytes) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, bytes, backgroundCompaction, wal);
    }

    public LsmOptions withBackgroundCompaction(boolean on) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, on, wal);
    }

    public LsmOptions withWal(WalOptions walOptions) {
        return new LsmOptions(memtableSize, maxImmutableMemtables, blockSize, blockRestartInterval, bloomBitsPerKey, lz4Compression, level1TargetBytes, levelSizeMultiplier, maxLevels, targetFileSize, l0CompactionTrigger, l0SlowdownTrigger, l0StopTrigger, pendingCompactionSlowdownBytes, pendingCompactionStopBytes, blockCacheBytes, backgroundCompaction, walOptions);
    }

    /** Shorthand for changing the WAL's sync mode. */
    public LsmOptions withSyncMode(SyncMode mode) {
        return withWal(wal.withSyncMode(mode));
    }

    /** Target size of {@code level} (1 and up). */
    public long levelTarget(int level) {
        long t = level1TargetBytes;
        for (int i = 1; i < level; i++) {
            t = t > Long.MAX_VALUE / levelSizeMultiplier ? Long.MAX_VALUE : t * levelSizeMultiplier;
        }
        return t;
    }
}

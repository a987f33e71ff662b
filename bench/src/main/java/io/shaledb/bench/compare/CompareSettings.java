package io.shaledb.bench.compare;

import io.shaledb.wal.SyncMode;

/**
 * The knobs every store of the comparison is given the same value of, so that a difference in the
 * results is a difference between the engines and not between their settings.
 *
 * @param cacheBytes memory budget of each store's cache: the B+Tree's buffer pool, the block cache
 *     of each LSM
 * @param memtableBytes size at which an LSM's active memtable is frozen and flushed (RocksDB's
 *     {@code write_buffer_size})
 * @param level1Bytes target size of L1 (RocksDB's {@code max_bytes_for_level_base}); each deeper
 *     level targets {@link #LEVEL_MULTIPLIER} times the previous one
 * @param targetFileBytes size at which compaction starts a new SSTable (RocksDB's
 *     {@code target_file_size_base}, with multiplier 1)
 * @param syncMode the WAL policy of all three: {@link SyncMode#OFF} (acknowledge at once, sync
 *     the log every 200 ms in the background) or {@link SyncMode#SYNC} (every write synced before
 *     it returns)
 */
public record CompareSettings(long cacheBytes, long memtableBytes, long level1Bytes, long targetFileBytes,
                              SyncMode syncMode) {

    /** Bloom filter bits per key, both LSMs (about 1% false positives). */
    public static final int BLOOM_BITS_PER_KEY = 10;
    /** Data block size, both LSMs. */
    public static final int BLOCK_BYTES = 4096;
    /** Entries between restart points in a data block, both LSMs. */
    public static final int BLOCK_RESTART_INTERVAL = 16;
    /** Size ratio between adjacent levels, both LSMs. */
    public static final int LEVEL_MULTIPLIER = 10;
    /** Levels, L0 included, both LSMs. */
    public static final int LEVELS = 7;
    /** Frozen memtables that may wait for their flush (RocksDB: {@code max_write_buffer_number} = this + 1). */
    public static final int MAX_IMMUTABLE_MEMTABLES = 2;
    /** L0 file counts that trigger compaction, slow writes down, stop writes (the defaults of both). */
    public static final int L0_COMPACTION = 4;
    public static final int L0_SLOWDOWN = 20;
    public static final int L0_STOP = 36;
    /** Interval of the background WAL sync in {@link SyncMode#OFF} (ShaleDB's default; RocksDB gets a thread that does the same). */
    public static final long BACKGROUND_SYNC_MILLIS = 200;

    public CompareSettings {
        if (cacheBytes < (1 << 20) || memtableBytes < (64 << 10) || level1Bytes < memtableBytes || targetFileBytes < (64 << 10)) {
            throw new IllegalArgumentException("cache >= 1 MiB, memtable >= 64 KiB, L1 >= memtable, file >= 64 KiB");
        }
        if (syncMode == SyncMode.GROUP_DELAY) {
            throw new IllegalArgumentException("sync mode must be OFF or SYNC (RocksDB has no group-delay equivalent)");
        }
    }

    public boolean durable() {
        return syncMode == SyncMode.SYNC;
    }
}

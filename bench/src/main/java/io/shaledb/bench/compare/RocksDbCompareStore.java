package io.shaledb.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;

/**
 * RocksDB (rocksdbjni) as the reference LSM, configured like {@link LsmCompareStore}: WAL on, the
 * same memtable size and count, block-based tables with 4 KiB blocks, restart interval 16, a full
 * bloom filter of 10 bits per key, an LRU block cache of the shared budget (index and filter blocks
 * held by the table readers, as ours are), LZ4 on every level, static leveled compaction (L1 target,
 * ratio 10, 7 levels, fixed file size: {@code level_compaction_dynamic_level_bytes=false}), L0
 * triggers 4/20/36, two background jobs (one flush, one compaction, like ShaleDB's two threads).
 *
 * <p>WAL policy: with {@code SyncMode.OFF} each write goes to the log file without a sync and a
 * thread here calls {@code flushWal(true)} every 200 ms, as ShaleDB's WAL does on its own; with
 * {@code SYNC} each write is {@code WriteOptions.sync}. Counters come from RocksDB's
 * {@link Statistics}.
 */
final class RocksDbCompareStore implements CompareStore {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Statistics statistics;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final ScheduledExecutorService walSyncer;
    private volatile Throwable walSyncFailure;

    RocksDbCompareStore(Path dir, CompareSettings s) {
        try {
            RocksDB.loadLibrary();
        } catch (Throwable e) {
            throw new IllegalStateException("RocksDB's native library does not load here: " + e, e);
        }
        try {
            statistics = keep(new Statistics());
            LRUCache cache = keep(new LRUCache(s.cacheBytes()));
            BloomFilter bloom = keep(new BloomFilter(CompareSettings.BLOOM_BITS_PER_KEY, false));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setWholeKeyFiltering(true)
                    .setBlockSize(CompareSettings.BLOCK_BYTES)
                    .setBlockRestartInterval(CompareSettings.BLOCK_RESTART_INTERVAL)
                    .setCacheIndexAndFilterBlocks(false);
            Options options = keep(new Options())
                    .setCreateIfMissing(true)
                    .setStatistics(statistics)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                    .setStatsDumpPeriodSec(0)
                    .setMaxBackgroundJobs(2)
                    .setMaxSubcompactions(1)
                    .setWriteBufferSize(s.memtableBytes())
                    .setMaxWriteBufferNumber(CompareSettings.MAX_IMMUTABLE_MEMTABLES + 1)
                    .setMinWriteBufferNumberToMerge(1)
                    .setCompactionStyle(CompactionStyle.LEVEL)
                    .setLevelCompactionDynamicLevelBytes(false)
                    .setNumLevels(CompareSettings.LEVELS)
                    .setMaxBytesForLevelBase(s.level1Bytes())
                    .setMaxBytesForLevelMultiplier(CompareSettings.LEVEL_MULTIPLIER)
                    .setTargetFileSizeBase(s.targetFileBytes())
                    .setTargetFileSizeMultiplier(1)
                    .setLevel0FileNumCompactionTrigger(CompareSettings.L0_COMPACTION)
                    .setLevel0SlowdownWritesTrigger(CompareSettings.L0_SLOWDOWN)
                    .setLevel0StopWritesTrigger(CompareSettings.L0_STOP)
                    .setSoftPendingCompactionBytesLimit(64L << 30)
                    .setHardPendingCompactionBytesLimit(256L << 30)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setTableFormatConfig(table);
            db = RocksDB.open(options, dir.toString());
            writeOptions = keep(new WriteOptions().setSync(s.durable()).setDisableWAL(false));
            readOptions = keep(new ReadOptions());
        } catch (RocksDBException e) {
            closeResources();
            throw new IllegalStateException("cannot open RocksDB in " + dir + ": " + e.getMessage(), e);
        }
        if (s.durable()) {
            walSyncer = null;
        } else {
            walSyncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rocksdb-wal-sync");
                t.setDaemon(true);
                return t;
            });
            walSyncer.scheduleWithFixedDelay(this::syncWal, CompareSettings.BACKGROUND_SYNC_MILLIS,
                    CompareSettings.BACKGROUND_SYNC_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException | RuntimeException e) {
            walSyncFailure = e;
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            db.delete(writeOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int scan(byte[] from, int limit) {
        try (RocksIterator it = db.newIterator(readOptions)) {
            int n = 0;
            long sum = 0;
            for (it.seek(from); n < limit && it.isValid(); it.next()) {
                sum += it.key().length + it.value().length;
                n++;
            }
            return sum < 0 ? -1 : n;
        }
    }

    @Override
    public void settle() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
            while (db.getLongProperty("rocksdb.compaction-pending") != 0
                    || db.getLongProperty("rocksdb.num-running-compactions") != 0
                    || db.getLongProperty("rocksdb.num-running-flushes") != 0
                    || db.getLongProperty("rocksdb.mem-table-flush-pending") != 0) {
                Thread.sleep(5);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (walSyncFailure != null) {
            throw new IllegalStateException("background WAL sync failed", walSyncFailure);
        }
    }

    @Override
    public StoreCounters counters() {
        Statistics st = statistics;
        long probes = st.getTickerCount(TickerType.BLOOM_FILTER_USEFUL) + st.getTickerCount(TickerType.BLOOM_FILTER_FULL_POSITIVE);
        long hit = st.getTickerCount(TickerType.BLOCK_CACHE_DATA_HIT);
        long miss = st.getTickerCount(TickerType.BLOCK_CACHE_DATA_MISS);
        return new StoreCounters(st.getTickerCount(TickerType.WAL_FILE_BYTES),
                st.getTickerCount(TickerType.FLUSH_WRITE_BYTES) + st.getTickerCount(TickerType.COMPACT_WRITE_BYTES),
                probes, hit + miss, miss);
    }

    @Override
    public String shape() {
        StringBuilder sb = new StringBuilder();
        try {
            for (int level = 0; level < CompareSettings.LEVELS; level++) {
                long files = Long.parseLong(db.getProperty("rocksdb.num-files-at-level" + level).trim());
                if (files > 0) {
                    sb.append(sb.isEmpty() ? "" : ", ").append('L').append(level).append(' ').append(files);
                }
            }
        } catch (RocksDBException | NumberFormatException e) {
            return "n/a (" + e.getMessage() + ")";
        }
        return sb.isEmpty() ? "no SSTables" : sb.append(" files").toString();
    }

    @Override
    public void close() {
        if (walSyncer != null) {
            walSyncer.shutdownNow();
            try {
                walSyncer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            // closing anyway; the data directory is deleted after the run
        }
        db.close();
        closeResources();
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // native handles: nothing more to do
            }
        }
        resources.clear();
    }
}

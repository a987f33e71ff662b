package io.shaledb.storage.lsm.sst;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Decoded data blocks, bounded by an approximate memory budget (W-TinyLFU eviction by Caffeine).
 * Keyed by (cache-unique table id, block offset). A budget of 0 disables caching.
 */
public final class BlockCache {
    private record BlockId(long table, long offset) {}

    private final Cache<BlockId, Block> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long budgetBytes) {
        this.cache = budgetBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((BlockId k, Block b) -> b.memorySize())
                .executor(Runnable::run)
                .build();
    }

    Block get(long table, long offset, Supplier<Block> loader) {
        if (cache == null) {
            misses.increment();
            io.shaledb.storage.BufferUsage.read();
            return loader.get();
        }
        BlockId id = new BlockId(table, offset);
        Block b = cache.getIfPresent(id);
        if (b != null) {
            hits.increment();
            io.shaledb.storage.BufferUsage.hit();
            return b;
        }
        misses.increment();
        io.shaledb.storage.BufferUsage.read();
        b = loader.get();
        cache.put(id, b);
        return b;
    }

    /** Drops a table's blocks (when its file is deleted). */
    void evictTable(long table) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.table == table);
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Approximate bytes held. */
    public long weightedSize() {
        return cache == null ? 0 : cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}

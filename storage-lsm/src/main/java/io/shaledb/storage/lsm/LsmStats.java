package io.shaledb.storage.lsm;

/**
 * Counters of an {@link LsmEngine} since it was opened, and the amplification figures derived
 * from them.
 *
 * @param userBytesWritten key and value bytes of the puts and deletes applied
 * @param walBytesWritten bytes appended to the memtable log (record headers included)
 * @param flushBytesWritten SSTable bytes written by memtable flushes
 * @param compactionBytesRead SSTable bytes read as compaction inputs
 * @param compactionBytesWritten SSTable bytes written by compactions
 * @param sstBytes bytes of the live SSTables now
 * @param liveDataEstimate estimated bytes of live data: the size of the deepest non-empty level (the
 *     usual leveled-LSM estimate; it holds about 90% of the data in steady state, so the space
 *     amplification it gives is high while the tree is still filling its levels)
 * @param gets point reads
 * @param getTableProbes SSTables consulted by point reads (bloom rejections included)
 * @param getBlockReads data blocks read (cache hits included) by point reads
 * @param bloomChecks bloom filter queries
 * @param bloomUseful queries the filter answered "absent" (a block read saved)
 * @param bloomFalsePositives queries the filter answered "maybe" for a key the table did not hold
 * @param flushes memtable flushes
 * @param compactions compactions that merged files
 * @param trivialMoves compactions that only moved files down a level (a manifest edit, no rewrite); one
 *     move may take several files whose key ranges are disjoint
 * @param slowdowns writes delayed by 1 ms because L0 or compaction debt grew large
 * @param stalls writes that had to wait for a flush or compaction
 * @param stallMillis total time writers spent stalled
 * @param blockCacheHits data block reads served from the cache
 * @param blockCacheMisses data block reads that went to the file
 */
public record LsmStats(long userBytesWritten, long walBytesWritten, long flushBytesWritten, long compactionBytesRead,
        long compactionBytesWritten, long sstBytes, long liveDataEstimate, long gets, long getTableProbes,
        long getBlockReads, long bloomChecks, long bloomUseful, long bloomFalsePositives, long flushes,
        long compactions, long trivialMoves, long slowdowns, long stalls, long stallMillis, long blockCacheHits,
        long blockCacheMisses) {

    /** Bytes written to disk (log, flushes, compactions) per user byte written. */
    public double writeAmplification() {
        return userBytesWritten == 0 ? 0.0
                : (double) (walBytesWritten + flushBytesWritten + compactionBytesWritten) / userBytesWritten;
    }

    /** SSTable bytes on disk per byte of live data (an estimate, see {@link #liveDataEstimate}). */
    public double spaceAmplification() {
        return liveDataEstimate == 0 ? 0.0 : (double) sstBytes / liveDataEstimate;
    }

    /** SSTables consulted per point read. */
    public double readAmplification() {
        return gets == 0 ? 0.0 : (double) getTableProbes / gets;
    }

    /** Data blocks read per point read. */
    public double blocksPerGet() {
        return gets == 0 ? 0.0 : (double) getBlockReads / gets;
    }

    /** Observed false-positive rate of the bloom filters: false positives per query the filter could not rule out or should have. */
    public double bloomFalsePositiveRate() {
        long negatives = bloomUseful + bloomFalsePositives;
        return negatives == 0 ? 0.0 : (double) bloomFalsePositives / negatives;
    }
}

package io.shaledb.storage.btree;

/**
 * Counters of a {@link BTreeEngine} since it was opened.
 *
 * @param pagesRead pages read from the data file
 * @param pagesWritten pages written to the data file
 * @param dataBytesWritten bytes written to the data file ({@code pagesWritten * pageSize})
 * @param logBytesWritten bytes appended to the write-ahead log (0 without one)
 * @param userBytesWritten key and value bytes passed to put/apply: divide the other two by it for write amplification
 * @param bufferHits page requests served from the buffer pool
 * @param bufferMisses page requests that read the disk
 * @param evictions frames reused for another page
 * @param checkpoints checkpoints completed
 * @param evictionWrites dirty pages eviction had to write synchronously on a reader's or writer's thread
 * @param backgroundWrites pages the background writer wrote
 * @param batchFingerHits batch operations that went straight to the leaf the previous operation of
 *     their batch changed instead of descending from the root (one that then has to split or merge
 *     still descends for that)
 * @param batchDescents batch operations whose leaf was found by a descent from the root: the first
 *     of each batch, and every one whose key was outside the remembered leaf's range or that came
 *     after a split or merge
 */
public record BTreeStats(long pagesRead, long pagesWritten, long dataBytesWritten, long logBytesWritten,
                         long userBytesWritten, long bufferHits, long bufferMisses, long evictions, long checkpoints,
                         long evictionWrites, long backgroundWrites, long batchFingerHits, long batchDescents) {

    /** (data + log bytes written) / user bytes written; NaN before any write. */
    public double writeAmplification() {
        return userBytesWritten == 0 ? Double.NaN : (double) (dataBytesWritten + logBytesWritten) / userBytesWritten;
    }

    /** Fraction of page requests served from memory. */
    public double hitRatio() {
        long total = bufferHits + bufferMisses;
        return total == 0 ? Double.NaN : (double) bufferHits / total;
    }
}

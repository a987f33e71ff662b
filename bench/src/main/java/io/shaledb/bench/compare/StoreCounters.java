package io.shaledb.bench.compare;

/**
 * Cumulative I/O counters of one store, in the same terms for all three, read from each engine's
 * own statistics. Take two snapshots and {@link #minus} them to get one phase's figures.
 *
 * @param logBytes bytes appended to the write-ahead log
 * @param tableBytes bytes written to the store's data files: B+Tree pages (checkpoints, background
 *     writer, eviction); LSM flush and compaction output
 * @param tablesProbed files consulted by point reads (an LSM's SSTables whose key range held the key,
 *     bloom rejections included); -1 when the notion does not apply (the B+Tree reads one file)
 * @param blocksTouched pages (B+Tree) or data blocks (LSM) read by point reads, cache hits included
 * @param blocksMissed of those, the ones not in the store's cache (read from the file, i.e. the OS)
 */
public record StoreCounters(long logBytes, long tableBytes, long tablesProbed, long blocksTouched, long blocksMissed) {

    public StoreCounters minus(StoreCounters earlier) {
        return new StoreCounters(logBytes - earlier.logBytes, tableBytes - earlier.tableBytes,
                tablesProbed < 0 ? -1 : tablesProbed - earlier.tablesProbed, blocksTouched - earlier.blocksTouched,
                blocksMissed - earlier.blocksMissed);
    }

    public long bytesWritten() {
        return logBytes + tableBytes;
    }
}

package io.shaledb.wal;

/**
 * Counters of a {@link Wal} since it was opened.
 *
 * @param records records appended
 * @param bytesAppended bytes appended, record headers included
 * @param writes write calls issued to segment files
 * @param fsyncs data syncs of segment files (commit syncs, background syncs and segment roll-overs)
 * @param commits acknowledgements that waited for durability ({@link Wal#awaitDurable},
 *     {@link Wal#commit} and {@link Wal#awaitCommit} outside {@link SyncMode#OFF})
 * @param durableLsn {@link Wal#durableLsn()} when the snapshot was taken
 */
public record WalStats(long records, long bytesAppended, long writes, long fsyncs, long commits, long durableLsn) {

    /** Commits acknowledged per fsync: above 1 means group commit is sharing syncs. */
    public double averageGroupSize() {
        return fsyncs == 0 ? 0.0 : (double) commits / fsyncs;
    }
}

package io.shaledb.wal;

/** When {@link Wal#commit} and {@link Wal#awaitCommit} acknowledge a record. */
public enum SyncMode {
    /**
     * Acknowledge only once the record is on disk. Concurrent committers share one {@code fdatasync}:
     * whoever finds no sync running becomes the leader and syncs everything appended so far, the
     * others wait for it. The default.
     */
    SYNC,
    /**
     * Like {@link #SYNC}, but the leader first waits {@link WalOptions#groupCommitDelay()} so that
     * more commits can join its sync (PostgreSQL's {@code commit_delay}), provided at least one
     * other thread is committing at that moment (a lone committer never waits). Trades latency for
     * fewer syncs; worth it when syncs are slow relative to the commit rate.
     */
    GROUP_DELAY,
    /**
     * Acknowledge without waiting; a background thread syncs every
     * {@link WalOptions#backgroundSyncInterval()}. A crash can lose the acknowledged records of the
     * last interval, never more, and never leaves a hole: what survives is a prefix of the log.
     * {@link Wal#awaitDurable} still waits for the disk (a page writer must never outrun the log).
     */
    OFF
}

package io.shaledb.txn.lock;

/** What a lock request does when the lock cannot be granted at once. */
public enum WaitPolicy {
    /** Queue and wait (bounded by a timeout and a cancel check); the default of {@code FOR UPDATE}. */
    BLOCK,
    /** Fail at once with {@link LockException.Reason#NOT_AVAILABLE}; {@code FOR UPDATE NOWAIT}. */
    NOWAIT,
    /** Return {@code false} at once, so the caller skips the row; {@code FOR UPDATE SKIP LOCKED}. */
    SKIP_LOCKED
}

package io.shaledb.txn.lock;

/** TEMPORARY stub until the lock manager lands. */
public enum WaitPolicy { BLOCK, NOWAIT, SKIP_LOCKED }

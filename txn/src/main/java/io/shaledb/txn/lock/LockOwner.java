package io.shaledb.txn.lock;

/** TEMPORARY stub until the lock manager lands. */
public record LockOwner(long xid, int pid) {}

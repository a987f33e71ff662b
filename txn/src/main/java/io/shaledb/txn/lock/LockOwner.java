package io.shaledb.txn.lock;

/**
 * Who holds or awaits a lock: a transaction ({@code xid}) and the backend process (session) running
 * it ({@code pid}). Messages and {@code pg_locks} name owners by {@code pid}, as PostgreSQL does.
 */
public record LockOwner(long xid, int pid) {}

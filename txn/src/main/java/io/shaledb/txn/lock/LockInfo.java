package io.shaledb.txn.lock;

import java.time.Instant;

/**
 * One row of {@code pg_locks}: a held ({@code granted}) or awaited lock.
 *
 * @param waitStart when the request started waiting; {@code null} for a granted lock
 */
public record LockInfo(LockOwner owner, LockTarget target, LockMode mode, boolean granted, Instant waitStart) {}

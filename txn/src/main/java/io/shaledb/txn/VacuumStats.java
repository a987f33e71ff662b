package io.shaledb.txn;

/**
 * What one vacuum of a relation did.
 *
 * @param scanned row versions examined
 * @param removed versions no snapshot can see any more, deleted from the engine
 * @param live versions kept (visible to someone, or possibly so)
 * @param horizon the oldest transaction id a running snapshot may still need: versions deleted by
 *     a committed transaction below it are dead
 */
public record VacuumStats(String relation, long scanned, long removed, long live, long horizon) {}

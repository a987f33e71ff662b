package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;

/**
 * One pass over a relation that deletes the versions nobody can see any more:
 *
 * <ul>
 *   <li>versions whose creator aborted (or was running at a crash), and
 *   <li>versions deleted or replaced by a transaction that committed below the horizon — every
 *       running and future snapshot sees that deletion.
 * </ul>
 *
 * Nothing else is touched, so a version a running transaction can still see always survives.
 * Dead versions never change again (no writer touches a version whose deleter committed, and a
 * writer numbering a new version above a dead one is unaffected by its removal), so vacuum takes
 * no row locks and runs beside normal traffic. Deletes go in deferred batches: a crash merely
 * leaves some dead versions for the next pass.
 */
final class Vacuum {
    private static final int BATCH = 512;

    private final CommitLog clog;
    private final Relation relation;
    private final long horizon;

    Vacuum(CommitLog clog, Relation relation, long horizon) {
        this.clog = clog;
        this.relation = relation;
        this.horizon = horizon;
    }

    VacuumStats run() {
        long scanned = 0;
        long removed = 0;
        WriteBatch batch = new WriteBatch();
        try (Cursor c = relation.engine().scan(KeyRange.prefix(relation.keyPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                scanned++;
                Version v = VersionCodec.decode(c.key(), c.value());
                if (dead(v)) {
                    batch.delete(c.key().clone());
                    removed++;
                    if (batch.size() >= BATCH) {
                        relation.engine().applyDeferred(batch);
                        batch = new WriteBatch();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            relation.engine().applyDeferred(batch);
        }
        return new VacuumStats(relation.name(), scanned, removed, scanned - removed, horizon);
    }

    private boolean dead(Version v) {
        return dead(v, clog, horizon);
    }

    /** True when no running or future snapshot can see {@code v} (its creator aborted, or its deleter committed below {@code horizon}). */
    static boolean dead(Version v, CommitLog clog, long horizon) {
        if (clog.status(v.xmin()) == CommitLog.ABORTED) {
            return true;
        }
        return v.xmax() != 0 && !v.xmaxIsLockOnly() && v.xmax() < horizon && clog.status(v.xmax()) == CommitLog.COMMITTED;
    }
}

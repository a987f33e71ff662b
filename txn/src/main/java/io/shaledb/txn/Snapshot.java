package io.shaledb.txn;

import java.util.Arrays;

/**
 * Which transactions' effects a reader sees, as in PostgreSQL: every transaction that committed
 * before the snapshot was taken, and none that was running then or started later.
 *
 * <pre>
 *   xid:   ... committed ... | xmin ... (inProgress are invisible, the rest committed/aborted) ... | xmax ... future
 * </pre>
 *
 * @param xmin the oldest transaction running when the snapshot was taken (or {@code xmax} when none
 *     was): every id below it has finished, so its status alone decides
 * @param xmax the first id not yet assigned then: ids at or above it are invisible
 * @param inProgress sorted ids that were running when the snapshot was taken
 */
public record Snapshot(long xmin, long xmax, long[] inProgress) {

    /** True when {@code xid} was still running (or not yet started) when the snapshot was taken. */
    public boolean wasRunning(long xid) {
        return xid >= xmax || (xid >= xmin && Arrays.binarySearch(inProgress, xid) >= 0);
    }

    /** True when the snapshot sees {@code xid}'s effects: it had committed before the snapshot. */
    boolean sees(long xid, CommitLog clog) {
        return !wasRunning(xid) && clog.status(xid) == CommitLog.COMMITTED;
    }

    @Override
    public String toString() {
        return "Snapshot[" + xmin + ":" + xmax + ":" + Arrays.toString(inProgress) + "]";
    }
}

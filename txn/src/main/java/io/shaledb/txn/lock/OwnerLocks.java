package io.shaledb.txn.lock;

import java.util.Arrays;

/**
 * One owner's side of the books: the history of its grants, for savepoints and for releasing
 * everything at the end, and the request it is waiting on. Only the owner's own thread touches the
 * history; other threads read only {@link #waiting} (the deadlock detector, {@code blockers}).
 *
 * <p>The history holds one record per grant that changed what the owner holds: a target and the
 * mode it replaced (none for a first grant). So every target the owner holds has exactly one record
 * with no previous mode, and undoing records newest first walks back through earlier states. It is
 * kept in two parallel arrays, about five bytes a record, because a bulk {@code UPDATE} may lock
 * hundreds of thousands of rows.
 */
final class OwnerLocks {
    private static final byte NONE = 0;

    final LockOwner owner;
    private LockTarget[] targets = new LockTarget[4];
    /** {@code previous mode ordinal + 1}, or {@link #NONE}. */
    private byte[] previous = new byte[4];
    private int size;
    volatile Waiter waiting;

    OwnerLocks(LockOwner owner) {
        this.owner = owner;
    }

    int size() {
        return size;
    }

    void record(LockTarget target, LockMode previousMode) {
        if (size == targets.length) {
            targets = Arrays.copyOf(targets, size * 2);
            previous = Arrays.copyOf(previous, size * 2);
        }
        targets[size] = target;
        previous[size] = previousMode == null ? NONE : (byte) (previousMode.ordinal() + 1);
        size++;
    }

    LockTarget target(int index) {
        return targets[index];
    }

    /** The mode record {@code index} replaced, or null if it was a first grant. */
    LockMode previous(int index) {
        return previous[index] == NONE ? null : LockMode.values()[previous[index] - 1];
    }

    void removeLast() {
        size--;
        targets[size] = null;
    }
}

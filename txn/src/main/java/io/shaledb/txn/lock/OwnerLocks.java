package io.shaledb.txn.lock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One owner's side of the books: the strongest mode it holds per target (so a re-entrant request
 * needs no shared state), the history of grants for savepoints, and the request it is waiting on.
 * Only the owner's own thread touches {@link #held} and {@link #history}; other threads read only
 * {@link #waiting} (the deadlock detector, {@code blockers}).
 */
final class OwnerLocks {
    /** One grant: {@code target} went from {@code previous} (null: nothing) to a stronger mode. */
    record Grant(LockTarget target, LockMode previous) {}

    final LockOwner owner;
    final Map<LockTarget, LockMode> held = new HashMap<>();
    final List<Grant> history = new ArrayList<>();
    volatile Waiter waiting;

    OwnerLocks(LockOwner owner) {
        this.owner = owner;
    }

    void recordGrant(LockTarget target, LockMode previous, LockMode mode) {
        held.put(target, mode);
        history.add(new Grant(target, previous));
    }
}

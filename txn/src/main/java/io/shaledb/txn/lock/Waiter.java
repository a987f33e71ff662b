package io.shaledb.txn.lock;

/**
 * One queued request: {@code owner} wants {@code mode} on {@code entry}'s target and, if it is an
 * upgrade, already holds {@code held} there. {@link #state} changes only under the entry's monitor;
 * it is volatile so the waiting thread can poll it without the monitor.
 */
final class Waiter {
    enum State { WAITING, GRANTED, WITHDRAWN }

    final LockOwner owner;
    final LockMode mode;
    /** The mode the owner held on the target when it queued, or null; it cannot change while it waits. */
    final LockMode held;
    final LockEntry entry;
    final Thread thread;
    final long waitStartMillis;
    volatile State state = State.WAITING;

    Waiter(LockOwner owner, LockMode mode, LockMode held, LockEntry entry, Thread thread) {
        this.owner = owner;
        this.mode = mode;
        this.held = held;
        this.entry = entry;
        this.thread = thread;
        this.waitStartMillis = System.currentTimeMillis();
    }
}

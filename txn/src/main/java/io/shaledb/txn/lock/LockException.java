package io.shaledb.txn.lock;

import java.io.Serial;
import java.util.Objects;

/**
 * A lock request that was not granted. The request is no longer queued; locks its owner already
 * held stay held until {@link LockManager#releaseAll}.
 *
 * <p>Suggested SQL mapping: {@link Reason#DEADLOCK} is 40P01 "deadlock detected" with
 * {@link #detail()} as DETAIL; {@link Reason#NOT_AVAILABLE} is 55P03 "could not obtain lock on row
 * in relation ..."; {@link Reason#TIMEOUT} is 55P03 "canceling statement due to lock timeout";
 * {@link Reason#CANCELLED} is 57014 (the caller knows whether it was a statement timeout or a user
 * request).
 */
public final class LockException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the request failed. */
    public enum Reason {
        /** Waiting would never end: the request closed a cycle in the wait-for graph. */
        DEADLOCK,
        /** {@link WaitPolicy#NOWAIT} and the lock was not free. */
        NOT_AVAILABLE,
        /** The wait exceeded its timeout. */
        TIMEOUT,
        /** The request's cancel check returned true while it waited. */
        CANCELLED
    }

    private final Reason reason;
    private final String detail;
    private final LockOwner owner;
    private final LockTarget target;
    private final LockMode mode;

    LockException(Reason reason, String message, String detail, LockOwner owner, LockTarget target, LockMode mode) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.owner = owner;
        this.target = target;
        this.mode = mode;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Human detail; for {@link Reason#DEADLOCK} the cycle in PostgreSQL's format, one line per edge:
     * {@code Process 12 waits for ForUpdate on tuple (1) of relation "a"; blocked by process 13.}
     */
    public String detail() {
        return detail;
    }

    /** The owner whose request failed. */
    public LockOwner owner() {
        return owner;
    }

    /** The target of the failed request. */
    public LockTarget target() {
        return target;
    }

    /** The mode of the failed request. */
    public LockMode mode() {
        return mode;
    }
}

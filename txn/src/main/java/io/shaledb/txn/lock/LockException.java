package io.shaledb.txn.lock;

/** TEMPORARY stub until the lock manager lands. */
public final class LockException extends RuntimeException {
    public enum Reason { DEADLOCK, NOT_AVAILABLE, TIMEOUT, CANCELLED }

    private final Reason reason;
    private final String detail;

    public LockException(Reason reason, String message, String detail) {
        super(message);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}

package io.shaledb.txn;

/**
 * A transaction cannot go on as asked. The kind says why; the SQL layer turns each kind into its
 * SQLSTATE (40001, 40P01, 55P03, 57014, 23505, 25006).
 */
public final class TransactionException extends RuntimeException {
    public enum Kind {
        /** A concurrent committed change makes this transaction's work unserializable (40001). */
        SERIALIZATION_FAILURE,
        /** Waiting for a lock would never end (40P01). */
        DEADLOCK,
        /** NOWAIT found the row locked, or the lock wait exceeded lock_timeout (55P03). */
        LOCK_NOT_AVAILABLE,
        LOCK_TIMEOUT,
        /** The statement was cancelled or timed out while waiting or scanning (57014). */
        CANCELLED,
        /** An insert met a live row with the same key (23505). */
        DUPLICATE_KEY,
        /** A write in a READ ONLY transaction (25006). */
        READ_ONLY
    }

    private final Kind kind;
    private final String detail;

    public TransactionException(Kind kind, String message, String detail) {
        super(message);
        this.kind = kind;
        this.detail = detail;
    }

    public TransactionException(Kind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** A second line for the client (PostgreSQL's DETAIL), or null. */
    public String detail() {
        return detail;
    }
}

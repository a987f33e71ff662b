package io.shaledb.txn;

/** The four SQL isolation levels, weakest first. */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String pgName;

    IsolationLevel(String pgName) {
        this.pgName = pgName;
    }

    /** The name PostgreSQL uses in SHOW and SET, e.g. {@code "read committed"}. */
    public String pgName() {
        return pgName;
    }

    /** True when one snapshot serves the whole transaction (rather than one per statement). */
    public boolean usesTransactionSnapshot() {
        return this == REPEATABLE_READ || this == SERIALIZABLE;
    }
}

package io.shaledb.txn;

import java.util.Locale;

/**
 * The four SQL isolation levels, weakest first. {@link #pgName()} is the spelling PostgreSQL uses
 * in {@code SHOW transaction_isolation} and accepts in {@code SET default_transaction_isolation}.
 */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String pgName;

    IsolationLevel(String pgName) {
        this.pgName = pgName;
    }

    /** The name as PostgreSQL prints it, e.g. {@code "read committed"}. */
    public String pgName() {
        return pgName;
    }

    /** True when one snapshot serves the whole transaction (rather than one per statement). */
    public boolean usesTransactionSnapshot() {
        return this == REPEATABLE_READ || this == SERIALIZABLE;
    }

    /**
     * The level named {@code name}, compared case-insensitively and exactly otherwise (PostgreSQL
     * rejects {@code "read  committed"} with two blanks), or null when there is none.
     */
    public static IsolationLevel fromPgName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (IsolationLevel level : values()) {
            if (level.pgName.equals(lower)) {
                return level;
            }
        }
        return null;
    }
}

package io.shaledb.txn.lock;

/**
 * PostgreSQL's four row-level lock modes, weakest first.
 *
 * <p>Their conflict sets are nested (each mode conflicts with everything the weaker ones conflict
 * with, and more), so the modes form a total order: holding a mode makes acquiring any weaker one a
 * no-op, and an owner never needs to hold two modes on one row at once, only the strongest.
 *
 * <pre>
 *   requested \ held   KEY_SHARE  SHARE  NO_KEY_UPDATE  UPDATE
 *   KEY_SHARE                                             X
 *   SHARE                                     X           X
 *   NO_KEY_UPDATE                   X         X           X
 *   UPDATE                 X        X         X           X
 * </pre>
 */
public enum LockMode {
    /** {@code SELECT ... FOR KEY SHARE}; also what a foreign-key check takes on the referenced row. */
    KEY_SHARE("ForKeyShare", "AccessShareLock", 0b1000),
    /** {@code SELECT ... FOR SHARE}. */
    SHARE("ForShare", "RowShareLock", 0b1100),
    /** {@code SELECT ... FOR NO KEY UPDATE}; also what an {@code UPDATE} not touching key columns takes. */
    NO_KEY_UPDATE("ForNoKeyUpdate", "ExclusiveLock", 0b1110),
    /** {@code SELECT ... FOR UPDATE}; also what {@code DELETE} and key-changing {@code UPDATE} take. */
    UPDATE("ForUpdate", "AccessExclusiveLock", 0b1111);

    private final String pgName;
    private final String tupleLockModeName;
    /** Bit {@code 1 << m.ordinal()} is set for every mode {@code m} this one conflicts with. */
    private final int conflictMask;

    /** @param conflictMask bit {@code 1 << m.ordinal()} set for each conflicting mode: bit 3 is UPDATE, bit 0 KEY_SHARE */
    LockMode(String pgName, String tupleLockModeName, int conflictMask) {
        this.pgName = pgName;
        this.tupleLockModeName = tupleLockModeName;
        this.conflictMask = conflictMask;
    }

    /** Whether two different owners may not hold {@code this} and {@code other} on one row at once. */
    public boolean conflictsWith(LockMode other) {
        return (conflictMask & other.bit()) != 0;
    }

    /** Whether holding {@code this} makes a request for {@code other} a no-op (it is at least as strong). */
    public boolean covers(LockMode other) {
        return ordinal() >= other.ordinal();
    }

    /** The stronger of two modes. */
    public static LockMode strongest(LockMode a, LockMode b) {
        return a.covers(b) ? a : b;
    }

    /** The name used in this manager's messages: "ForKeyShare", "ForShare", "ForNoKeyUpdate", "ForUpdate". */
    public String pgName() {
        return pgName;
    }

    /**
     * The heavyweight tuple-lock mode PostgreSQL shows in {@code pg_locks.mode} for a row lock of this
     * mode (verified against PostgreSQL 15): AccessShareLock, RowShareLock, ExclusiveLock,
     * AccessExclusiveLock.
     */
    public String tupleLockModeName() {
        return tupleLockModeName;
    }

    int bit() {
        return 1 << ordinal();
    }

    int conflictMask() {
        return conflictMask;
    }
}

package io.shaledb.txn.lock;

/** TEMPORARY stub until the lock manager lands. */
public enum LockMode {
    KEY_SHARE, SHARE, NO_KEY_UPDATE, UPDATE;

    public boolean conflictsWith(LockMode other) {
        return switch (this) {
            case KEY_SHARE -> other == UPDATE;
            case SHARE -> other == UPDATE || other == NO_KEY_UPDATE;
            case NO_KEY_UPDATE -> other != KEY_SHARE;
            case UPDATE -> true;
        };
    }

    public String pgName() {
        return switch (this) {
            case KEY_SHARE -> "ForKeyShare";
            case SHARE -> "ForShare";
            case NO_KEY_UPDATE -> "ForNoKeyUpdate";
            case UPDATE -> "ForUpdate";
        };
    }
}

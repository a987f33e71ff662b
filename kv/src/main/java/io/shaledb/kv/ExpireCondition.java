package io.shaledb.kv;

/** EXPIRE's NX / XX / GT / LT options (a key without a TTL counts as an infinite one for GT and LT). */
public enum ExpireCondition {
    ALWAYS, NX, XX, GT, LT,
    /** LT together with XX: the key must have a TTL, and the new one must be sooner. */
    LT_XX;

    boolean allows(long currentExpireAt, long newExpireAt) {
        return switch (this) {
            case ALWAYS -> true;
            case NX -> currentExpireAt == 0;
            case XX -> currentExpireAt != 0;
            case GT -> currentExpireAt != 0 && newExpireAt > currentExpireAt;
            case LT -> currentExpireAt == 0 || newExpireAt < currentExpireAt;
            case LT_XX -> currentExpireAt != 0 && newExpireAt < currentExpireAt;
        };
    }
}

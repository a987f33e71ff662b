package io.shaledb.txn;

/**
 * One stored version of a row: the user key, the version's sequence number among the key's
 * versions (newer is larger), the transaction that created it ({@code xmin}) and the one that
 * deleted, replaced or locked it ({@code xmax}, 0 for none), the command ids within those
 * transactions, and the row payload.
 */
public record Version(byte[] userKey, long seq, long xmin, long xmax, int cmin, int cmax, int flags, byte[] payload) {
    /** {@code xmax} names a transaction that only locked the version (SELECT ... FOR UPDATE/SHARE). */
    public static final int LOCK_ONLY = 1;
    /** {@code xmax} replaced the version with a newer one (UPDATE) rather than deleting the row. */
    public static final int REPLACED = 2;

    public boolean xmaxIsLockOnly() {
        return (flags & LOCK_ONLY) != 0;
    }

    public boolean replaced() {
        return (flags & REPLACED) != 0;
    }

    /** The engine key of this version. */
    public byte[] versionKey() {
        return VersionCodec.versionKey(userKey, seq);
    }
}

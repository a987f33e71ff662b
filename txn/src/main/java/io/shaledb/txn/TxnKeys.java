package io.shaledb.txn;

/**
 * The keys the transaction layer owns in the catalog engine, under the tag byte {@code 'x'}
 * (the SQL layer uses {@code 't'} and {@code 'c'}):
 *
 * <pre>
 *   'x' 'c' u64be(block)  -> 64-byte status bitmap of ids block*256 .. block*256+255   (commit log)
 *   'x' 'n'               -> u64be: every id below it may have been handed out          (id limit)
 * </pre>
 */
final class TxnKeys {
    static final byte SPACE = 'x';

    private TxnKeys() {}

    static byte[] clogPrefix() {
        return new byte[] {SPACE, 'c'};
    }

    static byte[] clogKey(long block) {
        byte[] k = new byte[10];
        k[0] = SPACE;
        k[1] = 'c';
        VersionCodec.putLong(k, 2, block);
        return k;
    }

    static byte[] xidLimitKey() {
        return new byte[] {SPACE, 'n'};
    }
}

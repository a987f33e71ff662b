package io.shaledb.kv;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleDecoder;
import io.shaledb.common.encoding.TupleEncoder;

/**
 * The core keys of the kv model, all under the space byte {@code 'k'} (SQL uses {@code 't'} and
 * {@code 'c'}, transactions {@code 'x'}); see docs/formats/kv.md:
 *
 * <pre>
 *   'k' 'm' u8(db) bytes(key)                             -> metadata: type, expiry, value or version+size
 *   'k' 's' u8(db) bytes(key) u64(version) bytes(field)   -> a collection's sub-key (hash field, ...)
 *   'k' 'e' u64(deadline ms) u8(db) bytes(key)            -> empty: the key had this deadline (expiry index)
 *   'k' 'z' u8(db) bytes(key) u64(version) f64(score) bytes(member) -> empty: a sorted set's score order
 *   'k' 'y' bytes(name)                                   -> a server record (an ACL user), outside the databases
 * </pre>
 *
 * {@code bytes} is the tuple encoding's escaped byte string (prefix-free, order-preserving), so a
 * forward scan of one database's {@code 'k' 'm' db} range lists its keys in byte order and a scan of
 * the {@code 'k' 'e'} range lists deadlines earliest first, across databases.
 */
public final class KvKeys {
    public static final byte SPACE = 'k';
    static final byte META = 'm';
    static final byte SUB = 's';
    static final byte EXPIRY = 'e';
    static final byte SCORE = 'z';
    static final byte SYSTEM = 'y';

    private KvKeys() {}

    /** The prefix of every kv key: what the kv relation covers. */
    public static byte[] spacePrefix() {
        return new byte[] {SPACE};
    }

    static byte[] metaPrefix(int db) {
        return new byte[] {SPACE, META, (byte) db};
    }

    static byte[] meta(int db, byte[] key) {
        return new TupleEncoder(key.length + 8).writeRawPrefix(metaPrefix(db)).writeBytes(key, SortOrder.ASC).toByteArray();
    }

    /** The user key of a metadata key. */
    static byte[] keyOfMeta(byte[] metaKey) {
        return new TupleDecoder(metaKey, 3).readBytes(SortOrder.ASC);
    }

    /** The prefix of every sub-key of one version of a collection. */
    static byte[] subPrefix(int db, byte[] key, long version) {
        return new TupleEncoder(key.length + 20).writeRawPrefix(new byte[] {SPACE, SUB, (byte) db})
                .writeBytes(key, SortOrder.ASC).writeLong(version, SortOrder.ASC).toByteArray();
    }

    static byte[] sub(int db, byte[] key, long version, byte[] field) {
        return new TupleEncoder(key.length + field.length + 24).writeRawPrefix(new byte[] {SPACE, SUB, (byte) db})
                .writeBytes(key, SortOrder.ASC).writeLong(version, SortOrder.ASC).writeBytes(field, SortOrder.ASC).toByteArray();
    }

    /** A field as it follows {@link #subPrefix} in a sub-key (escaped, terminated): a seek point inside a collection. */
    static byte[] field(byte[] field) {
        return new TupleEncoder(field.length + 4).writeBytes(field, SortOrder.ASC).toByteArray();
    }

    /** The field of a sub-key whose prefix is {@code prefixLength} bytes long. */
    static byte[] fieldOfSub(byte[] subKey, int prefixLength) {
        return new TupleDecoder(subKey, prefixLength).readBytes(SortOrder.ASC);
    }

    static byte[] scorePrefix(int db, byte[] key, long version) {
        return new TupleEncoder(key.length + 20).writeRawPrefix(new byte[] {SPACE, SCORE, (byte) db})
                .writeBytes(key, SortOrder.ASC).writeLong(version, SortOrder.ASC).toByteArray();
    }

    static byte[] score(int db, byte[] key, long version, double score, byte[] member) {
        return new TupleEncoder(key.length + member.length + 32).writeRawPrefix(new byte[] {SPACE, SCORE, (byte) db})
                .writeBytes(key, SortOrder.ASC).writeLong(version, SortOrder.ASC).writeDouble(score, SortOrder.ASC)
                .writeBytes(member, SortOrder.ASC).toByteArray();
    }

    /** The prefix of a sorted set's score-index entries with score {@code score} (every member's entry extends it). */
    static byte[] scoreBound(int db, byte[] key, long version, double score) {
        return new TupleEncoder(key.length + 32).writeRawPrefix(new byte[] {SPACE, SCORE, (byte) db})
                .writeBytes(key, SortOrder.ASC).writeLong(version, SortOrder.ASC).writeDouble(score, SortOrder.ASC).toByteArray();
    }

    /** A score-index entry's score and member, after its {@code prefixLength}-byte prefix. */
    record ScoreEntry(double score, byte[] member) {}

    static ScoreEntry parseScore(byte[] entry, int prefixLength) {
        TupleDecoder d = new TupleDecoder(entry, prefixLength);
        double score = d.readDouble(SortOrder.ASC);
        return new ScoreEntry(score, d.readBytes(SortOrder.ASC));
    }

    /** The prefix of the server's own records (ACL users): {@code 'k' 'y' bytes(name)}. */
    static byte[] systemPrefix() {
        return new byte[] {SPACE, SYSTEM};
    }

    static byte[] system(byte[] name) {
        return new TupleEncoder(name.length + 8).writeRawPrefix(systemPrefix()).writeBytes(name, SortOrder.ASC).toByteArray();
    }

    static byte[] expiryPrefix() {
        return new byte[] {SPACE, EXPIRY};
    }

    static byte[] expiry(long deadlineMillis, int db, byte[] key) {
        return new TupleEncoder(key.length + 16).writeRawPrefix(expiryPrefix()).writeLong(deadlineMillis, SortOrder.ASC)
                .writeRawPrefix(new byte[] {(byte) db}).writeBytes(key, SortOrder.ASC).toByteArray();
    }

    /** The expiry index entry's parts. */
    record ExpiryEntry(long deadlineMillis, int db, byte[] key) {}

    static ExpiryEntry parseExpiry(byte[] entry) {
        TupleDecoder d = new TupleDecoder(entry, 2);
        long deadline = d.readLong(SortOrder.ASC);
        int db = entry[d.position()] & 0xFF;
        d.skip(1);
        return new ExpiryEntry(deadline, db, d.readBytes(SortOrder.ASC));
    }
}

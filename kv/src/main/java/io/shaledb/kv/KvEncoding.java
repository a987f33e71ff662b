package io.shaledb.kv;

/**
 * The encoding Redis 7.0 would hold a collection in, as OBJECT ENCODING reports it. ShaleDB stores
 * every collection the same way (sub-key rows), but clients and Redis's tests read the encoding, and
 * Redis's rule is one-way: a compact encoding converts up when the collection outgrows the
 * {@code *-max-*} thresholds ({@link KvEncodingRules}) and never converts back when elements are
 * removed. So the encoding is state, kept in the metadata record (format 2, docs/formats/kv.md):
 *
 * <pre>
 *   hash:  LISTPACK ──(entries > hash-max-listpack-entries, or a field/value longer than hash-max-listpack-value)──▶ HASHTABLE
 *   set:   INTSET ──(a member that is not an integer, or entries > set-max-intset-entries)──▶ HASHTABLE
 *   zset:  LISTPACK ──(entries > zset-max-listpack-entries, or a member longer than zset-max-listpack-value)──▶ SKIPLIST
 *   list:  QUICKLIST (always, in Redis 7.0)
 * </pre>
 *
 * {@link #UNKNOWN} is what a format-1 record (written before encodings were stored) decodes to; it
 * is never written: the next write works it out from the contents ({@link KvEncodingRules#resolve}).
 */
public enum KvEncoding {
    UNKNOWN(0, "unknown"),
    LISTPACK(1, "listpack"),
    INTSET(2, "intset"),
    HASHTABLE(3, "hashtable"),
    SKIPLIST(4, "skiplist"),
    QUICKLIST(5, "quicklist");

    private final int code;
    private final String redisName;

    KvEncoding(int code, String redisName) {
        this.code = code;
        this.redisName = redisName;
    }

    /** The byte stored in a format-2 metadata record. */
    int code() {
        return code;
    }

    /** What OBJECT ENCODING replies. */
    public String redisName() {
        return redisName;
    }

    /** True for the small encodings that convert up (listpack, intset). */
    boolean compact() {
        return this == LISTPACK || this == INTSET;
    }

    /** The encoding a new collection of {@code type} starts in (before its first elements are checked). */
    static KvEncoding initial(KvType type) {
        return switch (type) {
            case HASH, ZSET -> LISTPACK;
            case SET -> INTSET;
            case LIST -> QUICKLIST;
            case STRING -> UNKNOWN;
        };
    }

    /** The large encoding a compact one of {@code type} converts to. */
    static KvEncoding big(KvType type) {
        return switch (type) {
            case HASH, SET -> HASHTABLE;
            case ZSET -> SKIPLIST;
            case LIST -> QUICKLIST;
            case STRING -> UNKNOWN;
        };
    }

    static KvEncoding ofCode(int code) {
        for (KvEncoding e : values()) {
            if (e.code == code && e != UNKNOWN) {
                return e;
            }
        }
        throw new IllegalStateException("corrupt kv metadata: unknown encoding code " + code);
    }
}

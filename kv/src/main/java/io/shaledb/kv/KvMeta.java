package io.shaledb.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A key's metadata record, the payload stored under {@link KvKeys#meta}:
 *
 * <pre>
 *   u8 format | u8 type | i64 expireAt ms (0: none) | string: the value bytes                  (format 1)
 *                                                  | list: u64 version | u64 size | i64 head     (format 1)
 *                                                  | hash, set, zset: u64 version | u64 size | u8 encoding  (format 2)
 * </pre>
 *
 * Format 2 added the encoding byte ({@link KvEncoding}) to hashes, sets and sorted sets; strings
 * and lists are still written as format 1. A format-1 hash, set or sorted set (written before)
 * decodes with encoding {@link KvEncoding#UNKNOWN} and is written back as format 1 until a write
 * resolves its encoding ({@link KvEncodingRules#resolve}).
 *
 * A string is all metadata (no sub-keys). A collection's elements are sub-keys tagged with its
 * {@code version}, drawn fresh whenever the key is (re)created, so deleting or overwriting a
 * collection only replaces this record and the old version's sub-keys become unreachable at once.
 *
 * A list also stores {@code head}, the index of its first element: its elements are the sub-keys
 * {@code head .. head+size-1} (see {@link KvLists}), so pushes and pops at both ends are O(1).
 *
 * @param value the string's bytes; null for collections
 * @param head a list's first element index; 0 for other types
 * @param encoding what OBJECT ENCODING says (Redis's one-way conversions); UNKNOWN for strings
 */
record KvMeta(KvType type, long expireAt, long version, long size, byte[] value, long head, KvEncoding encoding) {
    /** Strings, lists, and hashes/sets/zsets of unknown encoding. */
    static final int FORMAT = 1;
    /** Hashes, sets and sorted sets with their encoding byte. */
    static final int FORMAT_ENCODED = 2;
    private static final int HEADER = 10;

    /** Metadata of any type but a list (head 0), in the type's initial encoding. */
    KvMeta(KvType type, long expireAt, long version, long size, byte[] value) {
        this(type, expireAt, version, size, value, 0);
    }

    /** Metadata in the type's initial encoding. */
    KvMeta(KvType type, long expireAt, long version, long size, byte[] value, long head) {
        this(type, expireAt, version, size, value, head, KvEncoding.initial(type));
    }

    static KvMeta string(byte[] value, long expireAt) {
        return new KvMeta(KvType.STRING, expireAt, 0, 0, value);
    }

    boolean expiredAt(long nowMillis) {
        return expireAt != 0 && expireAt <= nowMillis;
    }

    KvMeta withExpireAt(long at) {
        return new KvMeta(type, at, version, size, value, head, encoding);
    }

    KvMeta withValue(byte[] v) {
        return new KvMeta(type, expireAt, version, size, v, head, encoding);
    }

    KvMeta withSize(long newSize) {
        return new KvMeta(type, expireAt, version, newSize, value, head, encoding);
    }

    /** The same collection under a new version (RENAME's copy). */
    KvMeta withVersion(long newVersion) {
        return new KvMeta(type, expireAt, newVersion, size, value, head, encoding);
    }

    /** A list's metadata after its ends moved: first element {@code newHead}, {@code newSize} elements. */
    KvMeta withList(long newHead, long newSize) {
        return new KvMeta(type, expireAt, version, newSize, value, newHead, encoding);
    }

    /** The same collection in another encoding. */
    KvMeta withEncoding(KvEncoding e) {
        return new KvMeta(type, expireAt, version, size, value, head, e);
    }

    /** True for the types whose format-2 record carries an encoding byte. */
    private static boolean encoded(KvType type) {
        return type == KvType.HASH || type == KvType.SET || type == KvType.ZSET;
    }

    byte[] encode() {
        boolean withEncoding = encoded(type) && encoding != KvEncoding.UNKNOWN;
        int length = HEADER + (type == KvType.STRING ? value.length : type == KvType.LIST ? 24 : withEncoding ? 17 : 16);
        ByteBuffer b = ByteBuffer.allocate(length).put((byte) (withEncoding ? FORMAT_ENCODED : FORMAT))
                .put((byte) type.code()).putLong(expireAt);
        if (type == KvType.STRING) {
            b.put(value);
        } else {
            b.putLong(version).putLong(size);
            if (type == KvType.LIST) {
                b.putLong(head);
            } else if (withEncoding) {
                b.put((byte) encoding.code());
            }
        }
        return b.array();
    }

    static KvMeta decode(byte[] payload) {
        if (payload.length < HEADER || payload[0] != FORMAT && payload[0] != FORMAT_ENCODED) {
            throw new IllegalStateException("corrupt kv metadata record: " + payload.length + " bytes, format "
                    + (payload.length == 0 ? "none" : payload[0]));
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        int format = b.get();
        KvType type = KvType.ofCode(b.get());
        if (format == FORMAT_ENCODED && !encoded(type)) {
            throw new IllegalStateException("corrupt kv metadata record: format 2 for type " + type.redisName());
        }
        long expireAt = b.getLong();
        if (type == KvType.STRING) {
            return new KvMeta(type, expireAt, 0, 0, Arrays.copyOfRange(payload, HEADER, payload.length), 0, KvEncoding.UNKNOWN);
        }
        long version = b.getLong();
        long size = b.getLong();
        if (type == KvType.LIST) {
            return new KvMeta(type, expireAt, version, size, null, b.getLong());
        }
        KvEncoding encoding = format == FORMAT_ENCODED ? KvEncoding.ofCode(b.get()) : KvEncoding.UNKNOWN;
        return new KvMeta(type, expireAt, version, size, null, 0, encoding);
    }
}

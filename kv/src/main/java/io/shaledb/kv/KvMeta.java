package io.shaledb.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A key's metadata record, the payload stored under {@link KvKeys#meta}:
 *
 * <pre>
 *   u8 format (1) | u8 type | i64 expireAt ms (0: none) | string: the value bytes
 *                                                        | other types: u64 version | u64 size
 *                                                        | list: ... | i64 head
 * </pre>
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
 */
record KvMeta(KvType type, long expireAt, long version, long size, byte[] value, long head) {
    static final int FORMAT = 1;
    private static final int HEADER = 10;

    /** Metadata of any type but a list (head 0). */
    KvMeta(KvType type, long expireAt, long version, long size, byte[] value) {
        this(type, expireAt, version, size, value, 0);
    }

    static KvMeta string(byte[] value, long expireAt) {
        return new KvMeta(KvType.STRING, expireAt, 0, 0, value);
    }

    boolean expiredAt(long nowMillis) {
        return expireAt != 0 && expireAt <= nowMillis;
    }

    KvMeta withExpireAt(long at) {
        return new KvMeta(type, at, version, size, value, head);
    }

    KvMeta withValue(byte[] v) {
        return new KvMeta(type, expireAt, version, size, v, head);
    }

    KvMeta withSize(long newSize) {
        return new KvMeta(type, expireAt, version, newSize, value, head);
    }

    /** The same collection under a new version (RENAME's copy). */
    KvMeta withVersion(long newVersion) {
        return new KvMeta(type, expireAt, newVersion, size, value, head);
    }

    /** A list's metadata after its ends moved: first element {@code newHead}, {@code newSize} elements. */
    KvMeta withList(long newHead, long newSize) {
        return new KvMeta(type, expireAt, version, newSize, value, newHead);
    }

    byte[] encode() {
        int length = HEADER + (type == KvType.STRING ? value.length : type == KvType.LIST ? 24 : 16);
        ByteBuffer b = ByteBuffer.allocate(length).put((byte) FORMAT).put((byte) type.code()).putLong(expireAt);
        if (type == KvType.STRING) {
            b.put(value);
        } else {
            b.putLong(version).putLong(size);
            if (type == KvType.LIST) {
                b.putLong(head);
            }
        }
        return b.array();
    }

    /** The deadline stored in an encoded metadata record, without decoding the rest (0: none). */
    static long expireAtOf(byte[] payload) {
        long at = 0;
        for (int i = 2; i < HEADER; i++) {
            at = at << 8 | (payload[i] & 0xFF);
        }
        return at;
    }

    static KvMeta decode(byte[] payload) {
        if (payload.length < HEADER || payload[0] != FORMAT) {
            throw new IllegalStateException("corrupt kv metadata record: " + payload.length + " bytes, format "
                    + (payload.length == 0 ? "none" : payload[0]));
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        b.get();
        KvType type = KvType.ofCode(b.get());
        long expireAt = b.getLong();
        if (type == KvType.STRING) {
            return new KvMeta(type, expireAt, 0, 0, Arrays.copyOfRange(payload, HEADER, payload.length));
        }
        long version = b.getLong();
        long size = b.getLong();
        return new KvMeta(type, expireAt, version, size, null, type == KvType.LIST ? b.getLong() : 0);
    }
}

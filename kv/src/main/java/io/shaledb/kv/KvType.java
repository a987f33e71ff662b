package io.shaledb.kv;

/** The type of a key's value, by the code stored in its metadata record and the name TYPE replies. */
public enum KvType {
    STRING(1, "string"),
    HASH(2, "hash"),
    LIST(3, "list"),
    SET(4, "set"),
    ZSET(5, "zset");

    private final int code;
    private final String redisName;

    KvType(int code, String redisName) {
        this.code = code;
        this.redisName = redisName;
    }

    /** The byte stored in the metadata record. */
    public int code() {
        return code;
    }

    /** The name Redis's TYPE command replies and SCAN's TYPE option takes. */
    public String redisName() {
        return redisName;
    }

    static KvType ofCode(int code) {
        for (KvType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("corrupt kv metadata: unknown type code " + code);
    }

    /** The type named {@code name} (case-insensitive), or null. */
    public static KvType ofRedisName(String name) {
        for (KvType t : values()) {
            if (t.redisName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}

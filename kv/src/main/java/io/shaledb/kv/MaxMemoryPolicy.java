package io.shaledb.kv;

import java.util.Locale;

/**
 * Redis's {@code maxmemory-policy} values and what each evicts here (see {@link KvEviction}).
 * ShaleDB keeps no access clock or counter per key (that would turn every read into a write), so
 * the LRU and LFU policies are served by their random counterparts; volatile-ttl is exact.
 */
public enum MaxMemoryPolicy {
    VOLATILE_LRU(false, false),
    VOLATILE_LFU(false, false),
    VOLATILE_RANDOM(false, false),
    VOLATILE_TTL(false, true),
    ALLKEYS_LRU(true, false),
    ALLKEYS_LFU(true, false),
    ALLKEYS_RANDOM(true, false),
    NOEVICTION(false, false);

    private final boolean allKeys;
    private final boolean soonestDeadline;

    MaxMemoryPolicy(boolean allKeys, boolean soonestDeadline) {
        this.allKeys = allKeys;
        this.soonestDeadline = soonestDeadline;
    }

    /** The name CONFIG uses, e.g. {@code allkeys-lru}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy CONFIG SET names (case-insensitive); IllegalArgumentException for others. */
    public static MaxMemoryPolicy parse(String name) {
        for (MaxMemoryPolicy p : values()) {
            if (p.configName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown maxmemory-policy: " + name);
    }

    /** Whether any key may be evicted (allkeys-*), not only keys with a TTL (volatile-*). */
    boolean allKeys() {
        return allKeys;
    }

    /** volatile-ttl: the key whose deadline is nearest goes first. */
    boolean soonestDeadline() {
        return soonestDeadline;
    }

    public boolean evicts() {
        return this != NOEVICTION;
    }
}

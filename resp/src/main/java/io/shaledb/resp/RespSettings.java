package io.shaledb.resp;

import io.shaledb.kv.Durability;
import io.shaledb.kv.KvEncodingRules;
import io.shaledb.kv.KvStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The settings CONFIG GET and CONFIG SET know, by Redis's names, and what each does here:
 *
 * <pre>
 *   appendfsync          always|everysec|no   applied: the kv store's commit durability and syncer
 *   requirepass          string               applied: the default user's password (empty: nopass)
 *   hz                   0..                  applied: active expiry runs 1000/hz ms apart (hz clamped to 1..500)
 *   proto-max-bulk-len   memory, >= 1mb       applied to connections opened afterwards
 *   hash-/zset-max-listpack-*, set-max-intset-entries   applied: when collections convert up (OBJECT ENCODING)
 *   maxmemory, timeout, maxmemory-policy, save, list-max-listpack-size, lazyfree-* ...  kept and reported, no effect
 *   port, bind, databases, appendonly        read-only here ("can't set immutable config")
 * </pre>
 *
 * Values are not persisted: like Redis without CONFIG REWRITE, a restart starts from the command
 * line again.
 */
final class RespSettings {
    /** One setting: how to show it, and how to change it (an IllegalArgumentException carries Redis's reason). */
    record Setting(Supplier<String> get, Consumer<String> set) {}

    private final Map<String, Setting> byName = new LinkedHashMap<>();
    private volatile long maxBulkLength;
    private volatile String requirePass;

    RespSettings(RespServer server) {
        KvStore store = server.store();
        maxBulkLength = server.config().maxBulkLength();
        requirePass = server.config().requirePassword() == null ? "" : server.config().requirePassword();
        immutable("bind", () -> server.config().host());
        immutable("port", () -> Integer.toString(server.port()));
        immutable("databases", () -> Integer.toString(KvStore.DATABASES));
        immutable("appendonly", () -> "yes");
        byName.put("appendfsync", new Setting(() -> store.durability().configName(), v -> {
            String d = oneOf(v, "everysec", "always", "no");
            store.durability(Durability.parse(d));
        }));
        byName.put("requirepass", new Setting(() -> requirePass, v -> {
            server.acl().setDefaultPassword(v);
            requirePass = v;
        }));
        byName.put("proto-max-bulk-len", new Setting(() -> Long.toString(maxBulkLength),
                v -> maxBulkLength = memory(v, 1024 * 1024, Long.MAX_VALUE)));
        // kept and reported only: ShaleDB keeps its data on disk and neither evicts nor refuses writes (as Kvrocks)
        String[] maxmemory = {"0"};
        byName.put("maxmemory", new Setting(() -> maxmemory[0], v -> maxmemory[0] = Long.toString(memory(v, 0, Long.MAX_VALUE))));
        int[] hz = {10};
        byName.put("hz", new Setting(() -> Integer.toString(hz[0]), v -> {
            hz[0] = (int) integer(v, 0, Integer.MAX_VALUE);
            store.activeExpiryInterval(Duration.ofMillis(1000 / Math.clamp(hz[0], 1, 500)));
        }));
        stored("timeout", "0", v -> integer(v, 0, Integer.MAX_VALUE));
        stored("maxmemory-policy", "noeviction", v -> oneOf(v, "volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
        stored("save", "", v -> { });
        stored("notify-keyspace-events", "", v -> { });
        KvEncodingRules rules = store.encodingRules(); // when collections convert up (OBJECT ENCODING)
        stored("hash-max-listpack-entries", "512", v -> rules.hashMaxListpackEntries(integer(v, 0, Long.MAX_VALUE)));
        stored("zset-max-listpack-entries", "128", v -> rules.zsetMaxListpackEntries(integer(v, 0, Long.MAX_VALUE)));
        memorySetting("hash-max-listpack-value", 64, rules::hashMaxListpackValue);
        memorySetting("zset-max-listpack-value", 64, rules::zsetMaxListpackValue);
        stored("set-max-intset-entries", "512", v -> rules.setMaxIntsetEntries(integer(v, 0, Long.MAX_VALUE)));
        stored("list-max-listpack-size", "-2", v -> integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        for (String kind : List.of("hash-max-", "zset-max-")) { // Redis 7's aliases: one value, two names
            byName.put(kind + "ziplist-entries", byName.get(kind + "listpack-entries"));
            byName.put(kind + "ziplist-value", byName.get(kind + "listpack-value"));
        }
        byName.put("list-max-ziplist-size", byName.get("list-max-listpack-size"));
        stored("list-compress-depth", "0", v -> integer(v, 0, Integer.MAX_VALUE));
        for (String n : List.of("lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
                "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "activerehashing")) {
            stored(n, n.equals("activerehashing") ? "yes" : "no", v -> oneOf(v, "yes", "no"));
        }
        stored("active-expire-effort", "1", v -> integer(v, 1, 10));
        stored("latency-tracking", "yes", v -> oneOf(v, "yes", "no"));
    }

    private void immutable(String name, Supplier<String> get) {
        byName.put(name, new Setting(get, v -> {
            throw new IllegalArgumentException("can't set immutable config");
        }));
    }

    /** A setting that is validated and reported but changes nothing here. */
    private void stored(String name, String initial, Consumer<String> validate) {
        String[] value = {initial};
        byName.put(name, new Setting(() -> value[0], v -> {
            validate.accept(v);
            value[0] = v.toLowerCase(Locale.ROOT);
        }));
    }

    /** A size in bytes ("1kb" is set as 1024 and reported so, as Redis reports its memory settings), applied by {@code apply}. */
    private void memorySetting(String name, long initial, java.util.function.LongConsumer apply) {
        long[] value = {initial};
        byName.put(name, new Setting(() -> Long.toString(value[0]), v -> {
            long n = memory(v, 0, Long.MAX_VALUE);
            apply.accept(n);
            value[0] = n;
        }));
    }

    Map<String, Setting> all() {
        return byName;
    }

    Setting get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    long maxBulkLength() {
        return maxBulkLength;
    }

    private static String oneOf(String v, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("argument(s) must be one of the following: " + String.join(", ", allowed));
    }

    private static long integer(String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }

    /** Redis's memtoull: a number with an optional unit k, kb, m, mb, g, gb (k = 1000, kb = 1024). */
    static long memory(String v, long min, long max) {
        String s = v.toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                {"m", "1000000"}, {"k", "1000"}, {"b", "1"}}) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }
}

package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvEncoding;
import io.shaledb.kv.KvType;
import java.util.List;

/**
 * OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ. ShaleDB stores every type one way (rows in the
 * core), so ENCODING reports the encoding Redis 7.0 would hold the key in — what clients and
 * Redis's tests use it for: a collection's is kept in its metadata and converts up one way under
 * the {@code *-max-listpack-*} / {@code set-max-intset-entries} settings ({@link KvEncoding}); a
 * string's follows from its value (int, embstr up to 44 bytes, raw). REFCOUNT is 1 and IDLETIME 0:
 * nothing is shared or tracked.
 */
final class ObjectCommands {
    /** Redis's longest embedded string. */
    private static final int EMBSTR_MAX = 44;

    private ObjectCommands() {}

    static void register(CommandTable t) {
        t.add("object", -2, "readonly", 2, 2, 1, ObjectCommands::object);
        t.add("memory", -2, "readonly", 2, 2, 1, ObjectCommands::memory);
    }

    /**
     * MEMORY USAGE key [SAMPLES n]: an estimate of the bytes the key's records take (key, values
     * and a per-record overhead), or null for a missing key. Only USAGE is known.
     */
    private static void memory(Client c, Args a, RespWriter out) {
        if (!a.is(1, "USAGE")) {
            throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try MEMORY HELP.");
        }
        if (a.size() != 3 && !(a.size() == 5 && a.is(3, "SAMPLES"))) {
            throw new RespError(a.size() < 3 ? "ERR wrong number of arguments for 'memory|usage' command" : RespError.SYNTAX);
        }
        KvDatabase db = c.db();
        byte[] key = a.get(2);
        KvType type = db.type(key);
        if (type == null) {
            out.nullBulk();
            return;
        }
        final long perRecord = 48;
        long bytes = perRecord + key.length + switch (type) {
            case STRING -> db.get(key).length;
            case HASH -> db.hashes().entries(key).stream().mapToLong(e -> perRecord + e[0].length + e[1].length).sum();
            case SET -> db.sets().members(key).stream().mapToLong(m -> perRecord + m.length).sum();
            case ZSET -> db.sortedSets().rangeByRank(key, 0, -1, false).stream().mapToLong(e -> 2 * (perRecord + e.member().length + 8)).sum();
            case LIST -> db.lists().range(key, 0, -1).stream().mapToLong(v -> perRecord + v.length).sum();
        };
        out.integer(bytes);
    }

    private static void object(Client c, Args a, RespWriter out) {
        String sub = a.option(1);
        if (!List.of("ENCODING", "REFCOUNT", "IDLETIME", "FREQ").contains(sub)) {
            throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try OBJECT HELP.");
        }
        if (a.size() != 3) {
            throw ConnectionCommands.wrongArity("object|" + sub.toLowerCase(java.util.Locale.ROOT));
        }
        KvDatabase db = c.db();
        byte[] key = a.get(2);
        KvType type = db.type(key);
        if (type == null) {
            out.nullBulk();
            return;
        }
        switch (sub) {
            case "ENCODING" -> out.bulk(encoding(db, key, type));
            case "REFCOUNT" -> out.integer(1);
            case "IDLETIME" -> out.integer(0);
            default -> throw new RespError("ERR An LFU maxmemory policy is not selected, access frequency not tracked."
                    + " Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
        }
    }

    private static String encoding(KvDatabase db, byte[] key, KvType type) {
        if (type == KvType.STRING) {
            byte[] v = db.get(key);
            return KvDatabase.strictLong(v) != null ? "int" : v.length <= EMBSTR_MAX ? "embstr" : "raw";
        }
        KvEncoding e = db.encoding(key);
        if (e == null) {
            throw new RespError("ERR no such key"); // deleted between TYPE and here
        }
        return e.redisName();
    }
}

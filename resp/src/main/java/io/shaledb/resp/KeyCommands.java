package io.shaledb.resp;

import io.shaledb.kv.ExpireCondition;
import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvType;
import java.util.List;

/** Generic key commands: DEL, UNLINK, EXISTS, TYPE, RENAME(NX), KEYS, SCAN, the EXPIRE family, TTL, PERSIST. */
final class KeyCommands {
    private KeyCommands() {}

    static void register(CommandTable t) {
        t.add("del", -2, "write", 1, -1, 1, (c, a, out) -> out.integer(c.db().delete(a.from(1))));
        t.add("unlink", -2, "write fast", 1, -1, 1, (c, a, out) -> out.integer(c.db().delete(a.from(1))));
        t.add("exists", -2, "readonly fast", 1, -1, 1, (c, a, out) -> out.integer(c.db().exists(a.from(1))));
        t.add("type", 2, "readonly fast", 1, 1, 1, (c, a, out) -> {
            KvType type = c.db().type(a.get(1));
            out.simple(type == null ? "none" : type.redisName());
        });
        t.add("rename", 3, "write", 1, 2, 1, (c, a, out) -> {
            c.db().rename(a.get(1), a.get(2), false);
            out.ok();
        });
        t.add("renamenx", 3, "write fast", 1, 2, 1, (c, a, out) -> out.integer(c.db().rename(a.get(1), a.get(2), true) ? 1 : 0));
        t.add("keys", 2, "readonly", 0, 0, 0, (c, a, out) -> out.bulkArray(c.db().keys(a.get(1))));
        t.add("scan", -2, "readonly", 0, 0, 0, KeyCommands::scan);
        t.add("expire", -3, "write fast", 1, 1, 1, (c, a, out) -> expire(c, a, out, 1000, false));
        t.add("pexpire", -3, "write fast", 1, 1, 1, (c, a, out) -> expire(c, a, out, 1, false));
        t.add("expireat", -3, "write fast", 1, 1, 1, (c, a, out) -> expire(c, a, out, 1000, true));
        t.add("pexpireat", -3, "write fast", 1, 1, 1, (c, a, out) -> expire(c, a, out, 1, true));
        t.add("ttl", 2, "readonly fast", 1, 1, 1, (c, a, out) -> {
            long ms = c.db().ttlMillis(a.get(1));
            out.integer(ms < 0 ? ms : (ms + 500) / 1000);
        });
        t.add("pttl", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().ttlMillis(a.get(1))));
        t.add("expiretime", 2, "readonly fast", 1, 1, 1, (c, a, out) -> {
            long at = c.db().expireTime(a.get(1));
            out.integer(at < 0 ? at : (at + 500) / 1000);
        });
        t.add("pexpiretime", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().expireTime(a.get(1))));
        t.add("persist", 2, "write fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().persist(a.get(1)) ? 1 : 0));
    }

    private static void expire(Client c, Args a, RespWriter out, long unitMillis, boolean absolute) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < a.size(); i++) {
            switch (a.option(i)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> throw new RespError("ERR Unsupported option " + a.string(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new RespError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new RespError("ERR GT and LT options at the same time are not compatible");
        }
        long amount = a.integer(2); // as Redis: the options first, then the number
        ExpireCondition condition = nx ? ExpireCondition.NX : gt ? ExpireCondition.GT
                : lt ? (xx ? ExpireCondition.LT_XX : ExpireCondition.LT)
                : xx ? ExpireCondition.XX : ExpireCondition.ALWAYS;
        long deadline = deadline(amount, unitMillis, absolute, a.name());
        out.integer(c.db().expireAt(a.get(1), deadline, condition) ? 1 : 0);
    }

    /** An EXPIRE-style argument as a deadline in ms since the epoch; overflow is Redis's "invalid expire time". */
    static long deadline(long amount, long unitMillis, boolean absolute, String command) {
        try {
            long ms = Math.multiplyExact(amount, unitMillis);
            return absolute ? ms : Math.addExact(ms, System.currentTimeMillis());
        } catch (ArithmeticException e) {
            throw new RespError("ERR invalid expire time in '" + command + "' command");
        }
    }

    private static void scan(Client c, Args a, RespWriter out) {
        Long cursor = KvDatabase.strictLong(a.get(1));
        if (cursor == null || cursor < 0) {
            throw new RespError("ERR invalid cursor");
        }
        byte[] pattern = null;
        long count = 10;
        KvType type = null;
        boolean unknownType = false;
        for (int i = 2; i < a.size(); i += 2) {
            if (i + 1 >= a.size()) {
                throw new RespError(RespError.SYNTAX);
            }
            switch (a.option(i)) {
                case "MATCH" -> pattern = a.get(i + 1);
                case "COUNT" -> {
                    count = a.integer(i + 1);
                    if (count < 1) {
                        throw new RespError(RespError.SYNTAX);
                    }
                }
                case "TYPE" -> {
                    type = KvType.ofRedisName(a.string(i + 1));
                    unknownType = type == null;
                }
                default -> throw new RespError(RespError.SYNTAX);
            }
        }
        KvDatabase.ScanPage page = c.db().scan(cursor, pattern, count, type);
        out.array(2);
        out.bulk(Long.toString(page.cursor()));
        out.bulkArray(unknownType ? List.of() : page.keys());
    }
}

package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import java.util.ArrayList;
import java.util.List;

/** The hash family: HSET, HSETNX, HGET, HMGET, HDEL, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HINCRBY, HINCRBYFLOAT, HSTRLEN, HSCAN, HRANDFIELD. */
final class HashCommands {
    private HashCommands() {}

    static void register(CommandTable t) {
        t.add("hset", -4, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(hset(c, a, false)));
        t.add("hmset", -4, "write denyoom fast", 1, 1, 1, (c, a, out) -> {
            hset(c, a, false);
            out.ok();
        });
        t.add("hsetnx", 4, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(hset(c, a, true)));
        t.add("hget", 3, "readonly fast", 1, 1, 1, (c, a, out) -> out.bulk(c.db().hashes().get(a.get(1), a.get(2))));
        t.add("hmget", -3, "readonly fast", 1, 1, 1, (c, a, out) -> out.bulkArray(c.db().hashes().mget(a.get(1), a.from(2))));
        t.add("hdel", -3, "write fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().hashes().delete(a.get(1), a.from(2))));
        t.add("hlen", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().hashes().length(a.get(1))));
        t.add("hexists", 3, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().hashes().exists(a.get(1), a.get(2)) ? 1 : 0));
        t.add("hstrlen", 3, "readonly fast", 1, 1, 1, (c, a, out) -> {
            byte[] v = c.db().hashes().get(a.get(1), a.get(2));
            out.integer(v == null ? 0 : v.length);
        });
        t.add("hgetall", 2, "readonly", 1, 1, 1, (c, a, out) -> {
            List<byte[][]> entries = c.db().hashes().entries(a.get(1));
            out.map(entries.size());
            for (byte[][] e : entries) {
                out.bulk(e[0]);
                out.bulk(e[1]);
            }
        });
        t.add("hkeys", 2, "readonly", 1, 1, 1, (c, a, out) -> out.bulkArray(column(c, a, 0)));
        t.add("hvals", 2, "readonly", 1, 1, 1, (c, a, out) -> out.bulkArray(column(c, a, 1)));
        t.add("hincrby", 4, "write denyoom fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().hashes().incrBy(a.get(1), a.get(2), a.integer(3))));
        t.add("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, (c, a, out) -> {
            if (KvDatabase.isInfinity(a.get(3))) { // Redis parses it, then refuses it before looking at the key
                throw new RespError("ERR value is NaN or Infinity");
            }
            out.bulk(c.db().hashes().incrByFloat(a.get(1), a.get(2), KvDatabase.parseDecimal(a.get(3))));
        });
        t.add("hscan", -3, "readonly random", 1, 1, 1, (c, a, out) ->
                CollectionScan.run(a, out, (cursor, pattern, count) -> c.db().hashes().scan(a.get(1), cursor, pattern, count), 2,
                        (o, e) -> {
                            o.bulk(e[0]);
                            o.bulk(e[1]);
                        }));
        t.add("hrandfield", -2, "readonly random", 1, 1, 1, HashCommands::hrandfield);
    }

    /** HRANDFIELD key [count [WITHVALUES]]: pairs are arrays of two in RESP3, flat in RESP2. */
    private static void hrandfield(Client c, Args a, RespWriter out) {
        if (a.size() == 2) {
            List<byte[][]> got = c.db().hashes().random(a.get(1), 1);
            out.bulk(got.isEmpty() ? null : got.getFirst()[0]);
            return;
        }
        long count = SetCommands.randomCount(a);
        if (a.size() > 4 || a.size() == 4 && !a.is(3, "WITHVALUES")) {
            throw new RespError(RespError.SYNTAX);
        }
        boolean withValues = a.size() == 4;
        if (withValues) {
            SetCommands.pairedCount(count);
        }
        List<byte[][]> got = c.db().hashes().random(a.get(1), count);
        out.array(withValues && out.protocol() == 2 ? got.size() * 2 : got.size());
        for (byte[][] e : got) {
            if (!withValues) {
                out.bulk(e[0]);
                continue;
            }
            if (out.protocol() == 3) {
                out.array(2);
            }
            out.bulk(e[0]);
            out.bulk(e[1]);
        }
    }

    private static long hset(Client c, Args a, boolean onlyIfAbsent) {
        if (a.size() % 2 != 0) {
            throw ConnectionCommands.wrongArity(a.name());
        }
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 2; i < a.size(); i += 2) {
            fields.add(a.get(i));
            values.add(a.get(i + 1));
        }
        return c.db().hashes().set(a.get(1), fields, values, onlyIfAbsent);
    }

    private static List<byte[]> column(Client c, Args a, int which) {
        return c.db().hashes().entries(a.get(1)).stream().map(e -> e[which]).toList();
    }
}

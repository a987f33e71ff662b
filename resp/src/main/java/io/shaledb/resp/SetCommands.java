package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvSets;
import java.util.List;

/**
 * The set family: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE,
 * SINTER, SUNION, SDIFF, their STORE forms, SINTERCARD and SSCAN. Whole sets are RESP3 sets
 * ({@code ~}), arrays in RESP2.
 */
final class SetCommands {
    private SetCommands() {}

    static void register(CommandTable t) {
        t.add("sadd", -3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().sets().add(a.get(1), a.from(2))));
        t.add("srem", -3, "write fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().sets().remove(a.get(1), a.from(2))));
        t.add("smembers", 2, "readonly", 1, 1, 1, (c, a, out) -> set(out, c.db().sets().members(a.get(1))));
        t.add("sismember", 3, "readonly fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().sets().contains(a.get(1), List.of(a.get(2))).getFirst() ? 1 : 0));
        t.add("smismember", -3, "readonly fast", 1, 1, 1, (c, a, out) -> {
            List<Boolean> in = c.db().sets().contains(a.get(1), a.from(2));
            out.array(in.size());
            in.forEach(b -> out.integer(b ? 1 : 0));
        });
        t.add("scard", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().sets().card(a.get(1))));
        t.add("spop", -2, "write random fast", 1, 1, 1, SetCommands::spop);
        t.add("srandmember", -2, "readonly random", 1, 1, 1, SetCommands::srandmember);
        t.add("smove", 4, "write fast", 1, 2, 1, (c, a, out) -> out.integer(c.db().sets().move(a.get(1), a.get(2), a.get(3)) ? 1 : 0));
        t.add("sinter", -2, "readonly", 1, -1, 1, (c, a, out) -> set(out, c.db().sets().combine(KvSets.Op.INTER, a.from(1))));
        t.add("sunion", -2, "readonly", 1, -1, 1, (c, a, out) -> set(out, c.db().sets().combine(KvSets.Op.UNION, a.from(1))));
        t.add("sdiff", -2, "readonly", 1, -1, 1, (c, a, out) -> set(out, c.db().sets().combine(KvSets.Op.DIFF, a.from(1))));
        t.add("sinterstore", -3, "write denyoom", 1, -1, 1, (c, a, out) -> store(c, a, out, KvSets.Op.INTER));
        t.add("sunionstore", -3, "write denyoom", 1, -1, 1, (c, a, out) -> store(c, a, out, KvSets.Op.UNION));
        t.add("sdiffstore", -3, "write denyoom", 1, -1, 1, (c, a, out) -> store(c, a, out, KvSets.Op.DIFF));
        t.add("sintercard", -3, "readonly", 0, 0, 0, SetCommands::sintercard);
        t.add("sscan", -3, "readonly random", 1, 1, 1, (c, a, out) ->
                CollectionScan.run(a, out, (cursor, pattern, count) -> c.db().sets().scan(a.get(1), cursor, pattern, count), 1,
                        (o, e) -> o.bulk(e[0])));
    }

    private static void set(RespWriter out, List<byte[]> members) {
        out.set(members.size());
        members.forEach(out::bulk);
    }

    private static void store(Client c, Args a, RespWriter out, KvSets.Op op) {
        out.integer(c.db().sets().combineStore(op, a.get(1), a.from(2)));
    }

    private static void spop(Client c, Args a, RespWriter out) {
        if (a.size() > 3) {
            throw new RespError(RespError.SYNTAX);
        }
        if (a.size() == 2) {
            List<byte[]> got = c.db().sets().pop(a.get(1), 1);
            out.bulk(got == null || got.isEmpty() ? null : got.getFirst());
            return;
        }
        long count = ListCommands.positiveCount(a, 2);
        List<byte[]> got = c.db().sets().pop(a.get(1), count);
        set(out, got == null ? List.of() : got);
    }

    private static void srandmember(Client c, Args a, RespWriter out) {
        if (a.size() > 3) {
            throw new RespError(RespError.SYNTAX);
        }
        if (a.size() == 2) {
            List<byte[]> got = c.db().sets().random(a.get(1), 1);
            out.bulk(got.isEmpty() ? null : got.getFirst());
            return;
        }
        out.bulkArray(c.db().sets().random(a.get(1), randomCount(a)));
    }

    /** The count of SRANDMEMBER, HRANDFIELD and ZRANDMEMBER (argument 2): -LONG_MAX..LONG_MAX, checked first. */
    static long randomCount(Args a) {
        long count = a.integer(2);
        if (count == Long.MIN_VALUE) {
            throw new RespError("ERR value is out of range, value must between " + -Long.MAX_VALUE + " and " + Long.MAX_VALUE);
        }
        return count;
    }

    /** With WITHVALUES / WITHSCORES the count (after the syntax check) must also be within half the range. */
    static long pairedCount(long count) {
        if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
            throw new RespError("ERR value is out of range");
        }
        return count;
    }

    /** SINTERCARD and ZINTERCARD's arguments: numkeys key [key ...] [LIMIT limit]. */
    record InterCard(List<byte[]> keys, long limit) {
        static InterCard parse(Args a, String zeroKeysError) {
            return parse(a, zeroKeysError, keys -> { });
        }

        /** {@code beforeOptions} sees the keys before LIMIT is parsed (ZINTERCARD type-checks them there). */
        static InterCard parse(Args a, String zeroKeysError, java.util.function.Consumer<List<byte[]>> beforeOptions) {
            Long n = KvDatabase.strictLong(a.get(1));
            if (n == null) {
                throw new RespError("ERR numkeys should be greater than 0");
            }
            if (n <= 0) {
                throw new RespError(zeroKeysError);
            }
            if (n > a.size() - 2) {
                throw new RespError("ERR Number of keys can't be greater than number of args");
            }
            int i = 2 + n.intValue();
            beforeOptions.accept(a.all().subList(2, i));
            long limit = 0;
            for (; i < a.size(); i += 2) {
                if (!a.is(i, "LIMIT") || i + 1 >= a.size()) {
                    throw new RespError(RespError.SYNTAX);
                }
                Long l = KvDatabase.strictLong(a.get(i + 1));
                if (l == null || l < 0) {
                    throw new RespError("ERR LIMIT can't be negative");
                }
                limit = l;
            }
            return new InterCard(a.all().subList(2, 2 + n.intValue()), limit);
        }
    }

    private static void sintercard(Client c, Args a, RespWriter out) {
        InterCard p = InterCard.parse(a, "ERR numkeys should be greater than 0");
        out.integer(c.db().sets().intersectionSize(p.keys(), p.limit()));
    }
}

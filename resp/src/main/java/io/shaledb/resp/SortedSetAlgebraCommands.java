package io.shaledb.resp;

import io.shaledb.kv.KvException;
import io.shaledb.kv.KvSortedSetAlgebra;
import io.shaledb.kv.KvSortedSetAlgebra.Aggregate;
import io.shaledb.kv.KvSortedSetAlgebra.Op;
import io.shaledb.kv.RedisDouble;
import java.util.List;
import java.util.Locale;

/** ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and ZINTERCARD. */
final class SortedSetAlgebraCommands {
    private SortedSetAlgebraCommands() {}

    static void register(CommandTable t) {
        t.add("zunion", -3, "readonly", 0, 0, 0, (c, a, out) -> combine(c, a, out, Op.UNION, false));
        t.add("zinter", -3, "readonly", 0, 0, 0, (c, a, out) -> combine(c, a, out, Op.INTER, false));
        t.add("zdiff", -3, "readonly", 0, 0, 0, (c, a, out) -> combine(c, a, out, Op.DIFF, false));
        t.add("zunionstore", -4, "write denyoom", 1, 1, 1, (c, a, out) -> combine(c, a, out, Op.UNION, true));
        t.add("zinterstore", -4, "write denyoom", 1, 1, 1, (c, a, out) -> combine(c, a, out, Op.INTER, true));
        t.add("zdiffstore", -4, "write denyoom", 1, 1, 1, (c, a, out) -> combine(c, a, out, Op.DIFF, true));
        t.add("zintercard", -3, "readonly", 0, 0, 0, (c, a, out) -> {
            SetCommands.InterCard p = SetCommands.InterCard.parse(a, "ERR at least 1 input key is needed for 'zintercard' command",
                    keys -> c.db().sortedSetAlgebra().checkInputs(keys));
            out.integer(c.db().sortedSetAlgebra().intersectionSize(p.keys(), p.limit()));
        });
    }

    /** {@code [dst] numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]}, parsed in Redis's order. */
    private static void combine(Client c, Args a, RespWriter out, Op op, boolean store) {
        int numKeysAt = store ? 2 : 1;
        long n = a.integer(numKeysAt);
        if (n < 1) {
            throw new RespError("ERR at least 1 input key is needed for '" + a.name() + "' command");
        }
        if (n > a.size() - numKeysAt - 1) {
            throw new RespError(RespError.SYNTAX);
        }
        int keysEnd = numKeysAt + 1 + (int) n;
        List<byte[]> keys = a.all().subList(numKeysAt + 1, keysEnd);
        c.db().sortedSetAlgebra().checkInputs(keys); // as Redis: WRONGTYPE before the options are parsed
        double[] weights = null;
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        for (int j = keysEnd; j < a.size(); j++) {
            int remaining = a.size() - j;
            if (op != Op.DIFF && remaining >= n + 1 && a.is(j, "WEIGHTS")) {
                weights = new double[(int) n];
                for (int i = 0; i < n; i++) {
                    j++;
                    try {
                        weights[i] = RedisDouble.parse(a.get(j));
                    } catch (KvException e) {
                        throw new RespError("ERR weight value is not a float");
                    }
                }
            } else if (op != Op.DIFF && remaining >= 2 && a.is(j, "AGGREGATE")) {
                j++;
                aggregate = switch (a.option(j).toUpperCase(Locale.ROOT)) {
                    case "SUM" -> Aggregate.SUM;
                    case "MIN" -> Aggregate.MIN;
                    case "MAX" -> Aggregate.MAX;
                    default -> throw new RespError(RespError.SYNTAX);
                };
            } else if (!store && a.is(j, "WITHSCORES")) {
                withScores = true;
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        KvSortedSetAlgebra algebra = c.db().sortedSetAlgebra();
        if (store) {
            out.integer(algebra.combineStore(op, a.get(1), keys, weights, aggregate));
        } else {
            SortedSetRangeCommands.entries(out, algebra.combine(op, keys, weights, aggregate), withScores);
        }
    }
}

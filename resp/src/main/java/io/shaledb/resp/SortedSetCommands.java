package io.shaledb.resp;

import io.shaledb.kv.KvSortedSets;
import io.shaledb.kv.RedisDouble;
import java.util.ArrayList;
import java.util.List;

/** The sorted-set basics: ZADD, ZINCRBY, ZSCORE, ZCARD, ZREM (ranges are in {@link SortedSetRangeCommands}). */
final class SortedSetCommands {
    private SortedSetCommands() {}

    static void register(CommandTable t) {
        t.add("zadd", -4, "write denyoom fast", 1, 1, 1, SortedSetCommands::zadd);
        t.add("zincrby", 4, "write denyoom fast", 1, 1, 1, (c, a, out) -> {
            double by = RedisDouble.parse(a.get(2));
            KvSortedSets.AddResult r = c.db().sortedSets().add(a.get(1), List.of(by), List.of(a.get(3)),
                    new KvSortedSets.AddOptions(false, false, false, false, false, true));
            score(out, r.score());
        });
        t.add("zscore", 3, "readonly fast", 1, 1, 1, (c, a, out) -> score(out, c.db().sortedSets().score(a.get(1), a.get(2))));
        t.add("zcard", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().sortedSets().card(a.get(1))));
        t.add("zrem", -3, "write fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().sortedSets().remove(a.get(1), a.from(2))));
    }

    /** A score reply: a bulk string in RESP2 (Redis 7.0's %.17g), a double in RESP3. */
    static void score(RespWriter out, Double d) {
        if (d == null) {
            out.nullBulk();
        } else if (out.protocol() == 3) {
            out.doubleValue(RedisDouble.format(d));
        } else {
            out.bulk(RedisDouble.format(d));
        }
    }

    private static void zadd(Client c, Args a, RespWriter out) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < a.size(); i++) { // flags come first; the first score ends them
            String opt = a.option(i);
            if (opt.equals("NX")) {
                nx = true;
            } else if (opt.equals("XX")) {
                xx = true;
            } else if (opt.equals("GT")) {
                gt = true;
            } else if (opt.equals("LT")) {
                lt = true;
            } else if (opt.equals("CH")) {
                ch = true;
            } else if (opt.equals("INCR")) {
                incr = true;
            } else {
                break;
            }
        }
        int pairs = a.size() - i;
        if (pairs == 0 || pairs % 2 != 0) {
            throw new RespError(RespError.SYNTAX);
        }
        if (nx && xx) {
            throw new RespError("ERR XX and NX options at the same time are not compatible");
        }
        if (gt && nx || lt && nx || gt && lt) {
            throw new RespError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && pairs > 2) {
            throw new RespError("ERR INCR option supports a single increment-element pair");
        }
        List<Double> scores = new ArrayList<>();
        List<byte[]> members = new ArrayList<>();
        for (int j = i; j < a.size(); j += 2) {
            scores.add(RedisDouble.parse(a.get(j)));
            members.add(a.get(j + 1));
        }
        KvSortedSets.AddResult r = c.db().sortedSets().add(a.get(1), scores, members,
                new KvSortedSets.AddOptions(nx, xx, gt, lt, ch, incr));
        if (incr) {
            score(out, r.score());
        } else {
            out.integer(r.count());
        }
    }
}

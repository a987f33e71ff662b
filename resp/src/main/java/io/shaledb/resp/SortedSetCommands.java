package io.shaledb.resp;

import io.shaledb.kv.KvSortedSets;
import io.shaledb.kv.RedisDouble;
import java.util.ArrayList;
import java.util.List;

/** The sorted-set family so far: ZADD, ZINCRBY, ZSCORE, ZCARD, ZREM, ZRANGE (by rank), ZREVRANGE, ZRANK, ZREVRANK. */
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
        t.add("zrange", -4, "readonly", 1, 1, 1, (c, a, out) -> range(c, a, out, false, true));
        t.add("zrevrange", -4, "readonly", 1, 1, 1, (c, a, out) -> range(c, a, out, true, false));
        t.add("zrank", 3, "readonly fast", 1, 1, 1, (c, a, out) -> rank(c, a, out, false));
        t.add("zrevrank", 3, "readonly fast", 1, 1, 1, (c, a, out) -> rank(c, a, out, true));
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

    private static void range(Client c, Args a, RespWriter out, boolean reverse, boolean modern) {
        boolean withScores = false;
        for (int i = 4; i < a.size(); i++) {
            if (a.is(i, "WITHSCORES")) {
                withScores = true;
            } else if (modern && a.is(i, "REV")) {
                reverse = true;
            } else if (modern && (a.is(i, "BYSCORE") || a.is(i, "BYLEX") || a.is(i, "LIMIT"))) {
                throw new RespError("ERR ZRANGE " + a.option(i) + " is not supported yet");
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        List<KvSortedSets.Entry> entries = c.db().sortedSets().rangeByRank(a.get(1), a.integer(2), a.integer(3), reverse);
        if (!withScores) {
            out.array(entries.size());
            entries.forEach(e -> out.bulk(e.member()));
        } else if (out.protocol() == 3) {
            out.array(entries.size());
            for (KvSortedSets.Entry e : entries) {
                out.array(2);
                out.bulk(e.member());
                score(out, e.score());
            }
        } else {
            out.array(entries.size() * 2);
            for (KvSortedSets.Entry e : entries) {
                out.bulk(e.member());
                score(out, e.score());
            }
        }
    }

    private static void rank(Client c, Args a, RespWriter out, boolean reverse) {
        Long r = c.db().sortedSets().rank(a.get(1), a.get(2), reverse);
        if (r == null) {
            out.nullBulk();
        } else {
            out.integer(r);
        }
    }
}

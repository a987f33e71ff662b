package io.shaledb.resp;

import io.shaledb.kv.KvException;
import io.shaledb.kv.KvSortedSetRanges;
import io.shaledb.kv.KvSortedSetRanges.ByLex;
import io.shaledb.kv.KvSortedSetRanges.ByRank;
import io.shaledb.kv.KvSortedSetRanges.ByScore;
import io.shaledb.kv.KvSortedSetRanges.LexBound;
import io.shaledb.kv.KvSortedSetRanges.Query;
import io.shaledb.kv.KvSortedSetRanges.ScoreBound;
import io.shaledb.kv.KvSortedSetRanges.Window;
import io.shaledb.kv.KvSortedSets;
import io.shaledb.kv.RedisDouble;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted-set commands that select ranges: ZRANGE (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES),
 * ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX, ZRANGESTORE, ZCOUNT,
 * ZLEXCOUNT, ZREMRANGEBYRANK/SCORE/LEX, ZPOPMIN, ZPOPMAX, ZMPOP, BZPOPMIN, BZPOPMAX, BZMPOP,
 * ZRANK/ZREVRANK (WITHSCORE), ZMSCORE, ZRANDMEMBER and ZSCAN. The ZRANGE family shares one parser,
 * as in Redis, so the old command names accept and refuse the same options Redis's do.
 */
final class SortedSetRangeCommands {
    private SortedSetRangeCommands() {}

    private enum Kind { AUTO, RANK, SCORE, LEX }

    static void register(CommandTable t) {
        t.add("zrange", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.AUTO, false));
        t.add("zrevrange", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.RANK, true));
        t.add("zrangebyscore", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.SCORE, false));
        t.add("zrevrangebyscore", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.SCORE, true));
        t.add("zrangebylex", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.LEX, false));
        t.add("zrevrangebylex", -4, "readonly", 1, 1, 1, (c, a, out) -> zrange(c, a, out, 1, null, Kind.LEX, true));
        t.add("zrangestore", -5, "write denyoom", 1, 2, 1, (c, a, out) -> zrange(c, a, out, 2, a.get(1), Kind.AUTO, false));
        t.add("zcount", 4, "readonly fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().sortedSetRanges().count(a.get(1), scoreRange(a.get(2), a.get(3)))));
        t.add("zlexcount", 4, "readonly fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().sortedSetRanges().count(a.get(1), lexRange(a.get(2), a.get(3)))));
        t.add("zremrangebyrank", 4, "write", 1, 1, 1, (c, a, out) -> {
            long start = a.integer(2);
            long stop = a.integer(3);
            out.integer(c.db().sortedSetRanges().removeRange(a.get(1), new ByRank(start, stop)));
        });
        t.add("zremrangebyscore", 4, "write", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().sortedSetRanges().removeRange(a.get(1), scoreRange(a.get(2), a.get(3)))));
        t.add("zremrangebylex", 4, "write", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().sortedSetRanges().removeRange(a.get(1), lexRange(a.get(2), a.get(3)))));
        t.add("zpopmin", -2, "write fast", 1, 1, 1, (c, a, out) -> zpop(c, a, out, false));
        t.add("zpopmax", -2, "write fast", 1, 1, 1, (c, a, out) -> zpop(c, a, out, true));
        t.add("zmpop", -4, "write", 0, 0, 0, (c, a, out) -> zmpop(c, a, out, 1, Long.MIN_VALUE));
        t.add("bzmpop", -5, "write blocking", 0, 0, 0, (c, a, out) -> zmpop(c, a, out, 2, Blocking.deadline(a, 1)));
        t.add("bzpopmin", -3, "write noscript blocking fast", 1, -2, 1, (c, a, out) -> bzpop(c, a, out, false));
        t.add("bzpopmax", -3, "write noscript blocking fast", 1, -2, 1, (c, a, out) -> bzpop(c, a, out, true));
        t.add("zrank", -3, "readonly fast", 1, 1, 1, (c, a, out) -> rank(c, a, out, false));
        t.add("zrevrank", -3, "readonly fast", 1, 1, 1, (c, a, out) -> rank(c, a, out, true));
        t.add("zmscore", -3, "readonly fast", 1, 1, 1, (c, a, out) -> {
            List<Double> scores = c.db().sortedSetRanges().scores(a.get(1), a.from(2));
            out.array(scores.size());
            scores.forEach(s -> SortedSetCommands.score(out, s));
        });
        t.add("zrandmember", -2, "readonly random", 1, 1, 1, SortedSetRangeCommands::zrandmember);
        t.add("zscan", -3, "readonly random", 1, 1, 1, (c, a, out) ->
                CollectionScan.run(a, out, (cursor, pattern, count) -> c.db().sortedSetRanges().scan(a.get(1), cursor, pattern, count), 2,
                        (o, e) -> {
                            o.bulk(e[0]);
                            o.bulk(RedisDouble.format(KvSortedSetRanges.scoreOf(e[1])));
                        }));
    }

    // ------------------------------------------------------------------ ZRANGE and friends

    /**
     * The shared ZRANGE parser: {@code key min max} start at {@code keyAt}; {@code dst} non-null for
     * ZRANGESTORE; {@code preset} and {@code rev} are what the old command names imply.
     */
    private static void zrange(Client c, Args a, RespWriter out, int keyAt, byte[] dst, Kind preset, boolean rev) {
        Kind kind = preset;
        boolean reverse = rev;
        boolean directionSet = rev || preset != Kind.AUTO; // only ZRANGE and ZRANGESTORE take REV
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyAt + 3; j < a.size(); j++) {
            int left = a.size() - j - 1;
            if (dst == null && a.is(j, "WITHSCORES")) {
                withScores = true;
            } else if (a.is(j, "LIMIT") && left >= 2) {
                offset = a.integer(j + 1);
                limit = a.integer(j + 2);
                j += 2;
            } else if (!directionSet && a.is(j, "REV")) {
                reverse = true;
                directionSet = true;
            } else if (kind == Kind.AUTO && a.is(j, "BYLEX")) {
                kind = Kind.LEX;
            } else if (kind == Kind.AUTO && a.is(j, "BYSCORE")) {
                kind = Kind.SCORE;
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        if (kind == Kind.AUTO) {
            kind = Kind.RANK;
        }
        if (limit != -1 && kind == Kind.RANK) {
            throw new RespError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && kind == Kind.LEX) {
            throw new RespError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] min = a.get(keyAt + 1);
        byte[] max = a.get(keyAt + 2);
        if (reverse && kind != Kind.RANK) { // the range is given as max, min
            byte[] swap = min;
            min = max;
            max = swap;
        }
        Query q = switch (kind) {
            case SCORE -> scoreRange(min, max);
            case LEX -> lexRange(min, max);
            default -> new ByRank(a.integer(keyAt + 1), a.integer(keyAt + 2));
        };
        // with ranks only "LIMIT x -1" gets this far, and Redis then ignores the offset too
        Window w = kind == Kind.RANK ? new Window(reverse, 0, -1) : new Window(reverse, offset, limit);
        if (dst != null) {
            out.integer(c.db().sortedSetRanges().rangeStore(dst, a.get(keyAt), q, w));
            return;
        }
        entries(out, c.db().sortedSetRanges().range(a.get(keyAt), q, w), withScores);
    }

    /** Members, or member-score pairs (RESP3: an array of pairs; RESP2: flat). */
    static void entries(RespWriter out, List<KvSortedSets.Entry> entries, boolean withScores) {
        if (!withScores) {
            out.array(entries.size());
            entries.forEach(e -> out.bulk(e.member()));
        } else if (out.protocol() == 3) {
            out.array(entries.size());
            for (KvSortedSets.Entry e : entries) {
                out.array(2);
                out.bulk(e.member());
                SortedSetCommands.score(out, e.score());
            }
        } else {
            out.array(entries.size() * 2);
            for (KvSortedSets.Entry e : entries) {
                out.bulk(e.member());
                SortedSetCommands.score(out, e.score());
            }
        }
    }

    static ByScore scoreRange(byte[] min, byte[] max) {
        try {
            return new ByScore(scoreBound(min), scoreBound(max));
        } catch (KvException e) {
            throw new RespError("ERR min or max is not a float");
        }
    }

    private static ScoreBound scoreBound(byte[] b) {
        boolean exclusive = b.length > 0 && b[0] == '(';
        return new ScoreBound(RedisDouble.parse(exclusive ? Arrays.copyOfRange(b, 1, b.length) : b), exclusive);
    }

    static ByLex lexRange(byte[] min, byte[] max) {
        LexBound lo = lexBound(min);
        LexBound hi = lexBound(max);
        if (lo == null || hi == null) {
            throw new RespError("ERR min or max not valid string range item");
        }
        return new ByLex(lo, hi);
    }

    private static LexBound lexBound(byte[] b) {
        if (b.length == 1 && (b[0] == '-' || b[0] == '+')) {
            return new LexBound(null, false, b[0] == '-' ? -1 : 1);
        }
        if (b.length >= 1 && (b[0] == '(' || b[0] == '[')) {
            return new LexBound(Arrays.copyOfRange(b, 1, b.length), b[0] == '(', 0);
        }
        return null;
    }

    // ------------------------------------------------------------------ pops

    private static void zpop(Client c, Args a, RespWriter out, boolean max) {
        if (a.size() > 3) {
            throw new RespError(RespError.SYNTAX);
        }
        long count = a.size() == 3 ? ListCommands.positiveCount(a, 2) : 1;
        KvSortedSetRanges.Popped got = c.db().sortedSetRanges().pop(List.of(a.get(1)), max, count);
        List<KvSortedSets.Entry> entries = got == null ? List.of() : got.entries();
        if (a.size() == 3) {
            entries(out, entries, true);
            return;
        }
        out.array(entries.size() * 2); // without a count: a flat member, score even in RESP3
        for (KvSortedSets.Entry e : entries) {
            out.bulk(e.member());
            SortedSetCommands.score(out, e.score());
        }
    }

    private static void zmpop(Client c, Args a, RespWriter out, int numKeysAt, long deadline) {
        MultiPop p = MultiPop.parse(a, numKeysAt, "MIN", "MAX");
        KvSortedSetRanges.Popped got = deadline == Long.MIN_VALUE
                ? c.db().sortedSetRanges().pop(p.keys(), !p.first(), p.count())
                : Blocking.await(c, p.keys(), deadline, () -> c.db().sortedSetRanges().pop(p.keys(), !p.first(), p.count()));
        if (got == null) {
            out.nullArray();
            return;
        }
        out.array(2);
        out.bulk(got.key());
        out.array(got.entries().size());
        for (KvSortedSets.Entry e : got.entries()) {
            out.array(2);
            out.bulk(e.member());
            SortedSetCommands.score(out, e.score());
        }
    }

    private static void bzpop(Client c, Args a, RespWriter out, boolean max) {
        long deadline = Blocking.deadline(a, a.size() - 1);
        List<byte[]> keys = a.all().subList(1, a.size() - 1);
        KvSortedSetRanges.Popped got = Blocking.await(c, keys, deadline, () -> c.db().sortedSetRanges().pop(keys, max, 1));
        if (got == null) {
            out.nullArray();
            return;
        }
        out.array(3);
        out.bulk(got.key());
        out.bulk(got.entries().getFirst().member());
        SortedSetCommands.score(out, got.entries().getFirst().score());
    }

    // ------------------------------------------------------------------ single members, random

    private static void rank(Client c, Args a, RespWriter out, boolean reverse) {
        if (a.size() > 4 || a.size() == 4 && !a.is(3, "WITHSCORE")) {
            throw new RespError(RespError.SYNTAX);
        }
        if (a.size() == 3) {
            Long r = c.db().sortedSets().rank(a.get(1), a.get(2), reverse);
            if (r == null) {
                out.nullBulk();
            } else {
                out.integer(r);
            }
            return;
        }
        KvSortedSetRanges.RankScore r = c.db().sortedSetRanges().rankWithScore(a.get(1), a.get(2), reverse);
        if (r == null) {
            out.nullArray();
            return;
        }
        out.array(2);
        out.integer(r.rank());
        SortedSetCommands.score(out, r.score());
    }

    private static void zrandmember(Client c, Args a, RespWriter out) {
        if (a.size() == 2) {
            List<KvSortedSets.Entry> got = c.db().sortedSetRanges().random(a.get(1), 1);
            out.bulk(got.isEmpty() ? null : got.getFirst().member());
            return;
        }
        long count = SetCommands.randomCount(a);
        if (a.size() > 4 || a.size() == 4 && !a.is(3, "WITHSCORES")) {
            throw new RespError(RespError.SYNTAX);
        }
        if (a.size() == 4) {
            SetCommands.pairedCount(count);
        }
        entries(out, c.db().sortedSetRanges().random(a.get(1), count), a.size() == 4);
    }
}

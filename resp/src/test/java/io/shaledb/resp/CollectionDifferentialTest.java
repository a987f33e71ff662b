package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection families (lists, sets, sorted-set ranges and algebra, HSCAN/HRANDFIELD, the
 * blocking pops with short timeouts) as random command sequences against ShaleDB and a real
 * redis-server, in RESP2 and RESP3; replies must be equal. Keys are shared across types, so
 * WRONGTYPE paths are exercised. Replies whose order Redis leaves to its encoding (SMEMBERS, the
 * set algebra, SCAN pages) are compared sorted; random picks (SRANDMEMBER -n ...) by size only;
 * SPOP and ZRANDMEMBER only where the result is determined (count above the size). Lex ranges
 * run on a key whose members all score 0, the case Redis defines.
 * {@code -Dresp.diff.ops=N} (default 3000) and {@code -Dresp.diff.seed=S} size and seed it.
 */
class CollectionDifferentialTest {
    private static final Logger log = LoggerFactory.getLogger(CollectionDifferentialTest.class);
    private static final String[] KEYS = {"a", "b", "c", "l1", "l2", "s1", "s2", "z1", "z2"};
    private static final String[] ELEMENTS = {"x", "y", "hello", "0", "1", "10", "-3", "m0", "m1", "m2"};
    private static final String[] SCORES = {"1", "1.5", "-2", "0", "3", "1e3", "inf", "-inf", "abc", "2"};
    private static final String[] BOUNDS = {"1", "(1", "-inf", "+inf", "0", "(2", "1.5", "3", "x", "(inf"};
    private static final String[] LEX = {"-", "+", "[a", "(a", "[m", "(m1", "[z", "x", "[", "("};
    private static final String[] INTS = {"0", "1", "2", "-1", "-2", "3", "5", "-5", "x", "100"};
    private static final Set<String> SORTED = Set.of("SMEMBERS", "SINTER", "SUNION", "SDIFF", "HKEYS", "HVALS");

    @TempDir
    Path tmp;

    @Test
    void resp2() throws Exception {
        run(2, Integer.getInteger("resp.diff.ops", 3000));
    }

    @Test
    void resp3() throws Exception {
        run(3, Integer.getInteger("resp.diff.ops", 3000) / 2);
    }

    /** The option checks of the ZRANGE family (only ZRANGE and ZRANGESTORE take REV, BYSCORE, BYLEX). */
    @Test
    void zrangeOptionErrors() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the differential test");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            for (RawClient c : List.of(theirs, ours)) {
                c.call("ZADD", "z", "1", "a", "2", "b");
            }
            String[][] calls = {{"ZRANGE", "z", "0", "-1", "LIMIT", "1", "2"}, {"ZRANGE", "z", "0", "-1", "BYLEX", "WITHSCORES"},
                {"ZREVRANGE", "z", "0", "-1", "BYSCORE"}, {"ZRANGEBYSCORE", "z", "0", "-1", "REV"}, {"ZRANGEBYLEX", "z", "-", "+", "REV"},
                {"ZREVRANGEBYSCORE", "z", "+inf", "-inf", "REV"}, {"ZRANGE", "z", "0", "-1", "REV", "REV"},
                {"ZRANGESTORE", "d", "z", "0", "-1", "REV"}, {"ZRANGE", "z", "(1", "+inf", "BYSCORE", "REV"}};
            for (String[] call : calls) {
                assertThat(ours.call(call)).as("%s", List.of(call)).isEqualTo(theirs.call(call));
            }
        }
    }

    private void run(int protocol, int ops) throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the differential test");
        long seed = Long.getLong("resp.diff.seed", 20261126L) + protocol;
        log.info("collection differential test: RESP{}, {} commands, seed {}", protocol, ops, seed);
        Random r = new Random(seed);
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            theirs.distinguishNulls = true;
            ours.distinguishNulls = true;
            if (protocol == 3) {
                theirs.call("HELLO", "3");
                ours.call("HELLO", "3");
            }
            for (int i = 0; i < ops; i++) {
                List<String> cmd = randomCommand(r);
                Object expected = normalize(cmd, call(theirs, cmd));
                Object actual = normalize(cmd, call(ours, cmd));
                assertThat(actual).as("RESP%d command #%d %s (seed %d)", protocol, i, cmd, seed).isEqualTo(expected);
            }
        }
    }

    // ------------------------------------------------------------------ comparing

    /**
     * Sends {@code cmd}; a *SCAN is followed to the end (cursors differ: Redis pages its hash
     * tables by bucket), its reply being ["0", every item of every page].
     */
    private static Object call(RawClient c, List<String> cmd) throws java.io.IOException {
        Object reply = c.call(cmd.toArray(String[]::new));
        if (!cmd.get(0).endsWith("SCAN") || !(reply instanceof List<?> page)) {
            return reply;
        }
        List<Object> items = new ArrayList<>((List<?>) page.get(1));
        List<String> next = new ArrayList<>(cmd);
        for (int pages = 0; !"0".equals(page.get(0)) && pages < 1000; pages++) {
            next.set(2, (String) page.get(0));
            page = (List<?>) c.call(next.toArray(String[]::new));
            items.addAll((List<?>) page.get(1));
        }
        return List.of(page.get(0), items);
    }

    private static Object normalize(List<String> cmd, Object reply) {
        if (!(reply instanceof List<?> list)) {
            return reply;
        }
        String name = cmd.get(0);
        if (SORTED.contains(name) || name.equals("SPOP") || name.equals("SRANDMEMBER") && !cmd.get(2).startsWith("-")
                || name.equals("HRANDFIELD") && cmd.size() == 3 && !cmd.get(2).startsWith("-")
                || name.equals("ZRANDMEMBER") && cmd.size() == 3 && !cmd.get(2).startsWith("-")) {
            return sorted(list);
        }
        if (name.endsWith("RANDMEMBER") || name.equals("HRANDFIELD")) {
            return "size " + list.size();
        }
        if (name.endsWith("SCAN")) {
            List<Object> page = new ArrayList<>();
            page.add(list.get(0));
            page.add(name.equals("SSCAN") ? sorted((List<?>) list.get(1)) : pairsSorted((List<?>) list.get(1)));
            return page;
        }
        return reply;
    }

    private static List<String> sorted(List<?> l) {
        List<String> copy = new ArrayList<>();
        l.forEach(o -> copy.add(String.valueOf(o)));
        copy.sort(Comparator.naturalOrder());
        return copy;
    }

    private static List<String> pairsSorted(List<?> l) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < l.size(); i += 2) {
            pairs.add(l.get(i) + "=" + l.get(i + 1));
        }
        pairs.sort(Comparator.naturalOrder());
        return pairs;
    }

    // ------------------------------------------------------------------ generating

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private static String pickKey(Random r, String prefix) {
        return r.nextInt(4) == 0 ? pick(r, KEYS) : prefix + (1 + r.nextInt(2));
    }

    private static List<String> randomCommand(Random r) {
        int family = r.nextInt(10);
        if (family < 3) {
            return listCommand(r);
        }
        if (family < 5) {
            return setCommand(r);
        }
        if (family < 9) {
            return zsetCommand(r);
        }
        return otherCommand(r);
    }

    private static List<String> listCommand(Random r) {
        String k = pickKey(r, "l");
        String e = pick(r, ELEMENTS);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(20)) {
            case 0, 1, 2 -> c.addAll(List.of(r.nextBoolean() ? "LPUSH" : "RPUSH", k, e, pick(r, ELEMENTS)));
            case 3 -> c.addAll(List.of(r.nextBoolean() ? "LPUSHX" : "RPUSHX", k, e));
            case 4 -> {
                c.addAll(List.of(r.nextBoolean() ? "LPOP" : "RPOP", k));
                if (r.nextBoolean()) {
                    c.add(pick(r, new String[] {"0", "1", "2", "5", "-1", "x"}));
                }
            }
            case 5, 6 -> c.addAll(List.of("LRANGE", k, pick(r, INTS), pick(r, INTS)));
            case 7 -> c.addAll(List.of(r.nextBoolean() ? "LLEN" : "TYPE", k));
            case 8 -> c.addAll(List.of("LINDEX", k, pick(r, INTS)));
            case 9 -> c.addAll(List.of("LSET", k, pick(r, INTS), e));
            case 10 -> c.addAll(List.of("LINSERT", k, pick(r, new String[] {"BEFORE", "AFTER", "after", "MIDDLE"}), pick(r, ELEMENTS), e));
            case 11 -> c.addAll(List.of("LREM", k, pick(r, INTS), e));
            case 12 -> c.addAll(List.of("LTRIM", k, pick(r, INTS), pick(r, INTS)));
            case 13 -> {
                c.addAll(List.of("LPOS", k, e));
                if (r.nextBoolean()) {
                    c.addAll(List.of("RANK", pick(r, new String[] {"1", "2", "-1", "-2", "0", "x"})));
                }
                if (r.nextBoolean()) {
                    c.addAll(List.of("COUNT", pick(r, new String[] {"0", "1", "2", "-1"})));
                }
                if (r.nextInt(3) == 0) {
                    c.addAll(List.of("MAXLEN", pick(r, new String[] {"0", "1", "3", "-1"})));
                }
                if (r.nextInt(10) == 0) {
                    c.add("BOGUS");
                }
            }
            case 14 -> c.addAll(List.of("LMOVE", k, pickKey(r, "l"), pick(r, new String[] {"LEFT", "RIGHT"}),
                    pick(r, new String[] {"LEFT", "RIGHT", "UP"})));
            case 15 -> c.addAll(List.of("RPOPLPUSH", k, pickKey(r, "l")));
            case 16 -> {
                c.addAll(List.of("LMPOP", pick(r, new String[] {"1", "2", "2", "0", "3"}), k, pickKey(r, "l"),
                        pick(r, new String[] {"LEFT", "RIGHT", "MIDDLE"})));
                if (r.nextBoolean()) {
                    c.addAll(List.of("COUNT", pick(r, new String[] {"1", "3", "0", "-1"})));
                }
            }
            case 17 -> c.addAll(List.of(r.nextBoolean() ? "BLPOP" : "BRPOP", k, pickKey(r, "l"), pick(r, new String[] {"0.01", "-1", "x"})));
            case 18 -> c.addAll(List.of("BLMOVE", k, pickKey(r, "l"), "LEFT", "RIGHT", "0.01"));
            default -> c.addAll(List.of("BLMPOP", "0.01", "1", k, "RIGHT", "COUNT", "2"));
        }
        return c;
    }

    private static List<String> setCommand(Random r) {
        String k = pickKey(r, "s");
        String e = pick(r, ELEMENTS);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(16)) {
            case 0, 1, 2 -> c.addAll(List.of("SADD", k, e, pick(r, ELEMENTS), pick(r, ELEMENTS)));
            case 3 -> c.addAll(List.of("SREM", k, e, pick(r, ELEMENTS)));
            case 4 -> c.addAll(List.of("SMEMBERS", k));
            case 5 -> c.addAll(r.nextBoolean() ? List.of("SISMEMBER", k, e) : List.of("SCARD", k));
            case 6 -> c.addAll(List.of("SMISMEMBER", k, e, pick(r, ELEMENTS)));
            case 7 -> c.addAll(r.nextBoolean() ? List.of("SPOP", k, pick(r, new String[] {"100", "0", "-1", "x"})) : List.of("SCARD", k));
            case 8 -> c.addAll(List.of("SRANDMEMBER", k, pick(r, new String[] {"100", "-3", "0", "x"})));
            case 9 -> c.addAll(List.of("SMOVE", k, pickKey(r, "s"), e));
            case 10 -> c.addAll(List.of(pick(r, new String[] {"SINTER", "SUNION", "SDIFF"}), k, pickKey(r, "s")));
            case 11 -> c.addAll(List.of(pick(r, new String[] {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"}), pickKey(r, "s"), k, pickKey(r, "s")));
            case 12 -> {
                c.addAll(List.of("SINTERCARD", pick(r, new String[] {"2", "1", "0", "3", "x"}), k, pickKey(r, "s")));
                if (r.nextBoolean()) {
                    c.addAll(List.of("LIMIT", pick(r, new String[] {"0", "1", "-1"})));
                }
            }
            case 13 -> c.addAll(List.of("SSCAN", k, "0"));
            case 14 -> c.addAll(List.of("SSCAN", k, pick(r, new String[] {"0", "x", "0"}), "MATCH", "m*", "COUNT", pick(r, new String[] {"5", "0"})));
            default -> c.addAll(List.of("TYPE", k));
        }
        return c;
    }

    private static List<String> zsetCommand(Random r) {
        String k = pickKey(r, "z");
        String m = pick(r, ELEMENTS);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(28)) {
            case 0, 1, 2 -> c.addAll(List.of("ZADD", k, pick(r, SCORES), m, pick(r, SCORES), pick(r, ELEMENTS)));
            case 3 -> c.addAll(List.of("ZADD", "zl", "0", pick(r, new String[] {"a", "b", "m", "m1", "m2", "z", "zz", ""})));
            case 4, 5 -> {
                c.addAll(List.of("ZRANGE", k));
                int kind = r.nextInt(3);
                c.addAll(kind == 2 ? List.of(pick(r, LEX), pick(r, LEX)) : kind == 1 ? List.of(pick(r, BOUNDS), pick(r, BOUNDS))
                        : List.of(pick(r, INTS), pick(r, INTS)));
                if (kind > 0 && r.nextInt(5) > 0) {
                    c.add(kind == 1 ? "BYSCORE" : "BYLEX");
                }
                if (r.nextBoolean()) {
                    c.add("REV");
                }
                if (r.nextInt(3) == 0) {
                    c.addAll(List.of("LIMIT", pick(r, new String[] {"0", "1", "-1"}), pick(r, new String[] {"1", "2", "-1", "0"})));
                }
                if (r.nextBoolean()) {
                    c.add("WITHSCORES");
                }
                if (kind == 2 && r.nextBoolean()) {
                    c.set(1, "zl");
                }
            }
            case 6 -> {
                c.addAll(List.of(r.nextBoolean() ? "ZRANGEBYSCORE" : "ZREVRANGEBYSCORE", k, pick(r, BOUNDS), pick(r, BOUNDS)));
                if (r.nextBoolean()) {
                    c.add("WITHSCORES");
                }
                if (r.nextBoolean()) {
                    c.addAll(List.of("LIMIT", pick(r, new String[] {"0", "1", "-1"}), pick(r, new String[] {"1", "2", "-1"})));
                }
            }
            case 7 -> {
                c.addAll(List.of(r.nextBoolean() ? "ZRANGEBYLEX" : "ZREVRANGEBYLEX", "zl", pick(r, LEX), pick(r, LEX)));
                if (r.nextBoolean()) {
                    c.addAll(List.of("LIMIT", pick(r, new String[] {"0", "1"}), pick(r, new String[] {"1", "2", "-1"})));
                }
            }
            case 8 -> c.addAll(List.of("ZREVRANGE", k, pick(r, INTS), pick(r, INTS), "WITHSCORES"));
            case 9 -> c.addAll(List.of("ZCOUNT", k, pick(r, BOUNDS), pick(r, BOUNDS)));
            case 10 -> c.addAll(List.of("ZLEXCOUNT", "zl", pick(r, LEX), pick(r, LEX)));
            case 11 -> c.addAll(List.of("ZREMRANGEBYRANK", k, pick(r, INTS), pick(r, INTS)));
            case 12 -> c.addAll(List.of("ZREMRANGEBYSCORE", k, pick(r, BOUNDS), pick(r, BOUNDS)));
            case 13 -> c.addAll(List.of("ZREMRANGEBYLEX", "zl", pick(r, LEX), pick(r, LEX)));
            case 14 -> {
                c.addAll(List.of(r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", k));
                if (r.nextBoolean()) {
                    c.add(pick(r, new String[] {"0", "1", "2", "-1", "x"}));
                }
            }
            case 15 -> {
                c.addAll(List.of("ZMPOP", pick(r, new String[] {"1", "2", "0"}), k, pickKey(r, "z"), pick(r, new String[] {"MIN", "MAX", "UP"})));
                if (r.nextBoolean()) {
                    c.addAll(List.of("COUNT", pick(r, new String[] {"1", "2", "0"})));
                }
            }
            case 16 -> c.addAll(List.of(r.nextBoolean() ? "BZPOPMIN" : "BZPOPMAX", k, pickKey(r, "z"), "0.01"));
            case 17 -> {
                c.addAll(List.of("ZRANGESTORE", pickKey(r, "z"), k, pick(r, BOUNDS), pick(r, BOUNDS)));
                c.add(pick(r, new String[] {"BYSCORE", "BYSCORE", "REV", "WITHSCORES"}));
            }
            case 18, 19 -> {
                String op = pick(r, new String[] {"ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZUNION", "ZINTER", "ZDIFF"});
                if (op.endsWith("STORE")) {
                    c.addAll(List.of(op, pickKey(r, "z")));
                } else {
                    c.add(op);
                }
                c.addAll(List.of(pick(r, new String[] {"2", "2", "1", "0", "3"}), k, pickKey(r, r.nextBoolean() ? "z" : "s")));
                if (r.nextBoolean()) {
                    c.addAll(List.of("WEIGHTS", pick(r, new String[] {"1", "2", "-1", "0", "x"}), pick(r, new String[] {"1", "0.5", "inf"})));
                }
                if (r.nextBoolean()) {
                    c.addAll(List.of("AGGREGATE", pick(r, new String[] {"SUM", "MIN", "MAX", "AVG"})));
                }
                if (!op.endsWith("STORE") && r.nextBoolean()) {
                    c.add("WITHSCORES");
                }
            }
            case 20 -> c.addAll(List.of("ZINTERCARD", pick(r, new String[] {"2", "1", "0"}), k, pickKey(r, "z"), "LIMIT", pick(r, new String[] {"0", "1", "-1"})));
            case 21 -> c.addAll(List.of("ZMSCORE", k, m, pick(r, ELEMENTS)));
            case 22 -> c.addAll(List.of("ZRANDMEMBER", k, pick(r, new String[] {"100", "-3", "0", "x"})));
            case 23 -> c.addAll(List.of("ZSCAN", k, "0"));
            case 24 -> c.addAll(List.of(r.nextBoolean() ? "ZRANK" : "ZREVRANK", k, m));
            case 25 -> c.addAll(List.of("ZRANGE", "zl", "0", "-1"));
            case 26 -> c.addAll(r.nextBoolean() ? List.of("ZSCORE", k, m) : List.of(pick(r, new String[] {"ZCARD", "TYPE"}), k));
            default -> c.addAll(List.of("ZINCRBY", k, pick(r, SCORES), m));
        }
        return c;
    }

    private static List<String> otherCommand(Random r) {
        String k = pick(r, KEYS);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(10)) {
            case 0, 1 -> c.addAll(List.of("HSET", pickKey(r, "a"), pick(r, ELEMENTS), pick(r, ELEMENTS)));
            case 2 -> c.addAll(List.of("HSCAN", k, "0"));
            case 3 -> c.addAll(List.of("HRANDFIELD", k, pick(r, new String[] {"100", "-2", "0", "x"})));
            case 4 -> c.addAll(List.of("HRANDFIELD", k, "-2", "WITHVALUES"));
            case 5 -> c.addAll(List.of("DEL", k));
            case 6 -> c.addAll(List.of("RENAME", k, pick(r, KEYS)));
            case 7 -> c.addAll(List.of("SET", k, pick(r, ELEMENTS)));
            case 8 -> c.addAll(List.of("EXISTS", k));
            default -> c.addAll(List.of("TYPE", k));
        }
        return c;
    }
}

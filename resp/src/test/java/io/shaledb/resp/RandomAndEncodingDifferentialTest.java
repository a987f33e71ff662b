package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real redis-server: the reply shapes of HRANDFIELD, SRANDMEMBER, ZRANDMEMBER and SPOP
 * (every count case, WITHVALUES/WITHSCORES, RESP2 and RESP3, errors, missing keys, WRONGTYPE) —
 * the picks themselves are random, so each element is replaced by whether it belongs to the
 * collection — and OBJECT ENCODING after every step of scripted and random command sequences
 * with small conversion thresholds, where the answer must be exactly Redis's.
 */
class RandomAndEncodingDifferentialTest {
    @TempDir
    Path tmp;

    /** What each test collection holds: member -> value (hash) or score (zset) or "" (set). */
    private final Map<String, Map<String, String>> contents = new HashMap<>();

    private void load(RawClient c) throws Exception {
        Random r = new Random(11);
        contents.clear();
        for (int[] shape : new int[][] {{0, 10}, {1, 300}}) {
            String suffix = shape[0] == 0 ? "small" : "big";
            Map<String, String> set = new HashMap<>();
            Map<String, String> hash = new HashMap<>();
            Map<String, String> zset = new HashMap<>();
            for (int i = 0; i < shape[1]; i++) {
                String m = i % 3 == 0 ? Integer.toString(i) : "m:" + Long.toHexString(r.nextLong());
                set.put(m, "");
                hash.put("f" + m, "v" + i);
                zset.put(m, (i % 7) + ".5"); // scores never look like members
            }
            for (var e : set.keySet()) {
                c.call("SADD", "set:" + suffix, e);
            }
            for (var e : hash.entrySet()) {
                c.call("HSET", "hash:" + suffix, e.getKey(), e.getValue());
            }
            for (var e : zset.entrySet()) {
                c.call("ZADD", "zset:" + suffix, e.getValue(), e.getKey());
            }
            contents.put("set:" + suffix, set);
            contents.put("hash:" + suffix, hash);
            contents.put("zset:" + suffix, zset);
        }
        c.call("SET", "str", "v");
    }

    /** The reply with each element replaced by "in" (a member, value or score of {@code key}) or "out". */
    private Object shape(String key, Object reply) {
        return shape(key, reply, true);
    }

    /** @param distinctMatters whether to note if the elements are distinct (not for negative counts: repeats are random) */
    private Object shape(String key, Object reply, boolean distinctMatters) {
        Map<String, String> m = contents.getOrDefault(key, Map.of());
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            Set<Object> distinct = new HashSet<>();
            int elements = 0;
            for (Object o : list) {
                out.add(shape(key, o, distinctMatters));
                if (o instanceof List<?> || m.containsKey(o)) { // members, fields or RESP3 pairs; not values or scores
                    distinct.add(o);
                    elements++;
                }
            }
            if (distinctMatters) {
                out.add(distinct.size() == elements ? "(distinct)" : "(repeats)");
            }
            return out;
        }
        if (reply instanceof String s && s.startsWith("(double)")) {
            return m.containsValue(s.substring(8)) ? "in" : "out:" + s;
        }
        if (reply instanceof String s && !s.startsWith("-") && !s.startsWith("(")) {
            return m.containsKey(s) || m.containsValue(s) ? "in" : "out:" + s;
        }
        return reply;
    }

    @Test
    void randomCommandsReplyLikeRedis() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed");
        String[] counts = {"0", "1", "3", "5", "10", "299", "300", "1000", "-1", "-3", "-400", "x",
                "-9223372036854775808", "9223372036854775807", "-9223372036854770000", "4611686018427387904"};
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            theirs.distinguishNulls = true;
            ours.distinguishNulls = true;
            load(theirs);
            load(ours);
            for (String protocol : List.of("2", "3")) {
                theirs.call("HELLO", protocol);
                ours.call("HELLO", protocol);
                for (String[] cmd : new String[][] {{"SRANDMEMBER", "set", null}, {"HRANDFIELD", "hash", "WITHVALUES"},
                        {"ZRANDMEMBER", "zset", "WITHSCORES"}}) {
                    for (String key : List.of(cmd[1] + ":small", cmd[1] + ":big", "nokey", "str")) {
                        List<List<String>> calls = new ArrayList<>();
                        calls.add(List.of(cmd[0], key));
                        for (String count : counts) {
                            if (!count.equals("-9223372036854770000")) { // Redis would reply 9e18 elements
                                calls.add(List.of(cmd[0], key, count));
                            }
                            calls.add(List.of(cmd[0], key, count, cmd[2] == null ? "WITHVALUES" : cmd[2]));
                            calls.add(List.of(cmd[0], key, count, "BOGUS"));
                        }
                        calls.add(List.of(cmd[0], key, "1", "2", "3"));
                        for (List<String> call : calls) {
                            String[] args = call.toArray(String[]::new);
                            boolean repeats = call.size() > 2 && call.get(2).startsWith("-");
                            assertThat(shape(key, ours.call(args), !repeats)).as("RESP%s %s", protocol, call)
                                    .isEqualTo(shape(key, theirs.call(args), !repeats));
                        }
                    }
                }
                String[][] spops = {{"1"}, {"5"}, {"0"}, {"250"}, {"-1"}, {"x"}, {}, {"400"}, {"1", "2"}};
                for (String[] spop : spops) {
                    for (RawClient c : List.of(theirs, ours)) {
                        c.call("DEL", "sp");
                        for (int i = 0; i < 300; i++) {
                            c.call("SADD", "sp", "e" + i);
                        }
                    }
                    contents.put("sp", contents.get("set:big"));
                    Map<String, String> members = new HashMap<>();
                    for (int i = 0; i < 300; i++) {
                        members.put("e" + i, "");
                    }
                    contents.put("sp", members);
                    List<String> call = new ArrayList<>(List.of("SPOP", "sp"));
                    call.addAll(List.of(spop));
                    String[] args = call.toArray(String[]::new);
                    assertThat(shape("sp", ours.call(args))).as("RESP%s %s", protocol, call).isEqualTo(shape("sp", theirs.call(args)));
                    assertThat(ours.call("SCARD", "sp")).as("SCARD after %s", call).isEqualTo(theirs.call("SCARD", "sp"));
                }
                for (String[] call : new String[][] {{"SPOP", "nokey"}, {"SPOP", "nokey", "3"}, {"SPOP", "str"}, {"SPOP", "str", "0"}}) {
                    assertThat(shape("nokey", ours.call(call))).as("%s", List.of(call)).isEqualTo(shape("nokey", theirs.call(call)));
                }
            }
        }
    }

    /** Commands, each followed by OBJECT ENCODING of its key (the second element). */
    private static final String[][] SCRIPT = {
        {"CONFIG", "SET", "set-max-intset-entries", "4"},
        {"SADD", "s", "1", "2", "3"}, {"SADD", "s", "4"}, {"SADD", "s", "5"}, {"SREM", "s", "5", "4", "3"},
        {"SADD", "s2", "-7"}, {"SADD", "s2", "a"}, {"SREM", "s2", "a"}, {"SADD", "s3", "x"}, {"SADD", "s4", "01"},
        {"SADD", "s5", "9223372036854775807"}, {"SADD", "s6", "9223372036854775808"},
        {"SINTERSTORE", "s7", "s", "s2"}, {"SUNIONSTORE", "s7", "s", "s"}, {"SUNIONSTORE", "s8", "s", "s3"},
        {"SDIFFSTORE", "s9", "s8", "s3"}, {"SMOVE", "s3", "s10", "x"}, {"SMOVE", "s", "s10", "1"}, {"SMOVE", "s", "s2", "2"},
        {"SADD", "p", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, {"SPOP", "p", "9"}, {"SADD", "p", "11"},
        {"SADD", "q", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, {"SPOP", "q", "2"},
        {"RENAME", "s", "renamed"}, {"CONFIG", "SET", "set-max-intset-entries", "512"}, {"SADD", "renamed", "1000"},
        {"CONFIG", "SET", "hash-max-listpack-entries", "3"}, {"CONFIG", "SET", "hash-max-listpack-value", "8"},
        {"HSET", "h", "a", "1", "b", "2", "c", "3"}, {"HSET", "h", "d", "4"}, {"HDEL", "h", "a", "b", "c"},
        {"HSET", "h2", "a", "123456789"}, {"HSET", "h3", "a", "1"}, {"HSETNX", "h3", "a", "123456789"},
        {"HSET", "h4", "k", "1"}, {"HINCRBY", "h4", "k", "1"}, {"HINCRBYFLOAT", "h4", "f", "1.5"}, {"HSET", "h5", "longfield1", "v"},
        {"HINCRBY", "h6", "longfield1", "1"}, {"HINCRBYFLOAT", "h7", "x", "1.000000000001"},
        {"HSET", "h8", "a", "1"}, {"HSET", "h8", "b", "2"}, {"HSET", "h8", "c", "3"}, {"HSET", "h8", "d", "4"},
        {"CONFIG", "SET", "zset-max-listpack-entries", "3"}, {"CONFIG", "SET", "zset-max-listpack-value", "6"},
        {"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"ZADD", "z", "4", "d"}, {"ZREM", "z", "a", "b", "c"},
        {"ZADD", "z2", "1", "abcdefg"}, {"ZADD", "z3", "1", "a"}, {"ZADD", "z3", "2", "a"}, {"ZINCRBY", "z3", "1", "abcdefgh"},
        {"ZADD", "z4", "1", "a", "2", "b"}, {"ZADD", "z4", "XX", "5", "abcdefghi"},
        {"ZUNIONSTORE", "z5", "1", "z"}, {"ZUNIONSTORE", "z6", "2", "z3", "z4"}, {"ZINTERSTORE", "z7", "2", "z", "z"},
        {"ZADD", "z8", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e"},
        {"ZRANGESTORE", "z9", "z8", "0", "1"}, {"ZRANGESTORE", "z10", "z8", "0", "-1"},
        {"ZPOPMIN", "z8", "3"}, {"ZREMRANGEBYRANK", "z8", "0", "0"}, {"ZDIFFSTORE", "z11", "2", "z8", "z3"},
        {"CONFIG", "SET", "zset-max-listpack-entries", "0"}, {"ZADD", "z12", "1", "a"},
        {"RPUSH", "l", "a", "b"}, {"LPOP", "l"},
        {"CONFIG", "SET", "hash-max-listpack-value", "1kb"}, {"CONFIG", "GET", "hash-max-listpack-value"},
        {"CONFIG", "GET", "hash-max-ziplist-value"}, {"HSET", "h9", "f", "x".repeat(1000)},
    };

    @Test
    void objectEncodingFollowsRedissOneWayConversions() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed");
        Set<String> keys = new java.util.TreeSet<>();
        for (String[] cmd : SCRIPT) {
            if (!cmd[0].equals("CONFIG")) {
                keys.add(cmd[1]);
                if (cmd[0].equals("SMOVE") || cmd[0].equals("RENAME")) {
                    keys.add(cmd[2]);
                }
            }
        }
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            for (String[] cmd : SCRIPT) {
                Object expected = theirs.call(cmd);
                Object actual = ours.call(cmd);
                if (cmd[0].equals("SPOP")) {
                    assertThat(((List<?>) actual).size()).as("%s", List.of(cmd)).isEqualTo(((List<?>) expected).size());
                } else {
                    assertThat(actual).as("%s", List.of(cmd)).isEqualTo(expected);
                }
                for (String key : keys) {
                    assertThat(ours.call("OBJECT", "ENCODING", key)).as("OBJECT ENCODING %s after %s", key, List.of(cmd))
                            .isEqualTo(theirs.call("OBJECT", "ENCODING", key));
                }
            }
        }
    }

    /** A *SCAN of a compact collection (intset, listpack) returns it whole with cursor 0, as Redis does; a larger one pages. */
    @Test
    void scansOfCompactCollectionsComeWhole() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            for (RawClient c : List.of(theirs, ours)) {
                for (int i = 0; i < 300; i++) {
                    c.call("SADD", "ints", Integer.toString(i));
                    c.call("SADD", "words", "w" + i);
                    c.call("HSET", "h", "f" + i, "v");
                    c.call("ZADD", i < 100 ? "zsmall" : "zbig", Integer.toString(i), "m" + i);
                }
                c.call("ZADD", "zbig", "1", "m1");
            }
            for (String[] scan : new String[][] {{"SSCAN", "ints"}, {"SSCAN", "words"}, {"HSCAN", "h"}, {"ZSCAN", "zsmall"}, {"ZSCAN", "zbig"}}) {
                List<?> expected = (List<?>) theirs.call(scan[0], scan[1], "0", "COUNT", "10");
                List<?> actual = (List<?>) ours.call(scan[0], scan[1], "0", "COUNT", "10");
                assertThat("0".equals(actual.get(0))).as("%s %s done in one call", scan[0], scan[1]).isEqualTo("0".equals(expected.get(0)));
                if ("0".equals(expected.get(0))) {
                    assertThat(new java.util.TreeSet<Object>((List<?>) actual.get(1))).isEqualTo(new java.util.TreeSet<Object>((List<?>) expected.get(1)));
                }
            }
        }
    }

    /** Random writes on small thresholds; after each, OBJECT ENCODING of the key written must be Redis's. */
    @Test
    void objectEncodingAfterRandomWrites() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed");
        Random r = new Random(Long.getLong("resp.diff.seed", 20261126L));
        String[] values = {"1", "2", "3", "-4", "5", "60", "x", "y", "longer-than-eight", "12345678901"};
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             RawClient theirs = new RawClient(redis.port()); RawClient ours = new RawClient(shale.port())) {
            for (String[] setting : new String[][] {{"set-max-intset-entries", "5"}, {"hash-max-listpack-entries", "5"},
                    {"hash-max-listpack-value", "10"}, {"zset-max-listpack-entries", "5"}, {"zset-max-listpack-value", "10"}}) {
                theirs.call("CONFIG", "SET", setting[0], setting[1]);
                ours.call("CONFIG", "SET", setting[0], setting[1]);
            }
            for (int i = 0; i < Integer.getInteger("resp.diff.ops", 3000) / 3; i++) {
                String v = values[r.nextInt(values.length)];
                String w = values[r.nextInt(values.length)];
                String k = Integer.toString(r.nextInt(3));
                String[] cmd = switch (r.nextInt(12)) {
                    case 0, 1 -> new String[] {"SADD", "s" + k, v, w};
                    case 2 -> new String[] {"SREM", "s" + k, v, w};
                    case 3 -> new String[] {"SPOP", "s" + k, Integer.toString(r.nextInt(6))};
                    case 4 -> new String[] {"SUNIONSTORE", "s" + k, "s" + r.nextInt(3), "s" + r.nextInt(3)};
                    case 5 -> new String[] {"HSET", "h" + k, v, w};
                    case 6 -> new String[] {"HDEL", "h" + k, v, w};
                    case 7, 8 -> new String[] {"ZADD", "z" + k, Integer.toString(r.nextInt(5)), v};
                    case 9 -> new String[] {"ZREM", "z" + k, v, w};
                    case 10 -> new String[] {"ZPOPMAX", "z" + k, Integer.toString(r.nextInt(3))};
                    default -> new String[] {"ZINTERSTORE", "z" + k, "2", "z" + r.nextInt(3), "z" + r.nextInt(3)};
                };
                Object expected = theirs.call(cmd);
                Object actual = ours.call(cmd);
                if (cmd[0].equals("SPOP")) {
                    // which members go is random: make both sides equal again afterwards
                    assertThat(((List<?>) actual).size()).as("%s", List.of(cmd)).isEqualTo(((List<?>) expected).size());
                    assertThat(ours.call("OBJECT", "ENCODING", cmd[1])).as("OBJECT ENCODING after %s", List.of(cmd))
                            .isEqualTo(theirs.call("OBJECT", "ENCODING", cmd[1]));
                    for (RawClient c : List.of(theirs, ours)) {
                        c.call("DEL", cmd[1]);
                    }
                    continue;
                }
                assertThat(actual).as("#%d %s", i, List.of(cmd)).isEqualTo(expected);
                assertThat(ours.call("OBJECT", "ENCODING", cmd[1])).as("#%d OBJECT ENCODING after %s", i, List.of(cmd))
                        .isEqualTo(theirs.call("OBJECT", "ENCODING", cmd[1]));
            }
        }
    }
}

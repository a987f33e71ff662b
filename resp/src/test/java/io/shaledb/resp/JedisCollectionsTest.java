package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

/** Lists, sets, the sorted-set ranges and algebra, HSCAN and HRANDFIELD through an unmodified Jedis 8, RESP2 and RESP3. */
class JedisCollectionsTest {
    private static TestServer server;
    private Jedis jedis;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        jedis = new Jedis("127.0.0.1", server.port());
        jedis.flushAll();
    }

    @Test
    void lists() {
        assertThat(jedis.rpush("l", "b", "c")).isEqualTo(2);
        assertThat(jedis.lpush("l", "a")).isEqualTo(3);
        assertThat(jedis.lpushx("nosuch", "x")).isZero();
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "b", "c");
        assertThat(jedis.llen("l")).isEqualTo(3);
        assertThat(jedis.lindex("l", -1)).isEqualTo("c");
        assertThat(jedis.lset("l", 1, "B")).isEqualTo("OK");
        assertThat(jedis.linsert("l", ListPosition.AFTER, "B", "b2")).isEqualTo(4);
        assertThat(jedis.linsert("l", ListPosition.BEFORE, "a", "a0")).isEqualTo(5);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a0", "a", "B", "b2", "c");
        jedis.rpush("l", "a", "a");
        assertThat(jedis.lpos("l", "a")).isEqualTo(1);
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams().rank(-1))).isEqualTo(6);
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams(), 0)).containsExactly(1L, 5L, 6L);
        assertThat(jedis.lrem("l", -2, "a")).isEqualTo(2);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a0", "a", "B", "b2", "c");
        assertThat(jedis.ltrim("l", 1, 3)).isEqualTo("OK");
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "B", "b2");
        assertThat(jedis.lpop("l")).isEqualTo("a");
        assertThat(jedis.rpop("l", 5)).containsExactly("b2", "B");
        assertThat(jedis.exists("l")).isFalse();
        jedis.rpush("src", "1", "2", "3");
        assertThat(jedis.lmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("1");
        assertThat(jedis.rpoplpush("src", "dst")).isEqualTo("3");
        assertThat(jedis.lrange("dst", 0, -1)).containsExactly("3", "1");
        KeyValue<String, List<String>> popped = jedis.lmpop(ListDirection.RIGHT, 2, "nosuch", "dst");
        assertThat(popped.getKey()).isEqualTo("dst");
        assertThat(popped.getValue()).containsExactly("1", "3");
        assertThat(jedis.blpop(1, "src")).containsExactly("src", "2");
        assertThat(jedis.brpop(0.05, "src")).isNull();
        assertThat(jedis.type("dst")).isEqualTo("none");
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.lpush("str", "x")).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void sets() {
        assertThat(jedis.sadd("s1", "a", "b", "c", "a")).isEqualTo(3);
        assertThat(jedis.sadd("s2", "b", "c", "d")).isEqualTo(3);
        assertThat(jedis.smembers("s1")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(jedis.sismember("s1", "a")).isTrue();
        assertThat(jedis.smismember("s1", "a", "z")).containsExactly(true, false);
        assertThat(jedis.scard("s1")).isEqualTo(3);
        assertThat(jedis.sinter("s1", "s2")).containsExactlyInAnyOrder("b", "c");
        assertThat(jedis.sunion("s1", "s2")).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(jedis.sdiff("s1", "s2")).containsExactly("a");
        assertThat(jedis.sinterstore("s3", "s1", "s2")).isEqualTo(2);
        assertThat(jedis.sintercard(2, "s1", "s2")).isEqualTo(2);
        assertThat(jedis.sintercard(1, "s1", "s2")).isEqualTo(1);
        assertThat(jedis.smove("s1", "s2", "a")).isEqualTo(1);
        assertThat(jedis.srem("s2", "a", "zz")).isEqualTo(1);
        assertThat(jedis.srandmember("s2", -5)).hasSize(5);
        assertThat(jedis.srandmember("s2", 10)).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(jedis.spop("s2", 10)).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(jedis.exists("s2")).isFalse();
        for (int i = 0; i < 300; i++) {
            jedis.sadd("big", "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int pages = 0;
        do {
            ScanResult<String> page = jedis.sscan("big", cursor, new ScanParams().count(50));
            seen.addAll(page.getResult());
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(300);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void sortedSetRanges() {
        jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0));
        assertThat(jedis.zrangeByScore("z", "(1", "3")).containsExactly("b", "c");
        assertThat(jedis.zrevrangeByScore("z", "+inf", "-inf", 1, 2)).containsExactly("c", "b");
        assertThat(jedis.zrange("z", ZRangeParams.zrangeByScoreParams(2, 4).rev())).isEmpty();
        assertThat(jedis.zrange("z", ZRangeParams.zrangeByScoreParams(4, 2).rev())).containsExactly("d", "c", "b");
        assertThat(jedis.zcount("z", 2, 3)).isEqualTo(2);
        assertThat(jedis.zmscore("z", "a", "nosuch")).containsExactly(1.0, null);
        assertThat(jedis.zrangestore("z2", "z", ZRangeParams.zrangeParams(0, 1))).isEqualTo(2);
        assertThat(jedis.zpopmin("z")).isEqualTo(new Tuple("a", 1.0));
        assertThat(jedis.zpopmax("z", 2)).containsExactly(new Tuple("d", 4.0), new Tuple("c", 3.0));
        assertThat(jedis.zremrangeByRank("z", 0, -1)).isEqualTo(1);
        jedis.zadd("lex", Map.of("a", 0.0, "b", 0.0, "c", 0.0));
        assertThat(jedis.zrangeByLex("lex", "[b", "+")).containsExactly("b", "c");
        assertThat(jedis.zlexcount("lex", "-", "(c")).isEqualTo(2);
        assertThat(jedis.zremrangeByLex("lex", "[a", "[a")).isEqualTo(1);
        jedis.zadd("u1", Map.of("x", 1.0, "y", 2.0));
        jedis.zadd("u2", Map.of("y", 10.0, "w", 5.0));
        assertThat(jedis.zunionstore("u", new ZParams().weights(2, 1), "u1", "u2")).isEqualTo(3);
        assertThat(jedis.zrangeWithScores("u", 0, -1)).containsExactly(new Tuple("x", 2.0), new Tuple("w", 5.0), new Tuple("y", 14.0));
        assertThat(jedis.zinterstore("i", new ZParams().aggregate(ZParams.Aggregate.MAX), "u1", "u2")).isEqualTo(1);
        assertThat(jedis.zscore("i", "y")).isEqualTo(10.0);
        assertThat(jedis.zdiff("u1", "u2")).containsExactly("x");
        assertThat(jedis.zintercard("u1", "u2")).isEqualTo(1);
        assertThat(jedis.zrandmember("u1", 5)).containsExactlyInAnyOrder("x", "y");
        ScanResult<Tuple> page = jedis.zscan("u1", ScanParams.SCAN_POINTER_START);
        assertThat(page.getResult()).containsExactlyInAnyOrder(new Tuple("x", 1.0), new Tuple("y", 2.0));
        assertThat(jedis.bzpopmin(1, "u1")).extracting(KeyValue::getKey).isEqualTo("u1");
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.zrangeByScoreWithScores("u", 0, 10)).containsExactly(new Tuple("x", 2.0), new Tuple("w", 5.0));
            assertThat(resp3.zpopmin("u", 1)).containsExactly(new Tuple("x", 2.0));
            assertThat(resp3.zunionWithScores(new ZParams(), "u", "u2")).hasSize(2);
            assertThat(resp3.smembers("nosuch")).isEmpty();
        }
    }

    @Test
    void hashScanAndRandomFields() {
        for (int i = 0; i < 200; i++) {
            jedis.hset("h", "f" + i, "v" + i);
        }
        Map<String, String> seen = new java.util.HashMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<Map.Entry<String, String>> page = jedis.hscan("h", cursor, new ScanParams().match("f1*").count(20));
            page.getResult().forEach(e -> seen.put(e.getKey(), e.getValue()));
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(111).containsEntry("f150", "v150");
        assertThat(jedis.hrandfield("h")).startsWith("f");
        assertThat(jedis.hrandfield("h", -300)).hasSize(300);
        assertThat(jedis.hrandfieldWithValues("h", 3)).hasSize(3).allSatisfy(e -> assertThat(e.getValue()).isEqualTo("v" + e.getKey().substring(1)));
        assertThat(jedis.hrandfield("nosuch", 3)).isEmpty();
    }
}

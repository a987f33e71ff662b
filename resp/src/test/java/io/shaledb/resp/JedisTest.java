package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/** The kv commands through an unmodified Jedis 8 client, in RESP2 and RESP3. */
class JedisTest {
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
    void seedSessionExample() {
        assertThat(jedis.set("session:abc123", "{\"user\":42}", SetParams.setParams().ex(3600))).isEqualTo("OK");
        assertThat(jedis.get("session:abc123")).isEqualTo("{\"user\":42}");
        assertThat(jedis.ttl("session:abc123")).isEqualTo(3600);
        assertThat(jedis.ttl("nosuch")).isEqualTo(-2);
        assertThat(jedis.persist("session:abc123")).isEqualTo(1);
        assertThat(jedis.ttl("session:abc123")).isEqualTo(-1);
    }

    @Test
    void stringFamily() {
        assertThat(jedis.setnx("a", "1")).isEqualTo(1);
        assertThat(jedis.setnx("a", "2")).isEqualTo(0);
        assertThat(jedis.incr("a")).isEqualTo(2);
        assertThat(jedis.incrBy("a", 10)).isEqualTo(12);
        assertThat(jedis.decr("a")).isEqualTo(11);
        assertThat(jedis.decrBy("a", 20)).isEqualTo(-9);
        assertThat(jedis.incrByFloat("f", 1.5)).isEqualTo(1.5);
        assertThat(jedis.append("s", "hello")).isEqualTo(5);
        assertThat(jedis.append("s", " world")).isEqualTo(11);
        assertThat(jedis.strlen("s")).isEqualTo(11);
        assertThat(jedis.getrange("s", 0, 4)).isEqualTo("hello");
        assertThat(jedis.setrange("s", 6, "there")).isEqualTo(11);
        assertThat(jedis.get("s")).isEqualTo("hello there");
        assertThat(jedis.getSet("s", "new")).isEqualTo("hello there");
        assertThat(jedis.getDel("s")).isEqualTo("new");
        assertThat(jedis.exists("s")).isFalse();
        assertThat(jedis.mset("m1", "x", "m2", "y")).isEqualTo("OK");
        assertThat(jedis.mget("m1", "nosuch", "m2")).containsExactly("x", null, "y");
        assertThat(jedis.msetnx("m2", "z", "m3", "z")).isEqualTo(0);
        assertThat(jedis.exists("m3")).isFalse();
        assertThat(jedis.setex("e", 100, "v")).isEqualTo("OK");
        assertThat(jedis.pttl("e")).isBetween(90_000L, 100_000L);
        assertThat(jedis.psetex("e", 5000, "v")).isEqualTo("OK");
        assertThat(jedis.getEx("e", GetExParams.getExParams().persist())).isEqualTo("v");
        assertThat(jedis.ttl("e")).isEqualTo(-1);
        assertThat(jedis.set("k", "v1", SetParams.setParams().xx())).isNull();
        assertThat(jedis.set("k", "v1", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.setGet("k", "v2")).isEqualTo("v1");
        assertThat(jedis.set("k", "v3", SetParams.setParams().keepTtl())).isEqualTo("OK");
    }

    @Test
    void errorsCarryRedisTexts() {
        jedis.set("s", "abc");
        assertThatThrownBy(() -> jedis.incr("s")).isInstanceOf(JedisDataException.class)
                .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.renamenx("nosuch", "x")).hasMessage("ERR no such key");
    }

    @Test
    void keysFamily() {
        for (int i = 0; i < 25; i++) {
            jedis.set("key:" + i, "v");
        }
        jedis.set("other", "v");
        assertThat(jedis.dbSize()).isEqualTo(26);
        assertThat(jedis.keys("key:1*")).hasSize(11);
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("key:*").count(7));
            seen.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(25);
        assertThat(jedis.type("other")).isEqualTo("string");
        assertThat(jedis.type("nosuch")).isEqualTo("none");
        assertThat(jedis.rename("other", "renamed")).isEqualTo("OK");
        assertThat(jedis.exists("other", "renamed", "key:1")).isEqualTo(2);
        assertThat(jedis.del("key:1", "key:2", "nosuch")).isEqualTo(2);
        assertThat(jedis.unlink("key:3")).isEqualTo(1);
        assertThat(jedis.expire("renamed", 100, ExpiryOption.NX)).isEqualTo(1);
        assertThat(jedis.expire("renamed", 50, ExpiryOption.GT)).isEqualTo(0);
        assertThat(jedis.expire("renamed", 50, ExpiryOption.LT)).isEqualTo(1);
        assertThat(jedis.ttl("renamed")).isEqualTo(50);
        assertThat(jedis.expireTime("renamed")).isBetween(System.currentTimeMillis() / 1000 + 48, System.currentTimeMillis() / 1000 + 51);
        assertThat(jedis.pexpire("renamed", -1)).isEqualTo(1);
        assertThat(jedis.exists("renamed")).isFalse();
        jedis.select(3);
        assertThat(jedis.dbSize()).isZero();
        jedis.set("in3", "v");
        jedis.select(0);
        assertThat(jedis.exists("in3")).isFalse();
        jedis.flushDB();
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void hashesAndTheSeedLeaderboard() {
        assertThat(jedis.hset("user:42", Map.of("name", "Ada", "visits", "1"))).isEqualTo(2);
        assertThat(jedis.hincrBy("user:42", "visits", 4)).isEqualTo(5);
        assertThat(jedis.hgetAll("user:42")).isEqualTo(Map.of("name", "Ada", "visits", "5"));
        assertThat(jedis.hmget("user:42", "name", "nosuch")).containsExactly("Ada", null);
        assertThat(jedis.hdel("user:42", "name", "visits")).isEqualTo(2);
        assertThat(jedis.exists("user:42")).isFalse();

        assertThat(jedis.zadd("leaderboard", Map.of("player:42", 1500.0, "player:7", 2300.0, "player:13", 990.0))).isEqualTo(3);
        assertThat(jedis.zrevrangeWithScores("leaderboard", 0, 9)).extracting(t -> t.getElement() + "=" + t.getScore())
                .containsExactly("player:7=2300.0", "player:42=1500.0", "player:13=990.0");
        assertThat(jedis.zincrby("leaderboard", 1000, "player:13")).isEqualTo(1990.0);
        assertThat(jedis.zrank("leaderboard", "player:13")).isEqualTo(1);
        assertThat(jedis.zscore("leaderboard", "nosuch")).isNull();
        assertThat(jedis.rename("leaderboard", "lb2")).isEqualTo("OK");
        assertThat(jedis.zrange("lb2", 0, -1)).containsExactly("player:42", "player:13", "player:7");
        assertThat(jedis.zcard("lb2")).isEqualTo(3);
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.zscore("lb2", "player:7")).isEqualTo(2300.0);
            assertThat(resp3.hgetAll("nosuch")).isEmpty();
            assertThat(resp3.zrevrangeWithScores("lb2", 0, 0)).extracting(t -> t.getElement() + "=" + t.getScore())
                    .containsExactly("player:7=2300.0");
        }
    }

    @Test
    void pipeliningKeepsOrderAndCountsEveryWrite() {
        Pipeline p = jedis.pipelined();
        List<Response<Long>> replies = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            replies.add(p.incr("ctr"));
        }
        p.sync();
        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i).get()).isEqualTo(i + 1);
        }
    }

    @Test
    void connectionCommandsAndResp3() {
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(jedis.echo("hi")).isEqualTo("hi");
        jedis.clientSetname("app1");
        assertThat(jedis.clientGetname()).isEqualTo("app1");
        assertThat(jedis.clientId()).isPositive();
        assertThat(jedis.info("keyspace")).startsWith("# Keyspace");
        assertThat(jedis.configGet("appendfsync")).isEqualTo(Map.of("appendfsync", "everysec"));
        assertThat(jedis.time()).hasSize(2);
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            resp3.set("r3", "v");
            assertThat(resp3.get("r3")).isEqualTo("v");
            assertThat(resp3.get("nosuch")).isNull();
            assertThat(resp3.configGet("databases")).isEqualTo(Map.of("databases", "16"));
            assertThat(resp3.mget("r3", "nosuch")).containsExactly("v", null);
        }
    }
}

package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command family through an unmodified Lettuce 7 client, in RESP3 (Lettuce's default: it
 * opens with HELLO 3) and RESP2, plus pipelining through the async API and MULTI/EXEC.
 */
class LettuceTest {
    private static TestServer server;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        server = new TestServer();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withTimeout(Duration.ofSeconds(20)).build());
    }

    @AfterAll
    static void stop() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        server.close();
    }

    private static StatefulRedisConnection<String, String> connect(ProtocolVersion protocol) {
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        return client.connect();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void everyFamily(ProtocolVersion protocol) {
        try (StatefulRedisConnection<String, String> conn = connect(protocol)) {
            RedisCommands<String, String> r = conn.sync();
            r.flushall();
            // connection and server
            assertThat(r.ping()).isEqualTo("PONG");
            assertThat(r.echo("hi")).isEqualTo("hi");
            assertThat(r.dbsize()).isZero();
            assertThat(r.info("server")).contains("redis_version:");
            assertThat(r.configGet("appendfsync")).containsKey("appendfsync");
            // strings
            assertThat(r.set("session:abc123", "{\"user\":42}", SetArgs.Builder.ex(3600))).isEqualTo("OK");
            assertThat(r.get("session:abc123")).isEqualTo("{\"user\":42}");
            assertThat(r.ttl("session:abc123")).isEqualTo(3600);
            assertThat(r.incr("n")).isEqualTo(1);
            assertThat(r.incrbyfloat("f", 1.5)).isEqualTo(1.5);
            assertThat(r.append("s", "ab")).isEqualTo(2);
            assertThat(r.mget("s", "nosuch")).containsExactly(KeyValue.just("s", "ab"), KeyValue.empty("nosuch"));
            assertThat(r.getrange("s", 0, 0)).isEqualTo("a");
            // keys
            assertThat(r.exists("s", "n", "nosuch")).isEqualTo(2);
            assertThat(r.type("s")).isEqualTo("string");
            assertThat(r.expire("s", 100)).isTrue();
            assertThat(r.persist("s")).isTrue();
            assertThat(r.rename("s", "s2")).isEqualTo("OK");
            assertThat(r.keys("s*")).containsExactlyInAnyOrder("s2", "session:abc123");
            assertThat(r.del("s2", "nosuch")).isEqualTo(1);
            // hashes
            assertThat(r.hset("user:42", Map.of("name", "Ada", "lang", "en"))).isEqualTo(2);
            assertThat(r.hget("user:42", "name")).isEqualTo("Ada");
            assertThat(r.hgetall("user:42")).isEqualTo(Map.of("name", "Ada", "lang", "en"));
            assertThat(r.hincrby("user:42", "visits", 3)).isEqualTo(3);
            assertThat(r.hlen("user:42")).isEqualTo(3);
            // lists
            assertThat(r.rpush("q", "a", "b", "c")).isEqualTo(3);
            assertThat(r.lpop("q")).isEqualTo("a");
            assertThat(r.lrange("q", 0, -1)).containsExactly("b", "c");
            assertThat(r.blpop(1, "q")).isEqualTo(KeyValue.just("q", "b"));
            // sets
            assertThat(r.sadd("tags", "x", "y", "z")).isEqualTo(3);
            assertThat(r.sismember("tags", "y")).isTrue();
            assertThat(r.smembers("tags")).isEqualTo(Set.of("x", "y", "z"));
            assertThat(r.scard("tags")).isEqualTo(3);
            // sorted sets: the seed's leaderboard
            r.zadd("leaderboard", 1500, "player:42");
            r.zadd("leaderboard", 900, "player:7");
            r.zadd("leaderboard", 2100, "player:1");
            assertThat(r.zrevrangeWithScores("leaderboard", 0, 9)).containsExactly(
                    ScoredValue.just(2100, "player:1"), ScoredValue.just(1500, "player:42"), ScoredValue.just(900, "player:7"));
            assertThat(r.zscore("leaderboard", "player:42")).isEqualTo(1500.0);
            assertThat(r.zrank("leaderboard", "player:42")).isEqualTo(1);
            assertThat(r.zcount("leaderboard", Range.create(1000, 3000))).isEqualTo(2);
            assertThat(r.zincrby("leaderboard", 10, "player:7")).isEqualTo(910.0);
            // errors keep Redis's texts
            assertThatThrownBy(() -> r.incr("user:42")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("WRONGTYPE Operation against a key holding the wrong kind of value");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void multiExecAndWatch(ProtocolVersion protocol) {
        try (StatefulRedisConnection<String, String> conn = connect(protocol);
             StatefulRedisConnection<String, String> other = connect(protocol)) {
            RedisCommands<String, String> r = conn.sync();
            r.flushall();
            assertThat(r.multi()).isEqualTo("OK");
            r.set("a", "1");
            r.incr("a");
            r.hset("a", "f", "v"); // a runtime error: the others still apply
            TransactionResult result = r.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result.<String>get(0)).isEqualTo("OK");
            assertThat(result.<Long>get(1)).isEqualTo(2L);
            assertThat(result.<Object>get(2)).isInstanceOf(RedisCommandExecutionException.class);
            assertThat(r.get("a")).isEqualTo("2");

            assertThat(r.watch("a")).isEqualTo("OK");
            other.sync().set("a", "changed");
            r.multi();
            r.incr("a");
            assertThat(r.exec().wasDiscarded()).isTrue();
            assertThat(r.get("a")).isEqualTo("changed");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pipelinedAsyncWrites(ProtocolVersion protocol) throws Exception {
        try (StatefulRedisConnection<String, String> conn = connect(protocol)) {
            conn.sync().flushall();
            RedisAsyncCommands<String, String> a = conn.async();
            conn.setAutoFlushCommands(false);
            List<RedisFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(a.set("k:" + i, "v" + i));
                futures.add(a.incr("counter"));
                futures.add(a.zadd("z", i, "m" + i));
                futures.add(a.hset("h", "f" + (i % 10), Integer.toString(i)));
                futures.add(a.get("k:" + i));
            }
            futures.add(a.hset("k:1", "f", "v")); // WRONGTYPE in the middle of a pipeline
            futures.add(a.incr("counter"));
            conn.flushCommands();
            for (RedisFuture<?> f : futures) {
                assertThat(f.await(30, TimeUnit.SECONDS)).isTrue();
            }
            conn.setAutoFlushCommands(true);
            assertThat(futures.get(5 * 1000 - 1).get()).isEqualTo("v999");
            assertThat(futures.get(futures.size() - 1).get()).isEqualTo(1001L);
            assertThat(futures.get(futures.size() - 2).isDone()).isTrue();
            assertThatThrownBy(() -> futures.get(futures.size() - 2).get()).hasMessageContaining("WRONGTYPE");
            RedisCommands<String, String> r = conn.sync();
            assertThat(r.dbsize()).isEqualTo(1003);
            assertThat(r.zcard("z")).isEqualTo(1000);
            assertThat(r.hget("h", "f9")).isEqualTo("999");
        }
    }

    @Test
    void aclUserThroughTheUri() {
        try (StatefulRedisConnection<String, String> admin = connect(ProtocolVersion.RESP3)) {
            admin.sync().aclSetuser("app", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("s3cret").keyPattern("app:*").allCommands());
        }
        RedisClient appClient = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withAuthentication("app", "s3cret").build());
        try (StatefulRedisConnection<String, String> conn = appClient.connect()) {
            RedisCommands<String, String> r = conn.sync();
            assertThat(r.aclWhoami()).isEqualTo("app");
            assertThat(r.set("app:1", "x")).isEqualTo("OK");
            assertThatThrownBy(() -> r.set("other", "x")).hasMessageStartingWith("NOPERM");
        } finally {
            appClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

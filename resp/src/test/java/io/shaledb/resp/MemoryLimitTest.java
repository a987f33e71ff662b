package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * maxmemory and maxmemory-policy through the front door: the OOM refusals compared with a real
 * redis-server (both over their limit), eviction per policy, and INFO's used_memory / DBSIZE
 * agreeing with the counters.
 */
class MemoryLimitTest {
    @TempDir
    Path tmp;

    /** Both servers are over maxmemory 1 after the first SET (Redis's baseline alone is ~1 MB). */
    private static final List<String> OVER_THE_LIMIT = List.of(
            "SET a 1", "CONFIG SET maxmemory 1", "CONFIG GET maxmemory", "SET b 2", "GET a", "INCR a", "APPEND a x",
            "LPUSH l x", "HSET h f v", "SADD s m", "ZADD z 1 m", "EXISTS a", "GETDEL nosuch", "PERSIST a",
            "MULTI", "SET x 1", "GET a", "EXEC", "MULTI", "GET a", "EXEC", "MULTI", "DISCARD",
            "CONFIG SET maxmemory-policy volatile-random", "SET b 2",
            "CONFIG SET maxmemory-policy bogus", "CONFIG SET maxmemory-samples 0", "CONFIG GET maxmemory-policy",
            "CONFIG SET maxmemory 0", "SET b 2", "GET b");

    @Test
    void refusalsAreRedisRepliesWhenOverTheLimit() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the comparison");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer()) {
            assertThat(run(shale.port(), OVER_THE_LIMIT)).isEqualTo(run(redis.port(), OVER_THE_LIMIT));
        }
    }

    private static List<Object> run(int port, List<String> script) throws Exception {
        List<Object> replies = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            for (String line : script) {
                replies.add(line + " -> " + c.call(line.split(" ")));
            }
        }
        return replies;
    }

    private static Map<String, String> info(RawClient c, String section) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : String.valueOf(c.call("INFO", section)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    private static long usedMemory(RawClient c) throws Exception {
        return Long.parseLong(info(c, "memory").get("used_memory"));
    }

    @Test
    void allkeysRandomEvictsUntilUnderTheLimit() throws Exception {
        try (TestServer shale = new TestServer(); RawClient c = new RawClient(shale.port())) {
            for (int i = 0; i < 200; i++) {
                c.call("SET", "key:" + i, "x".repeat(100));
            }
            c.call("RPUSH", "list", "a", "b", "c");
            long used = usedMemory(c);
            assertThat(used).isEqualTo(shale.store.usedBytes()).isGreaterThan(200 * 100);
            long limit = used / 2;
            assertThat(c.call("CONFIG", "SET", "maxmemory", Long.toString(limit))).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")).isEqualTo("OK");
            assertThat(c.call("SET", "new", "v")).isEqualTo("OK");
            long keys = (Long) c.call("DBSIZE");
            assertThat(keys).isBetween(80L, 120L);
            assertThat(usedMemory(c)).isLessThanOrEqualTo(limit + 200);
            assertThat(Long.parseLong(info(c, "stats").get("evicted_keys"))).isEqualTo(202 - keys);
            assertThat(info(c, "memory")).containsEntry("maxmemory_policy", "allkeys-lru").containsEntry("maxmemory", Long.toString(limit));
            assertThat(shale.store.keyCount(0)).isEqualTo(keys);
        }
    }

    @Test
    void volatileTtlEvictsTheNearestDeadlinesFirstAndNeverKeysWithoutOne() throws Exception {
        try (TestServer shale = new TestServer(); RawClient c = new RawClient(shale.port())) {
            for (int i = 0; i < 50; i++) {
                c.call("SET", "keep:" + i, "x".repeat(100));
            }
            for (int i = 0; i < 50; i++) {
                c.call("SET", "ttl:" + i, "x".repeat(100), "EX", Integer.toString(1000 + i));
            }
            long used = usedMemory(c);
            c.call("CONFIG", "SET", "maxmemory-policy", "volatile-ttl");
            c.call("CONFIG", "SET", "maxmemory", Long.toString(used * 3 / 4));
            assertThat(c.call("SET", "one", "more")).isEqualTo("OK");
            long evicted = Long.parseLong(info(c, "stats").get("evicted_keys"));
            assertThat(evicted).isBetween(20L, 32L);
            for (int i = 0; i < 50; i++) {
                assertThat(c.call("EXISTS", "keep:" + i)).isEqualTo(1L);
                assertThat(c.call("EXISTS", "ttl:" + i)).as("ttl:%d", i).isEqualTo(i < evicted ? 0L : 1L);
            }
            assertThat(info(c, "keyspace").get("db0")).isEqualTo("keys=" + (101 - evicted) + ",expires=" + (50 - evicted) + ",avg_ttl=0");
            // only keys without a deadline left over the limit: volatile-* has nothing to evict
            c.call("CONFIG", "SET", "maxmemory", "100");
            assertThat(c.call("SET", "again", "v")).isEqualTo("-" + MemoryLimit.OOM);
            assertThat(c.call("DEL", "keep:0")).isEqualTo(1L);
        }
    }

    @Test
    void evictingACollectionFreesItsElementsAtOnce() throws Exception {
        try (TestServer shale = new TestServer(); RawClient c = new RawClient(shale.port())) {
            List<String> args = new ArrayList<>(List.of("HSET", "big"));
            for (int i = 0; i < 500; i++) {
                args.add("field:" + i);
                args.add("value:" + i);
            }
            c.call(args.toArray(String[]::new));
            c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            c.call("CONFIG", "SET", "maxmemory", "1000");
            assertThat(c.call("SET", "small", "v")).isEqualTo("OK");
            assertThat(c.call("EXISTS", "big")).isEqualTo(0L);
            assertThat(usedMemory(c)).isLessThan(1000);
            assertThat(shale.store.reclaimNow()).isZero(); // nothing left for the background reclaimer
        }
    }
}

package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.testkit.server.FreePorts;
import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The kv limits through the launched server's front door with Jedis: the OOM reply over
 * maxmemory and eviction under a policy, CONFIG timeout closing a real idle connection, and
 * DBSIZE / INFO keyspace / used_memory counted without a scan and right again after kill -9
 * (everysec: the counters describe what survived, whatever the crash lost).
 */
class KvLimitsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void maxmemoryTimeoutAndKeyCountsAtTheFrontDoor() throws Exception {
        int respPort = FreePorts.pick();
        ServerProcess.Builder builder = ServerProcess.builder(tmp.resolve("data"))
                .args("--resp-port", Integer.toString(respPort), "--appendfsync", "everysec");
        try (ServerProcess server = builder.start()) {
            try (Jedis jedis = RespClients.connect(respPort)) {
                for (int i = 0; i < 300; i++) {
                    jedis.set("k:" + i, "v".repeat(50));
                }
                jedis.expire("k:0", 1000);
                jedis.hset("h", "f", "v");
                assertThat(jedis.dbSize()).isEqualTo(301);
                assertThat(jedis.info("keyspace")).contains("db0:keys=301,expires=1,avg_ttl=0");
                long used = Long.parseLong(infoField(jedis.info("memory"), "used_memory"));

                jedis.configSet("maxmemory", Long.toString(used - 1));
                assertThatThrownBy(() -> jedis.set("one", "more")).isInstanceOf(JedisDataException.class)
                        .hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
                assertThat(jedis.get("k:1")).isEqualTo("v".repeat(50)); // reads still run
                jedis.configSet("maxmemory-policy", "allkeys-random");
                assertThat(jedis.set("one", "more")).isEqualTo("OK");
                long evicted = Long.parseLong(infoField(jedis.info("stats"), "evicted_keys"));
                assertThat(evicted).isPositive();
                assertThat(jedis.dbSize()).isEqualTo(302 - evicted);
                jedis.configSet("maxmemory", "0");
                jedis.configSet("maxmemory-policy", "noeviction");
            }

            try (Jedis admin = RespClients.connect(respPort); Jedis idle = RespClients.connect(respPort)) {
                admin.configSet("timeout", "1");
                Thread.sleep(2_600);
                assertThatThrownBy(idle::ping).isInstanceOf(JedisConnectionException.class);
            }
            try (Jedis admin = RespClients.connect(respPort)) {
                admin.configSet("timeout", "0");
                long keys = admin.dbSize();
                // everysec: wait for the syncer so the crash keeps everything, then kill -9
                Thread.sleep(1_500);
                server.kill();
                server.restart();
                try (Jedis again = RespClients.connect(respPort)) {
                    assertThat(again.dbSize()).isEqualTo(keys).isEqualTo(again.keys("*").size());
                    assertThat(again.info("keyspace")).contains("db0:keys=" + keys + ",");
                    assertThat(Long.parseLong(infoField(again.info("memory"), "used_memory"))).isPositive();
                    assertThat(again.configGet("timeout").get("timeout")).isEqualTo("0"); // CONFIG SET is not persisted
                }
            }
            server.stop();
        }
    }

    private static String infoField(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in INFO: " + info);
    }
}

package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.FreePorts;
import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Durability of the Redis protocol with {@code appendfsync always}: a server in a child JVM takes
 * SETs and INCRs from several Jedis clients while the test records every acknowledged one; it is
 * killed with SIGKILL at a random moment and restarted on the same data directory, and every
 * acknowledged SET must be back, intact, each counter at least as high as its acknowledged INCRs,
 * and nothing never sent may appear.
 *
 * <p>{@code -Dshaledb.kvcrash.cycles=N} sets the number of kill/restart cycles (5 by default).
 */
class KvCrashTest {
    private static final Logger log = LoggerFactory.getLogger(KvCrashTest.class);

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        int cycles = Integer.getInteger("shaledb.kvcrash.cycles", 5);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int respPort = FreePorts.pick();
        log.info("kv crash test: {} cycles, seed {}, resp port {}", cycles, seed, respPort);
        Map<Long, String> acknowledged = new HashMap<>();
        Map<Integer, Long> counterFloor = new HashMap<>();
        AtomicLong nextId = new AtomicLong();
        ServerProcess.Builder builder = ServerProcess.builder(tmp.resolve("data"))
                .args("--resp-port", Integer.toString(respPort), "--appendfsync", "always");
        try (ServerProcess server = builder.start()) {
            for (int cycle = 0; cycle < cycles; cycle++) {
                ConcurrentSkipListSet<Long> acked = new ConcurrentSkipListSet<>();
                int writers = 1 + random.nextInt(3);
                long[] increments = new long[writers];
                Thread[] threads = new Thread[writers];
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    threads[w] = Thread.ofPlatform().start(() -> writeUntilKilled(respPort, writer, nextId, acked, increments));
                }
                Thread.sleep(300 + random.nextInt(700));
                server.kill();
                for (Thread t : threads) {
                    t.join(30_000);
                }
                for (long id : acked) {
                    acknowledged.put(id, payload(id));
                }
                for (int w = 0; w < writers; w++) {
                    counterFloor.merge(w, increments[w], Long::sum);
                }
                server.restart();
                verify(respPort, acknowledged, counterFloor, nextId.get(), "seed " + seed + ", after kill " + (cycle + 1));
            }
            server.stop();
        }
        assertThat(acknowledged).as("the test wrote something").isNotEmpty();
        log.info("kv crash test: {} acknowledged SETs survived {} kills", acknowledged.size(), cycles);
    }

    private static void writeUntilKilled(int port, int writer, AtomicLong nextId, ConcurrentSkipListSet<Long> acked, long[] increments) {
        try (Jedis jedis = RespClients.connect(port)) {
            while (true) {
                long id = nextId.getAndIncrement();
                if ("OK".equals(jedis.set("crash:" + id, payload(id)))) {
                    acked.add(id);
                }
                jedis.incr("counter:" + writer);
                increments[writer]++;
            }
        } catch (JedisException expectedWhenKilled) {
            // the server died under us; what was not acknowledged may or may not have landed
        }
    }

    private static void verify(int port, Map<Long, String> acknowledged, Map<Integer, Long> counterFloor, long attempted,
                               String context) {
        try (Jedis jedis = RespClients.connect(port)) {
            for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                assertThat(jedis.get("crash:" + e.getKey())).as("acknowledged SET %d (%s)", e.getKey(), context).isEqualTo(e.getValue());
            }
            List<String> keys = List.copyOf(jedis.keys("crash:*"));
            for (String k : keys) {
                long id = Long.parseLong(k.substring("crash:".length()));
                assertThat(id).as("key %s was never sent (%s)", k, context).isLessThan(attempted);
                assertThat(jedis.get(k)).as("key %s is intact (%s)", k, context).isEqualTo(payload(id));
            }
            // DBSIZE is a counter rebuilt from the committed rows on open: it agrees with the keys that survived
            assertThat(jedis.dbSize()).as("DBSIZE after restart (%s)", context).isEqualTo(jedis.keys("*").size());
            for (Map.Entry<Integer, Long> e : counterFloor.entrySet()) {
                String v = jedis.get("counter:" + e.getKey());
                assertThat(v == null ? 0 : Long.parseLong(v)).as("counter %d (%s)", e.getKey(), context)
                        .isGreaterThanOrEqualTo(e.getValue());
            }
        }
    }

    private static String payload(long id) {
        return "value-" + id + "-" + Long.toHexString(id * 0x9E3779B97F4A7C15L);
    }
}

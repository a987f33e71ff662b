package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.FreePorts;
import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Durability of the Redis protocol under the default {@code appendfsync everysec}, where commands
 * run on the event loops in transactions shared across clients: writers append 1, 2, 3 ... to a
 * list each (some unpipelined, some 16 at a time), the server is killed with SIGKILL and restarted,
 * and each list must be a prefix of what its writer sent — 1..k with no hole, no duplicate and
 * nothing never sent — holding at least every append acknowledged more than two seconds before the
 * kill (the everysec window is one second). Run with the keys in each engine ({@code --kv-engine}):
 * in the LSM the rows and the commit records are in two logs, which the transaction manager keeps
 * in order (see CrossEngineCommitCrashTest in txn).
 */
class KvEverysecCrashTest {
    private static final Logger log = LoggerFactory.getLogger(KvEverysecCrashTest.class);
    private static final long WINDOW_NANOS = 2_000_000_000L;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "--kv-engine {0}")
    @ValueSource(strings = {"btree", "lsm"})
    void aCrashLosesAtMostTheLastSecondAndNeverAHole(String kvEngine) throws Exception {
        int cycles = Integer.getInteger("shaledb.kvcrash.cycles", 2);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int respPort = FreePorts.pick();
        log.info("kv everysec crash test on {}: {} cycles, seed {}, resp port {}", kvEngine, cycles, seed, respPort);
        int writers = 4;
        long[] sent = new long[writers];
        ServerProcess.Builder builder = ServerProcess.builder(tmp.resolve("data"))
                .args("--resp-port", Integer.toString(respPort), "--appendfsync", "everysec", "--kv-engine", kvEngine);
        try (ServerProcess server = builder.start()) {
            for (int cycle = 0; cycle < cycles; cycle++) {
                // per writer: acknowledged value -> when its reply arrived
                List<ConcurrentNavigableMap<Long, Long>> acked = new ArrayList<>();
                Thread[] threads = new Thread[writers];
                long[] start = new long[writers];
                try (Jedis jedis = RespClients.connect(respPort)) {
                    for (int w = 0; w < writers; w++) {
                        start[w] = jedis.llen("log:" + w);
                        sent[w] = start[w];
                    }
                }
                ConcurrentHashMap<Integer, Long> lastSent = new ConcurrentHashMap<>();
                for (int w = 0; w < writers; w++) {
                    ConcurrentNavigableMap<Long, Long> mine = new ConcurrentSkipListMap<>();
                    acked.add(mine);
                    int writer = w;
                    boolean pipelined = w % 2 == 1;
                    threads[w] = Thread.ofPlatform().start(() -> appendUntilKilled(respPort, writer, start[writer], pipelined, mine, lastSent));
                }
                Thread.sleep(2_500 + random.nextInt(1_500));
                long killedAt = System.nanoTime();
                server.kill();
                for (Thread t : threads) {
                    t.join(30_000);
                }
                server.restart();
                try (Jedis jedis = RespClients.connect(respPort)) {
                    for (int w = 0; w < writers; w++) {
                        String context = kvEngine + ", writer " + w + ", seed " + seed + ", kill " + (cycle + 1);
                        List<String> log = jedis.lrange("log:" + w, 0, -1);
                        for (int i = 0; i < log.size(); i++) {
                            assertThat(log.get(i)).as("element %d of %s: a prefix, no hole", i, context).isEqualTo(String.valueOf(i + 1));
                        }
                        long mustHave = acked.get(w).entrySet().stream().filter(e -> e.getValue() < killedAt - WINDOW_NANOS)
                                .mapToLong(java.util.Map.Entry::getKey).max().orElse(start[w]);
                        assertThat((long) log.size()).as("acknowledged over 2 s before the kill (%s)", context)
                                .isGreaterThanOrEqualTo(mustHave);
                        assertThat((long) log.size()).as("nothing never sent (%s)", context)
                                .isLessThanOrEqualTo(lastSent.getOrDefault(w, start[w]));
                        assertThat((long) log.size()).as("the writer got somewhere (%s)", context).isGreaterThan(start[w]);
                    }
                }
            }
            server.stop();
        }
    }

    private static void appendUntilKilled(int port, int writer, long from, boolean pipelined,
                                          ConcurrentNavigableMap<Long, Long> acked, ConcurrentHashMap<Integer, Long> lastSent) {
        String key = "log:" + writer;
        long next = from + 1;
        try (Jedis jedis = RespClients.connect(port)) {
            while (true) {
                if (pipelined) {
                    Pipeline p = jedis.pipelined();
                    List<Response<Long>> replies = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        replies.add(p.rpush(key, String.valueOf(next + i)));
                    }
                    lastSent.put(writer, next + 15);
                    p.sync();
                    long now = System.nanoTime();
                    for (Response<Long> r : replies) {
                        acked.put(r.get(), now);
                    }
                    next += 16;
                } else {
                    lastSent.put(writer, next);
                    long len = jedis.rpush(key, String.valueOf(next));
                    acked.put(len, System.nanoTime());
                    next++;
                }
            }
        } catch (JedisException expectedWhenKilled) {
            // the server died under us; what was not acknowledged may or may not have landed
        }
    }
}

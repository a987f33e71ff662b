package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.FreePorts;
import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Lists, sets and sorted sets survive kill -9 with {@code appendfsync always}: three writers (one
 * per type) push/pop, add/remove and ZADD while the test records every acknowledged change; the
 * server is killed at a random moment and restarted on the same data directory, and every
 * acknowledged change must be there — the one unacknowledged command in flight may or may not be.
 * Run with the keys in each engine ({@code --kv-engine}).
 *
 * <p>{@code -Dshaledb.kvcrash.cycles=N} sets the number of kill/restart cycles (2 by default).
 */
class KvCollectionsCrashTest {
    private static final Logger log = LoggerFactory.getLogger(KvCollectionsCrashTest.class);

    @TempDir
    Path tmp;

    /** What the writers had acknowledged (cumulative over cycles) and attempted. */
    private static final class Acked {
        final ConcurrentSkipListSet<Long> pushed = new ConcurrentSkipListSet<>();
        final AtomicLong maxPopped = new AtomicLong(-1);
        final ConcurrentSkipListSet<Long> added = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> removed = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> maybeRemoved = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> scored = new ConcurrentSkipListSet<>();
        final AtomicLong nextId = new AtomicLong();
    }

    @ParameterizedTest(name = "--kv-engine {0}")
    @ValueSource(strings = {"btree", "lsm"})
    void acknowledgedCollectionChangesSurviveKillDashNine(String kvEngine) throws Exception {
        int cycles = Integer.getInteger("shaledb.kvcrash.cycles", 2);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int respPort = FreePorts.pick();
        log.info("kv collections crash test on {}: {} cycles, seed {}, resp port {}", kvEngine, cycles, seed, respPort);
        Acked acked = new Acked();
        ServerProcess.Builder builder = ServerProcess.builder(tmp.resolve("data"))
                .args("--resp-port", Integer.toString(respPort), "--appendfsync", "always", "--kv-engine", kvEngine);
        try (ServerProcess server = builder.start()) {
            for (int cycle = 0; cycle < cycles; cycle++) {
                Thread[] writers = {
                    Thread.ofPlatform().start(() -> listWriter(respPort, acked)),
                    Thread.ofPlatform().start(() -> setWriter(respPort, acked)),
                    Thread.ofPlatform().start(() -> zsetWriter(respPort, acked)),
                };
                Thread.sleep(400 + random.nextInt(800));
                server.kill();
                for (Thread t : writers) {
                    t.join(30_000);
                }
                server.restart();
                verify(respPort, acked, cycle + 1, kvEngine + ", seed " + seed + ", after kill " + (cycle + 1));
            }
            server.stop();
        }
        assertThat(acked.pushed).as("the list writer wrote something").isNotEmpty();
        assertThat(acked.added).as("the set writer wrote something").isNotEmpty();
        assertThat(acked.scored).as("the zset writer wrote something").isNotEmpty();
    }

    private static void listWriter(int port, Acked acked) {
        try (Jedis jedis = RespClients.connect(port)) {
            for (long n = 0; ; n++) {
                long id = acked.nextId.getAndIncrement();
                jedis.rpush("clist", Long.toString(id));
                acked.pushed.add(id);
                if (n % 4 == 3) {
                    String popped = jedis.lpop("clist");
                    if (popped != null) {
                        acked.maxPopped.accumulateAndGet(Long.parseLong(popped), Math::max);
                    }
                }
            }
        } catch (JedisException expectedWhenKilled) {
            // the server died under us
        }
    }

    private static void setWriter(int port, Acked acked) {
        try (Jedis jedis = RespClients.connect(port)) {
            for (long n = 0; ; n++) {
                long id = acked.nextId.getAndIncrement();
                jedis.sadd("cset", Long.toString(id));
                acked.added.add(id);
                if (n % 3 == 2) {
                    long victim = acked.added.first();
                    if (!acked.removed.contains(victim)) {
                        acked.maybeRemoved.add(victim);
                        jedis.srem("cset", Long.toString(victim));
                        acked.removed.add(victim);
                    }
                    acked.added.remove(victim);
                }
            }
        } catch (JedisException expectedWhenKilled) {
            // the server died under us
        }
    }

    private static void zsetWriter(int port, Acked acked) {
        try (Jedis jedis = RespClients.connect(port)) {
            while (true) {
                long id = acked.nextId.getAndIncrement();
                jedis.zadd("czset", id, "m" + id);
                acked.scored.add(id);
            }
        } catch (JedisException expectedWhenKilled) {
            // the server died under us
        }
    }

    /** {@code kills}: how many in-flight (unacknowledged) commands per writer may have landed so far. */
    private static void verify(int port, Acked acked, int kills, String context) {
        long attempted = acked.nextId.get();
        try (Jedis jedis = RespClients.connect(port)) {
            List<Long> list = jedis.lrange("clist", 0, -1).stream().map(Long::parseLong).toList();
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)).as("list order (%s)", context).isGreaterThan(list.get(i - 1));
            }
            long popped = acked.maxPopped.get();
            for (long id : acked.pushed) {
                if (id > popped + 1 && !list.isEmpty() && id > list.getFirst()) {
                    assertThat(list).as("acknowledged RPUSH %d (%s)", id, context).contains(id);
                }
            }
            assertThat(list).as("acknowledged LPOPs stay popped (%s)", context).allMatch(id -> id > popped && id < attempted);

            Set<String> members = jedis.smembers("cset");
            for (long id : acked.added) {
                if (!acked.maybeRemoved.contains(id)) {
                    assertThat(members).as("acknowledged SADD %d (%s)", id, context).contains(Long.toString(id));
                }
            }
            for (long id : acked.removed) {
                assertThat(members).as("acknowledged SREM %d (%s)", id, context).doesNotContain(Long.toString(id));
            }
            for (long id : acked.scored) {
                assertThat(jedis.zscore("czset", "m" + id)).as("acknowledged ZADD %d (%s)", id, context).isEqualTo((double) id);
            }
            long unacknowledged = jedis.zrange("czset", 0, -1).stream()
                    .map(m -> Long.parseLong(m.substring(1)))
                    .peek(id -> assertThat(id).as("ZADD %d was sent (%s)", id, context).isLessThan(attempted))
                    .filter(id -> !acked.scored.contains(id)).count();
            assertThat(unacknowledged).as("at most one in-flight ZADD per kill (%s)", context).isLessThanOrEqualTo(kills);
        }
    }

}

package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MULTI/EXEC/DISCARD/WATCH: replies compared with a real redis-server, WATCH across clients, atomicity. */
class MultiExecTest {
    @TempDir
    Path tmp;

    /** Scripts of commands on one connection (plus "@2 ..." lines sent on a second connection). */
    private static final List<List<String>> SCRIPTS = List.of(
            List.of("MULTI", "SET a 1", "INCR a", "GET a", "EXEC", "GET a"),
            List.of("MULTI", "SET a 1", "NOSUCHCMD x", "INCR a", "EXEC", "GET a"),
            List.of("MULTI", "SET a", "EXEC", "EXISTS a"),
            List.of("SET s hello", "MULTI", "INCR s", "SET t 2", "HSET s f v", "EXEC", "GET t", "GET s"),
            List.of("MULTI", "MULTI", "SET x 1", "EXEC", "GET x"),
            List.of("EXEC", "DISCARD", "MULTI", "SET d 1", "DISCARD", "EXISTS d", "EXEC"),
            List.of("MULTI", "WATCH a", "EXEC"),
            List.of("MULTI", "EXEC"),
            List.of("WATCH w", "SET w 1", "MULTI", "SET w 2", "EXEC", "GET w"),
            List.of("WATCH w", "@2 SET w 9", "MULTI", "INCR w", "EXEC", "GET w"),
            List.of("WATCH w", "UNWATCH", "@2 SET w 9", "MULTI", "INCR w", "EXEC", "GET w"),
            List.of("SET w 1", "WATCH w", "@2 SET other 9", "MULTI", "INCR w", "EXEC", "GET w"),
            List.of("WATCH w", "@2 MULTI", "@2 SET w 5", "@2 EXEC", "MULTI", "GET w", "EXEC"),
            List.of("SET w 1", "WATCH w", "@2 FLUSHDB", "MULTI", "PING", "EXEC"),
            List.of("WATCH nosuch", "@2 FLUSHDB", "MULTI", "PING", "EXEC"),
            List.of("SET w 1", "WATCH w", "@2 SELECT 1", "@2 SET w 7", "MULTI", "PING", "EXEC"),
            List.of("SET w 1", "WATCH w", "MULTI", "SET w 2", "DISCARD", "@2 SET w 3", "MULTI", "INCR w", "EXEC"),
            List.of("WATCH w", "@2 SET w 1", "MULTI", "PING", "EXEC", "MULTI", "PING", "EXEC"),
            List.of("SET w 1 PX 100", "WATCH w", "SLEEP 200", "MULTI", "PING", "EXEC"),
            List.of("SET w 1 PX 50", "SLEEP 120", "WATCH w", "@2 DEL w", "MULTI", "PING", "EXEC"),
            List.of("MULTI", "SELECT 1", "SET in1 x", "EXEC", "GET in1", "SELECT 0", "GET in1"),
            List.of("MULTI", "SET x 1", "HELLO 9", "PING", "EXEC"),
            List.of("MULTI", "INCRBY n notanumber", "INCR n", "EXEC"),
            List.of("HSET h f 1", "WATCH h", "@2 HSET h f 2", "MULTI", "HGET h f", "EXEC"),
            List.of("MULTI", "SET a 1", "GET", "EXEC"));

    @Test
    void scriptsGetRedisReplies() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the comparison");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer()) {
            for (List<String> script : SCRIPTS) {
                assertThat(run(shale.port(), script)).as("script %s", script).isEqualTo(run(redis.port(), script));
            }
        }
    }

    private static List<Object> run(int port, List<String> script) throws Exception {
        List<Object> replies = new ArrayList<>();
        try (RawClient one = new RawClient(port); RawClient two = new RawClient(port)) {
            one.call("FLUSHALL");
            for (String line : script) {
                if (line.startsWith("SLEEP ")) {
                    Thread.sleep(Long.parseLong(line.substring(6)));
                    continue;
                }
                RawClient c = line.startsWith("@2 ") ? two : one;
                String cmd = line.startsWith("@2 ") ? line.substring(3) : line;
                replies.add(line + " -> " + c.call(cmd.split(" ")));
            }
        }
        return replies;
    }

    @Test
    void execIsAtomicForOtherClients() throws Exception {
        try (TestServer shale = new TestServer(); RawClient writer = new RawClient(shale.port());
             RawClient reader = new RawClient(shale.port())) {
            writer.call("MSET", "a", "0", "b", "0");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Object> torn = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        Object r = reader.call("MGET", "a", "b");
                        List<?> l = (List<?>) r;
                        if (!l.get(0).equals(l.get(1))) {
                            torn.set(r);
                        }
                    }
                } catch (Exception e) {
                    torn.set(e);
                }
            });
            for (int i = 0; i < 300; i++) {
                writer.call("MULTI");
                writer.call("INCR", "a");
                writer.call("INCR", "b");
                assertThat(writer.call("EXEC")).isEqualTo(List.of((long) i + 1, (long) i + 1));
            }
            stop.set(true);
            t.join();
            assertThat(torn.get()).as("a reader saw half an EXEC").isNull();
        }
    }

    @Test
    void concurrentWatchedIncrementsNeverLoseUpdates() throws Exception {
        try (TestServer shale = new TestServer()) {
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            for (int n = 0; n < 4; n++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try (RawClient c = new RawClient(shale.port())) {
                        int done = 0;
                        while (done < 50) {
                            c.call("WATCH", "counter");
                            Object v = c.call("GET", "counter");
                            long next = v == null ? 1 : Long.parseLong((String) v) + 1;
                            c.call("MULTI");
                            c.call("SET", "counter", Long.toString(next));
                            if (c.call("EXEC") != null) {
                                done++;
                            }
                        }
                    } catch (Exception e) {
                        failure.set(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failure.get()).isNull();
            try (RawClient c = new RawClient(shale.port())) {
                assertThat(c.call("GET", "counter")).isEqualTo("200");
            }
        }
    }
}

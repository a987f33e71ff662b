package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BLPOP and friends across connections: a blocked client is woken by another connection's push,
 * times out with a null array, does not block the replies pipelined before it, and leaves nothing
 * behind (no waiter, no consumed element) when it disconnects while blocked.
 */
class BlockingTest {
    private TestServer server;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @BeforeEach
    void start() {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPushFromAnotherConnectionWakesTheBlockedClient() throws Exception {
        try (RawClient blocked = new RawClient(server.port()); RawClient pusher = new RawClient(server.port())) {
            CompletableFuture<Object> reply = blocked.callAsync("BLPOP", "q1", "q2", "0");
            server.awaitBlocked(1);
            assertThat(reply).isNotDone();
            assertThat(pusher.call("RPUSH", "q2", "a", "b")).isEqualTo(2L);
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("q2", "a"));
            assertThat(pusher.call("LRANGE", "q2", "0", "-1")).isEqualTo(List.of("b"));
            server.awaitBlocked(0);

            reply = blocked.callAsync("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
            server.awaitBlocked(1);
            pusher.call("LPUSH", "src", "moved");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("moved");
            assertThat(pusher.call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("moved"));

            reply = blocked.callAsync("BZPOPMAX", "z", "0");
            server.awaitBlocked(1);
            pusher.call("ZADD", "z", "1", "a", "2", "b");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("z", "b", "2"));

            reply = blocked.callAsync("BLMPOP", "0", "2", "m1", "m2", "LEFT", "COUNT", "5");
            server.awaitBlocked(1);
            pusher.call("RPUSH", "m2", "x", "y");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("m2", List.of("x", "y")));
        }
    }

    private static long blockedClients(RawClient c) throws Exception {
        String info = String.valueOf(c.call("INFO", "clients"));
        int at = info.indexOf("blocked_clients:");
        return Long.parseLong(info.substring(at + 16, info.indexOf('\r', at)));
    }

    /**
     * Clients blocked one after the other on one key (some on two keys, one moving to another
     * list), then pushes of one and several elements: who gets what, on the given server.
     */
    private List<Object> fifoScenario(int port) throws Exception {
        List<String[]> commands = List.of(
                new String[] {"BLPOP", "q", "0"}, new String[] {"BRPOP", "other", "q", "0"}, new String[] {"BLPOP", "q", "0"},
                new String[] {"BLMOVE", "q", "dst", "LEFT", "RIGHT", "0"}, new String[] {"BLPOP", "q", "other", "0"},
                new String[] {"BRPOP", "q", "0"}, new String[] {"BLPOP", "q", "0"}, new String[] {"BLPOP", "q", "0"});
        List<RawClient> clients = new ArrayList<>();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        try (RawClient pusher = new RawClient(port)) {
            for (String[] cmd : commands) {
                RawClient c = new RawClient(port);
                clients.add(c);
                replies.add(c.callAsync(cmd));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (blockedClients(pusher) != clients.size()) { // strictly one after the other
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(2);
                }
            }
            List<Object> out = new ArrayList<>();
            out.add(pusher.call("RPUSH", "q", "a"));
            out.add(replies.get(0).get(10, TimeUnit.SECONDS));
            out.add(pusher.call("RPUSH", "q", "b", "c", "d"));
            for (int i = 1; i <= 3; i++) {
                out.add(replies.get(i).get(10, TimeUnit.SECONDS));
            }
            out.add(pusher.call("LPUSH", "q", "e", "f", "g", "h", "i"));
            for (int i = 4; i < commands.size(); i++) {
                out.add(replies.get(i).get(10, TimeUnit.SECONDS));
            }
            out.add(pusher.call("LRANGE", "q", "0", "-1"));
            out.add(pusher.call("LRANGE", "dst", "0", "-1"));
            out.add(blockedClients(pusher));
            return out;
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void blockedClientsAreServedFirstInFirstOutAsRedisServesThem() throws Exception {
        List<Object> shale = fifoScenario(server.port());
        assertThat(shale).containsExactly(1L, List.of("q", "a"), 3L, List.of("q", "d"), List.of("q", "b"), "c",
                5L, List.of("q", "i"), List.of("q", "e"), List.of("q", "h"), List.of("q", "g"), List.of("f"), List.of("c"), 0L);
        if (RedisPeer.available()) {
            try (RedisPeer redis = new RedisPeer(java.nio.file.Files.createDirectories(tmp.resolve("fifo")))) {
                assertThat(shale).isEqualTo(fifoScenario(redis.port()));
            }
        }
    }

    /** A BLMOVE whose destination holds a string gets WRONGTYPE when served, and the BLPOP behind it the element. */
    private List<Object> wrongDestinationScenario(int port) throws Exception {
        try (RawClient pusher = new RawClient(port); RawClient mover = new RawClient(port); RawClient popper = new RawClient(port)) {
            pusher.call("SET", "dst", "str");
            CompletableFuture<Object> move = mover.callAsync("BLMOVE", "wq", "dst", "LEFT", "RIGHT", "0");
            while (blockedClients(pusher) != 1) {
                Thread.sleep(2);
            }
            CompletableFuture<Object> pop = popper.callAsync("BLPOP", "wq", "0");
            while (blockedClients(pusher) != 2) {
                Thread.sleep(2);
            }
            List<Object> out = new ArrayList<>();
            out.add(pusher.call("RPUSH", "wq", "x"));
            out.add(move.get(10, TimeUnit.SECONDS));
            out.add(pop.get(10, TimeUnit.SECONDS));
            out.add(pusher.call("EXISTS", "wq"));
            out.add(pusher.call("GET", "dst"));
            return out;
        }
    }

    @Test
    void aBlmoveWithAWrongDestinationDoesNotHoldUpTheClientsBehindIt() throws Exception {
        List<Object> shale = wrongDestinationScenario(server.port());
        assertThat(shale).containsExactly(1L, "-WRONGTYPE Operation against a key holding the wrong kind of value",
                List.of("wq", "x"), 0L, "str");
        if (RedisPeer.available()) {
            try (RedisPeer redis = new RedisPeer(java.nio.file.Files.createDirectories(tmp.resolve("wrongdst")))) {
                assertThat(shale).isEqualTo(wrongDestinationScenario(redis.port()));
            }
        }
    }

    @Test
    void manyBlockedClientsGetOnePushEachInTheOrderTheyBlocked() throws Exception {
        int n = 24;
        List<RawClient> clients = new ArrayList<>();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        try (RawClient pusher = new RawClient(server.port())) {
            for (int i = 0; i < n; i++) {
                RawClient c = new RawClient(server.port());
                clients.add(c);
                replies.add(c.callAsync(i % 3 == 0 ? "BRPOP" : "BLPOP", "jobs", "0"));
                server.awaitBlocked(i + 1);
            }
            CompletableFuture<?> pushes = CompletableFuture.runAsync(() -> { // racing pushers: order among waiters must hold
                try (RawClient p2 = new RawClient(server.port())) {
                    for (int i = 0; i < n / 2; i++) {
                        p2.call("RPUSH", "jobs", "x");
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < n / 2; i++) {
                pusher.call("RPUSH", "jobs", "y");
            }
            pushes.get(10, TimeUnit.SECONDS);
            // whoever pushed what, the i-th waiter is served by the i-th element to arrive: all are served, each exactly once
            for (int i = 0; i < n; i++) {
                assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).asList().hasSize(2).first().isEqualTo("jobs");
            }
            assertThat(pusher.call("LLEN", "jobs")).isEqualTo(0L);
            server.awaitBlocked(0);
            // strict order: block four more, push one at a time, each must go to the earliest still waiting
            List<CompletableFuture<Object>> ordered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ordered.add(clients.get(i).callAsync("BLPOP", "jobs", "0"));
                server.awaitBlocked(i + 1);
            }
            for (int i = 0; i < 4; i++) {
                pusher.call("RPUSH", "jobs", "e" + i);
                assertThat(ordered.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(List.of("jobs", "e" + i));
                for (int j = i + 1; j < 4; j++) {
                    assertThat(ordered.get(j)).isNotDone();
                }
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aTimeoutRepliesANullArrayAfterTheTimeout() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.distinguishNulls = true;
            long start = System.nanoTime();
            assertThat(c.call("BRPOP", "nothing", "0.2")).isEqualTo("(nil-array)");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
            assertThat(c.call("BLPOP", "nothing", "-1")).isEqualTo("-ERR timeout is negative");
            assertThat(c.call("BLPOP", "nothing", "soon")).isEqualTo("-ERR timeout is not a float or out of range");
            c.call("SET", "str", "v");
            assertThat(c.call("BLPOP", "str", "0")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value");
            assertThat(server.store.blocking().blockedCommands()).isZero();
        }
    }

    @Test
    void insideMultiABlockingPopDoesNotWait() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.distinguishNulls = true;
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("BLPOP", "empty", "0")).isEqualTo("QUEUED");
            assertThat(c.call("RPUSH", "full", "v")).isEqualTo("QUEUED");
            assertThat(c.call("BRPOP", "full", "0")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).isEqualTo(List.of("(nil-array)", 1L, List.of("full", "v")));
        }
    }

    @Test
    void repliesPipelinedBeforeABlockingCommandArriveWhileItWaits() throws Exception {
        try (RawClient c = new RawClient(server.port()); RawClient pusher = new RawClient(server.port())) {
            List<String> first = List.of("RPUSH", "other", "1");
            List<String> second = List.of("BLPOP", "q", "0");
            byte[] a = RawClient.encode(first);
            byte[] b = RawClient.encode(second);
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            c.sendRaw(both);
            assertThat(c.read()).isEqualTo(1L); // while BLPOP still waits
            server.awaitBlocked(1);
            pusher.call("RPUSH", "q", "v");
            assertThat(c.read()).isEqualTo(List.of("q", "v"));
        }
    }

    @Test
    void aClientThatDisconnectsWhileBlockedTakesNothing() throws Exception {
        RawClient gone = new RawClient(server.port());
        gone.sendRaw(RawClient.encode(List.of("BLPOP", "q", "0")));
        server.awaitBlocked(1);
        gone.close();
        server.awaitBlocked(0);
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("RPUSH", "q", "kept")).isEqualTo(1L);
            Thread.sleep(50);
            assertThat(c.call("LLEN", "q")).isEqualTo(1L);
        }
    }

    @Test
    void manyBlockedClientsEachGetOneElement() throws Exception {
        int n = 20;
        List<RawClient> clients = new ArrayList<>();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        try (RawClient pusher = new RawClient(server.port())) {
            for (int i = 0; i < n; i++) {
                RawClient c = new RawClient(server.port());
                clients.add(c);
                replies.add(c.callAsync("BRPOP", "jobs", "0"));
            }
            server.awaitBlocked(n);
            for (int i = 0; i < n; i++) {
                pusher.call("LPUSH", "jobs", "job" + i);
            }
            List<String> got = new ArrayList<>();
            for (CompletableFuture<Object> r : replies) {
                got.add((String) ((List<?>) r.get(10, TimeUnit.SECONDS)).get(1));
            }
            Collections.sort(got);
            List<String> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                want.add("job" + i);
            }
            Collections.sort(want);
            assertThat(got).isEqualTo(want);
            assertThat(pusher.call("EXISTS", "jobs")).isEqualTo(0L);
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }
}

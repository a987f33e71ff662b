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

    @BeforeEach
    void start() {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CompletableFuture<Object> callAsync(RawClient c, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.call(args);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofPlatform().daemon().start(runnable)); // one thread each: they block
    }

    private void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.store.blocking().blockedCommands() != n) {
            assertThat(System.nanoTime()).as("waiting for %d blocked commands", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aPushFromAnotherConnectionWakesTheBlockedClient() throws Exception {
        try (RawClient blocked = new RawClient(server.port()); RawClient pusher = new RawClient(server.port())) {
            CompletableFuture<Object> reply = callAsync(blocked, "BLPOP", "q1", "q2", "0");
            awaitBlocked(1);
            assertThat(reply).isNotDone();
            assertThat(pusher.call("RPUSH", "q2", "a", "b")).isEqualTo(2L);
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("q2", "a"));
            assertThat(pusher.call("LRANGE", "q2", "0", "-1")).isEqualTo(List.of("b"));
            awaitBlocked(0);

            reply = callAsync(blocked, "BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
            awaitBlocked(1);
            pusher.call("LPUSH", "src", "moved");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("moved");
            assertThat(pusher.call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("moved"));

            reply = callAsync(blocked, "BZPOPMAX", "z", "0");
            awaitBlocked(1);
            pusher.call("ZADD", "z", "1", "a", "2", "b");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("z", "b", "2"));

            reply = callAsync(blocked, "BLMPOP", "0", "2", "m1", "m2", "LEFT", "COUNT", "5");
            awaitBlocked(1);
            pusher.call("RPUSH", "m2", "x", "y");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("m2", List.of("x", "y")));
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
            awaitBlocked(1);
            pusher.call("RPUSH", "q", "v");
            assertThat(c.read()).isEqualTo(List.of("q", "v"));
        }
    }

    @Test
    void aClientThatDisconnectsWhileBlockedTakesNothing() throws Exception {
        RawClient gone = new RawClient(server.port());
        gone.sendRaw(RawClient.encode(List.of("BLPOP", "q", "0")));
        awaitBlocked(1);
        gone.close();
        awaitBlocked(0);
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
                replies.add(callAsync(c, "BRPOP", "jobs", "0"));
            }
            awaitBlocked(n);
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

package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.kv.Durability;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where commands run (see {@code RespConnection}): on the event loop, in batches across the
 * clients a loop read in one pass ({@code LoopBatch}), or on the connection's worker when one may
 * wait. Under appendfsync everysec writes take the event-loop path, so these tests drive it:
 * replies keep their commands' order when a pipeline crosses to the worker and back, concurrent
 * clients' batched writes of one key lose nothing, an error in a batch is only its own command's
 * reply, and a client that does not read its replies still gets every one, in order.
 */
class CommandPlacementTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(null, Durability.EVERYSEC);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] pipeline(List<List<String>> commands) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (List<String> c : commands) {
            b.writeBytes(RawClient.encode(c));
        }
        return b.toByteArray();
    }

    @Test
    void aPipelineThatCrossesToTheWorkerAndBackKeepsItsOrder() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            for (int round = 1; round <= 40; round++) {
                c.sendRaw(pipeline(List.of(
                        List.of("SET", "a", "v" + round),
                        List.of("INCR", "n"),
                        List.of("BLPOP", "nolist", "0.01"),  // times out: the worker's
                        List.of("INCR", "n"),
                        List.of("GET", "a"),
                        List.of("LPUSH", "l", "x" + round),
                        List.of("BLPOP", "l", "0"),          // served at once, still on the worker
                        List.of("INCR", "n"),
                        List.of("GET", "n"))));
                List<Object> replies = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    replies.add(c.read());
                }
                long n = 3L * round;
                assertThat(replies).as("round %d", round).containsExactly(
                        "OK", n - 2, null, n - 1, "v" + round, 1L, List.of("l", "x" + round), n, String.valueOf(n));
            }
        }
    }

    @Test
    void underAppendfsyncAlwaysWritesRunOnTheWorkerInOrderToo() throws Exception {
        server.close();
        server = new TestServer(null, Durability.ALWAYS);
        aPipelineThatCrossesToTheWorkerAndBackKeepsItsOrder();
        clientsIncrementingOneKeyTogetherGetEveryNumberOnce();
    }

    @Test
    void clientsIncrementingOneKeyTogetherGetEveryNumberOnce() throws Exception {
        int clients = 12;
        int perClient = 400;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                boolean pipelined = t % 2 == 0;
                results.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    try (RawClient c = new RawClient(server.port())) {
                        for (int i = 0; i < perClient; i += pipelined ? 8 : 1) {
                            int burst = pipelined ? 8 : 1;
                            List<List<String>> cmds = new ArrayList<>();
                            for (int j = 0; j < burst; j++) {
                                cmds.add(List.of("INCR", "counter"));
                            }
                            c.sendRaw(pipeline(cmds));
                            for (int j = 0; j < burst; j++) {
                                got.add((Long) c.read());
                            }
                        }
                    }
                    return got;
                }));
            }
            Set<Long> seen = new HashSet<>();
            for (Future<List<Long>> f : results) {
                for (long v : f.get()) {
                    assertThat(seen.add(v)).as("INCR returned %d twice", v).isTrue();
                }
            }
            long total = (long) clients * perClient;
            assertThat(seen).hasSize((int) total).allMatch(v -> v >= 1 && v <= total);
            try (RawClient c = new RawClient(server.port())) {
                assertThat(c.call("GET", "counter")).isEqualTo(String.valueOf(total));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pushesOfManyClientsToOneListEachGetTheirOwnLength() throws Exception {
        int clients = 10;
        int rounds = 60;
        try (RawClient setup = new RawClient(server.port())) {
            assertThat(setup.call("SET", "str", "x")).isEqualTo("OK");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                results.add(pool.submit(() -> {
                    List<Long> lengths = new ArrayList<>();
                    try (RawClient c = new RawClient(server.port())) {
                        for (int r = 0; r < rounds; r++) {
                            // a pipeline: a push of two, a push to a string (WRONGTYPE), a push of one
                            c.sendRaw(pipeline(List.of(
                                    List.of(client % 2 == 0 ? "LPUSH" : "RPUSH", "shared", "c" + client + "r" + r + "a", "c" + client + "r" + r + "b"),
                                    List.of("LPUSH", "str", "nope"),
                                    List.of("RPUSH", "shared", "c" + client + "r" + r + "c"))));
                            long afterTwo = (Long) c.read();
                            assertThat(c.read()).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value");
                            long afterOne = (Long) c.read();
                            assertThat(afterOne).as("my third element came after my first two").isGreaterThan(afterTwo);
                            lengths.add(afterTwo);
                            lengths.add(afterOne);
                        }
                    }
                    return lengths;
                }));
            }
            Set<Long> seen = new HashSet<>();
            for (Future<List<Long>> f : results) {
                for (long length : f.get()) {
                    assertThat(seen.add(length)).as("two pushes answered length %d", length).isTrue();
                }
            }
            try (RawClient c = new RawClient(server.port())) {
                @SuppressWarnings("unchecked")
                List<Object> all = (List<Object>) c.call("LRANGE", "shared", "0", "-1");
                assertThat(all).hasSize(clients * rounds * 3).doesNotHaveDuplicates();
                assertThat(seen).contains((long) all.size());
                for (int t = 0; t < clients; t++) {
                    // each client's "a" and "b" are adjacent, in LPUSH's or RPUSH's order
                    for (int r = 0; r < rounds; r++) {
                        int a = all.indexOf("c" + t + "r" + r + "a");
                        int b = all.indexOf("c" + t + "r" + r + "b");
                        assertThat(b - a).as("client %d round %d", t, r).isEqualTo(t % 2 == 0 ? -1 : 1);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anErrorInABatchIsOnlyItsOwnCommandsReply() throws Exception {
        try (RawClient setup = new RawClient(server.port())) {
            assertThat(setup.call("SET", "text", "abc")).isEqualTo("OK");
        }
        int clients = 8;
        int rounds = 300;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            boolean bad = t % 2 == 1;
            all.add(CompletableFuture.runAsync(() -> {
                try (RawClient c = new RawClient(server.port())) {
                    for (int i = 0; i < rounds; i++) {
                        Object r = c.call("INCR", bad ? "text" : "good");
                        if (bad) {
                            assertThat(r).isEqualTo("-ERR value is not an integer or out of range");
                        } else {
                            assertThat(r).isInstanceOf(Long.class);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runnable -> Thread.ofPlatform().daemon().start(runnable)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("GET", "good")).isEqualTo(String.valueOf(clients / 2 * rounds));
            assertThat(c.call("GET", "text")).isEqualTo("abc");
        }
    }

    @Test
    void aClientThatDoesNotReadStillGetsEveryReplyInOrder() throws Exception {
        String value = "x".repeat(16 * 1024);
        int gets = 3000; // about 48 MiB of replies: far past the channel's high-water mark
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("SET", "big", value)).isEqualTo("OK");
            List<List<String>> cmds = new ArrayList<>();
            for (int i = 0; i < gets; i++) {
                cmds.add(i % 100 == 99 ? List.of("INCR", "seq") : List.of("GET", "big"));
            }
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.sendRaw(pipeline(cmds));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(300); // the server's outbound buffer fills while nobody reads
            long seq = 0;
            for (int i = 0; i < gets; i++) {
                Object r = c.read();
                if (i % 100 == 99) {
                    assertThat(r).as("reply %d", i).isEqualTo(++seq);
                } else {
                    assertThat(r).as("reply %d", i).isEqualTo(value);
                }
            }
            writer.join();
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }
}

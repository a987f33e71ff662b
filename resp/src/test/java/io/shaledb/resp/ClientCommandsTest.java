package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CLIENT UNBLOCK, LIST, INFO and KILL across connections, as Redis's list unit uses them: a client
 * blocked in BLPOP/BLMPOP shows flag {@code b}, and CLIENT UNBLOCK ends its wait as a timeout (a
 * null array) or with {@code -UNBLOCKED}, after which the client blocks and is served normally.
 */
class ClientCommandsTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unblockEndsABlockedPopAsATimeoutOrAnError() throws Exception {
        for (List<String> pop : List.of(List.of("BLPOP", "l", "0"), List.of("BLMPOP", "0", "1", "l", "RIGHT"))) {
            try (RawClient blocked = new RawClient(server.port()); RawClient r = new RawClient(server.port())) {
                long id = (Long) blocked.call("CLIENT", "ID");
                String[] cmd = pop.toArray(String[]::new);

                CompletableFuture<Object> reply = blocked.callAsync(cmd);
                server.awaitBlocked(1);
                assertThat((String) r.call("CLIENT", "LIST", "ID", Long.toString(id))).contains("flags=b").contains("cmd=" + pop.get(0).toLowerCase());
                assertThat(r.call("CLIENT", "UNBLOCK", Long.toString(id))).isEqualTo(1L);
                assertThat(reply.get(10, TimeUnit.SECONDS)).isNull();

                reply = blocked.callAsync(cmd);
                server.awaitBlocked(1);
                assertThat(r.call("CLIENT", "UNBLOCK", Long.toString(id), "TIMEOUT")).isEqualTo(1L);
                assertThat(reply.get(10, TimeUnit.SECONDS)).isNull();

                reply = blocked.callAsync(cmd);
                server.awaitBlocked(1);
                assertThat(r.call("CLIENT", "UNBLOCK", Long.toString(id), "ERROR")).isEqualTo(1L);
                assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK");
                server.awaitBlocked(0);

                assertThat(r.call("CLIENT", "UNBLOCK", "asd")).isEqualTo("-ERR value is not an integer or out of range");
                assertThat(r.call("CLIENT", "UNBLOCK", r.call("CLIENT", "ID").toString())).isEqualTo(0L);
                assertThat((String) r.call("CLIENT", "LIST", "ID", Long.toString(id))).contains("flags=N");

                reply = blocked.callAsync(cmd);
                server.awaitBlocked(1);
                r.call("LPUSH", "l", "foo");
                assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(pop.get(0).equals("BLPOP")
                        ? List.of("l", "foo") : List.of("l", List.of("foo")));
            }
        }
    }

    /**
     * The moment INFO counts a client blocked, CLIENT UNBLOCK can reach it (Redis's list unit waits
     * for {@code blocked_clients:1} and unblocks at once; a waiter counted before it was reachable
     * made CLIENT UNBLOCK answer 0 and the test hang). The counter is polled without a pause to hit
     * the moment right after it changes.
     */
    @Test
    void aClientCountedBlockedCanBeUnblockedAtOnce() throws Exception {
        try (RawClient blocked = new RawClient(server.port()); RawClient r = new RawClient(server.port())) {
            long id = (Long) blocked.call("CLIENT", "ID");
            for (int i = 0; i < 300; i++) {
                CompletableFuture<Object> reply = blocked.callAsync("BRPOP", "l", "0");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.store.blocking().blockedCommands() != 1) {
                    assertThat(System.nanoTime()).as("round %d: waiting for the pop to block", i).isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(r.call("CLIENT", "UNBLOCK", Long.toString(id))).as("round %d", i).isEqualTo(1L);
                assertThat(reply.get(10, TimeUnit.SECONDS)).isNull();
                server.awaitBlocked(0);
            }
        }
    }

    @Test
    void listInfoAndKill() throws Exception {
        try (RawClient a = new RawClient(server.port()); RawClient b = new RawClient(server.port())) {
            a.call("CLIENT", "SETNAME", "alpha");
            a.call("SELECT", "3");
            a.call("MULTI");
            a.call("SET", "x", "1");
            long bId = (Long) b.call("CLIENT", "ID");
            String list = (String) b.call("CLIENT", "LIST");
            assertThat(list.lines()).hasSize(2);
            assertThat(list).contains("name=alpha").contains("flags=x db=3").contains("multi=1").contains("id=" + bId + " ");
            assertThat((String) b.call("CLIENT", "INFO")).startsWith("id=" + bId + " ").contains("cmd=client|info").endsWith("resp=2\n");
            assertThat(b.call("CLIENT", "KILL", "ID", Long.toString(bId))).isEqualTo(0L); // SKIPME yes by default
            assertThat(b.call("CLIENT", "KILL", "USER", "default")).isEqualTo(1L);
            assertThat(a.readUntilClose(5_000)).endsWith("<closed>");
            assertThat(b.call("PING")).isEqualTo("PONG");
            assertThat(b.call("CLIENT", "KILL", "ID", Long.toString(bId), "SKIPME", "no")).isEqualTo(1L);
            assertThat(b.readUntilClose(5_000)).endsWith("<closed>");
        }
    }
}

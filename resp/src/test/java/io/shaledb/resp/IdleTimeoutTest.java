package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFIG timeout on ShaleDB and on a real redis-server, same scenario: with {@code timeout 1} an
 * idle connection is closed within about two seconds, one that keeps talking and one blocked in
 * BLPOP stay, and {@code timeout 0} closes nobody.
 */
class IdleTimeoutTest {
    @TempDir
    Path tmp;

    /** What happened to each kind of client, as text, on the server at {@code port}. */
    private static List<String> scenario(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawClient admin = new RawClient(port); RawClient idle = new RawClient(port); RawClient talker = new RawClient(port);
             RawClient blocked = new RawClient(port); RawClient never = new RawClient(port)) {
            assertThat(never.call("PING")).isEqualTo("PONG");
            out.add("set: " + admin.call("CONFIG", "SET", "timeout", "1"));
            out.add("get: " + admin.call("CONFIG", "GET", "timeout"));
            assertThat(idle.call("PING")).isEqualTo("PONG");
            CompletableFuture<Object> pop = blocked.callAsync("BLPOP", "idle-test-q", "0");
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(3_000)) {
                out.add(talker.call("PING") == null ? "talker lost" : "");
                admin.call("PING");
                Thread.sleep(250);
            }
            out.removeIf(String::isEmpty);
            out.add("idle: " + idle.readUntilClose(100));
            out.add("talker: " + talker.call("ECHO", "still here"));
            admin.call("RPUSH", "idle-test-q", "job");
            out.add("blocked: " + pop.get(5, TimeUnit.SECONDS));
            out.add("reset: " + admin.call("CONFIG", "SET", "timeout", "0"));
        }
        return out;
    }

    @Test
    void idleClientsAreClosedAsRedisClosesThem() throws Exception {
        List<String> shale;
        try (TestServer server = new TestServer()) {
            shale = scenario(server.port());
        }
        assertThat(shale).containsExactly("set: OK", "get: [timeout, 1]", "idle: <closed>", "talker: still here",
                "blocked: [idle-test-q, job]", "reset: OK");
        if (RedisPeer.available()) {
            try (RedisPeer redis = new RedisPeer(tmp)) {
                assertThat(scenario(redis.port())).isEqualTo(shale);
            }
        }
    }

    @Test
    void anIdleClientGoesAfterOneToTwoSecondsNotBefore() throws Exception {
        try (TestServer server = new TestServer()) {
            try (RawClient admin = new RawClient(server.port())) {
                admin.call("CONFIG", "SET", "timeout", "1");
            }
            try (RawClient idle = new RawClient(server.port())) {
                assertThat(idle.call("PING")).isEqualTo("PONG");
                long start = System.nanoTime();
                assertThat(idle.readUntilClose(4_000)).isEqualTo("<closed>");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(millis).isBetween(900L, 2_600L);
            }
            try (RawClient admin = new RawClient(server.port())) { // the first one went idle meanwhile
                admin.call("CONFIG", "SET", "timeout", "0");
            }
            try (RawClient stays = new RawClient(server.port())) {
                assertThat(stays.call("PING")).isEqualTo("PONG");
                assertThat(stays.readUntilClose(2_200)).isEqualTo("<open>");
            }
        }
    }
}

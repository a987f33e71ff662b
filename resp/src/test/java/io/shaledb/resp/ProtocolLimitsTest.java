package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * client-output-buffer-limit, proto-max-bulk-len set at run time and the multibulk/bulk/inline
 * length checks, each scenario run on ShaleDB and on a real redis-server with the same outcome.
 */
class ProtocolLimitsTest {
    @TempDir
    Path tmp;

    private interface Scenario {
        List<Object> run(int port) throws Exception;
    }

    /** Runs {@code s} on ShaleDB, and when redis-server is installed on it too, expecting the same outcome. */
    private List<Object> onBoth(String name, Scenario s) throws Exception {
        List<Object> shale;
        try (TestServer server = new TestServer()) {
            shale = s.run(server.port());
        }
        if (RedisPeer.available()) {
            Path dir = Files.createDirectories(tmp.resolve(name));
            try (RedisPeer redis = new RedisPeer(dir)) {
                assertThat(shale).as("ShaleDB vs redis-server in %s", name).isEqualTo(s.run(redis.port()));
            }
        }
        return shale;
    }

    /** Bytes read until the server closes (or {@code -1 - bytes} when it is still open after {@code quietMillis}). */
    private static long drain(RawClient c, int quietMillis) throws IOException {
        c.socket.setSoTimeout(quietMillis);
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = c.in.read(buf)) >= 0) {
                total += n;
            }
            return total;
        } catch (SocketTimeoutException e) {
            return -1 - total;
        } catch (SocketException e) {
            return total; // reset by the server: closed
        }
    }

    private static byte[] pipeline(int times, String... command) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] one = RawClient.encode(List.of(command));
        for (int i = 0; i < times; i++) {
            b.writeBytes(one);
        }
        return b.toByteArray();
    }

    /** A client pipelining 1,000 GETs of 100 KB (100 MB of replies) without reading: closed over the hard limit, not before. */
    @Test
    void aClientThatDoesNotReadIsDroppedAtTheHardLimit() throws Exception {
        List<Object> out = onBoth("hard", port -> {
            List<Object> r = new ArrayList<>();
            try (RawClient admin = new RawClient(port); RawClient reader = new RawClient(port)) {
                r.add(admin.call("SET", "big", "x".repeat(100_000)));
                r.add(admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"));
                r.add(admin.call("CONFIG", "GET", "client-output-buffer-limit"));
                try (RawClient hog = new RawClient(port, 64 * 1024)) { // the kernel must not absorb the replies
                    hog.sendRaw(pipeline(1_000, "GET", "big"));
                    Thread.sleep(1_000); // not reading: the server's buffer fills
                    long got = drain(hog, 3_000);
                    r.add(got >= 0 && got < 50_000_000L ? "dropped" : "not dropped: " + got);
                }
                // a client that reads each reply before asking for more gets everything, however much
                long bytes = 0;
                for (int i = 0; i < 50; i++) {
                    bytes += String.valueOf(reader.call("GET", "big")).length();
                }
                r.add(bytes);
                r.add(admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0"));
                r.add(admin.call("PING"));
            }
            return r;
        });
        assertThat(out).containsExactly("OK", "OK",
                List.of("client-output-buffer-limit", "normal 1048576 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
                "dropped", 5_000_000L, "OK", "PONG");
    }

    /** Without a limit (Redis's default) a slow reader is never dropped: it gets every reply once it reads. */
    @Test
    void withoutALimitASlowReaderGetsEverything() throws Exception {
        List<Object> out = onBoth("none", port -> {
            try (RawClient admin = new RawClient(port); RawClient slow = new RawClient(port)) {
                admin.call("SET", "big", "y".repeat(100_000));
                slow.sendRaw(pipeline(300, "GET", "big"));
                Thread.sleep(1_500);
                long bytes = 0;
                for (int i = 0; i < 300; i++) {
                    bytes += String.valueOf(slow.read()).length();
                }
                return List.of(bytes, slow.call("PING"));
            }
        });
        assertThat(out).containsExactly(30_000_000L, "PONG");
    }

    /** Over the soft limit for longer than its seconds: dropped; briefly over it: not. */
    @Test
    void theSoftLimitDropsAfterItsSeconds() throws Exception {
        List<Object> out = onBoth("soft", port -> {
            List<Object> r = new ArrayList<>();
            try (RawClient admin = new RawClient(port)) {
                admin.call("SET", "big", "z".repeat(100_000));
                r.add(admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 200kb 1"));
                try (RawClient hog = new RawClient(port, 64 * 1024)) { // the kernel must not absorb the replies
                    hog.sendRaw(pipeline(400, "GET", "big")); // 40 MB: stays over 200 KB while unread
                    Thread.sleep(2_500);
                    hog.sendRaw(pipeline(1, "PING")); // the server notices on its next reply at the latest
                    long got = drain(hog, 3_000);
                    r.add(got >= 0 && got < 39_000_000L ? "dropped" : "not dropped: " + got);
                }
                r.add(admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0"));
            }
            return r;
        });
        assertThat(out).containsExactly("OK", "dropped", "OK");
    }

    @Test
    void configTextsAreRedis() throws Exception {
        List<String> script = List.of("normal 1mb 512kb 10", "replica 1mb 512kb 10", "bogus 1 1 1", "normal 1 1", "normal x 1 1",
                "normal 1 1 -1", "normal 1k 2 3", "", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        onBoth("config", port -> {
            List<Object> r = new ArrayList<>();
            try (RawClient c = new RawClient(port)) {
                for (String v : script) {
                    r.add(c.call("CONFIG", "SET", "client-output-buffer-limit", v));
                    r.add(c.call("CONFIG", "GET", "client-output-buffer-limit"));
                }
            }
            return r;
        });
    }

    private static String exchange(int port, byte[] request, int waitMillis) throws IOException {
        try (RawClient c = new RawClient(port)) {
            c.sendRaw(request);
            return c.readUntilClose(waitMillis);
        }
    }

    @Test
    void lengthChecksAndProtoMaxBulkLenAtRunTime() throws Exception {
        String digits = "1".repeat(70_000);
        List<Object> out = onBoth("lengths", port -> {
            List<Object> r = new ArrayList<>();
            r.add(exchange(port, "*2147483648\r\n".getBytes(StandardCharsets.US_ASCII), 300));
            r.add(exchange(port, "*2147483647\r\n$1\r\na\r\n".getBytes(StandardCharsets.US_ASCII), 300));
            try (RawClient c = new RawClient(port)) {
                r.add(c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
                r.add(c.call("SET", "k", "v".repeat(1 << 20)));
                c.sendRaw(("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + ((1 << 20) + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                r.add(c.readUntilClose(500)); // this very connection: the new limit applies at once
            }
            try (RawClient c = new RawClient(port)) {
                r.add(c.call("CONFIG", "SET", "proto-max-bulk-len", "512mb"));
            }
            return r;
        });
        assertThat(out).containsExactly("-ERR Protocol error: invalid multibulk length\r\n<closed>", "<open>",
                "OK", "OK", "-ERR Protocol error: invalid bulk length\r\n<closed>", "OK");
        // lines over 64 KiB without their end: Redis's texts and a close. Both servers close with the client's
        // input partly unread, so the client may see a reset that swallows the reply: either outcome is Redis's
        try (TestServer server = new TestServer()) {
            assertThat(exchange(server.port(), ("*" + digits).getBytes(StandardCharsets.US_ASCII), 300))
                    .isIn("-ERR Protocol error: too big mbulk count string\r\n<closed>", "<closed>");
            assertThat(exchange(server.port(), ("*1\r\n$" + digits).getBytes(StandardCharsets.US_ASCII), 300))
                    .isIn("-ERR Protocol error: too big bulk count string\r\n<closed>", "<closed>");
            assertThat(exchange(server.port(), ("GET " + "k".repeat(70_000)).getBytes(StandardCharsets.US_ASCII), 300))
                    .isIn("-ERR Protocol error: too big inline request\r\n<closed>", "<closed>");
        }
    }
}

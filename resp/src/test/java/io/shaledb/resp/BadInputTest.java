package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed frames, huge declared lengths, wrong arity and types, abrupt disconnects: each gets
 * the reply (and close) real Redis 7.0 gives — the expected texts were taken from redis-server
 * 7.0.15 — and the server keeps serving everyone else.
 */
class BadInputTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * The server's replies to {@code request} until it closes, or until it has said nothing more
     * for 200 ms ("<open>"). The first reply may take longer (a fresh server's code is not yet
     * compiled, and the machine may be busy), so it is awaited for up to 10 s first.
     */
    private static String exchange(String request) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(request.getBytes(StandardCharsets.ISO_8859_1));
            c.socket.setSoTimeout(10_000);
            c.in.mark(1);
            if (c.in.read() < 0) {
                return "<closed>";
            }
            c.in.reset();
            return c.readUntilClose(200);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "*3000000000\\r\\n|-ERR Protocol error: invalid multibulk length\\r\\n<closed>",
        "*x\\r\\n|-ERR Protocol error: invalid multibulk length\\r\\n<closed>",
        "*1\\r\\n$600000000\\r\\n|-ERR Protocol error: invalid bulk length\\r\\n<closed>",
        "*1\\r\\n$536870913\\r\\n|-ERR Protocol error: invalid bulk length\\r\\n<closed>",
        "*1\\r\\n$-5\\r\\n|-ERR Protocol error: invalid bulk length\\r\\n<closed>",
        "*2\\r\\n$3\\r\\nGET\\r\\n:1\\r\\n|-ERR Protocol error: expected '$', got ':'\\r\\n<closed>",
        "set \"a b\\r\\n|-ERR Protocol error: unbalanced quotes in request\\r\\n<closed>",
        "set 'a'b c\\r\\n|-ERR Protocol error: unbalanced quotes in request\\r\\n<closed>",
        "PING\\r\\n|+PONG\\r\\n<open>",
        "ping hello\\n|$5\\r\\nhello\\r\\n<open>",
        "*0\\r\\n*1\\r\\n$4\\r\\nPING\\r\\n|+PONG\\r\\n<open>",
        "*-1\\r\\nPING\\r\\n|+PONG\\r\\n<open>",
        "echo \"\\x41\\t\"\\r\\n|$2\\r\\nA\t\\r\\n<open>",
        "*1\\r\\n$3\\r\\nfoo\\r\\nxx\\r\\n|-ERR unknown command 'foo', with args beginning with: \\r\\n-ERR unknown command 'xx', with args beginning with: \\r\\n<open>",
        "GET\\r\\n|-ERR wrong number of arguments for 'get' command\\r\\n<open>",
        "SET k v EX 0\\r\\n|-ERR invalid expire time in 'set' command\\r\\n<open>",
        "SET k v EX ten\\r\\n|-ERR value is not an integer or out of range\\r\\n<open>",
        "SET k v NX XX\\r\\n|-ERR syntax error\\r\\n<open>",
        "EXPIRE k 10 NX XX\\r\\n|-ERR NX and XX, GT or LT options at the same time are not compatible\\r\\n<open>",
        "SET s abc\\r\\nINCR s\\r\\n|+OK\\r\\n-ERR value is not an integer or out of range\\r\\n<open>",
        "INCRBY n 1x\\r\\n|-ERR value is not an integer or out of range\\r\\n<open>",
        "INCRBYFLOAT n abc\\r\\n|-ERR value is not a valid float\\r\\n<open>",
        "SELECT 16\\r\\n|-ERR DB index is out of range\\r\\n<open>",
    })
    void repliesAsRedisDoes(String request, String expected) throws Exception {
        assertThat(exchange(unescape(request))).isEqualTo(unescape(expected));
        assertThat(exchange("PING\r\n")).isEqualTo("+PONG\r\n<open>");
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    @Test
    void aHugeDeclaredLengthAllocatesNothingAndBlocksNoOne() throws Exception {
        long before = usedMemory();
        List<RawClient> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawClient hog = new RawClient(server.port());
                hog.sendRaw("*2147483647\r\n$536870912\r\nxx".getBytes(StandardCharsets.US_ASCII));
                hogs.add(hog);
            }
            try (RawClient c = new RawClient(server.port())) {
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
            // twenty clients announcing 512 MiB each: nowhere near 10 GiB was set aside for them
            assertThat(usedMemory() - before).isLessThan(256L << 20);
        } finally {
            for (RawClient h : hogs) {
                h.close();
            }
        }
    }

    private static long usedMemory() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void unauthenticatedClientsMayNotDeclareBigRequests() throws Exception {
        try (TestServer locked = new TestServer("secret"); RawClient c = new RawClient(locked.port())) {
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.");
            assertThat(c.call("AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
            c.sendRaw("*11\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readUntilClose(500)).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n<closed>");
        }
        try (TestServer locked = new TestServer("secret"); RawClient c = new RawClient(locked.port())) {
            assertThat(c.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void disconnectingMidPipelineLosesNoAcknowledgedWrite() throws Exception {
        for (int round = 0; round < 5; round++) {
            int acknowledged = 0;
            try (RawClient c = new RawClient(server.port())) {
                StringBuilder pipeline = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    pipeline.append("*2\r\n$4\r\nINCR\r\n$9\r\ndisc:ctr").append(round).append("\r\n");
                }
                pipeline.append("*2\r\n$4\r\nINCR\r\n$9\r\ndisc"); // cut mid-frame
                c.sendRaw(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100 + round * 50; i++) {
                    assertThat(c.read()).isEqualTo((long) i + 1);
                    acknowledged++;
                }
            }
            try (RawClient c = new RawClient(server.port())) {
                long value = 0;
                for (int i = 0; i < 30; i++) { // the worker finishes the queued commands after the close
                    Object v = c.call("GET", "disc:ctr" + round);
                    value = v == null ? 0 : Long.parseLong((String) v);
                    Thread.sleep(10);
                }
                assertThat(value).isGreaterThanOrEqualTo(acknowledged).isLessThanOrEqualTo(500);
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
        }
    }
}

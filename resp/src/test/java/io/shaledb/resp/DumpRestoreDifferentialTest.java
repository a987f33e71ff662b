package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DUMP and RESTORE against a real redis-server: ShaleDB's payloads restore in Redis and Redis's
 * (for the plain encodings: strings, also as integers and LZF-compressed, hashtable hashes and
 * sets, skiplist sorted sets) in ShaleDB with the same contents; the error replies match.
 * Payloads are binary, so this test speaks RESP with byte arrays (RawClient reads text).
 */
class DumpRestoreDifferentialTest {
    @TempDir
    Path tmp;

    /** A minimal binary-safe RESP client: bulk replies as byte[]. */
    private static final class BinaryClient implements AutoCloseable {
        private final Socket socket;
        private final java.io.InputStream in;

        BinaryClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        Object call(Object... args) throws IOException {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object a : args) {
                byte[] v = a instanceof byte[] bytes ? bytes : a.toString().getBytes(StandardCharsets.UTF_8);
                b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                b.writeBytes(v);
                b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            socket.getOutputStream().write(b.toByteArray());
            return read();
        }

        private Object read() throws IOException {
            int type = in.read();
            String line = line();
            switch (type) {
                case '+', '-' -> {
                    return (type == '-' ? "-" : "") + line;
                }
                case ':' -> {
                    return Long.parseLong(line);
                }
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return null;
                    }
                    byte[] v = in.readNBytes(n);
                    in.readNBytes(2);
                    return v;
                }
                case '*' -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = Integer.parseInt(line); i > 0; i--) {
                        items.add(read());
                    }
                    return items;
                }
                default -> throw new IOException("unexpected reply type " + (char) type);
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                s.append((char) c);
            }
            in.read();
            return s.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The key's contents in a comparable form (sorted where Redis's order is its encoding's). */
    private static List<String> contents(BinaryClient c, String key) throws IOException {
        String type = (String) c.call("TYPE", key);
        Object reply = switch (type) {
            case "string" -> c.call("GET", key);
            case "hash" -> c.call("HGETALL", key);
            case "set" -> c.call("SMEMBERS", key);
            case "zset" -> c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
            case "list" -> c.call("LRANGE", key, "0", "-1");
            default -> List.of();
        };
        List<String> out = new ArrayList<>();
        out.add(type);
        if (reply instanceof byte[] v) {
            out.add(new String(v, StandardCharsets.ISO_8859_1));
        } else if (reply instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                if (type.equals("hash")) {
                    items.add(new String((byte[]) l.get(i), StandardCharsets.ISO_8859_1) + "=" + new String((byte[]) l.get(++i), StandardCharsets.ISO_8859_1));
                } else {
                    items.add(new String((byte[]) l.get(i), StandardCharsets.ISO_8859_1));
                }
            }
            if (type.equals("hash") || type.equals("set")) {
                items.sort(null);
            }
            out.addAll(items);
        }
        return out;
    }

    private static void fill(BinaryClient c) throws IOException {
        c.call("SET", "str", "hello");
        c.call("SET", "int", "-12345");
        c.call("SET", "long", "x".repeat(500) + "y".repeat(300));
        c.call("SET", "bin", new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n'});
        c.call("HSET", "h", "a", "1", "b", "two", "c", "x".repeat(100));
        c.call("SADD", "s", "1", "x", "-5", "long-member-name");
        c.call("ZADD", "z", "1.5", "a", "-inf", "b", "1e300", "c", "0", "d");
        c.call("RPUSH", "l", "a", "b", "", "c");
        c.call("SET", "ttl", "v", "PX", "100000");
    }

    @Test
    void payloadsMoveBothWays() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer();
             BinaryClient theirs = new BinaryClient(redis.port()); BinaryClient ours = new BinaryClient(shale.port())) {
            // Redis dumps collections in plain RDB types only when they are not compact
            theirs.call("CONFIG", "SET", "hash-max-listpack-entries", "0");
            theirs.call("CONFIG", "SET", "zset-max-listpack-entries", "0");
            fill(theirs);
            fill(ours);
            for (String key : List.of("str", "int", "long", "bin", "h", "s", "z", "l")) {
                byte[] mine = (byte[]) ours.call("DUMP", key);
                assertThat(theirs.call("RESTORE", key + ":from-shale", "0", mine)).as("Redis restores ShaleDB's DUMP of %s", key).isEqualTo("OK");
                assertThat(contents(theirs, key + ":from-shale")).as(key).isEqualTo(contents(ours, key));
                assertThat(ours.call("RESTORE", key + ":again", "0", mine)).isEqualTo("OK");
                assertThat(contents(ours, key + ":again")).isEqualTo(contents(ours, key));
                if (!key.equals("l")) { // Redis 7 dumps lists as quicklists, which ShaleDB does not read
                    byte[] redisDump = (byte[]) theirs.call("DUMP", key);
                    assertThat(ours.call("RESTORE", key + ":from-redis", "0", redisDump)).as("ShaleDB restores Redis's DUMP of %s", key).isEqualTo("OK");
                    assertThat(contents(ours, key + ":from-redis")).as(key).isEqualTo(contents(theirs, key));
                }
            }
            assertThat(ours.call("DUMP", "missing")).isNull();
            byte[] payload = (byte[]) ours.call("DUMP", "str");
            byte[] corrupt = payload.clone();
            corrupt[2] ^= 1;
            byte[] newer = payload.clone();
            newer[payload.length - 10] = 99;
            Object[][] cases = {
                {"RESTORE", "str", "0", payload},
                {"RESTORE", "str", "x", payload},
                {"RESTORE", "fresh", "x", payload},
                {"RESTORE", "fresh", "-1", payload},
                {"RESTORE", "fresh", "0", corrupt},
                {"RESTORE", "fresh", "0", newer},
                {"RESTORE", "fresh", "0", "short"},
                {"RESTORE", "fresh", "0", payload, "BOGUS"},
                {"RESTORE", "fresh", "0", payload, "IDLETIME", "-1"},
                {"RESTORE", "fresh", "0", payload, "FREQ", "256"},
                {"RESTORE", "fresh", "0", payload, "FREQ", "1", "IDLETIME", "1"},
                {"RESTORE", "fresh", "0", payload, "REPLACE", "IDLETIME", "10"},
                {"RESTORE", "str", "0", payload, "REPLACE"},
                {"RESTORE", "gone", "1", payload, "ABSTTL"},
                {"EXISTS", "gone"},
                {"RESTORE", "str", "1", payload, "ABSTTL", "REPLACE"},
                {"EXISTS", "str"},
                {"RESTORE", "ttl2", "50000", payload},
                {"PTTL", "ttl2"},
            };
            for (Object[] call : cases) {
                Object expected = theirs.call(call);
                Object actual = ours.call(call);
                if (call[0].equals("PTTL")) {
                    assertThat((Long) actual).isBetween(40_000L, 50_000L);
                    assertThat((Long) expected).isBetween(40_000L, 50_000L);
                    continue;
                }
                assertThat(actual instanceof byte[] b ? Arrays.toString(b) : actual).as("%s", Arrays.asList(call))
                        .isEqualTo(expected instanceof byte[] b ? Arrays.toString(b) : expected);
            }
        }
    }
}

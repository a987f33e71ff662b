package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DBSIZE and INFO keyspace (keys, expires) through MULTI/EXEC with a failing command, pipelines,
 * RENAME, a list emptied by a pop, other databases and FLUSHDB: the same replies as redis-server.
 */
class KeyCountTest {
    @TempDir
    Path tmp;

    private static final List<String> SCRIPT = List.of(
            "SET a 1", "SET b 2 EX 100", "HSET h f v", "RPUSH l x", "DBSIZE", "KEYSPACE",
            "MULTI", "SET c 3", "DBSIZE", "DEL a", "HSET b f v", "DBSIZE", "EXEC", "DBSIZE", "KEYSPACE",
            "RENAME b b2", "DBSIZE", "LPOP l", "DBSIZE", "PERSIST b2", "KEYSPACE", "EXPIRE c 100", "KEYSPACE",
            "PIPELINE SET p1 1|SET p2 2|INCR h|DEL p1|DBSIZE", "DBSIZE",
            "SELECT 1", "SET x 1", "DBSIZE", "KEYSPACE", "SELECT 0", "FLUSHDB", "DBSIZE", "KEYSPACE",
            "SELECT 1", "DBSIZE", "FLUSHALL", "DBSIZE", "KEYSPACE");

    private static List<Object> run(int port) throws Exception {
        List<Object> replies = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            for (String line : SCRIPT) {
                if (line.equals("KEYSPACE")) { // avg_ttl is Redis's sampled estimate: compare keys and expires
                    replies.add(String.valueOf(c.call("INFO", "keyspace")).replaceAll(",avg_ttl=\\d+", ""));
                } else if (line.startsWith("PIPELINE ")) {
                    String[] commands = line.substring(9).split("\\|");
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    for (String command : commands) {
                        all.writeBytes(RawClient.encode(List.of(command.split(" "))));
                    }
                    c.sendRaw(all.toByteArray()); // one write: ShaleDB runs these as one batch
                    for (int i = 0; i < commands.length; i++) {
                        replies.add(commands[i] + " -> " + c.read());
                    }
                } else {
                    replies.add(line + " -> " + c.call(line.split(" ")));
                }
            }
        }
        return replies;
    }

    @Test
    void countsAreRedisCounts() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the comparison");
        try (RedisPeer redis = new RedisPeer(tmp); TestServer shale = new TestServer()) {
            assertThat(run(shale.port())).isEqualTo(run(redis.port()));
        }
    }
}

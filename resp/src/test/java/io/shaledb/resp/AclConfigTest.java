package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.kv.Durability;
import io.shaledb.kv.KvStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFIG GET/SET/RESETSTAT and ACL users: replies compared with redis-server, enforcement, persistence. */
class AclConfigTest {
    @TempDir
    Path tmp;

    private static final List<List<String>> SCRIPTS = List.of(
            List.of("CONFIG SET appendfsync everysec", "CONFIG GET appendfsync", "CONFIG SET appendfsync always", "CONFIG GET appendfsync",
                    "CONFIG SET appendfsync sometimes", "CONFIG SET appendfsync everysec", "CONFIG GET appendfsync"),
            List.of("CONFIG SET nosuchparam 1", "CONFIG SET hz", "CONFIG SET hz 10 timeout", "CONFIG SET hz abc",
                    "CONFIG SET hz -1", "CONFIG SET hz 20", "CONFIG GET hz", "CONFIG SET hz 10"),
            List.of("CONFIG SET proto-max-bulk-len 10", "CONFIG SET proto-max-bulk-len 2mb", "CONFIG GET proto-max-bulk-len",
                    "CONFIG SET proto-max-bulk-len 512mb", "CONFIG SET proto-max-bulk-len abc"),
            List.of("CONFIG SET timeout 0 timeout 5", "CONFIG SET timeout 7", "CONFIG GET timeout", "CONFIG SET timeout 0"),
            List.of("CONFIG GET nosuch*", "CONFIG GET", "CONFIG NOPE", "CONFIG RESETSTAT", "CONFIG RESETSTAT x",
                    "CONFIG SET maxmemory-policy allkeys-lru", "CONFIG GET maxmemory-policy",
                    "CONFIG SET maxmemory-policy nothing", "CONFIG SET maxmemory-policy noeviction", "CONFIG SET databases 3"),
            List.of("ACL WHOAMI", "ACL USERS", "ACL LIST", "ACL SETUSER alice on >secret ~cache:* +get +set",
                    "ACL USERS", "AUTH alice wrong", "AUTH alice secret", "ACL WHOAMI", "SET cache:1 x", "GET cache:1",
                    "SET other 1", "INCR cache:1", "AUTH default x", "AUTH default anything"),
            List.of("ACL SETUSER bob on >p1 +@all ~*", "AUTH bob p1", "ACL WHOAMI", "SET k v", "AUTH bob p2",
                    "ACL SETUSER bob <p1 >p2", "AUTH bob p2", "ACL SETUSER bob <nothere", "ACL SETUSER bob +nosuchcmd",
                    "ACL SETUSER bob +@nosuchcat", "ACL SETUSER bob ~* ~x", "ACL SETUSER bob off", "AUTH bob p2",
                    "AUTH default x", "ACL DELUSER bob nobody", "ACL DELUSER default", "ACL SETUSER \"a b\""),
            List.of("ACL SETUSER carol on nopass -@all +@read ~*", "AUTH carol whatever", "GET x", "SET x 1",
                    "MULTI", "SET x 1", "GET x", "EXEC", "AUTH default x", "ACL DELUSER carol", "PING"),
            List.of("HSET h a 1", "OBJECT ENCODING h", "SET s 12", "OBJECT ENCODING s", "SET s2 hello", "OBJECT ENCODING s2",
                    "SADD st 1 2", "OBJECT ENCODING st", "SADD st x", "OBJECT ENCODING st", "ZADD z 1 a", "OBJECT ENCODING z",
                    "RPUSH l a", "OBJECT ENCODING l", "OBJECT ENCODING nosuch", "OBJECT NOPE x", "EXPIRE s 100 LT XX", "EXPIRE s 100",
                    "EXPIRE s 50 LT XX", "INCRBYFLOAT f +inf", "INCRBYFLOAT f nan", "SET f x", "INCRBYFLOAT f inf",
                    "CONFIG SET maxmemory 1mb", "CONFIG GET maxmemory", "CONFIG SET maxmemory 0",
                    "CONFIG SET zset-max-ziplist-entries 0", "CONFIG GET zset-max-listpack-entries", "ZADD z2 1 a",
                    "OBJECT ENCODING z2", "CONFIG SET zset-max-listpack-entries 128"),
            List.of("CONFIG SET requirepass pw", "AUTH wrong", "AUTH pw", "CONFIG GET requirepass", "CONFIG SET requirepass \"\""));

    @Test
    void scriptsGetRedisReplies() throws Exception {
        Assumptions.assumeTrue(RedisPeer.available(), "redis-server is not installed: skipping the comparison");
        for (List<String> script : SCRIPTS) {
            Path dir = tmp.resolve("r" + SCRIPTS.indexOf(script));
            java.nio.file.Files.createDirectories(dir);
            try (RedisPeer redis = new RedisPeer(dir); TestServer shale = new TestServer()) {
                assertThat(run(shale.port(), script)).as("script %s", script).isEqualTo(run(redis.port(), script));
            }
        }
    }

    private static List<Object> run(int port, List<String> script) throws Exception {
        List<Object> replies = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            for (String line : script) {
                String[] args = line.replace("\"\"", "\u0000").replace("\"a b\"", "a\u0001b").split(" ");
                for (int i = 0; i < args.length; i++) {
                    args[i] = args[i].replace("\u0000", "").replace("\u0001", " ");
                }
                Object r = c.call(args);
                if (line.equals("ACL LIST") || line.startsWith("ACL USERS")) {
                    r = String.valueOf(r).replaceAll("sanitize-payload ", "");
                }
                replies.add(line + " -> " + r);
            }
        }
        return replies;
    }

    @Test
    void aclUsersSurviveARestartOfTheStore() throws Exception {
        try (TestServer first = new TestServer(); RawClient c = new RawClient(first.port())) {
            assertThat(c.call("ACL", "SETUSER", "dave", "on", ">pw", "~app:*", "+@all")).isEqualTo("OK");
            assertThat(c.call("ACL", "SETUSER", "erin", "on", ">x")).isEqualTo("OK");
            assertThat(c.call("ACL", "DELUSER", "erin")).isEqualTo(1L);
            first.server.close();
            first.store.close();
            try (KvStore again = new KvStore(first.txns, first.engine, Durability.ALWAYS);
                 RespServer server = new RespServer(new RespServerConfig("127.0.0.1", 0, null, RespServerConfig.DEFAULT_MAX_BULK_LENGTH, 1), again)) {
                server.start();
                try (RawClient d = new RawClient(server.port())) {
                    assertThat(d.call("ACL", "USERS")).isEqualTo(List.of("dave", "default"));
                    assertThat(d.call("AUTH", "dave", "pw")).isEqualTo("OK");
                    assertThat(d.call("SET", "app:1", "v")).isEqualTo("OK");
                    assertThat(d.call("SET", "other", "v")).isEqualTo("-NOPERM this user has no permissions to access one of the keys used as arguments");
                    assertThat(d.call("KEYS", "*")).isEqualTo(List.of("app:1"));
                }
            }
        }
    }

    @Test
    void deletingAUserClosesItsConnections() throws Exception {
        try (TestServer shale = new TestServer(); RawClient admin = new RawClient(shale.port()); RawClient frank = new RawClient(shale.port())) {
            admin.call("ACL", "SETUSER", "frank", "on", ">pw", "~*", "+@all");
            assertThat(frank.call("AUTH", "frank", "pw")).isEqualTo("OK");
            assertThat(admin.call("ACL", "DELUSER", "frank")).isEqualTo(1L);
            assertThat(frank.readUntilClose(2000)).endsWith("<closed>");
        }
    }
}

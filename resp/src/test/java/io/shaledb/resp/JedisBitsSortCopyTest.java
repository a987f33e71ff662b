package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.BitCountOption;
import redis.clients.jedis.args.BitOP;
import redis.clients.jedis.params.BitPosParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.params.SortingParams;
import redis.clients.jedis.resps.LCSMatchResult;

/** The bit commands, LCS, SORT, COPY and MOVE through an unmodified Jedis 8, in RESP2 and RESP3. */
class JedisBitsSortCopyTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis connect(RedisProtocol protocol) {
        Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder().protocol(protocol).build());
        j.flushAll();
        return j;
    }

    @Test
    void bitsLcsSortCopyResp2() {
        run(RedisProtocol.RESP2);
    }

    @Test
    void bitsLcsSortCopyResp3() {
        run(RedisProtocol.RESP3);
    }

    private void run(RedisProtocol protocol) {
        try (Jedis j = connect(protocol)) {
            assertThat(j.setbit("b", 7, true)).isFalse();
            assertThat(j.getbit("b", 7)).isTrue();
            assertThat(j.get("b")).isEqualTo("\u0001");
            j.set("s", "foobar");
            assertThat(j.bitcount("s")).isEqualTo(26);
            assertThat(j.bitcount("s", 1, 1)).isEqualTo(6);
            assertThat(j.bitcount("s", 5, 30, BitCountOption.BIT)).isEqualTo(17);
            assertThat(j.bitpos("s", true)).isEqualTo(1);
            assertThat(j.bitpos("s", false, new BitPosParams(2, -1))).isEqualTo(16);
            assertThat(j.bitop(BitOP.XOR, "x", "s", "b")).isEqualTo(6);
            assertThat(j.get("x")).isEqualTo("goobar");
            assertThat(j.bitfield("f", "SET", "i8", "0", "100", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "100", "GET", "u4", "0"))
                    .containsExactly(0L, 127L, 7L);
            assertThat(j.bitfieldReadonly("f", "GET", "i8", "0")).containsExactly(127L);
            assertThatThrownBy(() -> j.setbit("s", -1, true)).hasMessageContaining("bit offset is not an integer or out of range");

            j.set("la", "ohmytext");
            j.set("lb", "mynewtext");
            LCSMatchResult lcs = j.lcs("la", "lb", LCSParams.LCSParams().idx().withMatchLen());
            assertThat(lcs.getLen()).isEqualTo(6);
            assertThat(lcs.getMatches()).hasSize(2);
            assertThat(j.lcs("la", "lb", LCSParams.LCSParams()).getMatchString()).isEqualTo("mytext");

            j.rpush("ids", "3", "1", "2");
            j.mset("w_1", "30", "w_2", "10", "w_3", "20", "n_1", "one", "n_2", "two", "n_3", "three");
            assertThat(j.sort("ids")).containsExactly("1", "2", "3");
            assertThat(j.sort("ids", new SortingParams().by("w_*").get("#", "n_*").desc())).containsExactly("1", "one", "3", "three", "2", "two");
            assertThat(j.sort("ids", new SortingParams().alpha().limit(0, 2), "out")).isEqualTo(2);
            assertThat(j.lrange("out", 0, -1)).containsExactly("1", "2");
            assertThat(j.sortReadonly("ids", new SortingParams().by("nosort").desc())).containsExactly("2", "1", "3");

            assertThat(j.copy("ids", "ids2", false)).isTrue();
            assertThat(j.copy("ids", "ids2", false)).isFalse();
            j.rpush("ids2", "4");
            assertThat(j.lrange("ids", 0, -1)).containsExactly("3", "1", "2");
            assertThat(j.copy("ids2", "ids", 3, true)).isTrue();
            assertThat(j.move("ids2", 3)).isEqualTo(1);
            assertThat(j.move("ids", 3)).isZero(); // database 3 has an "ids" already (the copy)
            j.select(3);
            assertThat(j.lrange("ids", 0, -1)).containsExactly("3", "1", "2", "4");
            assertThat(j.lrange("ids2", 0, -1)).containsExactly("3", "1", "2", "4");
            j.select(0);
            assertThat(List.of(j.exists("ids2"), j.exists("ids"))).containsExactly(false, true);
        }
    }
}

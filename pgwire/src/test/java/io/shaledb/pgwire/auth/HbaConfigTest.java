package io.shaledb.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HbaConfigTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void defaultsTrustLoopbackOnlyAndAskEveryoneElseForScram() throws Exception {
        HbaConfig hba = HbaConfig.parse(HbaConfig.DEFAULT_TEXT, "default");
        assertThat(hba.match(false, "db", "u", ip("127.0.0.1")).method()).isEqualTo(AuthMethod.TRUST);
        assertThat(hba.match(false, "db", "u", ip("::1")).method()).isEqualTo(AuthMethod.TRUST);
        assertThat(hba.match(false, "db", "u", ip("127.0.0.2")).method()).isEqualTo(AuthMethod.SCRAM_SHA_256);
        assertThat(hba.match(true, "db", "u", ip("10.1.2.3")).method()).isEqualTo(AuthMethod.SCRAM_SHA_256);
        assertThat(hba.match(false, "db", "u", ip("fe80::1")).method()).isEqualTo(AuthMethod.SCRAM_SHA_256);
        // an IPv4 client on a dual-stack socket
        assertThat(hba.match(false, "db", "u", ip("::ffff:127.0.0.1")).method()).isEqualTo(AuthMethod.TRUST);
    }

    @Test
    void firstMatchingRuleWinsByTypeDatabaseUserAndAddress() throws Exception {
        HbaConfig hba = HbaConfig.parse("""
                local     all      all                      trust
                hostssl   all      alice,bob  10.0.0.0/8    scram-sha-256   # TLS only
                hostnossl sales    all        10.0.0.0/8    md5
                host      sameuser all        192.168.1.0/24 password
                host      all      all        192.168.1.128/25 reject
                """, "test");
        assertThat(hba.match(true, "x", "alice", ip("10.9.9.9")).method()).isEqualTo(AuthMethod.SCRAM_SHA_256);
        assertThat(hba.match(false, "x", "alice", ip("10.9.9.9"))).isNull();
        assertThat(hba.match(false, "sales", "alice", ip("10.9.9.9")).method()).isEqualTo(AuthMethod.MD5);
        assertThat(hba.match(true, "sales", "carol", ip("10.9.9.9"))).isNull();
        assertThat(hba.match(false, "carol", "carol", ip("192.168.1.200")).method()).isEqualTo(AuthMethod.PASSWORD);
        assertThat(hba.match(false, "other", "carol", ip("192.168.1.200")).method()).isEqualTo(AuthMethod.REJECT);
        assertThat(hba.match(false, "other", "carol", ip("192.168.1.100"))).isNull();
        assertThat(hba.match(false, "x", "u", ip("127.0.0.1"))).isNull(); // local lines never match TCP
        assertThat(hba.rules()).hasSize(5);
    }

    @Test
    void badLinesNameFileAndLine() {
        assertThatThrownBy(() -> HbaConfig.parse("host all all 0.0.0.0/0 scram-sha-256\nhost all all 1.2.3.4 trust\n", "pg_hba.conf"))
                .hasMessageContaining("line 2 of pg_hba.conf").hasMessageContaining("CIDR");
        assertThatThrownBy(() -> HbaConfig.parse("host all all 0.0.0.0/0 ident", "f")).hasMessageContaining("authentication method \"ident\"");
        assertThatThrownBy(() -> HbaConfig.parse("hostgss all all 0.0.0.0/0 trust", "f")).hasMessageContaining("connection type");
        assertThatThrownBy(() -> HbaConfig.parse("host all all 10.0.0.0/33 trust", "f")).hasMessageContaining("CIDR mask");
        assertThatThrownBy(() -> HbaConfig.parse("host all all example.com/8 trust", "f")).hasMessageContaining("invalid IP address");
    }
}

package io.shaledb.testkit.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresPeerTest {

    @Test
    void startsAServerWithSettingsAndRemovesItOnClose() throws Exception {
        Optional<PostgresPeer> started = PostgresPeer.builder().settings("max_connections=37").setting("work_mem", "5MB")
                .startIfAvailable();
        assumeTrue(started.isPresent(), "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse(""));
        PostgresPeer pg = started.get();
        Path dataDir = pg.dataDir();
        int port = pg.port();
        try (pg; Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
                Statement st = c.createStatement()) {
            assertThat(show(st, "max_connections")).isEqualTo("37");
            assertThat(show(st, "work_mem")).isEqualTo("5MB");
            assertThat(show(st, "fsync")).isEqualTo("off");
            assertThat(show(st, "port")).isEqualTo(Integer.toString(port));
            assertThat(pg.majorVersion()).isGreaterThanOrEqualTo(10);
            assertThat(Files.isDirectory(dataDir)).isTrue();
        }
        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void refusesMalformedSettings() {
        assertThatThrownBy(() -> PostgresPeer.builder().settings("fsync")).hasMessageContaining("name=value");
    }

    private static String show(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

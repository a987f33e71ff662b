package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server embedded in-process: layers wired, port reported, clean shutdown. */
class ShaleServerTest {

    @TempDir
    Path tmp;

    @Test
    void servesSqlOnAnEphemeralPortAndShutsDown() throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0);
        int port;
        try (ShaleServer server = ShaleServer.start(config)) {
            port = server.pgPort();
            assertThat(port).isPositive();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/db?preferQueryMode=simple";
            try (Connection c = DriverManager.getConnection(url, "u", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kv (k text PRIMARY KEY, v int)");
                st.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2)");
                try (ResultSet rs = st.executeQuery("SELECT v FROM kv WHERE k = 'b'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
        }
        // after close the data directory is free again and the port no longer answers
        try (ShaleServer again = ShaleServer.start(config.withPgPort(port))) {
            assertThat(again.pgPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsAClearErrorAndReleasesTheDataDirectory() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(taken.getLocalPort());
            assertThatThrownBy(() -> ShaleServer.start(config)).hasMessageContaining(Integer.toString(taken.getLocalPort()));
            // the failed start must not keep the data directory locked
            try (DataDirectory d = DataDirectory.open(config.dataDir())) {
                assertThat(d.root()).isDirectory();
            }
        }
    }

    @Test
    void rejectsNonsensePorts() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPgPort(70000)).hasMessageContaining("--pg-port");
    }
}

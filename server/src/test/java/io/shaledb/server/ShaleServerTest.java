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
    void spillsIntoTheDataDirectoryAndCleansUpCrashLeftoversAtStart() throws Exception {
        Path data = tmp.resolve("data");
        Path spillDir = data.resolve("pgsql_tmp");
        java.nio.file.Files.createDirectories(spillDir);
        java.nio.file.Files.writeString(spillDir.resolve("shale_tmp.42"), "left behind by a crash");
        ServerConfig config = ServerConfig.defaults().withDataDir(data).withPgPort(0);
        try (ShaleServer server = ShaleServer.start(config)) {
            assertThat(spillDir.resolve("shale_tmp.42")).doesNotExist();
            String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple";
            try (Connection c = DriverManager.getConnection(url, "u", "");
                    Statement st = c.createStatement()) {
                st.execute("SET work_mem = '64kB'");
                long before = server.database().temporaryFiles().created();
                try (ResultSet rs = st.executeQuery("SELECT g, 'row ' || g FROM generate_series(1, 5000) g ORDER BY 2 DESC, 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("row 999");
                }
                assertThat(server.database().temporaryFiles().created()).isGreaterThan(before);
                assertThat(server.database().temporaryFiles().directory()).isEqualTo(spillDir);
                try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(spillDir)) {
                    assertThat(left).isEmpty();
                }
            }
        }
    }

    @Test
    void rejectsNonsensePorts() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPgPort(70000)).hasMessageContaining("--pg-port");
    }
}

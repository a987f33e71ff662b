package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.kv.Durability;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server starts the Redis listener beside pgwire, and kv data outlives a clean restart. */
class RespWiringTest {
    @TempDir
    Path tmp;

    @Test
    void redisProtocolServesAndKeepsDataAcrossRestarts() throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0)
                .withResp(0, Durability.EVERYSEC, null);
        try (ShaleServer server = ShaleServer.start(config)) {
            assertThat(server.respPort()).isPositive();
            assertThat(inline(server.respPort(), "SET greeting hello")).isEqualTo("+OK");
            assertThat(inline(server.respPort(), "CONFIG GET appendfsync")).isEqualTo("*2");
        }
        try (ShaleServer server = ShaleServer.start(config)) {
            assertThat(inline(server.respPort(), "GET greeting")).isEqualTo("$5");
        }
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("off")).withPgPort(0))) {
            assertThat(server.respPort()).isEqualTo(-1);
        }
    }

    /** Sends one inline command and returns the first line of the reply. */
    private static String inline(int port, String command) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}

package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.kv.Durability;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kv-engine}: the keys go to the engine named for a new data directory and stay there. */
class KvPlacementTest {
    @TempDir
    Path tmp;

    private ServerConfig config(String dir, EngineKind kvEngine) {
        return ServerConfig.defaults().withDataDir(tmp.resolve(dir)).withPgPort(0)
                .withResp(new ServerConfig.Resp(0, Durability.EVERYSEC, null, kvEngine));
    }

    @Test
    void keysStayInTheEngineThatFirstHeldThem() throws Exception {
        try (ShaleServer server = ShaleServer.start(config("lsm", EngineKind.LSM))) {
            assertThat(send(server.respPort(), "SET greeting hello")).containsExactly("+OK");
            assertThat(send(server.respPort(), "INFO persistence")).contains("shaledb_kv_engine:lsm");
        }
        // Without --kv-engine the keys are served from where they are.
        try (ShaleServer server = ShaleServer.start(config("lsm", null))) {
            assertThat(send(server.respPort(), "GET greeting")).containsExactly("$5", "hello");
            assertThat(send(server.respPort(), "INFO persistence")).contains("shaledb_kv_engine:lsm");
        }
        assertThatThrownBy(() -> ShaleServer.start(config("lsm", EngineKind.BTREE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are in the lsm engine: start with --kv-engine lsm or without --kv-engine");
        // The refused start left the directory usable.
        try (ShaleServer server = ShaleServer.start(config("lsm", EngineKind.LSM))) {
            assertThat(send(server.respPort(), "GET greeting")).containsExactly("$5", "hello");
        }
    }

    @Test
    void aNewDirectoryKeepsKeysInTheBTreeByDefault() throws Exception {
        try (ShaleServer server = ShaleServer.start(config("default", null))) {
            assertThat(send(server.respPort(), "SET k v")).containsExactly("+OK");
            assertThat(send(server.respPort(), "INFO persistence")).contains("shaledb_kv_engine:btree");
        }
        assertThatThrownBy(() -> ShaleServer.start(config("default", EngineKind.LSM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are in the btree engine");
    }

    @Test
    void aMemoryServerHasNoDurableEngineToChoose() {
        ServerConfig memory = config("memory", EngineKind.LSM).withEngine(EngineKind.MEMORY);
        assertThatThrownBy(() -> ShaleServer.start(memory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kv-engine lsm needs a durable server");
        assertThatThrownBy(() -> new ServerConfig.Resp(0, Durability.EVERYSEC, null, EngineKind.MEMORY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kv-engine must be btree or lsm");
    }

    /** Sends one inline command and returns the reply's lines (up to a short pause). */
    private static java.util.List<String> send(int port, String command) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(300);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            java.util.List<String> lines = new java.util.ArrayList<>();
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.net.SocketTimeoutException endOfReply) {
                // no more lines within the pause: the reply is complete
            }
            return lines;
        }
    }
}

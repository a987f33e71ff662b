package io.shaledb.server.ddl;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactional DDL seen from several sessions at once (server/src/test/resources/ddl/*.sql):
 * uncommitted DDL stays private, commits appear whole, and DDL and writers of the same table wait
 * for each other. Each transcript shows who waited; {@code -Dgolden.update=true} rewrites them.
 */
class TransactionalDdlSessionsTest {
    private static final Path DIR = Path.of("src/test/resources/ddl");
    private static Path dataDir;
    private static ShaleServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("ddl-sessions-");
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(dataDir).withPgPort(0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"visibility", "locks", "create_race"})
    void transcriptAsExpected(String name) throws Exception {
        Path script = DIR.resolve(name + ".sql");
        MultiSessionRunner runner = new MultiSessionRunner(
                Connector.pgjdbc("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale", "shale"));
        MultiSessionRunner.Run run = runner.run(Files.readString(script), Map.of());
        MultiSessionGolden.check(MultiSessionGolden.expectedFile(script, "shaledb"), run.transcript(), true);
        assertThat(run.verdict().anomaly()).as(run.verdict().line()).isFalse();
    }
}

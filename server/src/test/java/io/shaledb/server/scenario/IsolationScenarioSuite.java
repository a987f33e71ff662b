package io.shaledb.server.scenario;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.golden.GoldenScript;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import io.shaledb.testkit.peer.PostgresPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-session scenario scripts run at READ COMMITTED, REPEATABLE READ and SERIALIZABLE: ShaleDB
 * must reproduce each expected transcript exactly, and the transcripts are PostgreSQL 15's (the
 * second test factory runs them on a throwaway PostgreSQL when one is installed; with
 * {@code -Dgolden.update=true} it rewrites them). A subclass names its scenarios and the resource
 * directory holding {@code <scenario>.sql} and the expected {@code <scenario>.<level>.out} files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IsolationScenarioSuite {
    private static final List<String> LEVELS = List.of("read committed", "repeatable read", "serializable");

    private ShaleServer server;

    /** The directory under {@code src/test/resources} holding the scripts. */
    protected abstract String resourceDir();

    /** The script names, without {@code .sql}. */
    protected abstract List<String> scenarios();

    /** The storage engine of the tables the scripts create (the server's default). */
    protected io.shaledb.server.EngineKind engine() {
        return ServerConfig.DEFAULT_ENGINE;
    }

    @BeforeAll
    void start(@TempDir Path tmp) {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0).withEngine(engine()));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> shaleDbAnswersAsPostgresDoes() {
        MultiSessionRunner runner = new MultiSessionRunner(
                Connector.pgjdbc("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale", "shale"));
        return tests(runner, false);
    }

    @TestFactory
    Stream<DynamicTest> postgresProducesTheExpectedTranscripts() throws Exception {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        assumeTrue(peer.isPresent(), () -> "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse("?"));
        PostgresPeer postgres = peer.get();
        assumeTrue(postgres.majorVersion() == 15, "the expected transcripts are PostgreSQL 15's");
        MultiSessionRunner runner = new MultiSessionRunner(Connector.pgjdbc(postgres.jdbcUrl("postgres"), postgres.user()));
        return tests(runner, true).onClose(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Stream<DynamicTest> tests(MultiSessionRunner runner, boolean mayUpdate) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String scenario : scenarios()) {
            Path script = GoldenScript.sourceDir("src/test/resources/" + resourceDir()).resolve(scenario + ".sql");
            for (String level : LEVELS) {
                Path expected = MultiSessionGolden.expectedFile(script, level.replace(' ', '-'));
                tests.add(DynamicTest.dynamicTest(scenario + " " + level, expected.toUri(), () -> {
                    String transcript = runner.run(MultiSessionGolden.read(script), Map.of("level", level)).transcript();
                    MultiSessionGolden.check(expected, transcript, mayUpdate);
                }));
            }
        }
        return tests.stream();
    }
}

package io.shaledb.server.dmljoin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.golden.GoldenScript;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import io.shaledb.testkit.peer.PostgresPeer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * UPDATE ... FROM and DELETE ... USING between concurrent sessions, at READ COMMITTED, REPEATABLE
 * READ and SERIALIZABLE: a target row changed or deleted by a transaction that commits while the
 * statement waits is re-checked (READ COMMITTED) or fails to serialize. ShaleDB must reproduce each
 * expected transcript exactly; the transcripts are PostgreSQL 15's (the second test factory runs
 * them on a throwaway PostgreSQL when one is installed; with {@code -Dgolden.update=true} it
 * rewrites them).
 */
class JoinedDmlConcurrencyTest {
    private static final List<String> SCENARIOS = List.of("update-from-recheck", "update-from-still-matches", "delete-using-recheck");
    private static final List<String> LEVELS = List.of("read committed", "repeatable read", "serializable");

    @TempDir
    static Path tmp;
    static ShaleServer server;

    @BeforeAll
    static void start() {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> shaleDbAnswersAsPostgresDoes() {
        MultiSessionRunner runner = new MultiSessionRunner(
                Connector.pgjdbc("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale", "shale"));
        return tests(level -> runner, false);
    }

    @TestFactory
    Stream<DynamicTest> postgresProducesTheExpectedTranscripts() throws Exception {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        assumeTrue(peer.isPresent(), () -> "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse("?"));
        PostgresPeer postgres = peer.get();
        assumeTrue(postgres.majorVersion() == 15, "the expected transcripts are PostgreSQL 15's");
        MultiSessionRunner runner = new MultiSessionRunner(Connector.pgjdbc(postgres.jdbcUrl("postgres"), postgres.user()));
        return tests(level -> runner, true).onClose(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Stream<DynamicTest> tests(Function<String, MultiSessionRunner> runners, boolean mayUpdate) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            Path script = GoldenScript.sourceDir("src/test/resources/dmljoin").resolve(scenario + ".sql");
            for (String level : LEVELS) {
                Path expected = MultiSessionGolden.expectedFile(script, level.replace(' ', '-'));
                tests.add(DynamicTest.dynamicTest(scenario + " " + level, expected.toUri(), () -> {
                    String transcript = run(runners.apply(level), script, level);
                    MultiSessionGolden.check(expected, transcript, mayUpdate);
                }));
            }
        }
        return tests.stream();
    }

    private static String run(MultiSessionRunner runner, Path script, String level) throws SQLException {
        return runner.run(MultiSessionGolden.read(script), Map.of("level", level)).transcript();
    }
}

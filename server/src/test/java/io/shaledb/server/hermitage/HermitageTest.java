package io.shaledb.server.hermitage;

import io.shaledb.server.EngineKind;
import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.server.hermitage.Hermitage.Level;
import io.shaledb.server.hermitage.Hermitage.Outcome;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs every Hermitage scenario at all four isolation levels against an in-process ShaleDB, once
 * with tables on the B+Tree and once on the LSM tree, and compares each transcript with the
 * expected one: PostgreSQL 15's for read committed, repeatable read and serializable (proven by
 * {@link HermitagePostgresTest}), the hand-written one for read uncommitted. Then checks that
 * docs/isolation.md is the table this run observed.
 *
 * <p>{@code -Dgolden.update=true} rewrites docs/isolation.md but never an expected transcript:
 * those are the specification (regenerate PostgreSQL's with HermitagePostgresTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HermitageTest {
    private static final Map<EngineKind, Map<Level, Map<String, Outcome>>> results = new EnumMap<>(EngineKind.class);

    @TestFactory
    @Order(1)
    Stream<DynamicNode> shaleDbAnswersAsSpecified() {
        List<DynamicNode> engines = new ArrayList<>();
        for (EngineKind engine : List.of(EngineKind.BTREE, EngineKind.LSM)) {
            List<DynamicNode> tests = new ArrayList<>();
            for (String scenario : Hermitage.SCENARIOS) {
                for (Level level : Level.values()) {
                    Path expected = Hermitage.expected(scenario, level);
                    tests.add(DynamicTest.dynamicTest(scenario + " " + level.sql, expected.toUri(), () -> {
                        Outcome outcome = results(engine).get(level).get(scenario);
                        MultiSessionGolden.check(expected, outcome.transcript(), false);
                    }));
                }
            }
            engines.add(DynamicContainer.dynamicContainer(engine.sqlName(), tests));
        }
        return engines.stream();
    }

    @Test
    @Order(2)
    void isolationDocShowsWhatThisRunObserved() throws IOException {
        String doc = IsolationDoc.render(Hermitage.verdicts(results(EngineKind.BTREE)), Hermitage.verdicts(results(EngineKind.LSM)),
                IsolationDocTest.postgresVerdicts());
        MultiSessionGolden.check(IsolationDoc.file(), doc, true);
    }

    /** Every scenario at every level on servers whose tables default to {@code engine}; run once per JVM. */
    private static synchronized Map<Level, Map<String, Outcome>> results(EngineKind engine) throws IOException {
        Map<Level, Map<String, Outcome>> cached = results.get(engine);
        if (cached != null) {
            return cached;
        }
        Path root = Files.createTempDirectory("hermitage-" + engine.sqlName() + "-");
        Map<Level, ShaleServer> servers = new LinkedHashMap<>();
        try {
            for (Level level : Level.values()) {
                ServerConfig config = ServerConfig.defaults().withDataDir(root.resolve(level.variant())).withPgPort(0)
                        .withEngine(engine);
                servers.put(level, ShaleServer.start(config));
            }
            cached = Hermitage.runAll(List.of(Level.values()), level -> new MultiSessionRunner(
                    Connector.pgjdbc("jdbc:postgresql://127.0.0.1:" + servers.get(level).pgPort() + "/shale", "shale")));
            results.put(engine, cached);
            return cached;
        } finally {
            servers.values().forEach(ShaleServer::close);
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

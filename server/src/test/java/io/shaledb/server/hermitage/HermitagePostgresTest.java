package io.shaledb.server.hermitage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.hermitage.Hermitage.Level;
import io.shaledb.server.hermitage.Hermitage.Outcome;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that the expected transcripts of READ COMMITTED, REPEATABLE READ and SERIALIZABLE are
 * what a real PostgreSQL 15 answers: every scenario runs against a throwaway PostgreSQL cluster
 * and must reproduce its file exactly. With {@code -Dgolden.update=true} this test, and only this
 * one, rewrites those files.
 *
 * <p>Also checks that PostgreSQL runs READ UNCOMMITTED exactly as READ COMMITTED, which is what
 * the PostgreSQL column of docs/isolation.md says for that level. Each level runs in its own
 * database, in parallel.
 */
class HermitagePostgresTest {
    private static final Logger log = LoggerFactory.getLogger(HermitagePostgresTest.class);

    private static PostgresPeer postgres;
    private static String unavailable;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        if (peer.isEmpty()) {
            unavailable = "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse("?");
            return;
        }
        postgres = peer.get();
        int major = postgres.majorVersion();
        if (major != 15) {
            unavailable = "the expected transcripts are PostgreSQL 15's, but the installed server is " + major;
            log.warn("\n{}\n!!! SKIPPING HermitagePostgresTest: {}\n{}", "!".repeat(100), unavailable, "!".repeat(100));
            return;
        }
        try (Connection c = Connector.pgjdbc(postgres.jdbcUrl("postgres"), postgres.user()).open();
                Statement st = c.createStatement()) {
            for (Level level : Level.values()) {
                st.execute("create database " + database(level));
            }
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> postgresProducesTheExpectedTranscripts() {
        assumeTrue(unavailable == null, () -> unavailable);
        Map<Level, Map<String, Outcome>> outcomes = Hermitage.runAll(List.of(Level.values()), level -> new MultiSessionRunner(
                Connector.pgjdbc(postgres.jdbcUrl(database(level)), postgres.user())));
        List<DynamicTest> tests = new ArrayList<>();
        for (String scenario : Hermitage.SCENARIOS) {
            for (Level level : Level.values()) {
                if (level.specifiedByPostgres()) {
                    Outcome outcome = outcomes.get(level).get(scenario);
                    tests.add(DynamicTest.dynamicTest(scenario + " " + level.sql, Hermitage.expected(scenario, level).toUri(),
                            () -> MultiSessionGolden.check(Hermitage.expected(scenario, level), outcome.transcript(), true)));
                }
            }
            // after the READ COMMITTED file, which update mode may just have rewritten
            Outcome readUncommitted = outcomes.get(Level.READ_UNCOMMITTED).get(scenario);
            tests.add(DynamicTest.dynamicTest(scenario + " read uncommitted is read committed in PostgreSQL", () -> {
                String readCommitted = MultiSessionGolden.read(Hermitage.expected(scenario, Level.READ_COMMITTED));
                assertThat(readUncommitted.transcript()).isEqualTo(readCommitted.replace(
                        "isolation level read committed", "isolation level read uncommitted"));
            }));
        }
        return tests.stream();
    }

    private static String database(Level level) {
        return "hermitage_" + level.name().toLowerCase();
    }
}

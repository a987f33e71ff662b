package io.shaledb.bench.pgbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shale-bench pgbench} end to end at {@code -s 1} with one-second runs, so the harness
 * (pgbench -i on both servers, the built-in scripts, the balance check, the report, the clean-up)
 * cannot rot. Skipped, loudly, where pgbench 15 or the PostgreSQL server binaries are missing.
 */
class PgbenchSuiteSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void bothScriptsRunOnPostgresAndShaleAndTheBalancesAgree() throws Exception {
        PgbenchSuite.Config config = new PgbenchSuite.Config(1, List.of(PgbenchSuite.Script.values()), List.of("prepared"),
                2, 1, 0, 1, "512m", null, tmp);
        Optional<String> missing = PgbenchSuite.whatIsMissing(config);
        if (missing.isPresent()) {
            System.err.println("!".repeat(100) + "\n!!! SKIPPING the pgbench smoke test: " + missing.get() + "\n" + "!".repeat(100));
        }
        assumeTrue(missing.isEmpty(), () -> "pgbench suite cannot run here: " + missing.orElseThrow());

        PgbenchSuite.Results r = new PgbenchSuite(config, System.err).run();

        assertThat(r.problems()).isEmpty();
        assertThat(r.cells()).hasSize(4).allSatisfy(c -> assertThat(c.result().processed()).isPositive());
        assertThat(r.servers()).extracting(PgbenchSuite.ServerReport::name).containsExactly("postgresql", "shaledb-btree");
        assertThat(r.servers()).allSatisfy(s -> {
            assertThat(s.initSummary()).startsWith("done in");
            assertThat(s.balances().consistent()).isTrue();
            assertThat(s.balances().historyRows()).isPositive();
        });
        String report = PgbenchReport.render(r);
        assertThat(report).contains("| TPC-B (sort of)", "| select only (-S)", "ShaleDB ÷ PostgreSQL", "consistent: ")
                .doesNotContain("problem");
        assertThat(tmp).isEmptyDirectory();
    }
}

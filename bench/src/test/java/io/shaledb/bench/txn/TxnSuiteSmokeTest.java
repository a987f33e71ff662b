package io.shaledb.bench.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction suite end to end on a tiny table and one-second runs, so the harness (pgbench,
 * both servers, the parser, the report, the clean-up) cannot rot. Skipped, loudly, where pgbench
 * 15 or the PostgreSQL server binaries are missing.
 */
class TxnSuiteSmokeTest {

    @TempDir
    Path tmp;

    private TxnSuite.Config tiny(List<TxnWorkload> workloads, List<Isolation> levels) {
        return new TxnSuite.Config(workloads, levels, List.of("btree"), 200, 5, 2, 1, 0, 1, 10, "512m", null, List.of(), tmp);
    }

    private void assumeInstalled(TxnSuite.Config config) {
        Optional<String> missing = TxnSuite.whatIsMissing(config);
        if (missing.isPresent()) {
            System.err.println("!".repeat(100) + "\n!!! SKIPPING the pgbench transaction smoke test: " + missing.get()
                    + "\n" + "!".repeat(100));
        }
        assumeTrue(missing.isEmpty(), () -> "pgbench transaction suite cannot run here: " + missing.orElseThrow());
    }

    @Test
    void everyWorkloadRunsOnPostgresAndShaleAndEverythingIsCleanedUp() throws Exception {
        TxnSuite.Config config = tiny(List.of(TxnWorkload.values()), List.of(Isolation.SERIALIZABLE));
        assumeInstalled(config);

        TxnSuite.Results r = new TxnSuite(config, System.err).run();

        assertThat(r.errors()).as("failed runs: %s", r.errors()).isEmpty();
        assertThat(r.servers()).extracting(TxnSuite.ServerInfo::name).containsExactly("postgresql", "shaledb-btree");
        assertThat(r.cells()).hasSize(TxnWorkload.values().length * 2)
                .allSatisfy(c -> assertThat(c.result().processed()).isPositive())
                .allSatisfy(c -> assertThat(c.result().tps()).isPositive());
        String report = TxnReport.render(r);
        for (TxnWorkload w : TxnWorkload.values()) {
            assertThat(report).contains("| " + w.label());
        }
        assertThat(report).contains("shaledb-btree ÷ postgresql", "fsync=on").doesNotContain("failed**");
        // both servers stopped, their directories and the scripts deleted
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aServerErrorReachesTheReportVerbatim() throws Exception {
        TxnSuite.Config config = tiny(List.of(TxnWorkload.UNCONTENDED), List.of(Isolation.READ_COMMITTED));
        assumeInstalled(config);
        Path script = Files.writeString(tmp.resolve("bad.sql"), "BEGIN;\nSELECT abalance FROM no_such_table WHERE aid = 1;\nCOMMIT;\n");
        Pgbench pgbench = new Pgbench(Pgbench.find(null).orElseThrow(), tmp);

        try (ShaleServer shale = ShaleServer.start("btree", "512m", tmp.resolve("servers"))) {
            assertThatThrownBy(() -> pgbench.run(shale.endpoint(), script, 2, 1, 1, 10))
                    .isInstanceOfSatisfying(Pgbench.PgbenchException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.serverErrors()).contains("aborted in command 1", "ERROR:", "no_such_table");
                    });
        }
        assertThat(tmp.resolve("servers")).isEmptyDirectory();
    }
}

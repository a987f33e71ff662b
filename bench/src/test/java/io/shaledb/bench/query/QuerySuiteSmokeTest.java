package io.shaledb.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query suite end to end on a tiny shop, so the harness (data, COPY, setup, verification,
 * timing, EXPLAIN, the report, the clean-up) cannot rot. PostgreSQL runs next to ShaleDB where it
 * is installed; elsewhere ShaleDB runs alone and the test says so loudly.
 */
class QuerySuiteSmokeTest {

    @TempDir
    Path tmp;

    private QuerySuite.Config tiny(boolean postgres) {
        return new QuerySuite.Config(new QueryData.Sizes(60, 600, 12), Duration.ZERO, 3, Duration.ofSeconds(2), 2, true, postgres,
                "btree", "512m", List.of(), Duration.ofSeconds(60), List.of(), 7, tmp);
    }

    @Test
    void everyQueryRunsAndAnswersTheSameOnBothServers() throws Exception {
        boolean postgres = QuerySuite.postgresMissing().isEmpty();
        if (!postgres) {
            System.err.println("!".repeat(100) + "\n!!! the query smoke test runs ShaleDB alone: "
                    + QuerySuite.postgresMissing().orElseThrow() + "\n" + "!".repeat(100));
        }

        QuerySuite.Results r = new QuerySuite(tiny(postgres), System.err).run();

        assertThat(r.invalid()).as("failed or differing queries").isEmpty();
        assertThat(r.queries()).hasSize(QuerySuite.queryNames().size())
                .allSatisfy(q -> assertThat(q.latency().get("shaledb-btree").iterations()).isPositive());
        assertThat(r.queries().stream().filter(q -> q.query().name().equals("agg-status")).findFirst().orElseThrow().rows())
                .as("agg-status has a row per status").isEqualTo(5);
        assertThat(r.loads()).filteredOn(l -> l.server().equals("shaledb-btree")).hasSize(4);
        String report = QueryReport.render(r);
        for (String name : QuerySuite.queryNames()) {
            assertThat(report).contains("| " + name + " ");
        }
        assertThat(report).contains("### Plans", "CREATE INDEX idx_orders_status_date");
        if (postgres) {
            assertThat(r.hasReference()).isTrue();
            assertThat(r.geometricMean()).isPresent();
            assertThat(report).contains("Geometric mean of the speed ratios", "Index Scan", "fsync=on");
        } else {
            assertThat(report).contains("PostgreSQL did not run");
        }
        // the server stopped, its directory and the data files deleted
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void theWholeSuiteRunsThroughTheExtendedProtocol() throws Exception {
        boolean postgres = QuerySuite.postgresMissing().isEmpty();
        QuerySuite.Config c = tiny(postgres);
        QuerySuite.Config extended = new QuerySuite.Config(c.sizes(), c.warmup(), c.iterations(), c.maxPerQuery(), c.verifyDraws(),
                false, postgres, c.engine(), c.serverHeap(), c.pgSettings(), c.queryTimeout(), c.queries(), c.seed(), c.dir(), "extended");

        QuerySuite.Results r = new QuerySuite(extended, System.err).run();

        assertThat(r.invalid()).as("failed or differing queries").isEmpty();
        assertThat(r.queries()).allSatisfy(q -> assertThat(q.latency().get("shaledb-btree").iterations()).isPositive());
        assertThat(QueryReport.render(r)).contains("extended query protocol over TCP (pgjdbc defaults)");
    }

    @Test
    void unknownQueryNameIsRejectedBeforeAnythingStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new QuerySuite.Config(new QueryData.Sizes(60, 600, 12), Duration.ZERO,
                        3, Duration.ofSeconds(2), 2, false, false, "btree", "512m", List.of(), Duration.ofSeconds(60),
                        List.of("no-such-query"), 7, tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pk-lookup");
    }
}

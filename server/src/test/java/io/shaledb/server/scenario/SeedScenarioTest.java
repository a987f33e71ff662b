package io.shaledb.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.client.Psql;
import io.shaledb.testkit.golden.GoldenScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's query-optimisation chapter as golden tests run by real psql against a ShaleDB
 * server: {@code scenario/seed_query_optimisation.sql} (200,000 orders; the seed's query plans a
 * Seq Scan, then after {@code CREATE INDEX CONCURRENTLY … (status, created_at DESC) WHERE status IN
 * (…)} an Index Scan with an Index Cond, and runs faster) and {@code scenario/composite_index.sql}
 * (the leftmost-prefix rule, and an Index Only Scan with {@code Heap Fetches: 0} after VACUUM).
 * Transcripts are compared with the {@code .out} files beside the scripts after masking what varies
 * between runs (times, costs, estimated rows, memory); {@code -Dgolden.update=true} rewrites them.
 */
class SeedScenarioTest {
    private static final Logger LOG = LoggerFactory.getLogger(SeedScenarioTest.class);
    private static final Pattern EXECUTION_TIME = Pattern.compile("Execution Time: ([0-9.]+) ms");

    @TempDir
    Path tmp;

    @Test
    void theSeedsSlowQueryGetsItsIndex() throws IOException {
        String raw = run("seed_query_optimisation");
        List<String> plans = plans(raw);
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0)).contains("Seq Scan on orders o").doesNotContain("idx_orders_status_date");
        assertThat(plans.get(1)).contains("Index Scan using idx_orders_status_date on orders o").contains("Index Cond: ");
        List<Double> times = new ArrayList<>();
        Matcher m = EXECUTION_TIME.matcher(raw);
        while (m.find()) {
            times.add(Double.parseDouble(m.group(1)));
        }
        LOG.info("seed query: {} ms with a sequential scan, {} ms with the index", times.get(0), times.get(1));
        assertThat(times.get(1)).as("execution time with the index vs without").isLessThan(times.get(0));
    }

    @Test
    void compositeIndexesFollowTheLeftmostPrefixRule() throws IOException {
        String raw = run("composite_index");
        assertThat(raw).contains("Index Only Scan using events_account_kind on events").contains("Heap Fetches: 0");
    }

    /** Runs {@code scenario/NAME.sql} through psql, checks the masked transcript, returns the raw one. */
    private String run(String name) throws IOException {
        assumeTrue(Psql.available(), "psql is not installed: the seed scenario cannot run (.ci/run installs postgresql-client)");
        Path script = GoldenScript.sourceDir("src/test/resources/scenario").resolve(name + ".sql");
        String raw;
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve(name)).withPgPort(0))) {
            raw = new Psql(server.pgPort()).with("-a", "-v", "ON_ERROR_STOP=1").file(script).assertSuccess().stdout();
        }
        Path expected = script.resolveSibling(name + ".out");
        String masked = mask(raw);
        if (Boolean.getBoolean(GoldenScript.UPDATE_PROPERTY) || !Files.exists(expected)) {
            Files.writeString(expected, masked, StandardCharsets.UTF_8);
        } else {
            String want = Files.readString(expected, StandardCharsets.UTF_8);
            assertThat(masked).as("%s: %s", expected, GoldenScript.firstDifference(want, masked)).isEqualTo(want);
        }
        return raw;
    }

    /** The QUERY PLAN results in a transcript, one string each. */
    private static List<String> plans(String raw) {
        List<String> plans = new ArrayList<>();
        for (String part : raw.split("QUERY PLAN")) {
            if (plans.size() < 2 && part.contains("Execution Time")) {
                plans.add(part.substring(0, part.indexOf("Execution Time")));
            }
        }
        return plans;
    }

    /** Replaces what changes between runs by N; re-pads psql's table borders that depend on line lengths. */
    static String mask(String raw) {
        String s = raw
                .replaceAll("\\(cost=[0-9.]+\\.\\.[0-9.]+ rows=[0-9]+ width=[0-9]+\\)", "(cost=N..N rows=N width=N)")
                .replaceAll("actual time=[0-9.]+\\.\\.[0-9.]+", "actual time=N..N")
                .replaceAll("(Planning|Execution) Time: [0-9.]+ ms", "$1 Time: N ms")
                // now() - interval '24 hours' is folded into a timestamp when the plan is made
                .replaceAll("'[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+\\+00'::timestamp with time zone", "'T'::timestamp with time zone")
                .replaceAll("(Memory|Memory Usage|Disk): [0-9]+kB", "$1: NkB")
                .replaceAll("Buckets: [0-9]+(?: \\(originally [0-9]+\\))?  Batches: [0-9]+(?: \\(originally [0-9]+\\))?", "Buckets: N  Batches: N");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            // psql pads plan lines and draws the header rule to the longest line: both depend on the masked numbers
            String fixed = line.matches("^-+$") ? "-" : line.strip().equals("QUERY PLAN") ? " QUERY PLAN" : line.stripTrailing();
            out.append(fixed).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}

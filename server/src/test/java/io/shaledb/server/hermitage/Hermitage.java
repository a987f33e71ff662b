package io.shaledb.server.hermitage;

import io.shaledb.testkit.golden.GoldenScript;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Hermitage scenarios: where the scripts live, their order, the isolation levels, one run. */
final class Hermitage {

    /** The scenarios in the order of Hermitage's PostgreSQL test file (and of the docs table). */
    static final List<String> SCENARIOS = List.of("g0", "g1a", "g1b", "g1c", "otv", "pmp", "pmp-write", "p4", "g-single",
            "g-single-dependencies", "g-single-write-1", "g-single-write-2", "g2-item", "g2", "g2-two-edges");

    /** The four SQL isolation levels. */
    enum Level {
        READ_UNCOMMITTED("read uncommitted"),
        READ_COMMITTED("read committed"),
        REPEATABLE_READ("repeatable read"),
        SERIALIZABLE("serializable");

        final String sql;

        Level(String sql) {
            this.sql = sql;
        }

        /** The variant in expected-file names: {@code g1a.read-committed.out}. */
        String variant() {
            return sql.replace(' ', '-');
        }

        /**
         * Whether the expected transcripts of this level are PostgreSQL 15's, recorded by {@link
         * HermitagePostgresTest}. READ UNCOMMITTED's are written by hand: PostgreSQL runs it as READ
         * COMMITTED, while ShaleDB really reads uncommitted rows.
         */
        boolean specifiedByPostgres() {
            return this != READ_UNCOMMITTED;
        }
    }

    private static final Pattern TITLE = Pattern.compile("^-- ([^:]+): (.+)$", Pattern.MULTILINE);
    private static final Pattern VERDICT = Pattern.compile("^-- verdict: (anomaly|prevented)", Pattern.MULTILINE);

    private Hermitage() {}

    static Path dir() {
        return GoldenScript.sourceDir("src/test/resources/hermitage");
    }

    static Path script(String scenario) {
        return dir().resolve(scenario + ".sql");
    }

    static Path expected(String scenario, Level level) {
        return MultiSessionGolden.expectedFile(script(scenario), level.variant());
    }

    /** One scenario's run, or why it could not run to the end. */
    record Outcome(MultiSessionRunner.Run run, Throwable failure) {
        /** The transcript; rethrows the failure of a run that did not finish. */
        String transcript() throws Throwable {
            if (failure != null) {
                throw failure;
            }
            return run.transcript();
        }

        /** True for an anomaly, false when prevented, null when the run failed. */
        Boolean anomaly() {
            return run == null ? null : run.verdict().anomaly();
        }
    }

    /**
     * Runs every scenario at each of {@code levels}: one thread per level, each level against its
     * own server or database (the scenarios all use table {@code test}), scenarios in order. The
     * runs are dominated by waiting for blocked steps, so this takes a quarter of the time.
     */
    static Map<Level, Map<String, Outcome>> runAll(List<Level> levels, Function<Level, MultiSessionRunner> runners) {
        ExecutorService pool = Executors.newFixedThreadPool(levels.size());
        try {
            Map<Level, CompletableFuture<Map<String, Outcome>>> futures = new EnumMap<>(Level.class);
            for (Level level : levels) {
                MultiSessionRunner runner = runners.apply(level);
                futures.put(level, CompletableFuture.supplyAsync(() -> {
                    Map<String, Outcome> outcomes = new LinkedHashMap<>();
                    for (String scenario : SCENARIOS) {
                        try {
                            outcomes.put(scenario, new Outcome(run(runner, scenario, level), null));
                        } catch (SQLException | RuntimeException e) {
                            outcomes.put(scenario, new Outcome(null, e));
                        }
                    }
                    return outcomes;
                }, pool));
            }
            Map<Level, Map<String, Outcome>> all = new EnumMap<>(Level.class);
            futures.forEach((level, f) -> all.put(level, f.join()));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The verdicts of {@link #runAll}: scenario → level → anomaly (null when the run failed). */
    static Map<String, Map<Level, Boolean>> verdicts(Map<Level, Map<String, Outcome>> outcomes) {
        Map<String, Map<Level, Boolean>> verdicts = new LinkedHashMap<>();
        for (String scenario : SCENARIOS) {
            Map<Level, Boolean> byLevel = new EnumMap<>(Level.class);
            outcomes.forEach((level, byScenario) -> byLevel.put(level, byScenario.get(scenario).anomaly()));
            verdicts.put(scenario, byLevel);
        }
        return verdicts;
    }

    /** Runs one scenario at one level. */
    static MultiSessionRunner.Run run(MultiSessionRunner runner, String scenario, Level level) throws SQLException {
        return runner.run(MultiSessionGolden.read(script(scenario)), Map.of("level", level.sql));
    }

    /** The anomaly's short name and title from the script's first line, {@code -- G1a: Aborted Reads (…)}. */
    static String[] title(String scenario) {
        Matcher m = TITLE.matcher(MultiSessionGolden.read(script(scenario)));
        if (!m.find()) {
            throw new IllegalStateException(script(scenario) + " must start with '-- NAME: title'");
        }
        return new String[] {m.group(1), m.group(2)};
    }

    /** The verdict recorded in an expected transcript: true for an anomaly. */
    static boolean expectedAnomaly(String scenario, Level level) {
        Path file = expected(scenario, level);
        if (!Files.exists(file)) {
            throw new IllegalStateException("missing expected transcript " + file);
        }
        Matcher m = VERDICT.matcher(MultiSessionGolden.read(file));
        if (!m.find()) {
            throw new IllegalStateException(file + " has no '-- verdict:' line");
        }
        return m.group(1).equals("anomaly");
    }
}

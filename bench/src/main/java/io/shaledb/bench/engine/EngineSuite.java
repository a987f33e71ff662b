package io.shaledb.bench.engine;

import io.shaledb.bench.MarkdownTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link EngineBenchmark} through JMH's {@link Runner} once per (workload, store), each trial
 * in a forked JVM, and collects the scores into a side-by-side table.
 */
public final class EngineSuite {

    /**
     * The suite's knobs.
     *
     * @param keys keys loaded for the relaxed workloads
     * @param durableKeys keys loaded for the durable put (which the disk's sync rate bounds, so a
     *     small data set says the same in less time)
     * @param cacheMb cache budget of every store, MiB
     * @param warmupIterations JMH warm-up iterations per trial
     * @param iterations JMH measured iterations per trial
     * @param iterationSeconds length of each iteration
     * @param forks forked JVMs per trial (their iterations are pooled)
     * @param heap the forked JVM's heap, e.g. {@code "2g"}
     * @param dir parent of the data directories
     */
    public record Config(List<StoreKind> stores, List<Workload> workloads, int keys, int durableKeys, int cacheMb,
                         int warmupIterations, int iterations, int iterationSeconds, int forks, String heap, Path dir) {
        public Config {
            stores = List.copyOf(stores);
            workloads = List.copyOf(workloads);
        }
    }

    /** One trial's score: mean ops/s and its JMH 99.9% confidence half-width (NaN with too few samples). */
    public record Score(double opsPerSecond, double error) {}

    /** Scores by workload and store. */
    public record Results(Config config, Map<Workload, Map<StoreKind, Score>> scores) {}

    private final Config config;
    private final PrintStream progress;

    public EngineSuite(Config config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public Results run() throws RunnerException {
        Map<Workload, Map<StoreKind, Score>> scores = new LinkedHashMap<>();
        List<Trial> trials = new ArrayList<>();
        for (Workload w : config.workloads()) {
            scores.put(w, new EnumMap<>(StoreKind.class));
            for (StoreKind s : config.stores()) {
                trials.add(new Trial(w, s));
            }
        }
        int n = 0;
        for (Trial t : trials) {
            n++;
            long started = System.nanoTime();
            progress.printf("[%d/%d] %s on %s ... ", n, trials.size(), t.workload.title(), t.store.label());
            progress.flush();
            Score score = runTrial(t);
            scores.get(t.workload).put(t.store, score);
            progress.printf("%s ops/s (%.0f s)%n", MarkdownTable.count(score.opsPerSecond()),
                    (System.nanoTime() - started) / 1e9);
        }
        return new Results(config, scores);
    }

    private record Trial(Workload workload, StoreKind store) {}

    private Score runTrial(Trial t) throws RunnerException {
        boolean durable = t.workload.durability() == Durability.DURABLE;
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(Pattern.quote(EngineBenchmark.class.getName() + "." + t.workload.method()) + "$")
                .param("store", t.store.label())
                .param("durability", t.workload.durability().label())
                .param("keys", Integer.toString(durable ? config.durableKeys() : config.keys()))
                .param("cacheMb", Integer.toString(config.cacheMb()))
                .param("dir", config.dir().toAbsolutePath().toString())
                .warmupIterations(config.warmupIterations())
                .warmupTime(TimeValue.seconds(config.iterationSeconds()))
                .measurementIterations(config.iterations())
                .measurementTime(TimeValue.seconds(config.iterationSeconds()))
                .forks(config.forks())
                .threads(1)
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgs("-Xms" + config.heap(), "-Xmx" + config.heap(), "--enable-native-access=ALL-UNNAMED",
                        "--sun-misc-unsafe-memory-access=allow") // JMH 1.37 uses sun.misc.Unsafe
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        var results = new Runner(b.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one JMH result for " + t + ", got " + results.size());
        }
        RunResult r = results.iterator().next();
        Result<?> primary = r.getPrimaryResult();
        return new Score(primary.getScore(), primary.getScoreError());
    }

    /** The side-by-side table: ops/s per store and ShaleDB's ratio to each peer. */
    public static String table(Results results) {
        List<StoreKind> stores = results.config().stores();
        boolean hasShale = stores.contains(StoreKind.SHALEDB_BTREE);
        List<StoreKind> peers = stores.stream().filter(s -> s != StoreKind.SHALEDB_BTREE).toList();
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (StoreKind s : stores) {
            header.add(s.label() + " ops/s");
        }
        if (hasShale) {
            for (StoreKind p : peers) {
                header.add("shaledb ÷ " + p.label());
            }
        }
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        for (var e : results.scores().entrySet()) {
            Map<StoreKind, Score> row = e.getValue();
            List<String> cells = new ArrayList<>();
            cells.add(e.getKey().title());
            for (StoreKind s : stores) {
                cells.add(cell(row.get(s)));
            }
            if (hasShale) {
                Score shale = row.get(StoreKind.SHALEDB_BTREE);
                for (StoreKind p : peers) {
                    Score peer = row.get(p);
                    cells.add(shale == null || peer == null ? "n/a"
                            : MarkdownTable.ratio(shale.opsPerSecond() / peer.opsPerSecond()));
                }
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.render();
    }

    private static String cell(Score s) {
        if (s == null) {
            return "n/a";
        }
        String v = MarkdownTable.count(s.opsPerSecond());
        if (Double.isNaN(s.error()) || s.opsPerSecond() <= 0) {
            return v;
        }
        return v + String.format(java.util.Locale.ROOT, " ±%.0f%%", 100 * s.error() / s.opsPerSecond());
    }

    /** What a put does in each store, at each durability the workloads use. */
    public static String durabilityTable(Config config) {
        MarkdownTable t = MarkdownTable.text("store", "relaxed put (micro-benchmarks)", "durable put");
        for (StoreKind s : config.stores()) {
            t.row(s.label(), s.durabilityNote(Durability.RELAXED), s.durabilityNote(Durability.DURABLE));
        }
        return t.render();
    }
}

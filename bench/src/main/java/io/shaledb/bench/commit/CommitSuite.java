package io.shaledb.bench.commit;

import io.shaledb.bench.MarkdownTable;
import io.shaledb.wal.SyncMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The durable-commit throughput benchmark: the single-sync ceiling ({@link FsyncCeiling}), then
 * each commit target at each committer count, then the ceiling again (its two measurements
 * bracket the run, so drift of the disk shows up instead of skewing the ratios). Ratios are to the
 * mean of the two ceiling measurements.
 */
public final class CommitSuite {

    /** The committer count that the target is stated for. */
    public static final int TARGET_COMMITTERS = 64;
    /** The target: durable throughput at {@link #TARGET_COMMITTERS} over the single-sync ceiling. */
    public static final double TARGET_RATIO = 5.0;

    /**
     * The suite's knobs.
     *
     * @param committers committer counts to run, e.g. 1, 8, 64
     * @param warmup time each measurement runs before its window opens
     * @param duration each measured window
     * @param mode the WAL sync mode of the ShaleDB targets (SYNC or GROUP_DELAY; both durable)
     * @param dir parent of the data directories
     */
    public record Config(List<Integer> committers, Duration warmup, Duration duration, SyncMode mode, Path dir) {
        public Config {
            committers = List.copyOf(committers);
            if (mode == SyncMode.OFF) {
                throw new IllegalArgumentException("the commit benchmark measures durable commits; OFF is not durable");
            }
        }
    }

    /** A kind of commit target, opened afresh in an empty directory for every committer count. */
    public interface TargetFactory {
        CommitTarget open(Path dir, SyncMode mode) throws IOException;
    }

    /** Everything measured: the two ceiling runs and one result per target and committer count. */
    public record Results(Config config, CommitResult ceilingBefore, CommitResult ceilingAfter,
                          List<CommitResult> results) {
        public double ceiling() {
            return (ceilingBefore.perSecond() + ceilingAfter.perSecond()) / 2;
        }
    }

    private final Config config;
    private final List<TargetFactory> targets;
    private final PrintStream progress;

    public CommitSuite(Config config, List<TargetFactory> targets, PrintStream progress) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.progress = progress;
    }

    /** ShaleDB's B+Tree puts, then the bare WAL (the upper bound the engine logs through). */
    public static List<TargetFactory> defaultTargets() {
        return List.of(BTreeCommitTarget::new, WalCommitTarget::new);
    }

    public Results run() throws IOException {
        Files.createDirectories(config.dir());
        Path root = Files.createTempDirectory(config.dir(), "shale-bench-commits-");
        try {
            progress.print("fsync ceiling (before) ... ");
            progress.flush();
            CommitResult before = FsyncCeiling.measure(root, config.warmup(), config.duration());
            progress.printf("%s/s%n", MarkdownTable.count(before.perSecond()));
            List<CommitResult> results = new ArrayList<>();
            int run = 0;
            for (TargetFactory f : targets) {
                for (int n : config.committers()) {
                    Path dir = root.resolve("run-" + run++);
                    try (CommitTarget target = f.open(dir, config.mode())) {
                        progress.printf("%s, %d committers ... ", target.label(), n);
                        progress.flush();
                        CommitResult r = CommitRun.run(target, n, config.warmup(), config.duration());
                        results.add(r);
                        progress.printf("%s commits/s%n", MarkdownTable.count(r.perSecond()));
                    }
                    deleteTree(dir);
                }
            }
            progress.print("fsync ceiling (after) ... ");
            progress.flush();
            CommitResult after = FsyncCeiling.measure(root, config.warmup(), config.duration());
            progress.printf("%s/s%n", MarkdownTable.count(after.perSecond()));
            return new Results(config, before, after, results);
        } finally {
            deleteTree(root);
        }
    }

    public static String table(Results r) {
        double ceiling = r.ceiling();
        MarkdownTable t = new MarkdownTable("what commits", "committers", "commits/s", "p50 µs", "p99 µs", "÷ ceiling");
        for (CommitResult c : List.of(r.ceilingBefore(), r.ceilingAfter())) {
            t.row(c.target() + (c == r.ceilingBefore() ? " (before)" : " (after)"), "1",
                    MarkdownTable.count(c.perSecond()), MarkdownTable.count(c.p50Micros()),
                    MarkdownTable.count(c.p99Micros()), MarkdownTable.ratio(c.perSecond() / ceiling));
        }
        for (CommitResult c : r.results()) {
            t.row(c.target(), Integer.toString(c.committers()), MarkdownTable.count(c.perSecond()),
                    MarkdownTable.count(c.p50Micros()), MarkdownTable.count(c.p99Micros()),
                    MarkdownTable.ratio(c.perSecond() / ceiling));
        }
        return t.render();
    }

    /** One line per target that ran at {@link #TARGET_COMMITTERS}: its ratio against the target. */
    public static List<String> verdicts(Results r) {
        List<String> lines = new ArrayList<>();
        for (CommitResult c : r.results()) {
            if (c.committers() == TARGET_COMMITTERS) {
                double ratio = c.perSecond() / r.ceiling();
                lines.add(String.format(Locale.ROOT, "%s, %d committers: %.2f× the single-fsync ceiling (target ≥ %.0f×): %s",
                        c.target(), c.committers(), ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "MISSED"));
            }
        }
        return lines;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

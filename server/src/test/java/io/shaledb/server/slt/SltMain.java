package io.shaledb.server.slt;

import io.shaledb.server.EngineKind;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs arbitrary sqllogictest files from the command line and prints the per-file table, the
 * failure triage and, in full, up to three failures of each cause (cascades last):
 *
 * <pre>
 * SltMain [--target shaledb|postgresql] [--engine btree|lsm|memory] [--timeout SECONDS]
 *         [--failures N] [--report FILE.md] SELECTOR...
 * </pre>
 *
 * A selector is {@code slice}, {@code required}, a file ({@code select2.test}) or a directory
 * ending in '/' ({@code index/in/}); see docs/compatibility.md for the Maven command line that
 * puts the test class path together.
 */
public final class SltMain {
    private SltMain() {}

    public static void main(String[] args) throws IOException, SQLException {
        String targetName = "shaledb";
        EngineKind engine = EngineKind.BTREE;
        int timeout = SltSuite.DEFAULT_QUERY_TIMEOUT_SECONDS;
        int showFailures = 20;
        Path report = null;
        List<String> selectors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> targetName = args[++i];
                case "--engine" -> engine = EngineKind.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--failures" -> showFailures = Integer.parseInt(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                default -> selectors.add(args[i]);
            }
        }
        if (selectors.isEmpty()) {
            System.err.println("usage: SltMain [--target shaledb|postgresql] [--engine btree|lsm|memory] [--timeout S]"
                    + " [--failures N] [--report FILE.md] slice|required|FILE|DIR/ ...");
            System.exit(2);
        }
        List<String> files = SltSelection.resolve(String.join(",", selectors));
        List<SltOutcome> outcomes = new ArrayList<>();
        try (SltTarget target = switch (targetName) {
            case "postgresql" -> SltTarget.postgres(PostgresPeer.start());
            case "shaledb" -> SltTarget.shaleDb(engine);
            default -> throw new IllegalArgumentException("--target is shaledb or postgresql, not " + targetName);
        }) {
            for (String file : files) {
                outcomes.add(SltSuite.runFile(target, file, timeout));
            }
        }
        String text = SltReport.markdown(outcomes);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(text);
        // the first failures of each cause, cascades (consequences of an earlier failed statement) last
        java.util.Map<String, List<SltOutcome.Failure>> byCause = new java.util.LinkedHashMap<>();
        outcomes.stream().flatMap(o -> o.failures().stream())
                .forEach(f -> byCause.computeIfAbsent(SltReport.cause(f), k -> new ArrayList<>()).add(f));
        byCause.values().stream().sorted(java.util.Comparator.comparing((List<SltOutcome.Failure> l) -> SltReport.isCascade(l.getFirst())))
                .flatMap(l -> l.stream().limit(3)).limit(showFailures).forEach(f -> out.println(f.describe()));
        if (report != null) {
            Files.writeString(report, text, StandardCharsets.UTF_8);
        }
    }
}

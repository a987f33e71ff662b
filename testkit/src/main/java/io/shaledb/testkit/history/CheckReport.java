package io.shaledb.testkit.history;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict of a {@link HistoryChecker} run.
 *
 * @param level the isolation level checked
 * @param violations the anomalies the level forbids; empty when the history is valid
 * @param tolerated anomalies found that the level allows (write skew under snapshot isolation)
 * @param statistics one line about the history and its dependency graph
 */
public record CheckReport(HistoryChecker.Level level, List<Anomaly> violations, List<Anomaly> tolerated, String statistics) {

    /** Reports show at most this many anomalies of each kind, then a count of the rest. */
    private static final int SHOWN_PER_KIND = 5;

    public CheckReport {
        violations = List.copyOf(violations);
        tolerated = List.copyOf(tolerated);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** How many violations of each kind. */
    public Map<Anomaly.Kind, Integer> violationCounts() {
        Map<Anomaly.Kind, Integer> counts = new EnumMap<>(Anomaly.Kind.class);
        violations.forEach(a -> counts.merge(a.kind(), 1, Integer::sum));
        return counts;
    }

    public boolean has(Anomaly.Kind kind) {
        return violations.stream().anyMatch(a -> a.kind() == kind);
    }

    /** Throws an {@link AssertionError} carrying the whole report unless the history is valid. */
    public void assertValid() {
        if (!valid()) {
            throw new AssertionError(this);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(level + ": ")
                .append(valid() ? "valid" : "VIOLATED by " + violations.size() + " anomalies " + summary(violations))
                .append("\n  ").append(statistics);
        append(out, "violations", violations);
        append(out, "allowed at this level", tolerated);
        return out.toString();
    }

    private static String summary(List<Anomaly> anomalies) {
        return anomalies.stream().collect(Collectors.groupingBy(a -> a.kind().label(), java.util.TreeMap::new, Collectors.counting())).toString();
    }

    private static void append(StringBuilder out, String title, List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        out.append("\n").append(title).append(":");
        Map<Anomaly.Kind, List<Anomaly>> byKind = anomalies.stream()
                .collect(Collectors.groupingBy(Anomaly::kind, () -> new EnumMap<>(Anomaly.Kind.class), Collectors.toList()));
        byKind.forEach((kind, list) -> {
            out.append("\n  ").append(kind.label()).append(" (").append(kind.description()).append("): ").append(list.size());
            list.stream().limit(SHOWN_PER_KIND).forEach(a -> out.append("\n  - ").append(a.describe().replace("\n", "\n  ")));
            if (list.size() > SHOWN_PER_KIND) {
                out.append("\n  - ... and ").append(list.size() - SHOWN_PER_KIND).append(" more");
            }
        });
    }
}

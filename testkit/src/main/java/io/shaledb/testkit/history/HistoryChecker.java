package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a list-append history against an isolation level.
 *
 * <pre>{@code
 * CheckReport report = HistoryChecker.checkSerializable(history);
 * report.assertValid();   // AssertionError listing every anomaly with its cycle and transactions
 * }</pre>
 *
 * The steps: flatten the committed transactions' reads; index who appended each element and infer
 * each key's version order ({@link VersionOrders}); check single reads ({@link ReadChecks}); build
 * the ww/wr/rw graph ({@link DependencyGraph}); find and classify its cycles ({@link CycleFinder}).
 * Every anomaly is found once; the level decides which of them count.
 */
public final class HistoryChecker {

    /** The isolation levels a history can be checked against. */
    public enum Level {
        /** Any dependency cycle, and every non-cycle anomaly, is a violation. */
        SERIALIZABLE,
        /**
         * Adya's PL-SI: every non-cycle anomaly and every cycle without two adjacent rw edges is a
         * violation (G0, G1c, G-single, G-nonadjacent); write skew (G2-item) is allowed.
         */
        SNAPSHOT_ISOLATION;

        public boolean forbids(Anomaly.Kind kind) {
            return this == SERIALIZABLE || !kind.allowedUnderSnapshotIsolation();
        }
    }

    private HistoryChecker() {}

    public static CheckReport checkSerializable(History history) {
        return check(history, Level.SERIALIZABLE);
    }

    public static CheckReport checkSnapshotIsolation(History history) {
        return check(history, Level.SNAPSHOT_ISOLATION);
    }

    public static CheckReport check(History history, Level level) {
        List<Anomaly> anomalies = new ArrayList<>();
        List<ObservedRead> reads = new ArrayList<>();
        for (Txn t : history.transactions()) {
            if (t.outcome() == Txn.Outcome.COMMITTED) {
                reads.addAll(ObservedRead.of(t));
            }
        }
        VersionOrders versions = VersionOrders.infer(history, reads, anomalies::add);
        ReadChecks.check(history, reads, versions, anomalies::add);
        DependencyGraph graph = DependencyGraph.build(history, reads, versions);
        anomalies.addAll(CycleFinder.find(graph));

        List<Anomaly> violations = anomalies.stream().filter(a -> level.forbids(a.kind())).toList();
        List<Anomaly> tolerated = anomalies.stream().filter(a -> !level.forbids(a.kind())).toList();
        return new CheckReport(level, violations, tolerated, statistics(history, graph));
    }

    private static String statistics(History history, DependencyGraph graph) {
        Map<Txn.Outcome, Integer> outcomes = new EnumMap<>(Txn.Outcome.class);
        history.transactions().forEach(t -> outcomes.merge(t.outcome(), 1, Integer::sum));
        return history.transactions().size() + " transactions (" + outcomes.getOrDefault(Txn.Outcome.COMMITTED, 0)
                + " committed, " + outcomes.getOrDefault(Txn.Outcome.ABORTED, 0) + " aborted, "
                + outcomes.getOrDefault(Txn.Outcome.UNKNOWN, 0) + " unknown); graph of " + graph.size() + " transactions with "
                + graph.count(DependencyType.WW) + " ww, " + graph.count(DependencyType.WR) + " wr, "
                + graph.count(DependencyType.RW) + " rw edges";
    }
}

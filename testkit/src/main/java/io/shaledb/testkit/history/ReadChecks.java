package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The anomalies visible in single reads, without the dependency graph: aborted and intermediate
 * reads, internal inconsistency, and range reads that leave out a key.
 */
final class ReadChecks {

    private ReadChecks() {}

    /**
     * Checks every read of the committed transactions.
     *
     * @param reads the reads of committed transactions, each transaction's in operation order
     */
    static void check(History history, List<ObservedRead> reads, VersionOrders versions, Consumer<Anomaly> report) {
        for (ObservedRead r : reads) {
            checkDirtyReads(r, versions, report);
        }
        for (Txn t : history.transactions()) {
            if (t.outcome() == Txn.Outcome.COMMITTED) {
                checkInternal(t, report);
            }
        }
        checkRanges(history, report);
    }

    /** G1a: an aborted transaction's element; G1b: a list ending in a writer's non-final append. */
    private static void checkDirtyReads(ObservedRead r, VersionOrders versions, Consumer<Anomaly> report) {
        List<String> seen = r.observed();
        // a read that is a prefix of its key's reference saw an aborted element iff the reference has one that early
        int from = versions.agrees(r) ? versions.firstAborted(r.key()) : 0;
        for (int i = from; i < seen.size(); i++) {
            VersionOrders.Write w = versions.writer(seen.get(i));
            if (w != null && w.txn() != r.txn() && w.txn().outcome() == Txn.Outcome.ABORTED) {
                report.accept(Anomaly.of(Anomaly.Kind.G1A, r.describe() + ", but " + w.txn().name() + " which appended "
                        + w.element() + " aborted", r.txn(), w.txn()));
                return;
            }
        }
        for (int i = seen.size() - 1; i >= 0; i--) {
            VersionOrders.Write w = versions.writer(seen.get(i));
            if (w != null && w.txn() != r.txn()) {
                if (!w.lastInTxn()) {
                    report.accept(Anomaly.of(Anomaly.Kind.G1B, r.describe() + ", ending at " + w.element() + ", but "
                            + w.txn().name() + " appended more to key " + r.key() + " after it", r.txn(), w.txn()));
                }
                return;
            }
        }
    }

    /**
     * A transaction sees a snapshot plus its own writes: a read of a key it has read before must
     * return that list plus its own appends since; a first read must end with its own appends so far.
     */
    private static void checkInternal(Txn t, Consumer<Anomaly> report) {
        Map<Integer, List<String>> lastRead = new HashMap<>();
        Map<Integer, List<String>> ownSince = new HashMap<>();
        List<ObservedRead> reads = ObservedRead.of(t);
        int next = 0;
        for (int i = 0; i < t.ops().size(); i++) {
            if (t.ops().get(i) instanceof MicroOp.Append a) {
                ownSince.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.element());
            }
            for (; next < reads.size() && reads.get(next).opIndex() == i; next++) {
                ObservedRead r = reads.get(next);
                List<String> own = ownSince.getOrDefault(r.key(), List.of());
                List<String> before = lastRead.get(r.key());
                String problem = null;
                if (before != null) {
                    List<String> expected = new ArrayList<>(before);
                    expected.addAll(own);
                    if (!r.observed().equals(expected)) {
                        problem = "expected " + Lists.abbreviate(expected) + " (its earlier read plus its own appends since)";
                    }
                } else if (!endsWith(r.observed(), own)) {
                    problem = "expected it to end with its own appends " + own;
                }
                if (problem != null) {
                    report.accept(Anomaly.of(Anomaly.Kind.INTERNAL, r.describe() + " at op " + r.opIndex() + ", " + problem, t));
                }
                lastRead.put(r.key(), r.observed());
                ownSince.remove(r.key());
            }
        }
    }

    private static boolean endsWith(List<String> list, List<String> suffix) {
        return list.size() >= suffix.size() && list.subList(list.size() - suffix.size(), list.size()).equals(suffix);
    }

    /** Every key a history mentions exists from the start, so a range read must return all of them in its range. */
    private static void checkRanges(History history, Consumer<Anomaly> report) {
        NavigableSet<Integer> keys = new TreeSet<>(history.finalState().keySet());
        for (Txn t : history.transactions()) {
            for (MicroOp op : t.ops()) {
                switch (op) {
                    case MicroOp.Append a -> keys.add(a.key());
                    case MicroOp.Read r -> keys.add(r.key());
                    case MicroOp.RangeRead rr when rr.observed() != null -> keys.addAll(rr.observed().keySet());
                    case MicroOp.RangeRead rr -> { }
                }
            }
        }
        for (Txn t : history.transactions()) {
            if (t.outcome() != Txn.Outcome.COMMITTED) {
                continue;
            }
            for (MicroOp op : t.ops()) {
                if (op instanceof MicroOp.RangeRead rr && rr.observed() != null) {
                    Set<Integer> expected = new TreeSet<>(keys.subSet(rr.low(), true, rr.high(), true));
                    Set<Integer> extra = new TreeSet<>(rr.observed().keySet());
                    extra.removeAll(expected);
                    expected.removeAll(rr.observed().keySet());
                    if (!expected.isEmpty()) {
                        report.accept(Anomaly.of(Anomaly.Kind.INCOMPLETE_RANGE, t.name() + " " + rr + " lacks keys " + expected, t));
                    }
                    if (!extra.isEmpty()) {
                        report.accept(Anomaly.of(Anomaly.Kind.GARBAGE, t.name() + " " + rr + " returned keys " + extra
                                + " outside its range", t));
                    }
                }
            }
        }
    }
}

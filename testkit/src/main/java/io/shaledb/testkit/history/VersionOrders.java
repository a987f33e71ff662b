package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Who appended each element, and the order in which each key's elements were installed.
 *
 * <p>Appends never overwrite, so every read of a key returns a prefix of the key's final list:
 * the longest list observed is the version order, and every other observed list must be a prefix
 * of it. When the history records the final state, that list is the reference instead (it was read
 * last, so nothing observed earlier may be missing from it). A key whose reads disagree is reported
 * and left out of the dependency graph.
 */
final class VersionOrders {

    /**
     * An append: {@code lastInTxn} is true when it is its transaction's last append to the key,
     * which is the only one another transaction may see as the end of the list.
     */
    record Write(Txn txn, int key, String element, int opIndex, boolean lastInTxn) {}

    private final Map<String, Write> writes = new LinkedHashMap<>();
    private final Map<Integer, List<String>> orders = new TreeMap<>();

    private VersionOrders() {}

    /**
     * Indexes the appends and infers each key's order from {@code reads} (of committed
     * transactions) and the final state, reporting garbage, disagreeing orders and lost writes.
     */
    static VersionOrders infer(History history, List<ObservedRead> reads, Consumer<Anomaly> report) {
        VersionOrders v = new VersionOrders();
        v.indexWrites(history, report);
        v.checkElements(reads, report);
        v.inferOrders(history, reads, report);
        if (!history.finalState().isEmpty()) {
            v.checkNothingLost(history, report);
        }
        return v;
    }

    /** The append that produced {@code element}, or null for garbage. */
    Write writer(String element) {
        return writes.get(element);
    }

    /** The inferred order of every key whose reads agree. */
    Map<Integer, List<String>> orders() {
        return orders;
    }

    private void indexWrites(History history, Consumer<Anomaly> report) {
        for (Txn t : history.transactions()) {
            Set<Integer> laterAppendToKey = new HashSet<>();
            for (int i = t.ops().size() - 1; i >= 0; i--) {
                if (t.ops().get(i) instanceof MicroOp.Append a) {
                    Write w = new Write(t, a.key(), a.element(), i, laterAppendToKey.add(a.key()));
                    Write earlier = writes.putIfAbsent(a.element(), w);
                    if (earlier != null) {
                        report.accept(Anomaly.of(Anomaly.Kind.GARBAGE, "element " + a.element() + " appended twice: to key "
                                + earlier.key() + " by " + earlier.txn().name() + " and to key " + a.key() + " by " + t.name()
                                + "; the history is invalid", earlier.txn(), t));
                    }
                }
            }
        }
    }

    private void checkElements(List<ObservedRead> reads, Consumer<Anomaly> report) {
        for (ObservedRead r : reads) {
            Set<String> seen = new HashSet<>();
            for (String e : r.observed()) {
                Write w = writes.get(e);
                String problem = !seen.add(e) ? "element " + e + " appears twice"
                        : w == null ? "element " + e + " was never appended"
                        : w.key() != r.key() ? "element " + e + " was appended to key " + w.key() + " by " + w.txn().name()
                        : null;
                if (problem != null) {
                    report.accept(Anomaly.of(Anomaly.Kind.GARBAGE, r.describe() + ": " + problem, r.txn()));
                    break;
                }
            }
        }
    }

    private void inferOrders(History history, List<ObservedRead> reads, Consumer<Anomaly> report) {
        Map<Integer, List<ObservedRead>> byKey = new LinkedHashMap<>();
        for (ObservedRead r : reads) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        history.finalState().keySet().forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()));
        for (Map.Entry<Integer, List<ObservedRead>> e : byKey.entrySet()) {
            int key = e.getKey();
            List<String> finalList = history.finalState().get(key);
            List<String> reference = finalList;
            ObservedRead longest = null;
            for (ObservedRead r : e.getValue()) {
                if (longest == null || r.observed().size() > longest.observed().size()) {
                    longest = r;
                }
            }
            if (reference == null) {
                reference = longest == null ? List.of() : longest.observed();
            }
            String referenceName = finalList != null ? "the final state" : longest.describe();
            ObservedRead disagreeing = null;
            for (ObservedRead r : e.getValue()) {
                if (!Lists.isPrefix(r.observed(), reference)) {
                    disagreeing = r;
                    break;
                }
            }
            if (disagreeing == null) {
                orders.put(key, reference);
            } else if (finalList != null && Lists.isPrefix(finalList, disagreeing.observed())) {
                report.accept(Anomaly.of(Anomaly.Kind.LOST_WRITE, disagreeing.describe() + " but the final state of key " + key
                        + " is " + Lists.abbreviate(finalList), disagreeing.txn()));
            } else {
                report.accept(Anomaly.of(Anomaly.Kind.INCOMPATIBLE_ORDER, disagreeing.describe() + ", which is not a prefix of "
                        + referenceName + (finalList != null ? " " + Lists.abbreviate(finalList) : ""), disagreeing.txn()));
            }
        }
    }

    private void checkNothingLost(History history, Consumer<Anomaly> report) {
        Map<Integer, Set<String>> finalElements = new HashMap<>();
        history.finalState().forEach((k, list) -> finalElements.put(k, new HashSet<>(list)));
        for (Write w : writes.values()) {
            if (w.txn().outcome() == Txn.Outcome.COMMITTED
                    && !finalElements.getOrDefault(w.key(), Set.of()).contains(w.element())) {
                report.accept(Anomaly.of(Anomaly.Kind.LOST_WRITE, w.txn().name() + " committed " + w.element() + " to key "
                        + w.key() + ", which the final state " + Lists.abbreviate(history.finalState().get(w.key()))
                        + " lacks", w.txn()));
            }
        }
    }
}

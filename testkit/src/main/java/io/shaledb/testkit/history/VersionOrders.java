package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
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
    /** Per key the list every read must be a prefix of: the final state, else the longest read. */
    private final Map<Integer, List<String>> references = new TreeMap<>();
    /** The references that every read agrees with. */
    private final Map<Integer, List<String>> orders = new TreeMap<>();
    /** The reads that are not a prefix of their key's reference. */
    private final Set<ObservedRead> disagreeing = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Integer, Integer> firstAborted = new HashMap<>();

    private VersionOrders() {}

    /**
     * Indexes the appends and infers each key's order from {@code reads} (of committed
     * transactions) and the final state, reporting garbage, disagreeing orders and lost writes.
     */
    static VersionOrders infer(History history, List<ObservedRead> reads, Consumer<Anomaly> report) {
        VersionOrders v = new VersionOrders();
        v.indexWrites(history, report);
        v.inferOrders(history, reads, report);
        v.checkElements(reads, report);
        if (!history.finalState().isEmpty()) {
            v.checkFinalState(history, report);
        }
        return v;
    }

    /** The append that produced {@code element}, or null for garbage. */
    Write writer(String element) {
        return writes.get(element);
    }

    /** Whether {@code r} is a prefix of its key's reference list (the final state or the longest read). */
    boolean agrees(ObservedRead r) {
        return !disagreeing.contains(r);
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

    /**
     * The position of the first element of {@code key}'s reference list written by an aborted
     * transaction, or the list's length if there is none: a read that {@link #agrees} saw an aborted
     * write iff it is longer.
     */
    int firstAborted(int key) {
        return firstAborted.computeIfAbsent(key, k -> {
            List<String> order = references.get(k);
            for (int i = 0; i < order.size(); i++) {
                Write w = writes.get(order.get(i));
                if (w != null && w.txn().outcome() == Txn.Outcome.ABORTED) {
                    return i;
                }
            }
            return order.size();
        });
    }

    /**
     * Reports reads with elements nobody appended, appended to another key, or seen twice. A read
     * that is a prefix of its key's reference list has such an element iff the reference has one
     * within its length, so each reference is scanned once instead of every read (lists grow long).
     */
    private void checkElements(List<ObservedRead> reads, Consumer<Anomaly> report) {
        Map<Integer, Integer> firstBad = new HashMap<>();
        references.forEach((key, reference) -> {
            int bad = firstProblem(key, reference);
            firstBad.put(key, bad < 0 ? reference.size() : bad);
        });
        for (ObservedRead r : reads) {
            if (!agrees(r) || firstBad.get(r.key()) < r.observed().size()) {
                int at = firstProblem(r.key(), r.observed());
                if (at >= 0) {
                    report.accept(Anomaly.of(Anomaly.Kind.GARBAGE, r.describe() + ": " + problem(r.key(), r.observed(), at), r.txn()));
                }
            }
        }
    }

    /** The index of the first garbage element of {@code list} read from {@code key}, or -1. */
    private int firstProblem(int key, List<String> list) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Write w = writes.get(list.get(i));
            if (w == null || w.key() != key || !seen.add(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Why element {@code at} of {@code list}, found by {@link #firstProblem}, is garbage. */
    private String problem(int key, List<String> list, int at) {
        String e = list.get(at);
        Write w = writes.get(e);
        return w == null ? "element " + e + " was never appended"
                : w.key() != key ? "element " + e + " was appended to key " + w.key() + " by " + w.txn().name()
                : "element " + e + " appears twice";
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
            ObservedRead longest = null;
            for (ObservedRead r : e.getValue()) {
                if (longest == null || r.observed().size() > longest.observed().size()) {
                    longest = r;
                }
            }
            List<String> reference = finalList != null ? finalList : longest.observed();
            references.put(key, reference);
            ObservedRead first = null;
            for (ObservedRead r : e.getValue()) {
                if (!Lists.isPrefix(r.observed(), reference)) {
                    disagreeing.add(r);
                    first = first == null ? r : first;
                }
            }
            if (first == null) {
                orders.put(key, reference);
            } else if (finalList != null && Lists.isPrefix(finalList, first.observed())) {
                report.accept(Anomaly.of(Anomaly.Kind.LOST_WRITE, first.describe() + " but the final state of key " + key
                        + " is " + Lists.abbreviate(finalList), first.txn()));
            } else {
                report.accept(Anomaly.of(Anomaly.Kind.INCOMPATIBLE_ORDER, first.describe() + ", which is not a prefix of "
                        + (finalList != null ? "the final state " + Lists.abbreviate(finalList) : longest.describe()), first.txn()));
            }
        }
    }

    /**
     * The final state must hold every committed append, no aborted one and nothing else. It is not a
     * transaction's read, so its aborted and garbage elements are checked here.
     */
    private void checkFinalState(History history, Consumer<Anomaly> report) {
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
        history.finalState().forEach((key, list) -> {
            int bad = firstProblem(key, list);
            if (bad >= 0) {
                report.accept(Anomaly.of(Anomaly.Kind.GARBAGE, "the final state of key " + key + " " + Lists.abbreviate(list)
                        + ": " + problem(key, list, bad)));
            }
            for (String e : list) {
                Write w = writes.get(e);
                if (w != null && w.txn().outcome() == Txn.Outcome.ABORTED) {
                    report.accept(Anomaly.of(Anomaly.Kind.G1A, "the final state of key " + key + " holds " + e + ", but "
                            + w.txn().name() + " which appended it aborted", w.txn()));
                    break;
                }
            }
        });
    }
}

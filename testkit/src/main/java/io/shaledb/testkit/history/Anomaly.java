package io.shaledb.testkit.history;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing wrong with a history.
 *
 * @param kind what is wrong
 * @param summary one line saying where: keys, elements and transactions
 * @param transactions the transactions involved (for a cycle, in cycle order)
 * @param cycle the dependency cycle, one step per edge, closing back on the first transaction;
 *     empty for anomalies that are not cycles
 */
public record Anomaly(Kind kind, String summary, List<Txn> transactions, List<Step> cycle) {

    public Anomaly {
        transactions = List.copyOf(transactions);
        cycle = List.copyOf(cycle);
    }

    static Anomaly of(Kind kind, String summary, Txn... transactions) {
        return new Anomaly(kind, summary, List.of(transactions), List.of());
    }

    /**
     * One edge of a cycle: {@code from} must precede {@code to} in any serial order.
     *
     * @param why the evidence: key, elements, what was read
     */
    public record Step(Txn from, Txn to, DependencyType type, String why) {
        @Override
        public String toString() {
            return from.name() + " -" + type + "-> " + to.name() + "   " + why;
        }
    }

    /** The kinds of anomaly the checker reports; each says whether snapshot isolation allows it. */
    public enum Kind {
        G0("write cycle: a cycle of ww edges only", false),
        G1A("aborted read: a committed transaction saw an element of an aborted one", false),
        G1B("intermediate read: a committed transaction saw an element that was not its writer's last append to the key", false),
        G1C("circular information flow: a cycle of ww and wr edges", false),
        G_SINGLE("read skew: a cycle with exactly one rw edge", false),
        G_NONADJACENT("a cycle with several rw edges, no two of them adjacent", false),
        G2_ITEM("write skew: a cycle with two adjacent rw edges", true),
        INTERNAL("internal inconsistency: a read did not reflect the transaction's own earlier reads and appends", false),
        INCOMPATIBLE_ORDER("two reads of a key disagree on the order of its elements", false),
        LOST_WRITE("a committed append is missing from a later read or the final state", false),
        INCOMPLETE_RANGE("a range read left out a key that exists", false),
        GARBAGE("an element no transaction appended to that key, a duplicate element, or a value appended twice", false);

        private final String description;
        private final boolean allowedUnderSnapshotIsolation;

        Kind(String description, boolean allowedUnderSnapshotIsolation) {
            this.description = description;
            this.allowedUnderSnapshotIsolation = allowedUnderSnapshotIsolation;
        }

        public String description() {
            return description;
        }

        public boolean allowedUnderSnapshotIsolation() {
            return allowedUnderSnapshotIsolation;
        }

        /** {@code G-single}, {@code G1a}, {@code lost-write}: the names used in the literature and in reports. */
        public String label() {
            return switch (this) {
                case G0 -> "G0";
                case G1A -> "G1a";
                case G1B -> "G1b";
                case G1C -> "G1c";
                case G_SINGLE -> "G-single";
                case G_NONADJACENT -> "G-nonadjacent";
                case G2_ITEM -> "G2-item";
                default -> name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            };
        }
    }

    /** The summary, the cycle's edges and each transaction's operations, one per line. */
    public String describe() {
        StringBuilder out = new StringBuilder(kind.label()).append(": ").append(summary);
        for (Step s : cycle) {
            out.append("\n    ").append(s);
        }
        out.append(transactions.stream().map(t -> "\n      " + t).collect(Collectors.joining()));
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}

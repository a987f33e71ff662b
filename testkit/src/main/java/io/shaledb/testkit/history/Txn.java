package io.shaledb.testkit.history;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One transaction of a history: who ran it, what it did and how it ended.
 *
 * @param id unique in the history; reports call it {@code T<id>}
 * @param process the client (thread) that ran it
 * @param outcome whether it committed
 * @param ops the micro-operations it ran, in order, with their results
 * @param error why it did not commit (SQLSTATE and message), or null
 * @param startNanos {@link System#nanoTime()} when it began; 0 when not recorded
 * @param endNanos {@link System#nanoTime()} when its outcome was known; 0 when not recorded
 */
public record Txn(int id, int process, Outcome outcome, List<MicroOp> ops, String error, long startNanos, long endNanos) {

    /** How a transaction ended, as far as its client could tell. */
    public enum Outcome {
        /** COMMIT succeeded: its effects are durable and visible to later transactions. */
        COMMITTED,
        /** It failed or rolled back: none of its effects may ever be seen. */
        ABORTED,
        /** The connection broke during COMMIT: it may or may not have committed. */
        UNKNOWN
    }

    public Txn {
        Objects.requireNonNull(outcome, "outcome");
        ops = List.copyOf(ops);
    }

    public Txn(int id, int process, Outcome outcome, List<MicroOp> ops) {
        this(id, process, outcome, ops, null, 0, 0);
    }

    /** {@code T7} */
    public String name() {
        return "T" + id;
    }

    /** {@code T7 [p2 COMMITTED] a(1,x) r(2)=[y]} */
    @Override
    public String toString() {
        return name() + " [p" + process + " " + outcome + (error == null ? "" : ": " + error) + "] "
                + ops.stream().map(MicroOp::toString).collect(Collectors.joining(" "));
    }
}

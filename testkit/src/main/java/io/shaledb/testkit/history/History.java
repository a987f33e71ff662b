package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the clients of a list-append run saw: every transaction with its operations and outcome,
 * and optionally the final state of every key, read after all clients had stopped.
 *
 * <p>The final state lets the checker see every committed append: one missing from it was lost.
 *
 * @param transactions every transaction, in any order; ids must be unique
 * @param finalState key to list, read after the run; empty when not recorded
 */
public record History(List<Txn> transactions, Map<Integer, List<String>> finalState) {

    public History {
        transactions = List.copyOf(transactions);
        Map<Integer, List<String>> copy = new LinkedHashMap<>();
        finalState.forEach((k, list) -> copy.put(k, List.copyOf(list)));
        finalState = Collections.unmodifiableMap(copy);
    }

    public History(List<Txn> transactions) {
        this(transactions, Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds histories by hand, for tests and simple recorders: transactions get ids 1, 2, 3, …
     *
     * <pre>{@code
     * History.builder()
     *     .committed(t -> t.append(1, "a"))
     *     .committed(t -> t.read(1, "a").append(2, "b"))
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private final List<Txn> transactions = new ArrayList<>();
        private final Map<Integer, List<String>> finalState = new LinkedHashMap<>();
        private int process;

        /** The process (client) of the transactions added next. */
        public Builder process(int p) {
            this.process = p;
            return this;
        }

        public Builder committed(Consumer<Ops> body) {
            return add(Txn.Outcome.COMMITTED, body);
        }

        public Builder aborted(Consumer<Ops> body) {
            return add(Txn.Outcome.ABORTED, body);
        }

        public Builder unknown(Consumer<Ops> body) {
            return add(Txn.Outcome.UNKNOWN, body);
        }

        public Builder add(Txn.Outcome outcome, Consumer<Ops> body) {
            Ops ops = new Ops();
            body.accept(ops);
            transactions.add(new Txn(transactions.size() + 1, process, outcome, ops.ops));
            return this;
        }

        /** Records the final state of {@code key}. */
        public Builder finalState(int key, String... elements) {
            finalState.put(key, List.of(elements));
            return this;
        }

        public History build() {
            return new History(transactions, finalState);
        }
    }

    /** The operations of one transaction under construction. */
    public static final class Ops {
        private final List<MicroOp> ops = new ArrayList<>();

        public Ops append(int key, String element) {
            ops.add(new MicroOp.Append(key, element));
            return this;
        }

        public Ops read(int key, String... observed) {
            ops.add(new MicroOp.Read(key, Arrays.asList(observed)));
            return this;
        }

        /** A read of {@code [low, high]}; {@code observed} maps each key returned to its list. */
        public Ops rangeRead(int low, int high, Map<Integer, List<String>> observed) {
            ops.add(new MicroOp.RangeRead(low, high, observed));
            return this;
        }
    }
}

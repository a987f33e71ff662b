package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One key's list as one operation of a committed transaction saw it. A range read yields one per
 * key it returned.
 *
 * @param txn the reader
 * @param opIndex the position of the read among the reader's operations
 * @param key the key read
 * @param observed the list seen
 */
record ObservedRead(Txn txn, int opIndex, int key, List<String> observed) {

    /** Every successful read of {@code txn}, in operation order. */
    static List<ObservedRead> of(Txn txn) {
        List<ObservedRead> reads = new ArrayList<>();
        for (int i = 0; i < txn.ops().size(); i++) {
            switch (txn.ops().get(i)) {
                case MicroOp.Read r when r.observed() != null -> reads.add(new ObservedRead(txn, i, r.key(), r.observed()));
                case MicroOp.RangeRead rr when rr.observed() != null -> {
                    for (Map.Entry<Integer, List<String>> e : rr.observed().entrySet()) {
                        reads.add(new ObservedRead(txn, i, e.getKey(), e.getValue()));
                    }
                }
                default -> { }
            }
        }
        return reads;
    }

    /** {@code T5 read key 3 = [a, b]} */
    String describe() {
        return txn.name() + " read key " + key + " = " + Lists.abbreviate(observed);
    }
}

package io.shaledb.sql.exec.op;

import java.util.HashSet;
import java.util.Set;

/**
 * Passes the first row of each distinct key, the key being columns {@code [from, to)}: DISTINCT
 * (the output columns) and, over sorted input, DISTINCT ON (its expressions).
 */
public final class Distinct implements Operator {
    private final Operator input;
    private final int from;
    private final int to;
    private Set<HashKey> seen;

    public Distinct(Operator input, int from, int to) {
        this.input = input;
        this.from = from;
        this.to = to;
    }

    @Override
    public void open() {
        seen = new HashSet<>();
        input.open();
    }

    @Override
    public Object[] next() {
        for (Object[] row = input.next(); row != null; row = input.next()) {
            if (seen.add(HashKey.of(row, from, to))) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        seen = null;
        input.close();
    }
}

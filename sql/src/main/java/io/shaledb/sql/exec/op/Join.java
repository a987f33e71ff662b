package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.Bound;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins two inputs whose rows share one full-width layout (each side fills only its own slots).
 * The right side is read once per {@link #open()} into memory; with equi-join keys it is hashed
 * (a hash join), without keys every right row is a candidate (a nested loop). {@code residual}
 * (may be null) is the rest of the join condition. Outer joins:
 *
 * <pre>
 *   INNER  left x right matching
 *   LEFT   + each unmatched left row, right slots NULL
 *   RIGHT  + each unmatched right row, left slots NULL   (tracked in a bit set over the right rows)
 *   FULL   both
 * </pre>
 *
 * A NULL key never matches, as {@code NULL = x} is not true.
 */
public final class Join implements Operator, HashReport {
    public enum Kind { INNER, LEFT, RIGHT, FULL }

    private final Kind kind;
    private final Operator left;
    private final Operator right;
    private final Bound[] leftKeys;
    private final Bound[] rightKeys;
    private final Bound residual;
    private final int[] rightSlots;
    private final Runnable tick;

    private List<Object[]> rightRows;
    private Map<HashKey, List<Integer>> table;
    private BitSet matched;
    private Object[] current;
    private List<Integer> candidates;
    private int candidate;
    private boolean currentMatched;
    private boolean leftDone;
    private int unmatchedNext;
    /** Rows and kilobytes of the largest hash table built (for EXPLAIN ANALYZE). */
    private long peakRows;
    private long peakKb;

    /**
     * @param rightSlots the slots the right side fills, copied into each joined row
     * @param tick       called once per left row (cancellation checks)
     */
    public Join(Kind kind, Operator left, Operator right, List<Bound> leftKeys, List<Bound> rightKeys, Bound residual,
                int[] rightSlots, Runnable tick) {
        this.kind = kind;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.toArray(Bound[]::new);
        this.rightKeys = rightKeys.toArray(Bound[]::new);
        this.residual = residual;
        this.rightSlots = rightSlots;
        this.tick = tick;
    }

    @Override
    public void open() {
        rightRows = new ArrayList<>();
        right.open();
        try {
            for (Object[] r = right.next(); r != null; r = right.next()) {
                rightRows.add(r);
            }
        } finally {
            right.close();
        }
        table = null;
        if (leftKeys.length > 0) {
            table = new HashMap<>();
            for (int i = 0; i < rightRows.size(); i++) {
                HashKey k = key(rightKeys, rightRows.get(i));
                if (k != null) {
                    table.computeIfAbsent(k, x -> new ArrayList<>(2)).add(i);
                }
            }
        }
        peakRows = Math.max(peakRows, rightRows.size());
        peakKb = Math.max(peakKb, (RowSizes.of(rightRows) + 48L * rightRows.size() + 1023) / 1024);
        matched = kind == Kind.RIGHT || kind == Kind.FULL ? new BitSet(rightRows.size()) : null;
        current = null;
        leftDone = false;
        unmatchedNext = 0;
        left.open();
    }

    private static HashKey key(Bound[] keys, Object[] row) {
        Object[] v = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Object x = keys[i].eval(row);
            if (x == null) {
                return null;
            }
            v[i] = HashKey.normalize(x);
        }
        return new HashKey(v);
    }

    @Override
    public Object[] next() {
        while (!leftDone) {
            if (current == null) {
                current = left.next();
                if (current == null) {
                    leftDone = true;
                    break;
                }
                tick.run();
                currentMatched = false;
                candidate = 0;
                if (table != null) {
                    HashKey k = key(leftKeys, current);
                    candidates = k == null ? List.of() : table.getOrDefault(k, List.of());
                } else {
                    candidates = null;
                }
            }
            int n = candidates != null ? candidates.size() : rightRows.size();
            while (candidate < n) {
                int idx = candidates != null ? candidates.get(candidate) : candidate;
                candidate++;
                Object[] joined = current.clone();
                Object[] r = rightRows.get(idx);
                for (int s : rightSlots) {
                    joined[s] = r[s];
                }
                if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                    currentMatched = true;
                    if (matched != null) {
                        matched.set(idx);
                    }
                    return joined;
                }
            }
            Object[] done = current;
            current = null;
            if (!currentMatched && (kind == Kind.LEFT || kind == Kind.FULL)) {
                return done;
            }
        }
        if (matched != null) {
            while (unmatchedNext < rightRows.size()) {
                int i = unmatchedNext++;
                if (!matched.get(i)) {
                    return rightRows.get(i).clone();
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        left.close();
        rightRows = null;
        table = null;
    }

    /** PostgreSQL's bucket count: a power of two for the rows hashed, at least 1024. */
    @Override
    public long buckets() {
        long b = 1024;
        while (b < peakRows) {
            b <<= 1;
        }
        return b;
    }

    @Override
    public long batches() {
        return 1;
    }

    @Override
    public long memoryKb() {
        return peakKb;
    }
}

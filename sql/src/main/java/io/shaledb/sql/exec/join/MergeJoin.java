package io.shaledb.sql.exec.join;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * An inner merge join: both inputs arrive sorted ascending on their join keys (NULLs last), and
 * are walked side by side. Equal keys on the right form a group, held in memory while every left
 * row with that key is paired with each of them, so duplicates on both sides give every pair.
 * A row with a NULL key matches nothing ({@code NULL = x} is not true) and is skipped.
 *
 * <pre>
 *   left  1 2 2 4          key 2: right group [2a 2b] buffered,
 *   right 2a 2b 3 4          left rows 2, 2 each joined with 2a, 2b  -&gt;  4 rows
 * </pre>
 *
 * Rows share one full-width layout: the joined row is the left row with the right side's slots
 * copied in; {@code residual} (may be null) is the rest of the join condition.
 */
public final class MergeJoin implements Operator {
    private final Operator left;
    private final Operator right;
    private final Bound[] leftKeys;
    private final Bound[] rightKeys;
    private final Bound residual;
    private final int[] rightSlots;
    private final Runnable tick;

    private Object[] leftRow;
    private Object[] leftKey;
    private Object[] rightRow;
    private Object[] rightKey;
    private final List<Object[]> group = new ArrayList<>();
    private Object[] groupKey;
    private int groupNext;

    public MergeJoin(Operator left, Operator right, List<Bound> leftKeys, List<Bound> rightKeys, Bound residual,
                     int[] rightSlots, Runnable tick) {
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
        left.open();
        right.open();
        group.clear();
        groupKey = null;
        advanceLeft();
        advanceRight();
    }

    private void advanceLeft() {
        do {
            leftRow = left.next();
            leftKey = leftRow == null ? null : key(leftKeys, leftRow);
        } while (leftRow != null && leftKey == null);
        if (leftRow != null) {
            tick.run();
        }
    }

    private void advanceRight() {
        do {
            rightRow = right.next();
            rightKey = rightRow == null ? null : key(rightKeys, rightRow);
        } while (rightRow != null && rightKey == null);
    }

    /** The key values of {@code row}, or null when one is NULL. */
    private static Object[] key(Bound[] keys, Object[] row) {
        Object[] v = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            v[i] = keys[i].eval(row);
            if (v[i] == null) {
                return null;
            }
        }
        return v;
    }

    private static int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Values.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (groupKey != null) {
                if (leftRow != null && compare(leftKey, groupKey) == 0) {
                    if (groupNext < group.size()) {
                        Object[] joined = leftRow.clone();
                        Object[] r = group.get(groupNext++);
                        for (int s : rightSlots) {
                            joined[s] = r[s];
                        }
                        if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                            return joined;
                        }
                        continue;
                    }
                    advanceLeft();
                    groupNext = 0;
                    continue;
                }
                group.clear();
                groupKey = null;
            }
            if (leftRow == null || rightRow == null) {
                return null;
            }
            int c = compare(leftKey, rightKey);
            if (c < 0) {
                advanceLeft();
            } else if (c > 0) {
                advanceRight();
            } else {
                groupKey = rightKey;
                while (rightRow != null && compare(rightKey, groupKey) == 0) {
                    group.add(rightRow);
                    advanceRight();
                }
                groupNext = 0;
            }
        }
    }

    @Override
    public void close() {
        left.close();
        right.close();
        group.clear();
        groupKey = null;
        leftRow = null;
        rightRow = null;
    }
}

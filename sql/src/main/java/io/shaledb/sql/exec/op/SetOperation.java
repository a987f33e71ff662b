package io.shaledb.sql.exec.op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UNION / INTERSECT / EXCEPT [ALL] of two inputs of the same width, NULLs equal to each other.
 * With ALL, a row that occurs m times on the left and n times on the right occurs m + n times
 * (UNION), min(m, n) (INTERSECT) or max(m - n, 0) (EXCEPT); without ALL at most once. UNION ALL
 * streams; the others read both sides at open. Rows come out in first-seen order.
 */
public final class SetOperation implements Operator {
    public enum Kind { UNION, INTERSECT, EXCEPT }

    private final Kind kind;
    private final boolean all;
    private final Operator left;
    private final Operator right;
    private List<Object[]> out;
    private int next;
    private boolean onRight;

    public SetOperation(Kind kind, boolean all, Operator left, Operator right) {
        this.kind = kind;
        this.all = all;
        this.left = left;
        this.right = right;
    }

    @Override
    public void open() {
        next = 0;
        if (kind == Kind.UNION && all) {
            out = null;
            onRight = false;
            left.open();
            return;
        }
        Map<HashKey, Object[]> first = new LinkedHashMap<>();
        Map<HashKey, long[]> counts = new LinkedHashMap<>(); // [left, right]
        count(left, 0, first, counts);
        count(right, 1, first, counts);
        out = new ArrayList<>();
        for (Map.Entry<HashKey, long[]> e : counts.entrySet()) {
            long m = e.getValue()[0];
            long n = e.getValue()[1];
            long times = switch (kind) {
                case UNION -> 1;
                case INTERSECT -> all ? Math.min(m, n) : (m > 0 && n > 0 ? 1 : 0);
                case EXCEPT -> all ? Math.max(m - n, 0) : (m > 0 && n == 0 ? 1 : 0);
            };
            for (long i = 0; i < times; i++) {
                out.add(first.get(e.getKey()).clone());
            }
        }
    }

    private static void count(Operator in, int side, Map<HashKey, Object[]> first, Map<HashKey, long[]> counts) {
        in.open();
        try {
            for (Object[] r = in.next(); r != null; r = in.next()) {
                HashKey k = HashKey.of(r, 0, r.length);
                first.putIfAbsent(k, r);
                counts.computeIfAbsent(k, x -> new long[2])[side]++;
            }
        } finally {
            in.close();
        }
    }

    @Override
    public Object[] next() {
        if (out != null) {
            return next < out.size() ? out.get(next++) : null;
        }
        Object[] r = onRight ? right.next() : left.next();
        if (r == null && !onRight) {
            left.close();
            onRight = true;
            right.open();
            r = right.next();
        }
        return r;
    }

    @Override
    public void close() {
        left.close();
        right.close();
        out = null;
    }
}

package io.shaledb.sql.exec.op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code WITH RECURSIVE}'s iteration, with PostgreSQL's working-table semantics: run the
 * non-recursive term; its rows (without duplicates for UNION) are the result so far and the
 * working table; run the recursive term, whose references to the CTE read the working table,
 * keep its new rows (for UNION: rows not seen before) as the next working table; repeat until
 * the working table is empty.
 *
 * <pre>
 *   result = W = base          loop: W' = recursive(W) [- result]; result += W'; W = W'  until W empty
 * </pre>
 *
 * The whole result is computed at open; {@code workTable} is the holder the recursive term's
 * work-table scans read.
 */
public final class RecursiveUnion implements Operator {
    private final Operator base;
    private final Operator recursive;
    private final List<List<Object[]>> workTable;
    private final boolean all;
    private final Runnable tick;
    private List<Object[]> result;
    private int next;

    /** {@code workTable} is a one-element holder the recursive term's scans read. */
    public RecursiveUnion(Operator base, Operator recursive, List<List<Object[]>> workTable, boolean all, Runnable tick) {
        this.base = base;
        this.recursive = recursive;
        this.workTable = workTable;
        this.all = all;
        this.tick = tick;
    }

    @Override
    public void open() {
        result = new ArrayList<>();
        Set<HashKey> seen = all ? null : new HashSet<>();
        List<Object[]> work = drain(base, seen);
        while (!work.isEmpty()) {
            tick.run();
            result.addAll(work);
            workTable.set(0, work);
            work = drain(recursive, seen);
        }
        next = 0;
    }

    private static List<Object[]> drain(Operator op, Set<HashKey> seen) {
        List<Object[]> rows = new ArrayList<>();
        op.open();
        try {
            for (Object[] r = op.next(); r != null; r = op.next()) {
                if (seen == null || seen.add(HashKey.of(r, 0, r.length))) {
                    rows.add(r);
                }
            }
        } finally {
            op.close();
        }
        return rows;
    }

    @Override
    public Object[] next() {
        return next < result.size() ? result.get(next++).clone() : null;
    }

    @Override
    public void close() {
        result = null;
    }
}

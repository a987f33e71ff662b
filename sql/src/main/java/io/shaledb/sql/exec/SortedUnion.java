package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Distinct;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.SetOperation;
import io.shaledb.sql.exec.op.Sort;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * {@code UNION} (not ALL) without hashing ({@code enable_hashagg = off}), planned as PostgreSQL
 * plans it: the members appended, sorted on every output column in order (ascending, NULLs last),
 * and equal neighbours dropped.
 *
 * <pre>
 *   Unique
 *     ->  Sort   (Sort Key: the first member's outputs)
 *           ->  Append
 *                 ->  member 1
 *                 ->  member 2
 * </pre>
 *
 * The rows then come out in that order, so an {@code ORDER BY} on a leading run of the output
 * columns, ascending, needs no second sort ({@link #ordersBy}).
 */
final class SortedUnion {
    /** The Unique operators this class planned (weakly held: only asked while the same statement is planned). */
    private static final Set<Operator> PLANNED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private SortedUnion() {}

    /** {@code left UNION right} over {@code columns} output columns, sorted. */
    static Operator plan(PlanHooks hooks, Operator left, Operator right, int columns, Runnable tick) {
        Operator append = hooks.setOp(new SetOperation(SetOperation.Kind.UNION, true, left, right), SetOperation.Kind.UNION, true,
                left, right, columns);
        Sort sort = new Sort(append, allColumns(columns), io.shaledb.sql.exec.spill.WorkMem.current(), null, tick);
        Operator sorted = hooks.unionSort(sort, append, left);
        Operator unique = hooks.unique(new Distinct(sorted, 0, columns, true, io.shaledb.sql.exec.spill.WorkMem.current()), sorted);
        PLANNED.add(unique);
        return unique;
    }

    /**
     * Whether {@code op} is a sorted UNION whose output already has the order of {@code keys}
     * (column, descending, nulls first): column 0, 1, … ascending with NULLs last, as far as the keys go.
     */
    static boolean ordersBy(Operator op, List<int[]> keys) {
        if (!PLANNED.contains(op)) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            int[] k = keys.get(i);
            if (k[0] != i || k[1] != 0 || k[2] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Comparator<Object[]> allColumns(int columns) {
        return (a, b) -> {
            for (int c = 0; c < columns; c++) {
                int r = SelectExecutor.compareNullable(a[c], b[c], false, false);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        };
    }
}

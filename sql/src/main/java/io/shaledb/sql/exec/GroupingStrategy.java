package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Sort;
import io.shaledb.sql.exec.spill.WorkMem;
import io.shaledb.sql.plan.CostModel;
import io.shaledb.sql.plan.PlannerSwitches;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses how a grouped SELECT aggregates, as PostgreSQL does: a hash table (HashAggregate,
 * {@link AggregateOperator}) or a sort on the group keys followed by sorted grouping
 * (GroupAggregate, {@link SortedAggregateOperator}).
 *
 * <pre>
 *   HashAggregate                      Sort (ORDER BY, if any)      GroupAggregate
 *     Group Key: k               vs      HashAggregate          vs    Group Key: k
 *     -&gt; input                             -&gt; input                   -&gt; Sort  (Sort Key: k)
 *                                                                          -&gt; input
 * </pre>
 *
 * <ul>
 *   <li>Sorted, always, when an aggregate has DISTINCT or ORDER BY (PostgreSQL does not hash
 *       those), or when {@code enable_hashagg} is off.</li>
 *   <li>Otherwise by cost: hashing reads the input once; sorting costs n log n comparisons but its
 *       groups come out in key order, which can spare the ORDER BY's Sort, and it never holds more
 *       than one group, where a hash table of many groups spills to disk. Ties go to the sorted
 *       plan when it delivers the ORDER BY (PostgreSQL keeps the path with the useful order).</li>
 * </ul>
 *
 * <p>The keys are sorted in the order of the ORDER BY items that are group keys, with their
 * directions, then the rest in GROUP BY order (PostgreSQL's reordering of the GROUP BY to match
 * the ORDER BY): when the ORDER BY names only group keys its Sort is then unnecessary.
 */
final class GroupingStrategy {
    /** An ORDER BY item: the group key it is ({@code key}, -1 for anything else) and its direction. */
    record OrderItem(int key, boolean descending, boolean nullsFirst) {}

    /** The grouping operator, and whether its rows already come out in the ORDER BY's order. */
    record Planned(Operator operator, boolean ordered) {}

    private GroupingStrategy() {}

    /**
     * Plans the grouping of {@code input} (rows of the FROM layout) by {@code grouping}'s keys.
     *
     * @param order     the ORDER BY items, over the group rows
     * @param inputRows the estimated input rows, or -1 when unknown (then hashing, unless it is excluded)
     * @param inputWidth the estimated bytes of an input row
     */
    static Planned plan(PlanHooks hooks, Operator input, Grouping grouping, List<OrderItem> order, double inputRows,
                        int inputWidth, Runnable tick, io.shaledb.sql.exec.explain.Namer names) {
        List<Bound> keys = grouping.keys();
        List<Aggregates.Spec> specs = grouping.aggregates();
        if (keys.isEmpty()) {
            return new Planned(hooks.aggregate(new AggregateOperator(input, keys, specs), input, keys, specs, names), false);
        }
        Arrangement sorted = arrange(keys.size(), order);
        boolean canHash = specs.stream().noneMatch(s -> s.distinct() || !s.orderBy().isEmpty());
        boolean useSort = !canHash || !PlannerSwitches.current().hashAgg()
                || inputRows >= 0 && sortIsCheaper(keys.size(), specs.size(), inputRows, inputWidth, !order.isEmpty(),
                        sorted.satisfiesOrder());
        if (!useSort) {
            return new Planned(hooks.aggregate(new AggregateOperator(input, keys, specs), input, keys, specs, names), false);
        }
        List<PlanHooks.SortKey> sortKeys = new ArrayList<>();
        List<Bound> shownKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int k = sorted.keys()[i];
            Bound key = keys.get(k) instanceof Bound.Slot slot ? slot : new Computed(keys.get(k));
            sortKeys.add(new PlanHooks.SortKey(key, sorted.descending()[k], sorted.nullsFirst()[k]));
            shownKeys.add(key);
        }
        Operator sort = hooks.sort(new Sort(input, comparator(sortKeys), WorkMem.current(), null, tick), input, sortKeys, names);
        Operator grouped = hooks.groupAggregate(new SortedAggregateOperator(sort, keys, specs), sort, shownKeys, specs, names);
        return new Planned(grouped, sorted.satisfiesOrder());
    }

    /**
     * The order to sort the keys in: {@code keys[i]} is the index of the i-th sort key among the
     * group keys; each key's direction comes from the ORDER BY when it appears there.
     */
    record Arrangement(int[] keys, boolean[] descending, boolean[] nullsFirst, boolean satisfiesOrder) {}

    static Arrangement arrange(int keyCount, List<OrderItem> order) {
        boolean[] descending = new boolean[keyCount];
        boolean[] nullsFirst = new boolean[keyCount];
        boolean[] directed = new boolean[keyCount];
        for (OrderItem o : order) {
            if (o.key() >= 0 && !directed[o.key()]) {
                directed[o.key()] = true;
                descending[o.key()] = o.descending();
                nullsFirst[o.key()] = o.nullsFirst();
            }
        }
        List<Integer> matched = new ArrayList<>();
        boolean partial = false;
        for (OrderItem o : order) {
            if (o.key() < 0) {
                partial = true;
                break;
            }
            if (!matched.contains(o.key())) {
                matched.add(o.key());
            }
        }
        int[] keys = new int[keyCount];
        boolean reorder = !matched.isEmpty() && (!partial || matched.size() == keyCount);
        int n = 0;
        if (reorder) {
            for (int k : matched) {
                keys[n++] = k;
            }
        }
        for (int k = 0; k < keyCount; k++) {
            if (!reorder || !matched.contains(k)) {
                keys[n++] = k;
            }
        }
        return new Arrangement(keys, descending, nullsFirst, reorder && !partial);
    }

    /**
     * Whether sorting the input and grouping sorted rows costs less than hashing (each followed by
     * the ORDER BY's Sort of the groups when the grouping does not deliver it), in PostgreSQL's
     * cost units; a tie goes to the plan that delivers the order.
     */
    static boolean sortIsCheaper(int keys, int aggregates, double rows, int width, boolean hasOrder, boolean sortedDelivers) {
        return sortIsCheaper(keys, aggregates, rows, CostModel.current().groups(Math.max(rows, 1), keys), width, hasOrder,
                sortedDelivers);
    }

    /** {@link #sortIsCheaper(int, int, double, int, boolean, boolean)} with the number of groups known (DISTINCT's estimate). */
    static boolean sortIsCheaper(int keys, int aggregates, double rows, double groups, int width, boolean hasOrder,
                                 boolean sortedDelivers) {
        CostModel m = CostModel.current();
        WorkMem mem = WorkMem.current();
        double n = Math.max(rows, 1);
        double perRow = m.cpuOperatorCost() * (keys + aggregates) * n + m.cpuTupleCost() * groups;
        double groupSort = hasOrder ? sortCost(m, mem, groups, width) : 0;
        double hash = perRow + hashSpillCost(m, mem, n, groups, keys, aggregates, width) + groupSort;
        double sorted = sortCost(m, mem, n, width) + perRow + (sortedDelivers ? 0 : groupSort);
        return sortedDelivers ? sorted <= hash * 1.01 : sorted < hash;
    }

    /** cost_sort: n log2 n comparisons of two operators each, a pass over the rows, and disk passes beyond work_mem. */
    private static double sortCost(CostModel m, WorkMem mem, double rows, int width) {
        double n = Math.max(rows, 2);
        double cost = 2 * m.cpuOperatorCost() * n * (Math.log(n) / Math.log(2)) + m.cpuOperatorCost() * n;
        double bytes = n * (width + 24.0);
        if (bytes > mem.bytes()) {
            double pages = Math.ceil(bytes / 8192);
            double runs = bytes / mem.bytes();
            double mergeOrder = Math.max(6, mem.bytes() / (8192.0 * 32));
            double passes = Math.max(1, Math.ceil(Math.log(runs) / Math.log(mergeOrder)));
            cost += 2 * pages * passes * (m.seqPageCost() * 0.75 + m.randomPageCost() * 0.25);
        }
        return cost;
    }

    /** What a hash table of {@code groups} groups that outgrows work_mem × hash_mem_multiplier adds: writing and re-reading the input. */
    private static double hashSpillCost(CostModel m, WorkMem mem, double rows, double groups, int keys, int aggregates,
                                        int width) {
        double entry = 64 + 16.0 * keys + 64.0 * aggregates;
        double batches = Math.max(1, Math.ceil(groups * entry / Math.max(1, mem.hashBytes())));
        if (batches <= 1) {
            return 0;
        }
        double depth = Math.ceil(Math.log(batches) / Math.log(8));
        double pages = Math.ceil(rows * (width + 24.0) / 8192) * depth;
        return pages * (m.randomPageCost() + m.seqPageCost()) + depth * rows * 2 * m.cpuTupleCost();
    }

    /**
     * A group key that is an expression, computed once per input row below the Sort in
     * PostgreSQL's plan: EXPLAIN shows it in an extra pair of parentheses, {@code ((k % 3))}.
     */
    record Computed(Bound inner) implements Bound.Extension, io.shaledb.sql.exec.explain.ExplainableExpr {
        @Override
        public Object eval(Object[] row) {
            return inner.eval(row);
        }

        @Override
        public io.shaledb.sql.types.SqlType type() {
            return inner.type();
        }

        @Override
        public String deparse(io.shaledb.sql.exec.explain.Deparser deparser) {
            return "(" + deparser.deparse(inner) + ")";
        }
    }

    private static Comparator<Object[]> comparator(List<PlanHooks.SortKey> keys) {
        Bound[] exprs = keys.stream().map(PlanHooks.SortKey::expr).toArray(Bound[]::new);
        boolean[] desc = new boolean[exprs.length];
        boolean[] nullsFirst = new boolean[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            desc[i] = keys.get(i).descending();
            nullsFirst[i] = keys.get(i).nullsFirst();
        }
        return (a, b) -> {
            for (int i = 0; i < exprs.length; i++) {
                int c = SelectExecutor.compareNullable(exprs[i].eval(a), exprs[i].eval(b), desc[i], nullsFirst[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}

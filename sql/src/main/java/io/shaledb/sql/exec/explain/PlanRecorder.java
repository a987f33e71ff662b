package io.shaledb.sql.exec.explain;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.op.Operator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects the plan descriptions of one EXPLAIN statement while the planners build operators.
 * Each operator PostgreSQL would show gets a {@link PlanNode} ({@link #describe}); under ANALYZE
 * the operator is wrapped in an {@link Instrumented} decorator first, so the tree that runs is the
 * one that counts. Operators with no node of their own (projections, slot placement) are mapped to
 * their input's node ({@link #same}); a filter becomes its input node's {@code Filter} line with
 * {@code Rows Removed by Filter} computed from the counters below and above it ({@link #filter}).
 *
 * <pre>
 *   planner builds            recorder maps                      EXPLAIN prints
 *   Filter(x&gt;1)  ------------&gt; node "Seq Scan on t"  -----------&gt;  Seq Scan on t
 *     Place      ------------&gt;   (same node)                        Filter: (x &gt; 1)
 *       Instrumented(Scan) --&gt;   (same node, base counter)          Rows Removed by Filter: 3
 * </pre>
 */
public final class PlanRecorder {
    private final ExplainOptions options;
    private final Map<Operator, PlanNode> nodes = new IdentityHashMap<>();
    private final Map<PlanNode, List<Supplier<String>>> filters = new IdentityHashMap<>();
    /** Rows a scan's early filter dropped inside the scan, by the scan's node (see {@link #removedEarly}). */
    private final Map<PlanNode, java.util.function.LongSupplier> early = new IdentityHashMap<>();
    private final Map<Object, Namer> outerNamers = new IdentityHashMap<>();
    private final Map<Operator, String> subplanNames = new IdentityHashMap<>();
    private PlanNode last;
    private List<PlanNode> pendingSubplans = new ArrayList<>();
    private int relations;
    private int subplanCount;
    private int paramCount;

    public PlanRecorder(ExplainOptions options) {
        this.options = options;
    }

    public ExplainOptions options() {
        return options;
    }

    /** Records {@code node} as the description of {@code op}; returns the operator to use in its place. */
    public Operator describe(Operator op, PlanNode node) {
        Operator result = op;
        if (options.analyze()) {
            Instrumentation i = new Instrumentation(options.timing(), options.buffers());
            node.instrumentation(i);
            result = new Instrumented(op, i);
        }
        nodes.put(op, node);
        nodes.put(result, node);
        last = node;
        return result;
    }

    /** Makes {@code outer}, which passes on {@code inner}'s rows, share {@code inner}'s node. */
    public Operator same(Operator outer, Operator inner) {
        PlanNode n = nodes.get(inner);
        if (n != null) {
            nodes.put(outer, n);
        }
        return outer;
    }

    /** The node of {@code op}, or null when it was not described. */
    public PlanNode node(Operator op) {
        return nodes.get(op);
    }

    /**
     * Adds {@code condition} as a filter line of {@code input}'s node ({@code label} is
     * {@code Filter}, or {@code One-Time Filter} on a Result), with {@code Rows Removed by
     * Filter} under ANALYZE; returns the operator to use in place of {@code filterOp}.
     */
    public Operator filter(Operator filterOp, Operator input, Bound condition, Namer namer, boolean scanQual) {
        PlanNode n = nodes.get(input);
        if (n == null) {
            return filterOp;
        }
        List<Supplier<String>> conds = filters.get(n);
        boolean oneTime = n.nodeType().equals("Result") && n.children().isEmpty();
        if (conds == null) {
            conds = new ArrayList<>();
            filters.put(n, conds);
            List<Supplier<String>> all = conds;
            n.detail(new Detail.Expressions(oneTime ? "One-Time Filter" : "Filter", () -> all.stream().map(Supplier::get).toList(),
                    false, true));
            Instrumentation base = n.instrumentation();
            if (base != null && !oneTime) {
                // per loop, as PostgreSQL prints it (and in text only when not zero)
                n.detail(new Detail.Counter("Rows Removed by Filter", () -> {
                    long loops = Math.max(n.instrumentation().loops(), 1);
                    java.util.function.LongSupplier dropped = early.get(n);
                    long inside = dropped == null ? 0 : dropped.getAsLong();
                    return Math.round((double) (base.rows() + inside - n.instrumentation().rows()) / loops);
                }, false));
            }
        }
        conds.add(expression(condition, namer, scanQual));
        Operator result = filterOp;
        if (options.analyze()) {
            Instrumentation top = new Instrumentation(options.timing(), options.buffers());
            n.instrumentation(top); // the node's rows are now the filter's; the scan's stay in Rows Removed's closure
            result = new Instrumented(filterOp, top);
        }
        nodes.put(filterOp, n);
        nodes.put(result, n);
        return result;
    }

    /**
     * Tells that the scan described by {@code node} drops rows its filters reject before passing
     * them up (see {@code io.shaledb.sql.exec.scan.EarlyFilter}): {@code dropped} counts them, and
     * {@code Rows Removed by Filter} adds them to what the filters above the scan removed.
     */
    public void removedEarly(PlanNode node, java.util.function.LongSupplier dropped) {
        early.put(node, dropped);
    }

    /** A condition or expression of a node, deparsed over {@code namer} when printed. */
    public Supplier<String> expression(Bound b, Namer namer, boolean scanQual) {
        return () -> new Deparser(namer, scanQual ? options.verbose() : qualifyUpper(), this).deparse(b);
    }

    /** Several expressions, deparsed when printed. */
    public Supplier<List<String>> expressions(List<Bound> bs, Namer namer, boolean scanQual) {
        return () -> {
            Deparser d = new Deparser(namer, scanQual ? options.verbose() : qualifyUpper(), this);
            return bs.stream().map(d::deparse).toList();
        };
    }

    /** VERBOSE's Output list: qualified only when the query has several relations (not merely under VERBOSE). */
    public Supplier<List<String>> outputs(List<Bound> bs, Namer namer) {
        return () -> {
            Deparser d = new Deparser(namer, relations > 1, this);
            return bs.stream().map(d::deparse).toList();
        };
    }

    /** Notes one more relation in the statement's range table (a scanned table, subquery, function, VALUES). */
    public void relation() {
        relations++;
    }

    /** PostgreSQL qualifies column names outside scan conditions when the query has several relations, or under VERBOSE. */
    public boolean qualifyUpper() {
        return relations > 1 || options.verbose();
    }

    /** Remembers how to name the slots of the query level whose row {@code holder} carries (for outer references). */
    public void outerNamer(Object holder, Namer namer) {
        outerNamers.put(holder, namer);
    }

    public Namer outerNamer(Object holder) {
        return outerNamers.get(holder);
    }

    /**
     * The node described last: plans are built bottom-up and subqueries before the expressions that
     * use them, so after a statement planned its query (INSERT ... SELECT) this is that query's top node.
     */
    public PlanNode lastDescribed() {
        return last;
    }

    /**
     * A sub-plan met while deparsing an expression of the node being printed: numbers it, queues
     * its node to be printed under that node, and returns the text that refers to it
     * ({@code $0} for an init plan, {@code (SubPlan 1)}, {@code (hashed SubPlan 1)}).
     */
    public String subplan(Operator plan, boolean correlated, boolean returnsValue) {
        String ref = subplanNames.get(plan);
        if (ref != null) {
            return ref;
        }
        PlanNode node = nodes.get(plan);
        subplanCount++;
        String name;
        if (!correlated && returnsValue) {
            int param = paramCount++;
            name = "InitPlan " + subplanCount + " (returns $" + param + ")";
            ref = "$" + param;
        } else {
            name = "SubPlan " + subplanCount;
            ref = correlated || returnsValue ? "(SubPlan " + subplanCount + ")" : "(hashed SubPlan " + subplanCount + ")";
        }
        if (node != null) {
            node.subplan(name);
            pendingSubplans.add(node);
        }
        subplanNames.put(plan, ref);
        return ref;
    }

    /** The sub-plans queued since the last call (those of the node just deparsed). */
    List<PlanNode> takeSubplans() {
        List<PlanNode> out = pendingSubplans;
        pendingSubplans = new ArrayList<>();
        return out;
    }
}

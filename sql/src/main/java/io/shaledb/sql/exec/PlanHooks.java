package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.explain.Deparser;
import io.shaledb.sql.exec.explain.Detail;
import io.shaledb.sql.exec.explain.Namer;
import io.shaledb.sql.exec.explain.PlanNode;
import io.shaledb.sql.exec.explain.PlanRecorder;
import io.shaledb.sql.exec.op.Join;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.SetOperation;
import io.shaledb.sql.plan.Cost;
import io.shaledb.sql.plan.CostModel;
import io.shaledb.sql.plan.TableSize;
import io.shaledb.sql.plan.TableSizes;
import io.shaledb.sql.plan.Widths;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The planners' hooks for EXPLAIN: each place that builds an operator PostgreSQL would show calls
 * one of these, which describes the operator ({@link PlanNode}: PostgreSQL's node name, detail
 * lines, estimate) and, under ANALYZE, returns it wrapped for counting. Outside EXPLAIN the
 * planners hold {@link #NONE}, whose hooks return the operator unchanged.
 *
 * <pre>
 *   planner:  op = hooks.sort(new Sort(input, cmp), input, keys, namer)
 *   NONE:     returns the Sort
 *   EXPLAIN:  records "Sort" + "Sort Key: ..." + cost(model.sort(input's cost)); returns Instrumented(Sort) under ANALYZE
 * </pre>
 *
 * The recorder of the running EXPLAIN is found through a thread-local ({@link #explaining}), so every
 * query planner created while the statement runs (INSERT ... SELECT's, a view's) records into it.
 */
final class PlanHooks {
    static final PlanHooks NONE = new PlanHooks(null, null, null);

    private static final ThreadLocal<PlanHooks> CURRENT = new ThreadLocal<>();

    private final PlanRecorder rec;
    private final CostModel model;
    private final TableSizes sizes;
    private final Map<Table, TableSize> sizeCache = new HashMap<>();
    /** CTE plans by name, first reference wins: printed under the root as "CTE name". */
    final Map<String, PlanNode> ctes = new java.util.LinkedHashMap<>();

    PlanHooks(PlanRecorder rec, CostModel model, TableSizes sizes) {
        this.rec = rec;
        this.model = model;
        this.sizes = sizes;
    }

    /** The hooks of the EXPLAIN running on this thread, or {@link #NONE}. */
    static PlanHooks current() {
        PlanHooks h = CURRENT.get();
        return h != null ? h : NONE;
    }

    /** Runs {@code body} with {@code hooks} current on this thread (null: none). */
    static <T> T explaining(PlanHooks hooks, Supplier<T> body) {
        PlanHooks previous = CURRENT.get();
        if (hooks == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(hooks);
        }
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    boolean on() {
        return rec != null;
    }

    PlanRecorder recorder() {
        return rec;
    }

    PlanNode node(Operator op) {
        return rec == null ? null : rec.node(op);
    }

    private Cost costOf(Operator op) {
        PlanNode n = rec.node(op);
        return n == null ? Cost.ZERO : n.cost();
    }

    private Supplier<Cost> costOfLazy(Operator op) {
        return () -> costOf(op);
    }

    /** Makes {@code outer} (a projection, slot placement, type conversion) share {@code inner}'s node. */
    Operator same(Operator outer, Operator inner) {
        return rec == null ? outer : rec.same(outer, inner);
    }

    /**
     * A projection computing {@code exprs} over {@code input}'s rows: it shares the input's node,
     * and sub-plans in the expressions (a scalar subquery in the SELECT list) print under it.
     */
    Operator project(Operator project, Operator input, List<Bound> exprs, Namer namer) {
        if (rec == null) {
            return project;
        }
        PlanNode n = rec.node(input);
        if (n != null) {
            // PostgreSQL projects in the node below: its Output and width are the projection's
            Supplier<List<String>> out = rec.outputs(exprs, namer);
            n.output(out);
            upperOutputs.put(n, () -> out.get().stream().map(s -> s.matches("[A-Za-z_\"][A-Za-z0-9_$.\"]*") ? s : "(" + s + ")")
                    .toList());
            Supplier<Cost> before = n.costSupplier();
            int width = Widths.of(exprs.stream().map(Bound::type).toList());
            n.cost(() -> before.get().withWidth(width));
        }
        if (n != null && exprs.stream().anyMatch(e -> SlotUse.of(e) == null)) {
            Supplier<List<String>> texts = rec.expressions(exprs, namer, false);
            n.detail(new Detail.Text("Output", () -> {
                texts.get(); // deparsing finds the sub-plans; the list itself is VERBOSE's (not printed yet)
                return null;
            }));
        }
        return rec.same(project, input);
    }

    /** What nodes above a projecting node show as their Output: its list, computed expressions in parentheses. */
    private final Map<PlanNode, Supplier<List<String>>> upperOutputs = new java.util.IdentityHashMap<>();

    /** A node passing on {@code child}'s rows (Sort, Limit, Unique) shows the child's columns as its Output. */
    private void inheritOutput(PlanNode node, PlanNode child) {
        Supplier<List<String>> out = child == null ? null : upperOutputs.get(child);
        if (out != null) {
            node.output(out);
            upperOutputs.put(node, out);
        }
    }

    // ------------------------------------------------------------------ FROM items

    TableSize size(Table table) {
        return sizeCache.computeIfAbsent(table, sizes::of);
    }

    static int width(Table table) {
        int w = 0;
        for (io.shaledb.sql.catalog.Column c : table.columns()) {
            w += Widths.of(c.type());
        }
        return w;
    }

    /** A stored table's scan: {@code Seq Scan on name [alias]} (an Index Scan once {@link #pinned} finds its key pinned). */
    Operator tableScan(Operator scan, Table table, String alias) {
        if (rec == null) {
            return scan;
        }
        rec.relation();
        String name = Catalog.bareName(table.name());
        String schema = table.name().indexOf('.') > 0 ? table.name().substring(0, table.name().indexOf('.')) : "public";
        PlanNode node = PlanNode.scan("Seq Scan", name, schema, alias == null ? name : alias);
        int width = width(table);
        node.cost(() -> model.seqScan(size(table), width, 0, 1.0));
        List<String> cols = table.columns().stream().map(c -> ident(c.name())).toList();
        node.output(() -> cols);
        scanned.put(node, table);
        return rec.describe(scan, node);
    }

    /** A system view's rows, shown as a function scan of its name. */
    Operator systemView(Operator rows, Table view, String alias) {
        if (rec == null) {
            return rows;
        }
        rec.relation();
        PlanNode node = new PlanNode("Function Scan").functionName(Catalog.bareName(view.name()))
                .alias(alias == null ? Catalog.bareName(view.name()) : alias);
        node.cost(() -> model.functionScan(CostModel.DEFAULT_FUNCTION_ROWS, width(view)));
        return rec.describe(rows, node);
    }

    /** The filters pushed onto a table made its scan a primary-key lookup: it becomes an Index Scan. */
    void pinned(Operator narrow, ScanOperator scan, Table table, List<Bound> conditions, Namer namer) {
        PlanNode node = node(narrow);
        if (node == null) {
            return;
        }
        rec.removedEarly(node, scan::rowsFilteredEarly);
        if (conditions.isEmpty() && scan.path() instanceof io.shaledb.sql.exec.access.AccessPath.IndexScan ix) {
            // the access-path chooser picked a secondary index (or the primary key's order)
            node.retype(ix.nodeName(), ix.nodeName() + (ix.backward() ? " Backward" : "")).indexName(ix.cond().index().name());
            List<Bound> conds = ix.cond().conds();
            indexConditions.put(node, conds);
            if (!conds.isEmpty()) {
                node.detail(new Detail.Expressions("Index Cond", rec.expressions(conds, namer, true), false, true));
            }
            if (ix.indexOnly()) {
                // always 0 today: an entry's own version header proves the row visible (docs/architecture/indexes.md)
                node.detail(new Detail.Counter("Heap Fetches", scan::heapFetches, true));
            }
            int width = width(table);
            node.cost(() -> new Cost(0, ix.cost(), CostModel.clampRows(ix.rows()), width));
            return;
        }
        if (conditions.isEmpty()) {
            return;
        }
        // the key lookup's Index Cond is its key equalities; other conditions on the row stay its Filter
        List<Bound> keyEqualities = conditions.stream().filter(c -> pinsKeyColumn(table, c)).toList();
        if (!keyEqualities.isEmpty()) {
            conditions = keyEqualities;
        }
        node.retype("Index Scan", "Index Scan").indexName(table.primaryKeyName());
        indexConditions.put(node, conditions);
        node.detail(new Detail.Expressions("Index Cond", rec.expressions(conditions, namer, true), false, true));
        int width = width(table);
        node.cost(() -> model.indexScan(size(table), width, 1, 0, 1.0));
    }

    /**
     * A scan through a secondary index (for the access-path planner): {@code Index Scan using idx on
     * t [alias]} or {@code Index Only Scan}, with {@code Index Cond} and, for an index-only scan,
     * {@code Heap Fetches} from {@code heapFetches} (read after the run). {@code cost} is the
     * estimate the planner chose the path by.
     */
    Operator indexScan(Operator scan, Table table, String alias, String indexName, boolean indexOnly, List<Bound> conditions,
                       Namer namer, Supplier<Cost> cost, java.util.function.LongSupplier heapFetches) {
        if (rec == null) {
            return scan;
        }
        rec.relation();
        String name = Catalog.bareName(table.name());
        String schema = table.name().indexOf('.') > 0 ? table.name().substring(0, table.name().indexOf('.')) : "public";
        String type = indexOnly ? "Index Only Scan" : "Index Scan";
        PlanNode node = PlanNode.scan(type, name, schema, alias == null ? name : alias).indexName(indexName);
        if (!conditions.isEmpty()) {
            node.detail(new Detail.Expressions("Index Cond", rec.expressions(conditions, namer, true), false, true));
            indexConditions.put(node, conditions);
        }
        if (indexOnly && heapFetches != null) {
            node.detail(new Detail.Counter("Heap Fetches", heapFetches, true));
        }
        node.cost(cost);
        scanned.put(node, table);
        return rec.describe(scan, node);
    }

    /** The stored table each scan node reads (for Inner Unique). */
    private final Map<PlanNode, Table> scanned = new java.util.IdentityHashMap<>();

    /** The conditions an Index Scan node shows as Index Cond (not repeated as its Filter). */
    private final Map<PlanNode, List<Bound>> indexConditions = new java.util.IdentityHashMap<>();

    /** A derived table, view or CTE's rows: {@code Subquery Scan on alias}, unless PostgreSQL would have pulled it up. */
    Operator subquery(Operator root, String alias) {
        if (rec == null) {
            return root;
        }
        rec.relation();
        PlanNode child = rec.node(root);
        if (child == null) {
            return root;
        }
        String t = child.nodeType();
        if (t.endsWith("Scan") || t.contains("Join") || t.equals("Nested Loop")) {
            return root; // a plain SELECT ... FROM ... WHERE: PostgreSQL flattens it into the outer query
        }
        PlanNode node = new PlanNode("Subquery Scan").alias(alias);
        node.child(child, "Subquery");
        node.cost(() -> model.subqueryScan(child.cost(), 0, 1.0));
        return rec.describe(new PassThrough(root), node);
    }

    /** A reference to a CTE: {@code CTE Scan on name [alias]}; the CTE's plan prints once, under the root. */
    Operator cteScan(Operator root, String cteName, String alias) {
        if (rec == null) {
            return root;
        }
        rec.relation();
        PlanNode plan = rec.node(root);
        if (plan != null) {
            ctes.putIfAbsent(cteName, plan);
        }
        PlanNode node = new PlanNode("CTE Scan").cteName(cteName).alias(alias == null ? cteName : alias);
        node.cost(() -> plan == null ? Cost.ZERO : model.subqueryScan(plan.cost(), 0, 1.0));
        return rec.describe(new PassThrough(root), node);
    }

    /** A recursive CTE's self-reference. */
    Operator workTable(Operator rows, String name, String alias) {
        if (rec == null) {
            return rows;
        }
        rec.relation();
        PlanNode node = new PlanNode("WorkTable Scan").cteName(name).alias(alias == null ? name : alias);
        node.cost(() -> model.values(10, 32));
        return rec.describe(rows, node);
    }

    /** A set-returning function in FROM: {@code Function Scan on name [alias]}. */
    Operator function(Operator op, String name, String alias, List<SqlType> types, List<Bound> args) {
        if (rec == null) {
            return op;
        }
        rec.relation();
        PlanNode node = new PlanNode("Function Scan").functionName(name).alias(alias == null ? name : alias);
        double rows = functionRows(name, args);
        node.cost(() -> model.functionScan(rows, Widths.of(types)));
        return rec.describe(op, node);
    }

    /** generate_series over constants has a known length (PostgreSQL's support function); others get prorows. */
    private static double functionRows(String name, List<Bound> args) {
        if (name.equals("generate_series") && args.size() >= 2 && args.stream().allMatch(a -> a instanceof Bound.Const c
                && (c.value() instanceof Integer || c.value() instanceof Long))) {
            long start = ((Number) ((Bound.Const) args.get(0)).value()).longValue();
            long stop = ((Number) ((Bound.Const) args.get(1)).value()).longValue();
            long step = args.size() > 2 ? ((Number) ((Bound.Const) args.get(2)).value()).longValue() : 1;
            return step == 0 ? CostModel.DEFAULT_FUNCTION_ROWS : Math.max(Math.floor((double) (stop - start) / step) + 1, 0);
        }
        return CostModel.DEFAULT_FUNCTION_ROWS;
    }

    /** VALUES: {@code Values Scan on "*VALUES*"}, or {@code Result} for one row. */
    Operator values(Operator op, int rows, List<SqlType> types) {
        if (rec == null) {
            return op;
        }
        rec.relation();
        int width = Widths.of(types);
        PlanNode node;
        if (rows == 1) {
            node = new PlanNode("Result");
            node.cost(() -> model.result(width));
        } else {
            node = new PlanNode("Values Scan").alias("*VALUES*");
            node.cost(() -> model.values(rows, width));
        }
        return rec.describe(op, node);
    }

    /** A FROM-less SELECT's single empty row: {@code Result}. */
    Operator result(Operator op) {
        if (rec == null) {
            return op;
        }
        PlanNode node = new PlanNode("Result");
        node.cost(() -> model.result(0));
        return rec.describe(op, node);
    }

    // ------------------------------------------------------------------ joins and filters

    /** A filter: a {@code Filter} line on its input's node ({@code scanQual}: a scan's own condition). */
    Operator filter(Operator filter, Operator input, Bound condition, Namer namer) {
        if (rec == null) {
            return filter;
        }
        PlanNode n = rec.node(input);
        List<Bound> indexed = n == null ? List.of() : indexConditions.getOrDefault(n, List.of());
        if (indexed.stream().anyMatch(c -> c == condition)) {
            return rec.same(filter, input); // already the Index Cond: the key lookup only finds matching rows
        }
        boolean scanQual = n != null && n.nodeType().endsWith("Scan") && !n.nodeType().equals("Subquery Scan");
        Operator result = rec.filter(filter, input, condition, namer, scanQual);
        if (n != null) {
            Supplier<Cost> before = n.costSupplier();
            double sel = model.selectivity().of(condition);
            n.cost(() -> model.filter(before.get(), 1, sel));
        }
        return result;
    }

    /**
     * The inner side of an index nested loop: the leaf's scan node (already described as a Seq
     * Scan, now replaced) becomes the chosen Index Scan, parameterized by the outer row.
     */
    Operator parameterizedScan(Operator inner, Operator leafScan, ScanOperator scan, Table table, Namer namer) {
        PlanNode node = rec == null ? null : rec.node(leafScan);
        if (node != null) {
            rec.removedEarly(node, scan::rowsFilteredEarly);
        }
        if (node == null || !(scan.path() instanceof io.shaledb.sql.exec.access.AccessPath.IndexScan ix)) {
            return inner;
        }
        node.retype(ix.nodeName(), ix.nodeName() + (ix.backward() ? " Backward" : "")).indexName(ix.cond().index().name());
        List<Bound> conds = ix.cond().conds();
        for (Bound c : conds) {
            // the parameter is the outer side's column, named as PostgreSQL does: (user_id = o.user_id)
            if (c instanceof Bound.Compare cmp && cmp.right() instanceof Correlation.OuterRef ref) {
                rec.outerNamer(ref.holder(), namer);
            }
        }
        indexConditions.put(node, conds);
        node.detail(new Detail.Expressions("Index Cond", rec.expressions(conds, namer, true), false, true));
        int width = width(table);
        node.cost(() -> new Cost(0, ix.cost(), CostModel.clampRows(ix.rows()), width));
        return rec.describe(inner, node);
    }

    /** An index nested loop: Nested Loop over the outer side and a parameterized index scan of the inner one. */
    Operator indexNestLoop(Operator loop, Operator outer, Operator inner) {
        if (rec == null) {
            return loop;
        }
        PlanNode o = rec.node(outer);
        PlanNode i = rec.node(inner);
        PlanNode node = new PlanNode("Nested Loop").textName("Nested Loop").joinType("Inner");
        node.optionalChild(o, "Outer");
        node.optionalChild(i, "Inner");
        node.cost(() -> {
            Cost oc = o == null ? Cost.ZERO : o.cost();
            Cost ic = i == null ? Cost.ZERO : i.cost();
            double rows = Math.max(1, oc.rows()) * Math.max(1, ic.rows());
            return new Cost(oc.startup(), oc.total() + Math.max(1, oc.rows()) * ic.total(), CostModel.clampRows(rows), oc.width() + ic.width());
        });
        return rec.describe(loop, node);
    }

    /** A join of two inputs: Hash Join (with a Hash node over the right side) or Nested Loop (with a Materialize). */
    Operator join(Join join, Join.Kind kind, Operator left, Operator right, List<Bound> leftKeys, List<Bound> rightKeys,
                  Bound residual, Namer namer) {
        if (rec == null) {
            return join;
        }
        PlanNode l = rec.node(left);
        PlanNode r = rec.node(right);
        String suffix = switch (kind) {
            case INNER -> "";
            case LEFT -> " Left";
            case RIGHT -> " Right";
            case FULL -> " Full";
            case SEMI -> " Semi";
            case ANTI -> " Anti";
        };
        String joinType = switch (kind) {
            case INNER -> "Inner";
            case LEFT -> "Left";
            case RIGHT -> "Right";
            case FULL -> "Full";
            case SEMI -> "Semi";
            case ANTI -> "Anti";
        };
        boolean hash = !leftKeys.isEmpty();
        String text = hash ? "Hash" + suffix + " Join" : suffix.isEmpty() ? "Nested Loop" : "Nested Loop" + suffix + " Join";
        PlanNode node = new PlanNode(hash ? "Hash Join" : "Nested Loop").textName(text).joinType(joinType);
        node.innerUnique(r != null && coversPrimaryKey(scanned.get(r), rightKeys));
        if (hash) {
            List<Bound> conds = new ArrayList<>();
            for (int i = 0; i < leftKeys.size(); i++) {
                conds.add(new Bound.Compare("=", leftKeys.get(i), rightKeys.get(i)));
            }
            node.detail(new Detail.Expressions("Hash Cond", rec.expressions(conds, namer, false), false, true));
        }
        if (residual != null) {
            node.detail(new Detail.Expressions("Join Filter", rec.expressions(List.of(residual), namer, false), false, true));
        }
        node.optionalChild(l, "Outer");
        PlanNode inner = null;
        if (r != null) {
            inner = new PlanNode(hash ? "Hash" : "Materialize");
            inner.child(r, "Outer");
            PlanNode innerChild = r;
            inner.cost(hash ? () -> model.hash(innerChild.cost()) : () -> model.materialize(innerChild.cost()));
            if (hash) {
                inner.detail(new Detail.HashTable(join));
            }
            node.child(inner, "Inner");
        }
        double residualSel = residual == null ? 1.0 : model.selectivity().of(residual);
        int keys = leftKeys.size();
        PlanNode innerNode = inner;
        node.cost(() -> {
            Cost lc = l == null ? Cost.ZERO : l.cost();
            Cost ic = innerNode == null ? Cost.ZERO : innerNode.cost();
            int width = lc.width() + ic.width();
            if (keys > 0) {
                double sel = residualSel;
                for (int i = 0; i < keys; i++) {
                    sel /= Math.max(Math.min(Math.max(lc.rows(), 1), 200), Math.min(Math.max(ic.rows(), 1), 200));
                }
                return model.hashJoin(lc, ic, keys, residual == null ? 0 : 1, sel, width);
            }
            return model.nestedLoop(lc, ic, model.rescanMaterialized(ic), residual == null ? 0 : 1, residualSel, width);
        });
        Operator result = rec.describe(join, node);
        if (inner != null && node.instrumentation() != null) {
            // the inner side is read once per loop of the join: the Hash / Materialize node shares the right input's counts
            inner.instrumentation(r.instrumentation());
        }
        return result;
    }

    /** True when {@code c} is {@code key column = value} for a primary-key column of {@code table}. */
    private static boolean pinsKeyColumn(Table table, Bound c) {
        if (!(c instanceof Bound.Compare cmp) || !cmp.op().equals("=")) {
            return false;
        }
        for (Bound side : List.of(cmp.left(), cmp.right())) {
            if (side instanceof Bound.Slot s && s.tableOid() == table.oid() && s.attnum() > 0
                    && table.isPrimaryKeyColumn(s.attnum() - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A merge join of two sorted inputs: {@code Merge Join} with its {@code Merge Cond} (and
     * {@code Join Filter} for the rest of the condition); the cost is set by {@link #estimate}.
     */
    Operator mergeJoin(Operator join, Operator left, Operator right, List<Bound> mergeConds, Bound residual, Namer namer) {
        if (rec == null) {
            return join;
        }
        PlanNode l = rec.node(left);
        PlanNode r = rec.node(right);
        PlanNode node = new PlanNode("Merge Join").textName("Merge Join").joinType("Inner");
        node.detail(new Detail.Expressions("Merge Cond", rec.expressions(mergeConds, namer, false), false, true));
        if (residual != null) {
            node.detail(new Detail.Expressions("Join Filter", rec.expressions(List.of(residual), namer, false), false, true));
        }
        node.optionalChild(l, "Outer");
        node.optionalChild(r, "Inner");
        node.cost(() -> {
            Cost lc = l == null ? Cost.ZERO : l.cost();
            Cost rc = r == null ? Cost.ZERO : r.cost();
            return new Cost(lc.startup() + rc.startup(), lc.total() + rc.total(), Math.max(lc.rows(), rc.rows()),
                    lc.width() + rc.width());
        });
        return rec.describe(join, node);
    }

    /**
     * The join planner's estimate for a join node it built (rows are the joined relations' estimate,
     * whichever method joins them, as in PostgreSQL); the node keeps its own width.
     */
    void estimate(Operator join, Cost planned) {
        PlanNode n = node(join);
        if (n == null) {
            return;
        }
        Supplier<Cost> before = n.costSupplier();
        n.cost(() -> new Cost(planned.startup(), planned.total(), planned.rows(), before.get().width()));
    }

    /** True when {@code keys} include every primary-key column of {@code table} as a plain column. */
    private static boolean coversPrimaryKey(Table table, List<Bound> keys) {
        if (table == null || table.primaryKeyLength() == 0 || table.hasHiddenRowId()) {
            return false;
        }
        for (int i = 0; i < table.primaryKeyLength(); i++) {
            int col = table.primaryKeyColumn(i);
            if (keys.stream().noneMatch(k -> k instanceof Bound.Slot s && s.tableOid() == table.oid() && s.attnum() == col + 1)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ SELECT block

    /** Grouping: {@code Aggregate} without keys, else {@code HashAggregate} with its {@code Group Key}. */
    Operator aggregate(Operator agg, Operator input, List<Bound> keys, List<Aggregates.Spec> specs, Namer from) {
        if (rec == null) {
            return agg;
        }
        PlanNode child = rec.node(input);
        PlanNode node = keys.isEmpty() ? new PlanNode("Aggregate").strategy("Plain", "Simple")
                : new PlanNode("Aggregate").textName("HashAggregate").strategy("Hashed", "Simple");
        if (!keys.isEmpty()) {
            node.detail(new Detail.Expressions("Group Key", rec.expressions(keys, from, false), true, false));
        }
        node.optionalChild(child, "Outer");
        int width = Widths.of(keys.stream().map(Bound::type).toList()) + Widths.of(specs.stream().map(Aggregates.Spec::type).toList());
        node.cost(() -> {
            Cost in = child == null ? Cost.ZERO : child.cost();
            return keys.isEmpty() ? model.plainAggregate(in, specs.size(), width)
                    : model.hashAggregate(in, keys.size(), specs.size(), model.groups(in.rows(), keys.size()), 0, width);
        });
        return rec.describe(agg, node);
    }

    /** Sorted grouping: {@code GroupAggregate} with its {@code Group Key} (in the order its input is sorted). */
    Operator groupAggregate(Operator agg, Operator input, List<Bound> keys, List<Aggregates.Spec> specs, Namer from) {
        if (rec == null) {
            return agg;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("Aggregate").textName("GroupAggregate").strategy("Sorted", "Simple");
        node.detail(new Detail.Expressions("Group Key", rec.expressions(keys, from, false), true, false));
        node.optionalChild(child, "Outer");
        int width = Widths.of(keys.stream().map(Bound::type).toList()) + Widths.of(specs.stream().map(Aggregates.Spec::type).toList());
        node.cost(() -> {
            Cost in = child == null ? Cost.ZERO : child.cost();
            return model.groupAggregate(in, keys.size(), specs.size(), model.groups(in.rows(), keys.size()), 0, width);
        });
        return rec.describe(agg, node);
    }

    /** The names of a group row: the keys as written, then the aggregates ({@code count(*)}, {@code sum(t.x)}). */
    static Namer groupNamer(List<Bound> keys, List<Aggregates.Spec> specs, Namer from) {
        return (index, qualify, d) -> {
            Deparser inner = d.over(from);
            if (index < keys.size()) {
                return inner.deparse(keys.get(index));
            }
            int a = index - keys.size();
            if (a >= specs.size()) {
                return null;
            }
            Aggregates.Spec s = specs.get(a);
            StringBuilder sb = new StringBuilder(s.name()).append('(');
            if (s.args().isEmpty()) {
                sb.append('*');
            } else {
                sb.append(s.distinct() ? "DISTINCT " : "").append(inner.list(s.args()));
            }
            sb.append(')');
            if (s.filter() != null) {
                sb.append(" FILTER (WHERE ").append(inner.deparse(s.filter())).append(')');
            }
            return sb.toString();
        };
    }

    /**
     * Window functions: {@code WindowAgg}, over a {@code Sort} by the first window's PARTITION BY and
     * ORDER BY when it has them (the operator sorts internally; PostgreSQL shows the sort as a node).
     */
    Operator window(Operator op, Operator input, List<WindowOperator.Window> windows, Namer namer) {
        if (rec == null) {
            return op;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("WindowAgg");
        WindowOperator.Window first = windows.isEmpty() ? null : windows.getFirst();
        if (child != null && first != null && (!first.partition().isEmpty() || !first.order().isEmpty())) {
            List<SortKey> keys = new ArrayList<>();
            first.partition().forEach(p -> keys.add(new SortKey(p, false, false)));
            first.order().forEach(o -> keys.add(new SortKey(o.expr(), o.descending(), o.nullsFirst())));
            PlanNode sort = new PlanNode("Sort");
            sort.detail(new Detail.Expressions("Sort Key", sortKeys(keys, namer), true, false));
            sort.child(child, "Outer");
            PlanNode sorted = child;
            sort.cost(() -> model.sort(sorted.cost()));
            child = sort;
        }
        node.optionalChild(child, "Outer");
        PlanNode input2 = child;
        node.cost(() -> input2 == null ? Cost.ZERO : model.windowAgg(input2.cost(), 1, input2.cost().width() + 8));
        return rec.describe(op, node);
    }

    /** The names of a projected row: its expressions over the input layout, parenthesized unless plain columns. */
    static Namer projectionNamer(List<Bound> exprs, Namer input) {
        return (index, qualify, d) -> {
            if (index >= exprs.size()) {
                return null;
            }
            String s = d.over(input).deparse(exprs.get(index));
            return s.matches("[A-Za-z_\"][A-Za-z0-9_$.\"]*") ? s : "(" + s + ")";
        };
    }

    /** SELECT DISTINCT: {@code HashAggregate} grouped by the output columns. */
    Operator distinct(Operator op, Operator input, List<Bound> outputs, Namer inputNamer) {
        if (rec == null) {
            return op;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("Aggregate").textName("HashAggregate").strategy("Hashed", "Simple");
        node.detail(new Detail.Expressions("Group Key", rec.expressions(outputs, inputNamer, false), true, false));
        node.optionalChild(child, "Outer");
        node.cost(() -> child == null ? Cost.ZERO : model.distinct(child.cost(), outputs.size()));
        return rec.describe(op, node);
    }

    /** DISTINCT ON over sorted rows: {@code Unique}. */
    Operator unique(Operator op, Operator input) {
        if (rec == null) {
            return op;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("Unique");
        inheritOutput(node, child);
        node.optionalChild(child, "Outer");
        node.cost(() -> child == null ? Cost.ZERO : model.distinct(child.cost(), 1));
        return rec.describe(op, node);
    }

    /**
     * The Sort of a sorted UNION ({@link SortedUnion}): Sort Key = the first member's outputs, as
     * PostgreSQL prints them.
     */
    Operator unionSort(io.shaledb.sql.exec.op.Sort sort, Operator append, Operator firstMember) {
        if (rec == null) {
            return sort;
        }
        PlanNode child = rec.node(append);
        PlanNode first = rec.node(firstMember);
        PlanNode node = new PlanNode("Sort");
        Supplier<List<String>> keys = first == null ? null : upperOutputs.get(first);
        if (keys != null) {
            node.detail(new Detail.Expressions("Sort Key", keys, true, false));
            upperOutputs.put(node, keys);
        }
        node.detail(new Detail.SortMethod(sort));
        node.optionalChild(child, "Outer");
        node.cost(() -> child == null ? Cost.ZERO : model.sort(child.cost()));
        return rec.describe(sort, node);
    }

    /**
     * Names the output slots of {@code op} as the nodes above it print them when the plan knows
     * them (a set operation: its first member's outputs, {@code s.a}), else by {@code fallback}.
     */
    Namer outputNamer(Operator op, Namer fallback) {
        PlanNode n = rec == null ? null : rec.node(op);
        Supplier<List<String>> out = n == null ? null : upperOutputs.get(n);
        if (out == null) {
            return fallback;
        }
        return (index, qualify, d) -> {
            List<String> names = out.get();
            return index < names.size() ? names.get(index) : fallback.slot(index, qualify, d);
        };
    }

    /** One ORDER BY key as printed: the expression, then DESC / NULLS FIRST / NULLS LAST where not the default. */
    record SortKey(Bound expr, boolean descending, boolean nullsFirst) {}

    /** ORDER BY: {@code Sort} with its {@code Sort Key} and, under ANALYZE, {@code Sort Method}. */
    Operator sort(io.shaledb.sql.exec.op.Sort sort, Operator input, List<SortKey> keys, Namer namer) {
        if (rec == null) {
            return sort;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("Sort");
        node.detail(new Detail.Expressions("Sort Key", sortKeys(keys, namer), true, false));
        node.detail(new Detail.SortMethod(sort));
        inheritOutput(node, child);
        node.optionalChild(child, "Outer");
        node.cost(() -> child == null ? Cost.ZERO : model.sort(child.cost()));
        return rec.describe(sort, node);
    }

    private Supplier<List<String>> sortKeys(List<SortKey> keys, Namer namer) {
        return () -> {
            Deparser d = new Deparser(namer, rec.qualifyUpper(), rec);
            List<String> out = new ArrayList<>();
            for (SortKey k : keys) {
                String s = d.deparse(k.expr());
                if (k.descending()) {
                    s += " DESC";
                    if (!k.nullsFirst()) {
                        s += " NULLS LAST";
                    }
                } else if (k.nullsFirst()) {
                    s += " NULLS FIRST";
                }
                out.add(s);
            }
            return out;
        };
    }

    /** LIMIT / OFFSET: {@code Limit}. */
    Operator limit(Operator op, Operator input, Bound limit, Bound offset) {
        if (rec == null) {
            return op;
        }
        PlanNode child = rec.node(input);
        PlanNode node = new PlanNode("Limit");
        inheritOutput(node, child);
        node.optionalChild(child, "Outer");
        double count = constant(limit, Double.MAX_VALUE);
        double skip = constant(offset, 0);
        node.cost(() -> {
            Cost in = child == null ? Cost.ZERO : child.cost();
            return model.limit(in, skip, count == Double.MAX_VALUE ? in.rows() : count);
        });
        return rec.describe(op, node);
    }

    private static double constant(Bound b, double fallback) {
        Bound v = b instanceof Bound.Convert c && c.operand() instanceof Bound.Const ? b : b instanceof Bound.Const ? b : null;
        return v != null && v.eval(new Object[0]) instanceof Number n ? n.doubleValue() : fallback;
    }

    // ------------------------------------------------------------------ set operations

    /** UNION ALL: Append; UNION: HashAggregate over Append; INTERSECT / EXCEPT: HashSetOp over Append of Subquery Scans. */
    Operator setOp(Operator op, SetOperation.Kind kind, boolean all, Operator left, Operator right, int columns) {
        if (rec == null) {
            return op;
        }
        PlanNode l = rec.node(left);
        PlanNode r = rec.node(right);
        PlanNode append = new PlanNode("Append");
        if (l != null && r != null) {
            SetOpAliases.renameRepeated(l, r); // the second scan of t is "t t_1", as PostgreSQL prints it
        }
        boolean wrap = kind != SetOperation.Kind.UNION;
        int i = 1;
        for (PlanNode c : java.util.Arrays.asList(l, r)) {
            if (c == null) {
                continue;
            }
            rec.relation();
            PlanNode member = c;
            if (wrap) {
                member = new PlanNode("Subquery Scan").alias("*SELECT* " + i);
                member.child(c, "Subquery");
                member.cost(() -> model.subqueryScan(c.cost(), 0, 1.0));
            }
            append.child(member, "Member");
            i++;
        }
        append.cost(() -> model.append(append.children().stream().map(PlanNode::cost).toList()));
        if (kind == SetOperation.Kind.UNION && all) {
            return rec.describe(op, append);
        }
        PlanNode node;
        if (kind == SetOperation.Kind.UNION) {
            node = new PlanNode("Aggregate").textName("HashAggregate").strategy("Hashed", "Simple");
            Supplier<List<String>> keys = l == null ? null : upperOutputs.get(l);
            if (keys != null) {
                node.detail(new Detail.Expressions("Group Key", keys, true, false)); // the first operand's columns, as PostgreSQL
                upperOutputs.put(node, keys); // an ORDER BY above names them so too
            }
            node.cost(() -> model.distinct(append.cost(), columns));
        } else {
            String command = kind == SetOperation.Kind.INTERSECT ? "Intersect" : "Except";
            node = new PlanNode("SetOp").textName("HashSetOp " + command + (all ? " All" : ""))
                    .strategy("Hashed", null).command(command + (all ? " All" : ""));
            node.cost(() -> model.setOp(append.cost(), columns, append.cost().rows() / 2));
        }
        node.child(append, "Outer");
        return rec.describe(op, node);
    }

    /** WITH RECURSIVE's iteration: {@code Recursive Union}. */
    Operator recursiveUnion(Operator op, Operator base, Operator recursive) {
        if (rec == null) {
            return op;
        }
        PlanNode node = new PlanNode("Recursive Union");
        for (Operator o : List.of(base, recursive)) {
            PlanNode c = rec.node(o);
            if (c != null) {
                node.child(c, o == base ? "Outer" : "Inner");
            }
        }
        node.cost(() -> model.append(node.children().stream().map(PlanNode::cost).toList()));
        return rec.describe(op, node);
    }

    // ------------------------------------------------------------------ names

    /** Remembers the names of the query level a subquery's outer references read (through {@code holder}). */
    void outer(Correlation.Holder holder, Binder binder) {
        if (rec != null && binder.scope().ns() != null) {
            rec.outerNamer(holder, namer(binder.scope().ns()));
        }
    }

    /** Names a FROM clause's slots {@code rel.column} (first relation that shows the slot). */
    static Namer namer(Namespace ns) {
        Map<Integer, String[]> names = new HashMap<>();
        for (String rel : ns.relationNames()) {
            List<Namespace.Column> cols = ns.star(rel);
            if (cols == null) {
                continue;
            }
            for (Namespace.Column c : cols) {
                if (c.expr() instanceof Bound.Slot s) {
                    names.putIfAbsent(s.index(), new String[] {rel, c.name()});
                }
            }
        }
        return (index, qualify, d) -> {
            String[] n = names.get(index);
            if (n == null) {
                return null;
            }
            return qualify ? ident(n[0]) + "." + ident(n[1]) : ident(n[1]);
        };
    }

    /** Names a layout holding two FROM clauses' slots (a decorrelated subquery's after its outer query's). */
    static Namer namer(Namespace first, Namespace second) {
        Namer a = namer(first);
        Namer b = namer(second);
        return (index, qualify, d) -> {
            String n = a.slot(index, qualify, d);
            return n != null ? n : b.slot(index, qualify, d);
        };
    }

    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** An operator that only passes its input's rows (so a Subquery / CTE Scan node has an operator of its own). */
    static final class PassThrough implements Operator {
        private final Operator input;

        PassThrough(Operator input) {
            this.input = input;
        }

        @Override
        public void open() {
            input.open();
        }

        @Override
        public Object[] next() {
            return input.next();
        }

        @Override
        public void close() {
            input.close();
        }
    }
}

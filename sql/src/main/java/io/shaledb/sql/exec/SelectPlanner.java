package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.exec.op.Distinct;
import io.shaledb.sql.exec.op.Filter;
import io.shaledb.sql.exec.op.Limit;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Project;
import io.shaledb.sql.exec.op.Sort;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans one SELECT block over its FROM clause ({@link QueryPlanner#from}):
 *
 * <pre>
 *   joins+WHERE --> [Aggregate --HAVING-->] [Window] --> Project(outputs | extra sort/DISTINCT ON keys)
 *       --> [Distinct] --> [Sort] --> [Distinct ON] --> [Limit] --> [Project(outputs)]
 * </pre>
 *
 * Name resolution follows PostgreSQL: ORDER BY takes output names and ordinals first, then input
 * expressions; GROUP BY takes input columns first, then output names and ordinals.
 */
final class SelectPlanner {

    /** A target-list entry after {@code *} expansion; {@code star} columns are bound directly. */
    private record Target(Expr expr, String name, Bound star) {}

    /** One ORDER BY key: a column of the projected row. */
    private record SortKey(int column, boolean descending, boolean nullsFirst) {}

    private final QueryPlanner planner;
    private final Statement.Select select;
    private final Correlation.Outer outer;
    private final QueryPlanner.Env env;
    private final boolean keepUnknown;

    private Binder.Scope scope;
    private Namespace ns;
    private List<Target> targets;
    /** Expressions of the projected row beyond the outputs: sort and DISTINCT ON keys. */
    private final List<Bound> extra = new ArrayList<>();
    private final List<Expr> extraExprs = new ArrayList<>();

    SelectPlanner(QueryPlanner planner, Statement.Select select, Correlation.Outer outer, QueryPlanner.Env env,
                  boolean keepUnknown) {
        this.planner = planner;
        this.select = select;
        this.outer = outer;
        this.env = env;
        this.keepUnknown = keepUnknown;
    }

    QueryPlanner.Planned plan() {
        QueryPlanner.Env previous = planner.enterEnv(env);
        try {
            return build();
        } finally {
            planner.enterEnv(previous);
        }
    }

    private QueryPlanner.Planned build() {
        if (!select.locking().isEmpty()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    select.locking().getFirst().strength().sql() + " is not supported with joins, subqueries or set operations yet");
        }
        JoinPlanner.From from = planner.from(select.fromList(), outer, env);
        ns = from.ns;
        scope = new Binder.Scope(null, null, ns, outer, planner);
        expandTargets();
        List<Bound> where = new ArrayList<>();
        Decorrelator decorrelator = new Decorrelator(planner, from, scope, env);
        Expr whereRest = decorrelator.extract(select.where());
        if (whereRest != null) {
            QueryPlanner.flatten(new Binder(scope, "WHERE").bindCondition(whereRest, "WHERE"), where);
        }
        boolean aggregates = targets.stream().anyMatch(t -> Grouping.containsAggregate(t.expr()))
                || Grouping.containsAggregate(select.having())
                || select.orderBy().stream().anyMatch(o -> Grouping.containsAggregate(o.expr()))
                || select.windows().stream().anyMatch(w -> Windowing.containsAggregate(w.spec()));
        boolean grouped = !select.groupBy().isEmpty() || select.having() != null || aggregates;
        Grouping grouping = null;
        Binder projection;
        if (grouped) {
            grouping = new Grouping(scope);
            for (Expr g : select.groupBy()) {
                grouping.addKey(groupByTarget(g));
            }
        }
        Windowing windowing = new Windowing(scope, grouping, select.windows());
        projection = grouped ? new Binder(scope, null, grouping, windowing, null)
                : new Binder(scope, "SELECT", null, windowing, null);
        List<Bound> outputs = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        for (Target t : targets) {
            Bound b = t.star() != null && !grouped ? t.star() : projection.bind(t.expr());
            if (!keepUnknown) {
                b = Binder.resolveUnknownAsText(b);
            }
            outputs.add(b);
            columns.add(b instanceof Bound.Slot s && s.tableOid() != 0
                    ? new ColumnInfo(t.name(), b.type(), s.tableOid(), (short) s.attnum())
                    : new ColumnInfo(t.name(), b.type()));
        }
        Bound having = select.having() == null ? null
                : new Binder(scope, null, grouping, null, "HAVING").bindCondition(select.having(), "HAVING");
        List<SortKey> sortKeys = new ArrayList<>();
        for (Statement.OrderItem o : select.orderBy()) {
            sortKeys.add(new SortKey(sortColumn(o.expr(), projection, "ORDER BY", select.distinct() && select.distinctOn().isEmpty()),
                    o.descending(), o.nullsFirst() != null ? o.nullsFirst() : o.descending()));
        }
        windowing.checkUnusedDefinitions();
        List<Integer> distinctOn = new ArrayList<>();
        for (Expr e : select.distinctOn()) {
            distinctOn.add(sortColumn(e, projection, "DISTINCT ON", false));
        }
        if (!distinctOn.isEmpty()) {
            int leading = Math.min(distinctOn.size(), sortKeys.size());
            for (int i = 0; i < leading; i++) {
                if (!distinctOn.contains(sortKeys.get(i).column())) {
                    int bad = 0;
                    for (int j = 0; j < distinctOn.size(); j++) {
                        int col = distinctOn.get(j);
                        if (sortKeys.subList(0, leading).stream().noneMatch(k -> k.column() == col)) {
                            bad = j;
                            break;
                        }
                    }
                    throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
                            "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                            select.distinctOn().get(bad).pos() + 1);
                }
            }
            for (int c : distinctOn) {
                if (sortKeys.stream().noneMatch(k -> k.column() == c)) {
                    sortKeys.add(new SortKey(c, false, false));
                }
            }
        }
        Bound limit = SelectExecutor.countExpression(select.limit(), "LIMIT");
        Bound offset = SelectExecutor.countExpression(select.offset(), "OFFSET");
        long[] counts = new long[2]; // OFFSET and LIMIT as the Limit evaluated them, for the Sort below it

        PlanHooks hooks = planner.hooks();
        io.shaledb.sql.exec.explain.Namer names = hooks.on() ? PlanHooks.namer(ns) : null;
        offerScanHints(from, grouping, windowing, outputs, sortKeys, distinctOn, limit, offset);
        Operator op = decorrelator.assemble(from, where);
        Operator in = op;
        boolean groupOrdered = false; // the grouping's rows already come out in ORDER BY's order
        if (grouping != null) {
            GroupingStrategy.Planned agg = GroupingStrategy.plan(hooks, in, grouping, groupOrder(grouping, sortKeys, outputs),
                    groupInputRows(from, where, grouping, sortKeys), 8 * Math.max(1, from.width), planner.tick(), names);
            op = agg.operator();
            groupOrdered = agg.ordered() && !select.distinct() && windowing.functions().isEmpty()
                    && select.distinctOn().isEmpty();
            names = hooks.on() ? PlanHooks.groupNamer(grouping.keys(), grouping.aggregates(), names) : null;
            if (having != null) {
                in = op;
                op = hooks.filter(new Filter(in, having), in, having, names);
            }
        }
        if (!windowing.functions().isEmpty()) {
            in = op;
            op = hooks.window(new WindowOperator(in, windowing.windows(), windowing.functions()), in, windowing.windows(), names);
        }
        List<Bound> projected = new ArrayList<>(outputs);
        projected.addAll(extra);
        in = op;
        op = hooks.project(new Project(in, projected), in, projected, names);
        io.shaledb.sql.exec.explain.Namer inputNames = names;
        names = hooks.on() ? PlanHooks.projectionNamer(projected, names) : null;
        int n = outputs.size();
        boolean distinctOrdered = false; // a sorted DISTINCT's rows already come out in ORDER BY's order
        if (select.distinct() && distinctOn.isEmpty()) {
            in = op;
            List<SortKey> uniqueKeys = distinctSortKeys(sortKeys, n);
            if (uniqueKeys != null && io.shaledb.sql.plan.PlannerSwitches.current().hashAgg()
                    && !sortedDistinctCheaper(from, where, outputs, !sortKeys.isEmpty())) {
                uniqueKeys = null; // hashing is cheaper (or the input is not estimated)
            }
            if (uniqueKeys != null) {
                Operator sorted = hooks.sort(sort(in, uniqueKeys, null, counts, planner.tick()), in,
                        explainKeys(uniqueKeys, projected), names);
                op = hooks.unique(new Distinct(sorted, 0, n, true, io.shaledb.sql.exec.spill.WorkMem.current()), sorted);
                distinctOrdered = true;
            } else {
                op = hooks.distinct(new Distinct(in, 0, n), in, outputs, inputNames);
            }
        }
        if (!sortKeys.isEmpty() && !from.ordered && !groupOrdered && !distinctOrdered) {
            in = op;
            op = hooks.sort(sort(in, sortKeys, distinctOn.isEmpty() ? limit : null, counts, planner.tick()), in,
                    explainKeys(sortKeys, projected), names);
        }
        if (!distinctOn.isEmpty()) {
            in = op;
            op = hooks.unique(distinctOn(in, distinctOn, projected.size()), in);
        }
        in = op;
        op = limit(in, limit, offset, counts);
        if (op != in) {
            op = hooks.limit(op, in, limit, offset);
        }
        if (!extra.isEmpty()) {
            List<Bound> trim = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                trim.add(new Bound.Slot(i, outputs.get(i).type(), 0, 0));
            }
            in = op;
            op = hooks.same(new Project(in, trim), in);
        }
        return new QueryPlanner.Planned(op, columns);
    }

    /** The ORDER BY items as group keys (a key's index, or -1 for an item that is not one) for {@link GroupingStrategy}. */
    private List<GroupingStrategy.OrderItem> groupOrder(Grouping grouping, List<SortKey> sortKeys, List<Bound> outputs) {
        List<Bound> projected = new ArrayList<>(outputs);
        projected.addAll(extra);
        List<GroupingStrategy.OrderItem> out = new ArrayList<>();
        for (SortKey k : sortKeys) {
            Bound b = k.column() < projected.size() ? projected.get(k.column()) : null;
            int key = b instanceof Bound.Slot s && s.index() < grouping.keys().size() ? s.index() : -1;
            out.add(new GroupingStrategy.OrderItem(key, k.descending(), k.nullsFirst()));
        }
        return out;
    }

    /**
     * The rows a grouping reads, estimated for a single stored table (-1 otherwise, or when the
     * choice cannot depend on it: one key and no ORDER BY leave hashing cheaper whatever the count).
     */
    /**
     * Whether a DISTINCT over {@code outputs} costs less sorted (Unique over Sort) than hashed, by
     * the formulas GROUP BY uses (PostgreSQL's cost_sort and cost_agg), with the distinct values
     * of each output column from the statistics (estimate_num_groups: their product, at most the
     * rows): only for a single scanned table, whose rows the statistics estimate.
     */
    private static boolean sortedDistinctCheaper(JoinPlanner.From from, List<Bound> where, List<Bound> outputs, boolean ordered) {
        if (from.items.size() != 1 || !(from.items.getFirst() instanceof JoinPlanner.Leaf leaf) || leaf.scan() == null) {
            return false;
        }
        double rows = leaf.scan().estimateRows(where);
        if (rows < 0) {
            return false;
        }
        io.shaledb.sql.exec.access.TableEstimate estimate = leaf.scan().estimate();
        double groups = 1;
        for (Bound b : outputs) {
            double distinct = io.shaledb.sql.stats.Selectivity.DEFAULT_NUM_DISTINCT;
            if (b instanceof Bound.Slot s && s.tableOid() == leaf.scan().table().oid() && s.attnum() > 0) {
                io.shaledb.sql.stats.ColumnEstimates c = estimate.column().apply(s.attnum() - 1);
                distinct = c != null ? c.distinct() : distinct;
            }
            groups *= distinct;
        }
        return GroupingStrategy.sortIsCheaper(outputs.size(), 0, rows, Math.min(groups, Math.max(rows, 1)), 8 * Math.max(1, from.width),
                ordered, true);
    }

    private double groupInputRows(JoinPlanner.From from, List<Bound> where, Grouping grouping, List<SortKey> sortKeys) {
        if (grouping.keys().isEmpty() || sortKeys.isEmpty() && grouping.keys().size() < 2 || from.items.size() != 1
                || !(from.items.getFirst() instanceof JoinPlanner.Leaf leaf) || leaf.scan() == null) {
            return -1;
        }
        return leaf.scan().estimateRows(where);
    }

    /** The ORDER BY keys as EXPLAIN's Sort Key shows them: slots of the projected row. */
    /**
     * The sort a DISTINCT without hashing ({@code enable_hashagg = off}) needs below its
     * {@code Unique}, as PostgreSQL builds it: the ORDER BY keys first, so that the rows come out
     * in the statement's order too, then every other output column ascending. Null when an ORDER BY
     * key is not an output column (the hashed DISTINCT and its own Sort handle that).
     */
    private static List<SortKey> distinctSortKeys(List<SortKey> orderBy, int outputs) {
        List<SortKey> keys = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (SortKey k : orderBy) {
            if (k.column() >= outputs) {
                return null;
            }
            if (taken.add(k.column())) {
                keys.add(k);
            }
        }
        for (int c = 0; c < outputs; c++) {
            if (taken.add(c)) {
                keys.add(new SortKey(c, false, false));
            }
        }
        return keys;
    }

    private static List<PlanHooks.SortKey> explainKeys(List<SortKey> keys, List<Bound> projected) {
        List<PlanHooks.SortKey> out = new ArrayList<>();
        for (SortKey k : keys) {
            out.add(new PlanHooks.SortKey(new Bound.Slot(k.column(), projected.get(k.column()).type(), 0, 0), k.descending(),
                    k.nullsFirst()));
        }
        return out;
    }

    /**
     * Tells the join planner which columns the statement reads above the joins (for index-only
     * scans) and, for a plain single-table query, the ORDER BY and LIMIT an index may deliver.
     */
    private void offerScanHints(JoinPlanner.From from, Grouping grouping, Windowing windowing, List<Bound> outputs,
                                List<SortKey> sortKeys, List<Integer> distinctOn, Bound limit, Bound offset) {
        boolean plain = grouping == null && windowing.functions().isEmpty();
        if (grouping != null && windowing.functions().isEmpty()) {
            from.used = ColumnUse.grouped(grouping);
        } else if (plain) {
            List<Bound> read = new ArrayList<>(outputs);
            read.addAll(extra);
            from.used = ColumnUse.of(read);
        }
        if (!plain || sortKeys.isEmpty() || select.distinct() || !distinctOn.isEmpty()) {
            return;
        }
        List<Bound> projected = new ArrayList<>(outputs);
        projected.addAll(extra);
        List<io.shaledb.sql.exec.access.ScanRequest.OrderKey> order = new ArrayList<>();
        for (SortKey k : sortKeys) {
            order.add(new io.shaledb.sql.exec.access.ScanRequest.OrderKey(projected.get(k.column()), k.descending(),
                    k.nullsFirst()));
        }
        from.order = order;
        double rows = constantCount(limit);
        double skip = offset == null ? 0 : constantCount(offset);
        if (rows >= 0 && skip >= 0) {
            from.limit = rows + skip;
        }
    }

    /** A LIMIT / OFFSET written as a constant, or -1 (a bad value is reported when the query runs). */
    private static double constantCount(Bound b) {
        boolean constant = b instanceof Bound.Const || b instanceof Bound.Convert c && c.operand() instanceof Bound.Const;
        if (!constant) {
            return -1;
        }
        try {
            return b.eval(new Object[0]) instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() : -1;
        } catch (SqlException badCount) {
            return -1; // LIMIT's own evaluation raises it with PostgreSQL's message
        }
    }

    /** {@code e} without positions and with column references resolved, for comparing expressions. */
    private Expr canonical(Expr e) {
        Binder names = new Binder(scope, null);
        return Grouping.strip(e, c -> {
            try {
                return new Expr.ColumnRef("#" + names.column(c), c.column(), 0);
            } catch (SqlException unresolved) {
                return new Expr.ColumnRef(null, c.column(), 0); // reported when the expression itself is bound
            }
        });
    }

    /** The offset of an expression's first token (a binary operator's node sits at its operator). */
    private static int leftmost(Expr e) {
        return switch (e) {
            case Expr.Binary b -> Math.min(b.pos(), leftmost(b.left()));
            case Expr.Cast c -> Math.min(c.pos(), leftmost(c.operand()));
            default -> e.pos();
        };
    }

    /** DISTINCT ON: keeps the first row of each key in sort order (the keys are copied to the row's end). */
    private static Operator distinctOn(Operator op, List<Integer> keys, int width) {
        List<Bound> withKeys = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            withKeys.add(new Bound.Slot(i, SqlType.TEXT, 0, 0));
        }
        for (int k : keys) {
            withKeys.add(new Bound.Slot(k, SqlType.TEXT, 0, 0));
        }
        Operator distinct = new Distinct(new Project(op, withKeys), width, width + keys.size(), true,
                io.shaledb.sql.exec.spill.WorkMem.current());
        List<Bound> back = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            back.add(new Bound.Slot(i, SqlType.TEXT, 0, 0));
        }
        return new Project(distinct, back);
    }

    /** A Limit that also leaves the OFFSET and LIMIT it evaluates at open in {@code counts[0]} and {@code counts[1]}. */
    static Operator limit(Operator op, Bound limit, Bound offset, long[] counts) {
        if (limit == null && offset == null) {
            return op;
        }
        return new Limit(op, () -> counts[0] = SelectExecutor.evaluateCount(offset, "OFFSET", 0),
                () -> counts[1] = SelectExecutor.evaluateCount(limit, "LIMIT", Long.MAX_VALUE));
    }

    /**
     * A Sort within the statement's work_mem; under a LIMIT ({@code limit} not null) it only keeps
     * the OFFSET + LIMIT first rows (top-N heapsort), as the {@link Limit} above it evaluated them
     * into {@code counts} when it opened (once: a volatile LIMIT is not evaluated twice).
     */
    private static Sort sort(Operator op, List<SortKey> keys, Bound limit, long[] counts, Runnable tick) {
        java.util.function.LongSupplier bound = limit == null ? null : () -> {
            long o = counts[0];
            long l = counts[1];
            return l == Long.MAX_VALUE || o > Long.MAX_VALUE - l ? -1 : l + o;
        };
        return new Sort(op, comparator(keys), io.shaledb.sql.exec.spill.WorkMem.current(), bound, tick);
    }

    private static Comparator<Object[]> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey k : keys) {
                int c = SelectExecutor.compareNullable(a[k.column()], b[k.column()], k.descending(), k.nullsFirst());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private void expandTargets() {
        targets = new ArrayList<>();
        for (Statement.SelectItem item : select.items()) {
            if (!item.star()) {
                targets.add(new Target(item.expr(), item.alias() != null ? item.alias() : name(item.expr()), null));
                continue;
            }
            List<Namespace.Column> cols;
            if (item.starTable() != null) {
                cols = ns.star(item.starTable());
                if (cols == null) {
                    throw ns.notFound(new Expr.ColumnRef(item.starTable(), "*", item.pos()), Namespace.Miss.NO_RELATION);
                }
            } else {
                if (ns.isEmpty()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", item.pos() + 1);
                }
                cols = ns.star();
            }
            for (Namespace.Column c : cols) {
                planner.noteUse(c.expr());
                // A star column is bound as its expression; under GROUP BY it is bound by name (a key or an error).
                targets.add(new Target(new Expr.ColumnRef(item.starTable(), c.name(), item.pos()), c.name(), c.expr()));
            }
        }
    }

    /** PostgreSQL's column name for an unaliased item, including subqueries (FigureColname). */
    private static String name(Expr e) {
        if (e instanceof Expr.Subquery q) {
            if (q.kind() == Expr.SubqueryKind.EXISTS) {
                return "exists";
            }
            if (q.kind() == Expr.SubqueryKind.SCALAR && q.query() instanceof Statement.Select s && !s.items().isEmpty()) {
                Statement.SelectItem first = s.items().getFirst();
                if (first.alias() != null) {
                    return first.alias();
                }
                if (!first.star()) {
                    return name(first.expr());
                }
            }
            return "?column?";
        }
        return Binder.columnName(e);
    }

    /** GROUP BY accepts input columns first, then output-column positions and names. */
    private Expr groupByTarget(Expr g) {
        if (g instanceof Expr.Literal l && l.value() instanceof Integer n) {
            if (n < 1 || n > targets.size()) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + n + " is not in select list",
                        g.pos() + 1);
            }
            return targets.get(n - 1).expr();
        }
        if (g instanceof Expr.ColumnRef c && c.table() == null && ns.resolve(c, new Namespace.Miss[1]) == null) {
            for (Target t : targets) {
                if (t.name().equals(c.column())) {
                    return t.expr();
                }
            }
        }
        return g;
    }

    /**
     * The projected-row column of an ORDER BY / DISTINCT ON key: an ordinal, an output name, an
     * expression equal to an output, or a new extra column bound over the projection's input.
     */
    private int sortColumn(Expr e, Binder projection, String clause, boolean mustBeOutput) {
        if (e instanceof Expr.Literal l && l.value() instanceof Integer n) {
            if (n < 1 || n > targets.size()) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, clause + " position " + n + " is not in select list",
                        e.pos() + 1);
            }
            return n - 1;
        }
        if (e instanceof Expr.ColumnRef c && c.table() == null) {
            int match = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).name().equals(c.column())) {
                    if (match >= 0 && !canonical(targets.get(match).expr()).equals(canonical(targets.get(i).expr()))) {
                        throw new SqlException(SqlState.AMBIGUOUS_COLUMN, clause + " \"" + c.column() + "\" is ambiguous",
                                e.pos() + 1);
                    }
                    if (match < 0) {
                        match = i;
                    }
                }
            }
            if (match >= 0) {
                return match;
            }
        }
        Expr stripped = canonical(e);
        for (int i = 0; i < targets.size(); i++) {
            if (canonical(targets.get(i).expr()).equals(stripped)) {
                return i;
            }
        }
        if (mustBeOutput) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list", e.pos() + 1);
        }
        for (int i = 0; i < extraExprs.size(); i++) {
            if (canonical(extraExprs.get(i)).equals(stripped)) {
                return targets.size() + i;
            }
        }
        extraExprs.add(e);
        extra.add(Binder.resolveUnknownAsText(projection.bind(e)));
        return targets.size() + extra.size() - 1;
    }

    /**
     * ORDER BY / LIMIT over a set operation or VALUES: keys must be output columns, by name or
     * ordinal, as PostgreSQL requires.
     */
    static QueryPlanner.Planned ordered(QueryPlanner planner, QueryPlanner.Planned body, Query.Ordered o,
                                        Correlation.Outer outer) {
        List<SortKey> keys = new ArrayList<>();
        for (Statement.OrderItem item : o.orderBy()) {
            Expr e = item.expr();
            int column = -1;
            if (e instanceof Expr.Literal l && l.value() instanceof Integer n) {
                if (n < 1 || n > body.columns().size()) {
                    throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n + " is not in select list",
                            e.pos() + 1);
                }
                column = n - 1;
            } else if (e instanceof Expr.ColumnRef c && c.table() == null) {
                for (int i = 0; i < body.columns().size() && column < 0; i++) {
                    if (body.columns().get(i).name().equals(c.column())) {
                        column = i;
                    }
                }
                if (column < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c.column() + "\" does not exist", e.pos() + 1);
                }
            } else {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                        leftmost(e) + 1, "Only result column names can be used, not expressions or functions.",
                        "Add the expression/function to every SELECT, or move the UNION into a FROM clause.", null);
            }
            keys.add(new SortKey(column, item.descending(), item.nullsFirst() != null ? item.nullsFirst() : item.descending()));
        }
        Operator op = body.root();
        Bound limit = SelectExecutor.countExpression(o.limit(), "LIMIT");
        Bound offset = SelectExecutor.countExpression(o.offset(), "OFFSET");
        long[] counts = new long[2];
        PlanHooks hooks = planner.hooks();
        if (!keys.isEmpty() && !SortedUnion.ordersBy(op, keys.stream()
                .map(k -> new int[] {k.column(), k.descending() ? 1 : 0, k.nullsFirst() ? 1 : 0}).toList())) {
            List<Bound> outputs = new ArrayList<>();
            for (int i = 0; i < body.columns().size(); i++) {
                outputs.add(new Bound.Slot(i, body.columns().get(i).type(), 0, 0));
            }
            Operator in = op;
            op = hooks.sort(sort(in, keys, limit, counts, planner.tick()), in, explainKeys(keys, outputs), hooks.outputNamer(in,
                    (index, qualify, d) -> index < body.columns().size() ? PlanHooks.ident(body.columns().get(index).name()) : null));
        }
        Operator in = op;
        op = limit(in, limit, offset, counts);
        if (op != in) {
            op = hooks.limit(op, in, limit, offset);
        }
        return new QueryPlanner.Planned(op, body.columns());
    }
}

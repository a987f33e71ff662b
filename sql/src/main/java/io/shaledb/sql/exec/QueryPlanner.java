package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.exec.JoinPlanner.From;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Project;
import io.shaledb.sql.exec.op.RecursiveUnion;
import io.shaledb.sql.exec.op.Rows;
import io.shaledb.sql.exec.op.SetOperation;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed query into a tree of {@link Operator}s: binds names against FROM clauses
 * ({@link Namespace}), plans subqueries, set operations, CTEs and VALUES. The SELECT block
 * itself (grouping, projection, DISTINCT, ORDER BY, LIMIT) is {@link SelectPlanner}'s job, join
 * ordering {@link JoinPlanner}'s.
 *
 * <p><b>One row layout per SELECT.</b> Every relation of a FROM clause gets a range of slots in one
 * row; a table's range holds its columns and then {@code xmin, xmax}. Scans write their narrow rows
 * into their range ({@link Place}), joins merge rows (each side fills only its own slots), so every
 * bound expression over the FROM clause is valid at any height of the join tree.
 *
 * <p><b>Joins.</b> Comma-separated items and inner joins flatten into one group of inputs plus one
 * list of conjuncts (WHERE and ON split at AND). Each conjunct that touches one input filters that
 * input; the rest are placed greedily: starting from the first input, the next input joined is one
 * that an equality conjunct connects to what is joined so far (a hash join on those equalities),
 * else one some other conjunct connects (nested loop with that condition), else the next one (a
 * cross product, only when nothing connects them). Outer joins stay where they are written; an
 * outer join's ON equalities between its two sides become hash keys too.
 *
 * <pre>
 *   FROM a, b, c WHERE a.x = 1 AND b.y = a.y AND c.z = b.z
 *
 *            HashJoin(b.z = c.z)
 *             /              \
 *     HashJoin(a.y = b.y)   Place(scan c)
 *      /           \
 *   Filter(a.x=1)  Place(scan b)
 *      |
 *   Place(scan a)
 * </pre>
 */
final class QueryPlanner {

    /** A planned query: the operator tree and its output columns. */
    record Planned(Operator root, List<ColumnInfo> columns) {
        List<SqlType> types() {
            return columns.stream().map(ColumnInfo::type).toList();
        }
    }

    /** What a name in FROM can mean besides a table: a CTE in scope or a recursive CTE's work table. */
    record CteDef(Query.Cte cte, Env env, boolean recursive) {}

    record WorkTable(List<List<Object[]>> holder, List<String> names, List<SqlType> types) {}

    /** The CTE names visible at a point of the query, innermost first. */
    record Env(Env parent, Map<String, Object> entries) {
        static final Env EMPTY = new Env(null, Map.of());

        Object lookup(String name) {
            for (Env e = this; e != null; e = e.parent) {
                Object v = e.entries.get(name);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    private final Executor executor;
    private final Transaction tx;
    private final Runnable tick;
    /** CREATE VIEW's recorder of what the query uses, or null. */
    private ViewDependencies dependencies;
    /** The views being expanded, innermost first: their names resolve through their stored references. */
    private final java.util.ArrayDeque<io.shaledb.sql.catalog.View> expanding = new java.util.ArrayDeque<>();

    /** EXPLAIN's hooks: those of the EXPLAIN running on this thread, else ones that do nothing. */
    private final PlanHooks hooks = PlanHooks.current();

    QueryPlanner(Executor executor, Transaction tx) {
        this.executor = executor;
        this.tx = tx;
        this.tick = tx == null ? () -> { } : tx::checkCancelled;
    }

    PlanHooks hooks() {
        return hooks;
    }

    Executor executor() {
        return executor;
    }

    Transaction transaction() {
        return tx;
    }

    Runnable tick() {
        return tick;
    }

    /** Makes this planner record what the query uses into {@code d} (CREATE VIEW). */
    QueryPlanner recording(ViewDependencies d) {
        this.dependencies = d;
        return this;
    }

    /** The recorder for the query being planned, or null (none, or inside an expanded view). */
    ViewDependencies dependencies() {
        return expanding.isEmpty() ? dependencies : null;
    }

    /** Notes that the query reads {@code b} (for a view's column dependencies). */
    void noteUse(Bound b) {
        ViewDependencies d = dependencies();
        if (d != null) {
            d.use(b);
        }
    }

    /** The view whose stored query is being planned (innermost), or null. */
    io.shaledb.sql.catalog.View expandingView() {
        return expanding.peek();
    }

    /** Plans a top-level query. */
    Planned plan(Query q) {
        return plan(q, null, Env.EMPTY, false);
    }

    /**
     * Plans {@code q}. {@code outer} is the enclosing query level for correlated references (null
     * at top level); {@code keepUnknown} leaves untyped literal output columns of type unknown (for
     * set-operation operands, whose types are unified afterwards).
     */
    Planned plan(Query q, Correlation.Outer outer, Env env, boolean keepUnknown) {
        return switch (q) {
            case Statement.Select s -> new SelectPlanner(this, s, outer, env, keepUnknown).plan();
            case Query.Values v -> values(v, outer, keepUnknown);
            case Query.SetOp op -> setOp(op, outer, env, keepUnknown);
            case Query.Ordered o -> SelectPlanner.ordered(this, plan(o.body(), outer, env, keepUnknown), o, outer);
            case Query.With w -> plan(w.body(), outer, with(w, env), keepUnknown);
        };
    }

    /** Binds a subquery expression found while binding in {@code binder}. */
    Bound bindSubquery(Binder binder, Expr.Subquery s) {
        Correlation.Holder holder = new Correlation.Holder();
        hooks.outer(holder, binder);
        Planned p = plan(s.query(), new Correlation.Outer(binder, holder), currentEnv, false);
        if (s.kind() != Expr.SubqueryKind.EXISTS && p.columns().size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, s.kind() == Expr.SubqueryKind.SCALAR || s.kind() == Expr.SubqueryKind.ARRAY
                    ? "subquery must return only one column" : "subquery has too many columns", s.pos() + 1);
        }
        return switch (s.kind()) {
            case SCALAR -> new Correlation.SubqueryValue(s.kind(), p.root(), holder, null, null, p.types().getFirst());
            case EXISTS -> new Correlation.SubqueryValue(s.kind(), p.root(), holder, null, null, SqlType.BOOLEAN);
            case ARRAY -> new Correlation.SubqueryValue(s.kind(), p.root(), holder, null, null,
                    ArraySubqueries.arrayType(p.types().getFirst(), s.pos()));
            case IN, ANY, ALL -> {
                Bound operand = binder.bind(s.operand());
                SqlType inner = p.types().getFirst();
                if (operand.type() == SqlType.UNKNOWN) {
                    operand = Binder.coerceUnknown(operand, s.operand(), inner == SqlType.UNKNOWN ? SqlType.TEXT : inner);
                }
                Bound compare = binder.comparison(s.op(), new Bound.Slot(0, operand.type(), 0, 0), s.operand(),
                        new Bound.Slot(1, inner, 0, 0), s, s.pos());
                yield new Correlation.SubqueryValue(s.kind(), p.root(), holder, operand, compare, SqlType.BOOLEAN);
            }
        };
    }

    /** The CTEs visible where the SELECT being planned is; subqueries in its expressions see them too. */
    private Env currentEnv = Env.EMPTY;

    Env enterEnv(Env env) {
        Env previous = currentEnv;
        currentEnv = env;
        return previous;
    }

    // ------------------------------------------------------------------ WITH

    private Env with(Query.With w, Env env) {
        Env current = env;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Query.Cte cte : w.ctes()) {
            if (!names.add(cte.name().name())) {
                throw new SqlException(SqlState.DUPLICATE_ALIAS, "WITH query name \"" + cte.name().name()
                        + "\" specified more than once", cte.name().pos() + 1);
            }
            Map<String, Object> entries = new HashMap<>();
            entries.put(cte.name().name(), new CteDef(cte, current, w.recursive() && referencesItself(cte)));
            current = new Env(current, entries);
        }
        return current;
    }

    /** True when the CTE's query names the CTE (a FROM item with its name anywhere inside). */
    private static boolean referencesItself(Query.Cte cte) {
        return names(cte.query(), cte.name().name());
    }

    /** PostgreSQL's restrictions on where a recursive CTE may name itself (42P19). */
    private static void checkRecursion(Query.Cte cte, Query.SetOp op) {
        String name = cte.name().name();
        List<FromItem.Named> inBase = new ArrayList<>();
        references(op.left(), name, false, inBase, new ArrayList<>());
        if (!inBase.isEmpty()) {
            throw recursionError("recursive reference to query \"" + name + "\" must not appear within its non-recursive term",
                    inBase.getFirst());
        }
        List<FromItem.Named> direct = new ArrayList<>();
        List<FromItem.Named> nested = new ArrayList<>();
        references(op.right(), name, false, direct, nested);
        if (!nested.isEmpty()) {
            throw recursionError("recursive reference to query \"" + name + "\" must not appear within a subquery",
                    nested.getFirst());
        }
        if (direct.size() > 1) {
            throw recursionError("recursive reference to query \"" + name + "\" must not appear more than once", direct.get(1));
        }
    }

    private static SqlException recursionError(String message, FromItem.Named at) {
        return new SqlException(SqlState.INVALID_RECURSION, message, at.pos() + 1);
    }

    /** Collects the FROM items named {@code name} in {@code node}, split by whether they sit inside a subquery expression. */
    private static void references(Object node, String name, boolean inSubquery, List<FromItem.Named> direct,
                                   List<FromItem.Named> nested) {
        switch (node) {
            case null -> { }
            case FromItem.Named n when n.ref().name().equals(name) -> (inSubquery ? nested : direct).add(n);
            case Expr.Subquery q -> {
                references(q.operand(), name, inSubquery, direct, nested);
                references(q.query(), name, true, direct, nested);
            }
            case List<?> list -> list.forEach(x -> references(x, name, inSubquery, direct, nested));
            case Record r -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(r.getClass())) {
                    try {
                        references(c.invoke(r), name, inSubquery, direct, nested);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
                    }
                }
            }
            default -> { }
        }
    }

    /** True when {@code node} (any AST record, walked through its components) has a FROM item named {@code name}. */
    private static boolean names(Object node, String name) {
        return switch (node) {
            case null -> false;
            case FromItem.Named n -> n.ref().name().equals(name);
            case List<?> list -> list.stream().anyMatch(x -> names(x, name));
            case Record r -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(r.getClass())) {
                    try {
                        if (names(c.invoke(r), name)) {
                            yield true;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    /** Plans a reference to a CTE: the CTE's query, once per reference (or its recursive iteration). */
    Planned cte(CteDef def, Correlation.Outer outer) {
        Query.Cte cte = def.cte();
        if (!def.recursive()) {
            return rename(plan(cte.query(), outer, def.env(), false), cte, cte.name().name());
        }
        Query body = cte.query();
        if (!(body instanceof Query.SetOp op) || op.kind() != Query.SetOpKind.UNION) {
            throw new SqlException(SqlState.INVALID_RECURSION, "recursive query \"" + cte.name().name()
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term", cte.name().pos() + 1);
        }
        checkRecursion(cte, op);
        Planned base = plan(op.left(), outer, def.env(), false);
        base = rename(base, cte, cte.name().name());
        List<List<Object[]>> holder = new ArrayList<>();
        holder.add(List.of());
        List<String> names = base.columns().stream().map(ColumnInfo::name).toList();
        Map<String, Object> self = new HashMap<>();
        self.put(cte.name().name(), new WorkTable(holder, names, base.types()));
        Planned rec = plan(op.right(), outer, new Env(def.env(), self), false);
        if (rec.columns().size() != base.columns().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns", op.pos() + 1);
        }
        Operator recOp = convert(rec, base.types());
        hooks.same(recOp, rec.root());
        return new Planned(hooks.recursiveUnion(new RecursiveUnion(base.root(), recOp, holder, op.all(), tick), base.root(), recOp),
                base.columns());
    }

    /** A view's stored query, parsed and planned afresh, under the view's column names. */
    Planned view(io.shaledb.sql.catalog.View view) {
        if (expanding.contains(view)) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "infinite recursion detected in rules for relation \""
                    + view.name() + "\"");
        }
        expanding.push(view);
        Planned p;
        try {
            p = plan(io.shaledb.sql.parser.Parser.parseQuery(view.sql()), null, Env.EMPTY, false);
        } finally {
            expanding.pop();
        }
        if (!view.types().isEmpty() && p.columns().size() > view.columns().size()) {
            // the query's * now sees columns added after CREATE VIEW; the view keeps its own (PostgreSQL expands * once)
            List<Bound> keep = new ArrayList<>();
            for (int i = 0; i < view.columns().size(); i++) {
                keep.add(new Bound.Slot(i, p.columns().get(i).type(), 0, 0));
            }
            p = new Planned(hooks.same(new io.shaledb.sql.exec.op.Project(p.root(), keep), p.root()),
                    p.columns().subList(0, view.columns().size()));
        }
        List<ColumnInfo> cols = new ArrayList<>(p.columns());
        for (int i = 0; i < view.columns().size() && i < cols.size(); i++) {
            cols.set(i, new ColumnInfo(view.columns().get(i), cols.get(i).type()));
        }
        return new Planned(p.root(), cols);
    }

    /** Applies a CTE's column list to a plan's output names. */
    private static Planned rename(Planned p, Query.Cte cte, String name) {
        if (cte.columns().isEmpty()) {
            return p;
        }
        if (cte.columns().size() > p.columns().size()) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + name + "\" has " + p.columns().size()
                    + " columns available but " + cte.columns().size() + " columns specified", cte.name().pos() + 1);
        }
        List<ColumnInfo> cols = new ArrayList<>(p.columns());
        for (int i = 0; i < cte.columns().size(); i++) {
            cols.set(i, new ColumnInfo(cte.columns().get(i).name(), cols.get(i).type()));
        }
        return new Planned(p.root(), cols);
    }

    // ------------------------------------------------------------------ VALUES and set operations

    private Planned values(Query.Values v, Correlation.Outer outer, boolean keepUnknown) {
        Binder binder = new Binder(new Binder.Scope(null, null, Namespace.EMPTY, outer, this), "VALUES");
        int width = v.rows().getFirst().size();
        List<List<Bound>> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Expr> column = new ArrayList<>();
            for (List<Expr> row : v.rows()) {
                Expr e = row.get(c);
                if (e instanceof Expr.Default d) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DEFAULT is not allowed in this context", d.pos() + 1);
                }
                column.add(e);
            }
            List<Bound> bound = binder.commonType(column, "VALUES");
            boolean allUnknown = true;
            for (Expr e : column) {
                allUnknown &= e instanceof Expr.Literal l && (l.value() == null || l.value() instanceof String);
            }
            if (allUnknown && keepUnknown) {
                List<Bound> raw = new ArrayList<>();
                for (Expr e : column) {
                    raw.add(binder.bind(e));
                }
                bound = raw;
            }
            columns.add(bound);
            types.add(allUnknown && keepUnknown ? SqlType.UNKNOWN : bound.getFirst().type());
        }
        List<ColumnInfo> infos = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            infos.add(new ColumnInfo("column" + (c + 1), types.get(c)));
        }
        int rows = v.rows().size();
        Object[] empty = new Object[0];
        Operator op = new Rows(() -> {
            List<Object[]> out = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = columns.get(c).get(r).eval(empty);
                }
                out.add(row);
            }
            return out;
        });
        return new Planned(hooks.values(op, rows, types), infos);
    }

    private Planned setOp(Query.SetOp op, Correlation.Outer outer, Env env, boolean keepUnknown) {
        Planned l = plan(op.left(), outer, env, true);
        Planned r = plan(op.right(), outer, env, true);
        String name = op.kind().name();
        if (l.columns().size() != r.columns().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each " + name + " query must have the same number of columns",
                    firstPos(op.right()) + 1);
        }
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < l.columns().size(); i++) {
            SqlType a = l.types().get(i);
            SqlType b = r.types().get(i);
            SqlType t;
            if (a == b) {
                t = a == SqlType.UNKNOWN && !keepUnknown ? SqlType.TEXT : a;
            } else if (a == SqlType.UNKNOWN) {
                t = b;
            } else if (b == SqlType.UNKNOWN) {
                t = a;
            } else if (Values.isNumeric(a) && Values.isNumeric(b)) {
                t = Values.widerNumeric(a, b);
            } else if ((a.isOidLike() || b.isOidLike()) && Operators.common(a, b) != null) {
                t = Operators.common(a, b); // regclass UNION integer OIDs (psql's \d): oid
            } else {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, name + " types " + a.sqlName() + " and " + b.sqlName()
                        + " cannot be matched", firstPos(op.right()) + 1);
            }
            types.add(t);
        }
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            cols.add(new ColumnInfo(l.columns().get(i).name(), types.get(i)));
        }
        SetOperation.Kind kind = SetOperation.Kind.valueOf(name);
        Operator lo = hooks.same(convert(l, types), l.root());
        Operator ro = hooks.same(convert(r, types), r.root());
        if (kind == SetOperation.Kind.UNION && !op.all() && !io.shaledb.sql.plan.PlannerSwitches.current().hashAgg()) {
            return new Planned(SortedUnion.plan(hooks, lo, ro, types.size(), tick()), cols); // Unique over Sort over Append
        }
        return new Planned(hooks.setOp(new SetOperation(kind, op.all(), lo, ro), kind, op.all(), lo, ro, types.size()), cols);
    }

    private static int firstPos(Query q) {
        return switch (q) {
            case Statement.Select s -> s.items().isEmpty() ? 0 : s.items().getFirst().pos();
            case Query.Values v -> v.pos();
            case Query.SetOp o -> firstPos(o.left());
            case Query.Ordered o -> firstPos(o.body());
            case Query.With w -> firstPos(w.body());
        };
    }

    /** The plan's rows converted to {@code types} column by column (unknown literals read as the type). */
    static Operator convert(Planned p, List<SqlType> types) {
        boolean same = true;
        List<Bound> exprs = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            SqlType from = p.types().get(i);
            SqlType to = types.get(i);
            Bound slot = new Bound.Slot(i, from == SqlType.UNKNOWN ? SqlType.TEXT : from, 0, 0);
            if (from == to) {
                exprs.add(slot);
            } else {
                same = false;
                exprs.add(new Bound.Convert(slot, from == SqlType.UNKNOWN ? SqlType.TEXT : from, to, -1, false));
            }
        }
        return same ? p.root() : new Project(p.root(), exprs);
    }

    // ------------------------------------------------------------------ FROM

    /** The operator producing the FROM clause's rows (full layout) filtered by {@code where}'s conjuncts. */
    Operator assemble(From from, List<Bound> where) {
        return new JoinPlanner(tick, hooks).assemble(from, where);
    }

    /** Plans the FROM list of a SELECT; {@code outer} is the level enclosing the SELECT. */
    From from(List<FromItem> items, Correlation.Outer outer, Env env) {
        return new FromPlanner(this).from(items, outer, env);
    }

    /** Splits a condition at AND into its conjuncts. */
    static void flatten(Bound b, List<Bound> out) {
        if (b instanceof Bound.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(b);
        }
    }

    /** The relation name under which {@code col} is visible in {@code ns}, for messages. */
    static String relationOf(Namespace ns, Namespace.Column col) {
        for (String rel : ns.relationNames()) {
            List<Namespace.Column> cols = ns.star(rel);
            if (cols != null && cols.contains(col)) {
                return rel;
            }
        }
        return null;
    }
}

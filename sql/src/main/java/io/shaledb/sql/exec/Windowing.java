package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.CallClauses;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.WindowSpec;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The window functions of one SELECT block, collected while its target list and ORDER BY are
 * bound (as {@link Grouping} collects aggregates). Each call becomes a {@link WindowOperator.Function}
 * over a {@link WindowOperator.Window} (equal PARTITION BY / ORDER BY share one), and the call
 * itself binds to a {@link Ref}: a read of the value the operator appends to the row.
 *
 * <pre>
 *   window input row = [ FROM row, or group row [keys | aggregates] ]
 *   window output    = [ window input row ... | fn_0 .. fn_{W-1} ]      Ref(i) reads fn_i
 * </pre>
 *
 * Named windows follow PostgreSQL: {@code OVER w} uses w as is; {@code OVER (w ...)} copies w's
 * PARTITION BY, may add an ORDER BY only if w has none and a frame, and never copies a w that has
 * a frame.
 */
final class Windowing {
    /** Window-misuse contexts that are not "not allowed in CLAUSE". */
    static final String IN_AGGREGATE = "\u0000aggregate";
    static final String NESTED = "\u0000nested";

    private static final java.util.Set<String> WINDOW_FUNCTIONS = java.util.Set.of("row_number", "rank", "dense_rank",
            "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value");

    private final Map<String, WindowSpec> named = new LinkedHashMap<>();
    private final Binder argBinder;
    private final Binder defBinder;
    private final Grouping grouping;
    private final Binder.Scope scope;
    private final List<WindowOperator.Window> windows = new ArrayList<>();
    private final Map<List<Object>, Integer> windowIndex = new HashMap<>();
    private final List<WindowOperator.Function> functions = new ArrayList<>();
    /** Names of WINDOW definitions some OVER clause (or definition) referred to. */
    private final java.util.Set<String> used = new java.util.HashSet<>();

    Windowing(Binder.Scope scope, Grouping grouping, List<WindowSpec.Definition> definitions) {
        this.scope = scope;
        this.grouping = grouping;
        this.argBinder = new Binder(scope, null, grouping, null, NESTED);
        this.defBinder = new Binder(scope, null, grouping, null, "window definitions");
        for (WindowSpec.Definition d : definitions) {
            if (named.containsKey(d.name())) {
                throw new SqlException(SqlState.WINDOWING_ERROR, "window \"" + d.name() + "\" is already defined",
                        d.spec().pos() + 1);
            }
            named.put(d.name(), d.spec());
        }
    }

    static boolean isWindowFunction(String name) {
        return WINDOW_FUNCTIONS.contains(name);
    }

    /** The window-misuse context of a binder for {@code clause} (null: an aggregate's arguments). */
    static String contextOf(String clause) {
        if (clause == null) {
            return IN_AGGREGATE;
        }
        return clause.equals("JOIN/ON") ? "JOIN conditions" : clause;
    }

    static SqlException misuse(String context, int pos) {
        if (context.equals(IN_AGGREGATE)) {
            return new SqlException(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls", pos + 1);
        }
        if (context.equals(NESTED)) {
            return new SqlException(SqlState.WINDOWING_ERROR, "window function calls cannot be nested", pos + 1);
        }
        return new SqlException(SqlState.WINDOWING_ERROR, "window functions are not allowed in " + context, pos + 1);
    }

    /**
     * Checks a call with OVER, FILTER or aggregate ORDER BY, or of a window function, and binds it
     * when it is a window call; null when the call is left to the aggregate and function paths.
     */
    static Bound bindCall(Expr.FunctionCall f, Windowing windowing, String context) {
        boolean window = isWindowFunction(f.name());
        boolean aggregate = Aggregates.isAggregate(f.name());
        CallClauses c = f.clauses();
        if (f.over() == null) {
            if (window) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "window function " + f.name() + " requires an OVER clause",
                        f.pos() + 1);
            }
            if (!aggregate) {
                String what = c.filter() != null ? "FILTER" : "ORDER BY";
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, what + " specified, but " + f.name()
                        + " is not an aggregate function", f.pos() + 1);
            }
            return null;
        }
        if (!window && !aggregate) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "OVER specified, but " + f.name()
                    + " is not a window function nor an aggregate function", f.pos() + 1);
        }
        if (window && c.filter() != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "FILTER is not implemented for non-aggregate window functions",
                    f.pos() + 1);
        }
        if (window && (f.distinct() || !c.orderBy().isEmpty())) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, (f.distinct() ? "DISTINCT" : "ORDER BY")
                    + " specified, but " + f.name() + " is not an aggregate function", f.pos() + 1);
        }
        if (aggregate && f.distinct()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions", f.pos() + 1);
        }
        if (aggregate && !c.orderBy().isEmpty()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "aggregate ORDER BY is not implemented for window functions",
                    f.pos() + 1);
        }
        if (windowing == null) {
            throw misuse(context, f.pos());
        }
        return windowing.resolve(f);
    }

    List<WindowOperator.Window> windows() {
        return windows;
    }

    List<WindowOperator.Function> functions() {
        return functions;
    }

    /** Reads window function {@code index}'s value: the operator appends all values at the row's end. */
    record Ref(int index, SqlType type, List<WindowOperator.Function> all)
            implements Bound.Extension, io.shaledb.sql.exec.explain.ExplainableExpr {
        @Override
        public Object eval(Object[] row) {
            return row[row.length - all.size() + index];
        }

        /** As PostgreSQL's EXPLAIN shows a window function: {@code row_number() OVER (?)}. */
        @Override
        public String deparse(io.shaledb.sql.exec.explain.Deparser d) {
            WindowOperator.Function f = all.get(index);
            return f.name() + "(" + (f.aggregate() != null && f.args().isEmpty() && f.name().equals("count") ? "*" : d.list(f.args()))
                    + ") OVER (?)";
        }
    }

    private Bound resolve(Expr.FunctionCall f) {
        WindowSpec spec = effective(f.over());
        int window = window(spec);
        WindowOperator.Frame frame = frame(spec, windows.get(window));
        String name = f.name();
        List<Bound> args = new ArrayList<>();
        Aggregates.Spec aggregate = null;
        SqlType type;
        if (!isWindowFunction(name)) {
            aggregate = Grouping.aggregateSpec(f, argBinder, new Binder(scope, "FILTER", grouping));
            type = aggregate.type();
        } else {
            for (Expr a : f.args()) {
                args.add(argBinder.bind(a));
            }
            type = windowFunctionType(f, args);
        }
        functions.add(new WindowOperator.Function(name, List.copyOf(args), aggregate, window, frame, type));
        return new Ref(functions.size() - 1, type, functions);
    }

    /** Checks a window function's arguments (coercing untyped literals in {@code args}) and returns its type. */
    private static SqlType windowFunctionType(Expr.FunctionCall f, List<Bound> args) {
        List<SqlType> types = args.stream().map(Bound::type).toList();
        switch (f.name()) {
            case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist" -> {
                if (!args.isEmpty() || f.star()) {
                    if (f.name().equals("row_number")) {
                        throw Binder.noFunction(f, types);
                    }
                    throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "WITHIN GROUP is required for ordered-set aggregate "
                            + f.name(), f.pos() + 1);
                }
                return switch (f.name()) {
                    case "percent_rank", "cume_dist" -> SqlType.DOUBLE;
                    default -> SqlType.BIGINT;
                };
            }
            case "ntile" -> {
                if (args.size() == 1 && integral(args, f, 0)) {
                    return SqlType.INTEGER;
                }
            }
            case "first_value", "last_value" -> {
                if (args.size() == 1) {
                    return value(args, f);
                }
            }
            case "nth_value" -> {
                if (args.size() == 2 && integral(args, f, 1)) {
                    return value(args, f);
                }
            }
            case "lag", "lead" -> {
                if (!args.isEmpty() && args.size() <= 3 && (args.size() < 2 || integral(args, f, 1))) {
                    SqlType t = value(args, f);
                    if (args.size() < 3) {
                        return t;
                    }
                    Bound d = args.get(2);
                    if (d.type() == SqlType.UNKNOWN) {
                        args.set(2, Binder.coerceUnknown(d, f.args().get(2), t));
                        return t;
                    }
                    if (d.type() == t) {
                        return t;
                    }
                    if (Values.isNumeric(t) && Values.isNumeric(d.type())) {
                        SqlType wide = Values.widerNumeric(t, d.type());
                        for (int i : new int[] {0, 2}) {
                            if (args.get(i).type() != wide) {
                                args.set(i, new Bound.Convert(args.get(i), args.get(i).type(), wide, -1, false));
                            }
                        }
                        return wide;
                    }
                }
            }
            default -> throw new IllegalStateException("window function " + f.name());
        }
        throw Binder.noFunction(f, types);
    }

    /** The value argument (anyelement: an untyped literal cannot decide its type). */
    private static SqlType value(List<Bound> args, Expr.FunctionCall f) {
        if (args.getFirst().type() == SqlType.UNKNOWN) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH,
                    "could not determine polymorphic type because input has type unknown");
        }
        return args.getFirst().type();
    }

    /** True when argument {@code i} is (or, as an untyped literal, becomes) an integer. */
    private static boolean integral(List<Bound> args, Expr.FunctionCall f, int i) {
        Bound b = args.get(i);
        if (b.type() == SqlType.UNKNOWN) {
            args.set(i, Binder.coerceUnknown(b, f.args().get(i), SqlType.INTEGER));
            return true;
        }
        if (b.type() == SqlType.INTEGER) {
            return true;
        }
        if (Values.castContext(b.type(), SqlType.INTEGER) == Values.CastContext.IMPLICIT) {
            args.set(i, new Bound.Convert(b, b.type(), SqlType.INTEGER, -1, false));
            return true;
        }
        return false;
    }

    /** The window an OVER clause means, after resolving a named window (PostgreSQL's inheritance rules). */
    private WindowSpec effective(WindowSpec over) {
        if (over.ref() == null) {
            return over;
        }
        WindowSpec base = named.get(over.ref());
        // a WINDOW definition sees only the definitions before it
        List<String> names = new ArrayList<>(named.keySet());
        int definition = names.indexOf(definitionName(over));
        if (base == null || (definition >= 0 && names.indexOf(over.ref()) >= definition)) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "window \"" + over.ref() + "\" does not exist", over.pos() + 1);
        }
        used.add(over.ref());
        base = effective(base);
        if (over.bare()) {
            return new WindowSpec(null, false, base.partitionBy(), base.orderBy(), base.frame(), over.pos());
        }
        String quoted = "\"" + over.ref() + "\"";
        if (!over.partitionBy().isEmpty()) {
            throw new SqlException(SqlState.WINDOWING_ERROR, "cannot override PARTITION BY clause of window " + quoted,
                    over.pos() + 1);
        }
        if (!over.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw new SqlException(SqlState.WINDOWING_ERROR, "cannot override ORDER BY clause of window " + quoted,
                    over.pos() + 1);
        }
        if (base.frame() != null) {
            boolean plain = over.orderBy().isEmpty() && over.frame() == null;
            throw new SqlException(SqlState.WINDOWING_ERROR, "cannot copy window " + quoted + " because it has a frame clause",
                    over.pos() + 1, null, plain ? "Omit the parentheses in this OVER clause." : null, null);
        }
        return new WindowSpec(null, false, base.partitionBy(),
                over.orderBy().isEmpty() ? base.orderBy() : over.orderBy(), over.frame(), over.pos());
    }

    /** The name of the WINDOW definition {@code spec} is (by identity), or null for an OVER clause. */
    private String definitionName(WindowSpec spec) {
        for (Map.Entry<String, WindowSpec> e : named.entrySet()) {
            if (e.getValue() == spec) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Binds the WINDOW definitions no call used, for their errors only (PostgreSQL transforms every
     * definition, after the target list and ORDER BY).
     */
    void checkUnusedDefinitions() {
        for (Map.Entry<String, WindowSpec> e : named.entrySet()) {
            if (used.contains(e.getKey())) {
                continue;
            }
            WindowSpec spec = effective(e.getValue());
            for (Expr p : spec.partitionBy()) {
                defBinder.bind(p);
            }
            for (Statement.OrderItem o : spec.orderBy()) {
                defBinder.bind(o.expr());
            }
        }
    }

    /** The index of the window with this PARTITION BY and ORDER BY, adding it when new. */
    private int window(WindowSpec spec) {
        List<Bound> partition = new ArrayList<>();
        for (Expr e : spec.partitionBy()) {
            partition.add(Binder.resolveUnknownAsText(defBinder.bind(e)));
        }
        List<WindowOperator.OrderKey> order = new ArrayList<>();
        for (Statement.OrderItem o : spec.orderBy()) {
            order.add(new WindowOperator.OrderKey(Binder.resolveUnknownAsText(defBinder.bind(o.expr())), o.descending(),
                    o.nullsFirst() != null ? o.nullsFirst() : o.descending()));
        }
        List<Object> key = List.of(partition, order);
        Integer index = windowIndex.get(key);
        if (index == null) {
            index = windows.size();
            windows.add(new WindowOperator.Window(List.copyOf(partition), List.copyOf(order)));
            windowIndex.put(key, index);
        }
        return index;
    }

    private WindowOperator.Frame frame(WindowSpec spec, WindowOperator.Window window) {
        WindowSpec.Frame f = spec.frame();
        if (f == null) {
            return WindowOperator.Frame.DEFAULT;
        }
        if (f.mode() == WindowSpec.Mode.GROUPS && window.order().isEmpty()) {
            throw new SqlException(SqlState.WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause", spec.pos() + 1);
        }
        boolean offsets = f.start().offset() != null || f.end().offset() != null;
        if (f.mode() == WindowSpec.Mode.RANGE && offsets && window.order().size() != 1) {
            throw new SqlException(SqlState.WINDOWING_ERROR,
                    "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", spec.pos() + 1);
        }
        return new WindowOperator.Frame(f.mode(), f.start().kind(), offset(f.mode(), f.start(), window),
                f.end().kind(), offset(f.mode(), f.end(), window), f.exclude());
    }

    /** A frame offset: a constant expression, bigint for ROWS/GROUPS, the ORDER BY column's type for RANGE. */
    private Bound offset(WindowSpec.Mode mode, WindowSpec.Bound bound, WindowOperator.Window window) {
        Expr e = bound.offset();
        if (e == null) {
            return null;
        }
        boolean[] variable = {false};
        Grouping.strip(e, c -> {
            variable[0] = true;
            return c;
        });
        if (variable[0]) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "argument of " + mode + " must not contain variables",
                    e.pos() + 1);
        }
        Binder binder = new Binder(new Binder.Scope(null, null, Namespace.EMPTY, scope.outer(), scope.planner()), mode.name());
        Bound b = binder.bind(e);
        if (mode != WindowSpec.Mode.RANGE) {
            if (b.type() == SqlType.UNKNOWN) {
                return Binder.coerceUnknown(b, e, SqlType.BIGINT);
            }
            if (b.type() == SqlType.BIGINT) {
                return b;
            }
            if (Values.castContext(b.type(), SqlType.BIGINT) == Values.CastContext.NONE || !Values.isNumeric(b.type())) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of " + mode + " must be type bigint, not type "
                        + b.type().sqlName(), e.pos() + 1);
            }
            return new Bound.Convert(b, b.type(), SqlType.BIGINT, -1, true);
        }
        SqlType column = window.order().getFirst().expr().type();
        // PostgreSQL also has in_range for date/time columns with interval offsets; not here yet
        boolean dateTime = switch (column) {
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> true;
            default -> false;
        };
        if (!Values.isNumeric(column) && !dateTime) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + column.sqlName(), e.pos() + 1);
        }
        if (b.type() == SqlType.UNKNOWN && !dateTime) {
            return Binder.coerceUnknown(b, e, column);
        }
        boolean integralColumn = integral(column);
        boolean integralOffset = integral(b.type());
        if (dateTime || !Values.isNumeric(b.type()) || (integralColumn && !integralOffset)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + column.sqlName()
                            + " and offset type " + b.type().sqlName(), e.pos() + 1, null,
                    "Cast the offset value to an appropriate type.", null);
        }
        return b;
    }

    private static boolean integral(SqlType t) {
        return t == SqlType.SMALLINT || t == SqlType.INTEGER || t == SqlType.BIGINT;
    }

    /** True when a window specification contains an aggregate call (making the query grouped). */
    static boolean containsAggregate(WindowSpec w) {
        if (w == null) {
            return false;
        }
        return w.partitionBy().stream().anyMatch(Grouping::containsAggregate)
                || w.orderBy().stream().anyMatch(o -> Grouping.containsAggregate(o.expr()));
    }

    /** True when {@code e} contains a window function call (outside subqueries). */
    static boolean containsWindow(Expr e) {
        return switch (e) {
            case null -> false;
            case Expr.FunctionCall f -> f.over() != null || f.args().stream().anyMatch(Windowing::containsWindow);
            case Expr.Unary u -> containsWindow(u.operand());
            case Expr.Binary b -> containsWindow(b.left()) || containsWindow(b.right());
            case Expr.IsNull n -> containsWindow(n.operand());
            case Expr.Between b -> containsWindow(b.operand()) || containsWindow(b.low()) || containsWindow(b.high());
            case Expr.InList in -> containsWindow(in.operand()) || in.items().stream().anyMatch(Windowing::containsWindow);
            case Expr.Cast c -> containsWindow(c.operand());
            case Expr.Case c -> containsWindow(c.operand()) || containsWindow(c.otherwise())
                    || c.whens().stream().anyMatch(w -> containsWindow(w.condition()) || containsWindow(w.result()));
            case Expr.Subquery q -> containsWindow(q.operand());
            case Expr.Literal l -> false;
            case Expr.ColumnRef c -> false;
            case Expr.Default d -> false;
            case Expr.Param p -> false;
            case Expr.ArrayConstructor a -> a.items().stream().anyMatch(Windowing::containsWindow);
            case Expr.Subscript x -> containsWindow(x.operand()) || containsWindow(x.index());
            case Expr.Collate c -> containsWindow(c.operand());
            case Expr.ArrayCompare a -> containsWindow(a.operand()) || containsWindow(a.array());
        };
    }

    /** {@link Grouping#strip} of a call's clauses. */
    static CallClauses strip(CallClauses c, UnaryOperator<Expr> r) {
        if (c.isNone()) {
            return c;
        }
        WindowSpec w = c.over();
        WindowSpec over = w == null ? null : new WindowSpec(w.ref(), w.bare(), w.partitionBy().stream().map(r).toList(),
                stripOrder(w.orderBy(), r), w.frame() == null ? null : stripFrame(w.frame(), r), 0);
        return new CallClauses(stripOrder(c.orderBy(), r), c.filter() == null ? null : r.apply(c.filter()), over);
    }

    private static List<Statement.OrderItem> stripOrder(List<Statement.OrderItem> items, UnaryOperator<Expr> r) {
        return items.stream().map(o -> new Statement.OrderItem(r.apply(o.expr()), o.descending(), o.nullsFirst())).toList();
    }

    private static WindowSpec.Frame stripFrame(WindowSpec.Frame f, UnaryOperator<Expr> r) {
        UnaryOperator<WindowSpec.Bound> b = x -> new WindowSpec.Bound(x.kind(), x.offset() == null ? null : r.apply(x.offset()), 0);
        return new WindowSpec.Frame(f.mode(), b.apply(f.start()), b.apply(f.end()), f.exclude(), 0);
    }
}

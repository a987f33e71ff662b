package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement.TableRef;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.TypeMods;
import io.shaledb.sql.types.Values;
import io.shaledb.sql.types.Values.CastContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@link Expr} trees into type-checked {@link Bound} trees: resolves column names against
 * the {@link Scope}, picks operators the way PostgreSQL does (untyped literals take the type of the
 * other side, integers widen to bigint and double precision), inserts conversions, and reports
 * errors with the position of the offending token.
 *
 * <p>In a grouped query a {@link Grouping} is attached: expressions equal to a GROUP BY item and
 * aggregate calls become slots of the group row, and any other column reference is an error.
 * Likewise a {@link Windowing} resolves window calls ({@code f(...) OVER ...}) of a target list
 * or ORDER BY; anywhere else they are PostgreSQL's 42P20/42803 errors for that context.
 */
final class Binder {

    /**
     * The names visible to an expression: at most one table under its alias ({@code table},
     * {@code ref}: UPDATE, DELETE, the locking SELECT), or a FROM clause's {@link Namespace}
     * ({@code ns}) with the enclosing query level ({@code outer}) for correlated references and the
     * {@code planner} that binds subqueries. Any of these may be null.
     */
    record Scope(Table table, TableRef ref, Namespace ns, Correlation.Outer outer, QueryPlanner planner) {
        static final Scope EMPTY = new Scope(null, null);

        Scope(Table table, TableRef ref) {
            this(table, ref, null, null, null);
        }
    }

    private static final String NO_OPERATOR_HINT =
            "No operator matches the given name and argument types. You might need to add explicit type casts.";

    private final Scope scope;
    /** The clause being bound, for "aggregate functions are not allowed in X"; null when aggregates are handled by {@link #grouping}. */
    private final String clause;
    private final Grouping grouping;
    /** Window calls: resolved by {@code windowing}, or an error in {@code windowContext}. */
    private final Windowing windowing;
    private final String windowContext;
    /** Where set-returning calls of a select list go ({@link SelectListSrfs}); null where they are not allowed. */
    private java.util.List<io.shaledb.sql.exec.srf.SrfCall> setReturning;

    Binder(Scope scope, String clause) {
        this(scope, clause, null);
    }

    Binder(Scope scope, String clause, Grouping grouping) {
        this(scope, clause, grouping, null, null);
    }

    /**
     * A binder that resolves window function calls through {@code windowing}; without one, a
     * window call is an error described by {@code windowContext} ({@link Windowing#misuse}),
     * by default derived from {@code clause}.
     */
    Binder(Scope scope, String clause, Grouping grouping, Windowing windowing, String windowContext) {
        this.scope = scope;
        this.clause = clause;
        this.grouping = grouping;
        this.windowing = windowing;
        this.windowContext = windowContext != null ? windowContext : Windowing.contextOf(clause);
    }

    Scope scope() {
        return scope;
    }

    /** Lets this (select list) binder bind set-returning function calls, collecting them in {@code calls}. */
    void allowSetReturning(java.util.List<io.shaledb.sql.exec.srf.SrfCall> calls) {
        this.setReturning = calls;
    }

    /** The set-returning calls bound so far, or null where they are not allowed. */
    java.util.List<io.shaledb.sql.exec.srf.SrfCall> setReturning() {
        return setReturning;
    }

    // ------------------------------------------------------------------ entry points

    Bound bind(Expr e) {
        if (grouping != null) {
            Bound g = grouping.resolve(e);
            if (g != null) {
                return g;
            }
        }
        return switch (e) {
            case Expr.Literal l -> literal(l);
            case Expr.ColumnRef c -> {
                Bound b = column(c);
                if (grouping != null && !(b instanceof Correlation.OuterRef)) {
                    String table = c.table() != null ? c.table() : scope.ns() != null ? qualifierOf(c) : scope.ref().visibleName();
                    throw new SqlException(SqlState.GROUPING_ERROR, "column \"" + table + "." + c.column()
                            + "\" must appear in the GROUP BY clause or be used in an aggregate function", c.pos() + 1);
                }
                yield b;
            }
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.IsNull n -> new Bound.IsNull(bind(n.operand()), n.negated());
            case Expr.Between b -> {
                Bound both = bind(new Expr.Binary("AND",
                        new Expr.Binary(">=", b.operand(), b.low(), b.pos()),
                        new Expr.Binary("<=", b.operand(), b.high(), b.pos()), b.pos()));
                yield b.negated() ? new Bound.Not(both) : both;
            }
            case Expr.InList in -> inList(in);
            case Expr.Cast c -> cast(c);
            case Expr.FunctionCall f -> function(f);
            case Expr.Case c -> caseExpr(c);
            case Expr.Default d -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "DEFAULT is not allowed in this context", d.pos() + 1);
            case Expr.ArrayConstructor a -> ContainerExprs.arrayConstructor(this, a, null);
            case Expr.Subscript x -> ContainerExprs.subscript(this, x);
            case Expr.Collate c -> Collations.bind(this, c);
            case Expr.FieldSelect s -> io.shaledb.sql.exec.srf.FieldSelection.bind(bind(s.operand()), s);
            case Expr.ArrayCompare a -> ContainerExprs.arrayCompare(this, a);
            case Expr.Param p -> QueryParams.bind(p);
            case Expr.Subquery q -> {
                if (scope.planner() == null) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported here yet", q.pos() + 1);
                }
                yield scope.planner().bindSubquery(this, q);
            }
        };
    }

    /** The relation name PostgreSQL shows for an unqualified column in a grouping error. */
    private String qualifierOf(Expr.ColumnRef c) {
        Namespace.Column col = scope.ns().resolve(c, new Namespace.Miss[1]);
        String q = col == null ? null : QueryPlanner.relationOf(scope.ns(), col);
        return q == null ? "?" : q;
    }

    /** The clause name used in "aggregate functions are not allowed in X", or null. */
    String clause() {
        return clause;
    }

    /** Resolves {@code c} in this scope's namespace, then in the enclosing query levels. */
    private Bound namespaceColumn(Expr.ColumnRef c) {
        Namespace.Miss[] miss = {Namespace.Miss.NO_RELATION};
        Namespace.Column col = scope.ns().resolve(c, miss);
        if (col != null) {
            if (scope.planner() != null) {
                scope.planner().noteUse(col.expr());
            }
            return col.expr();
        }
        if (miss[0] == Namespace.Miss.NO_COLUMN && c.table() != null) {
            throw scope.ns().notFound(c, miss[0]);
        }
        if (scope.outer() != null) {
            try {
                return scope.outer().reference(c);
            } catch (SqlException outerMiss) {
                if (outerMiss.state() != SqlState.UNDEFINED_TABLE
                        && (outerMiss.state() != SqlState.UNDEFINED_COLUMN || c.table() != null)) {
                    throw outerMiss;
                }
            }
        }
        throw scope.ns().notFound(c, miss[0]);
    }

    /** Binds a condition: the result must be boolean (an untyped literal is read as one). */
    Bound bindCondition(Expr e, String what) {
        return toBoolean(bind(e), e, what);
    }

    /**
     * Binds {@code e} for storing into {@code column}: an assignment cast, as in INSERT and UPDATE.
     */
    Bound bindAssignment(Expr e, Column column) {
        Bound b = bind(e);
        SqlType to = column.type();
        if (b.type() == SqlType.UNKNOWN) {
            Bound c = coerceUnknown(b, e, to);
            if (column.maxLength() >= 0 && c instanceof Bound.Const k && k.value() != null) {
                return new Bound.Const(TypeMods.apply(k.value(), to, column.maxLength(), true), to);
            }
            return c;
        }
        CastContext ctx = Values.castContext(b.type(), to);
        if (ctx != CastContext.IMPLICIT && ctx != CastContext.ASSIGNMENT) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + column.typeDisplayName() + " but expression is of type " + b.type().sqlName(), e.pos() + 1,
                    null, "You will need to rewrite or cast the expression.", null);
        }
        if (b.type() == to && column.maxLength() < 0) {
            return b;
        }
        return new Bound.Convert(b, b.type(), to, column.maxLength(), true);
    }

    /** The output type of an expression in a SELECT list: unknown becomes text, as in PostgreSQL 10+. */
    static Bound resolveUnknownAsText(Bound b) {
        if (b.type() == SqlType.UNKNOWN && b instanceof Bound.Const c) {
            return new Bound.Const(c.value(), SqlType.TEXT);
        }
        return b;
    }

    // ------------------------------------------------------------------ leaves

    private static Bound literal(Expr.Literal l) {
        Object v = l.value();
        SqlType t = switch (v) {
            case null -> SqlType.UNKNOWN;
            case Integer i -> SqlType.INTEGER;
            case Long x -> SqlType.BIGINT;
            case Double d -> SqlType.DOUBLE;
            case java.math.BigDecimal d -> SqlType.NUMERIC;
            case Short x -> SqlType.SMALLINT;
            case Boolean b -> SqlType.BOOLEAN;
            case String s -> SqlType.UNKNOWN;
            default -> throw new IllegalStateException("literal " + v.getClass());
        };
        return new Bound.Const(v, t);
    }

    Bound column(Expr.ColumnRef c) {
        if (scope.ns() != null) {
            return namespaceColumn(c);
        }
        Table table = scope.table();
        if (c.table() != null) {
            TableRef ref = scope.ref();
            if (ref == null || !c.table().equals(ref.visibleName())) {
                if (ref != null && ref.alias() != null && c.table().equals(ref.name())) {
                    throw new SqlException(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                            + c.table() + "\"", c.pos() + 1, null,
                            "Perhaps you meant to reference the table alias \"" + ref.alias() + "\".", null);
                }
                throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + c.table() + "\"",
                        c.pos() + 1);
            }
            Bound system = systemColumn(table, c.column());
            if (system != null) {
                return system;
            }
            int idx = table.columnIndex(c.column());
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column " + c.table() + "." + c.column() + " does not exist",
                        c.pos() + 1);
            }
            return slot(table, idx);
        }
        Bound system = systemColumn(table, c.column());
        if (system != null) {
            return system;
        }
        int idx = table == null ? -1 : table.columnIndex(c.column());
        if (idx < 0) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c.column() + "\" does not exist", c.pos() + 1);
        }
        return slot(table, idx);
    }

    private static Bound slot(Table table, int idx) {
        return new Bound.Slot(idx, table.column(idx).type(), table.oid(), idx + 1);
    }

    /**
     * A system column of a stored table ({@code xmin}, {@code xmax}: the transactions that created
     * and deleted or locked the row version), or null. They sit after the table's own columns in
     * every row a table scan produces, carry PostgreSQL's negative attribute numbers, and are not
     * part of {@code *}.
     */
    private static Bound systemColumn(Table table, String name) {
        if (table == null || table.id() < 0 || table.columnIndex(name) >= 0) {
            return null;
        }
        int n = table.columns().size();
        return switch (name) {
            case "xmin" -> new Bound.Slot(n, SqlType.BIGINT, table.oid(), -2);
            case "xmax" -> new Bound.Slot(n + 1, SqlType.BIGINT, table.oid(), -4);
            default -> null;
        };
    }

    // ------------------------------------------------------------------ operators

    private Bound unary(Expr.Unary u) {
        Bound operand = bind(u.operand());
        if (u.op().equals("NOT")) {
            return new Bound.Not(toBoolean(operand, u.operand(), "NOT"));
        }
        if (u.op().startsWith("IS ")) {
            return truthTest(u.op(), toBoolean(operand, u.operand(), u.op()));
        }
        SqlType t = operand.type();
        if (!u.op().equals("-") && !u.op().equals("+")) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + u.op() + " " + t.sqlName(),
                    u.pos() + 1, null,
                    "No operator matches the given name and argument type. You might need to add an explicit type cast.", null);
        }
        if (t == SqlType.UNKNOWN) {
            throw new SqlException(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + u.op() + " unknown",
                    u.pos() + 1, null, "Could not choose a best candidate operator. You might need to add explicit type casts.", null);
        }
        if (!Values.isNumeric(t) && t != SqlType.INTERVAL) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + u.op() + " " + t.sqlName(),
                    u.pos() + 1, null,
                    "No operator matches the given name and argument type. You might need to add an explicit type cast.", null);
        }
        return u.op().equals("-") ? fold(new Bound.Negate(operand, t)) : operand;
    }

    /** {@code x IS [NOT] TRUE|FALSE|UNKNOWN}: never NULL; IS TRUE is {@code CASE WHEN x THEN true ELSE false END}. */
    private static Bound truthTest(String op, Bound x) {
        boolean negated = op.startsWith("IS NOT ");
        Bound yes = new Bound.Const(!negated, SqlType.BOOLEAN);
        Bound no = new Bound.Const(negated, SqlType.BOOLEAN);
        return switch (op.substring(negated ? 7 : 3)) {
            case "TRUE" -> new Bound.Case(List.of(x), List.of(yes), no, SqlType.BOOLEAN);
            case "FALSE" -> new Bound.Case(List.of(new Bound.Not(x)), List.of(yes), no, SqlType.BOOLEAN);
            default -> new Bound.IsNull(x, negated);
        };
    }

    private Bound binary(Expr.Binary b) {
        Bound container = ContainerExprs.binary(this, b);
        if (container != null) {
            return container;
        }
        return switch (b.op()) {
            case "AND" -> new Bound.And(toBoolean(bind(b.left()), b.left(), "AND"), toBoolean(bind(b.right()), b.right(), "AND"));
            case "OR" -> new Bound.Or(toBoolean(bind(b.left()), b.left(), "OR"), toBoolean(bind(b.right()), b.right(), "OR"));
            case "||" -> concat(b);
            case "~~", "!~~", "~~*", "!~~*", "~", "~*", "!~", "!~*" -> patternMatch(b);
            case "=", "<>", "<", "<=", ">", ">=" -> comparison(b.op(), bind(b.left()), b.left(), bind(b.right()), b.right(), b.pos());
            default -> arithmetic(b);
        };
    }

    private Bound arithmetic(Expr.Binary b) {
        Bound l = bind(b.left());
        Bound r = bind(b.right());
        if (l.type() == SqlType.UNKNOWN && r.type() == SqlType.UNKNOWN) {
            throw new SqlException(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: unknown " + b.op() + " unknown",
                    b.pos() + 1, null, "Could not choose a best candidate operator. You might need to add explicit type casts.", null);
        }
        if (l.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, b.left(), Operators.unknownOperandType(b.op(), r.type(), true, b.pos()));
        } else if (r.type() == SqlType.UNKNOWN) {
            r = coerceUnknown(r, b.right(), Operators.unknownOperandType(b.op(), l.type(), false, b.pos()));
        }
        Operators.Resolved op = Operators.arithmetic(b.op(), l.type(), r.type());
        if (op == null) {
            throw noOperator(l.type(), b.op(), r.type(), b.pos());
        }
        return fold(new Bound.BinaryOp(b.op(), convert(l, op.left()), convert(r, op.right()), op.result(), op.fn()));
    }

    /** {@code b} converted to {@code to} with an implicit cast (no node when already of that type). */
    private static Bound convert(Bound b, SqlType to) {
        return b.type() == to ? b : fold(new Bound.Convert(b, b.type(), to, -1, false));
    }

    Bound comparison(String op, Bound l, Expr le, Bound r, Expr re, int pos) {
        if (l.type() == SqlType.UNKNOWN && r.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, le, SqlType.TEXT);
            r = coerceUnknown(r, re, SqlType.TEXT);
        } else if (l.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, le, r.type());
        } else if (r.type() == SqlType.UNKNOWN) {
            r = coerceUnknown(r, re, l.type());
        }
        SqlType common = Operators.common(l.type(), r.type());
        if (common == null) {
            throw noOperator(l.type(), op, r.type(), pos);
        }
        if (common == SqlType.BPCHAR || common == SqlType.TEXT) {
            // trailing spaces of char(n) are insignificant: compare as text without them
            common = SqlType.TEXT;
        }
        return fold(new Bound.Compare(op, convert(l, common), convert(r, common)));
    }

    private Bound concat(Expr.Binary b) {
        Bound l = bind(b.left());
        Bound r = bind(b.right());
        if (l.type() == SqlType.UNKNOWN && r.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, b.left(), SqlType.TEXT);
        }
        if (l.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, b.left(), SqlType.TEXT);
        }
        if (r.type() == SqlType.UNKNOWN) {
            r = coerceUnknown(r, b.right(), SqlType.TEXT);
        }
        if (!l.type().isString() && !r.type().isString()) {
            throw noOperator(l.type(), "||", r.type(), b.pos());
        }
        return fold(new Bound.Concat(toText(l), toText(r)));
    }

    /** LIKE, ILIKE and regex matches ({@link Patterns}) on string operands. */
    private Bound patternMatch(Expr.Binary b) {
        Bound l = bind(b.left());
        Bound r = bind(b.right());
        if (l.type() == SqlType.UNKNOWN) {
            l = coerceUnknown(l, b.left(), SqlType.TEXT);
        }
        if (r.type() == SqlType.UNKNOWN) {
            r = coerceUnknown(r, b.right(), SqlType.TEXT);
        }
        if (!l.type().isString() || !r.type().isString()) {
            throw noOperator(l.type(), b.op(), r.type(), b.pos());
        }
        // PostgreSQL's LIKE and regex operators on character(n) (bpcharlike, bpcharregexeq) see the padded value
        Bound subject = l.type() == SqlType.BPCHAR ? l : convert(l, SqlType.TEXT);
        return fold(new Bound.BinaryOp(b.op(), subject, convert(r, SqlType.TEXT), SqlType.BOOLEAN,
                Patterns.operator(b.op())));
    }

    private static Bound toText(Bound b) {
        return b.type() == SqlType.TEXT ? b : new Bound.Convert(b, b.type(), SqlType.TEXT, -1, false);
    }

    private Bound inList(Expr.InList in) {
        // x IN (a, b) is x = a OR x = b, with the same NULL behaviour.
        Bound result = null;
        for (Expr item : in.items()) {
            Bound eq = comparison("=", bind(in.operand()), in.operand(), bind(item), item, in.pos());
            result = result == null ? eq : new Bound.Or(result, eq, true);
        }
        return in.negated() ? new Bound.Not(result) : result;
    }

    private Bound cast(Expr.Cast c) {
        Types.Resolved target = Types.resolve(c.type());
        Bound operand = c.operand() instanceof Expr.ArrayConstructor a
                ? ContainerExprs.arrayConstructor(this, a, target.type()) : bind(c.operand());
        SqlType to = target.type();
        if (operand.type() == SqlType.UNKNOWN) {
            Bound k = coerceUnknown(operand, c.operand(), to);
            if (target.maxLength() >= 0 && k instanceof Bound.Const kc && kc.value() != null) {
                return new Bound.Const(TypeMods.apply(kc.value(), to, target.maxLength(), false), to);
            }
            return k;
        }
        if (Values.castContext(operand.type(), to) == CastContext.NONE) {
            throw new SqlException(SqlState.CANNOT_COERCE, "cannot cast type " + operand.type().sqlName() + " to "
                    + to.sqlName(), c.pos() + 1);
        }
        if (operand.type() == to && target.maxLength() < 0) {
            return operand;
        }
        return fold(new Bound.Convert(operand, operand.type(), to, target.maxLength(), false));
    }

    private Bound caseExpr(Expr.Case c) {
        List<Bound> conditions = new ArrayList<>();
        for (Expr.When w : c.whens()) {
            if (c.operand() != null) {
                conditions.add(comparison("=", bind(c.operand()), c.operand(), bind(w.condition()), w.condition(),
                        w.condition().pos()));
            } else {
                conditions.add(toBoolean(bind(w.condition()), w.condition(), "CASE"));
            }
        }
        // PostgreSQL resolves the result type with ELSE first, then the WHEN results.
        List<Expr> resultExprs = new ArrayList<>();
        if (c.otherwise() != null) {
            resultExprs.add(c.otherwise());
        }
        c.whens().forEach(w -> resultExprs.add(w.result()));
        List<Bound> unified = commonType(resultExprs, "CASE");
        Bound otherwise = c.otherwise() != null ? unified.getFirst() : null;
        List<Bound> results = unified.subList(c.otherwise() != null ? 1 : 0, unified.size());
        SqlType type = unified.getFirst().type();
        return new Bound.Case(conditions, List.copyOf(results), otherwise, type);
    }

    /** Binds {@code exprs} and converts them to their common type (PostgreSQL's select_common_type). */
    List<Bound> commonType(List<Expr> exprs, String context) {
        List<Bound> bound = new ArrayList<>();
        for (Expr e : exprs) {
            bound.add(bind(e));
        }
        SqlType common = null;
        for (int i = 0; i < bound.size(); i++) {
            SqlType t = bound.get(i).type();
            if (t == SqlType.UNKNOWN) {
                continue;
            }
            if (common == null) {
                common = t;
            } else if (common != t) {
                if (Operators.common(common, t) != null) {
                    common = Operators.common(common, t);
                } else {
                    throw new SqlException(SqlState.DATATYPE_MISMATCH, context + " types " + common.sqlName() + " and "
                            + t.sqlName() + " cannot be matched", exprs.get(i).pos() + 1);
                }
            }
        }
        if (common == null) {
            common = SqlType.TEXT;
        }
        List<Bound> out = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            Bound b = bound.get(i);
            if (b.type() == SqlType.UNKNOWN) {
                out.add(coerceUnknown(b, exprs.get(i), common));
            } else if (b.type() != common) {
                out.add(new Bound.Convert(b, b.type(), common, -1, false));
            } else {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * {@code txid_current()} / {@code pg_current_xact_id()} (assigns the transaction an id if it has
     * none, as PostgreSQL does) and their {@code _if_assigned} forms (NULL when none), evaluated
     * once when the statement is bound.
     */
    private static Bound transactionFunction(String name) {
        io.shaledb.txn.Transaction tx = StatementContext.transaction();
        if (tx == null) {
            return null;
        }
        return switch (name) {
            case "txid_current", "pg_current_xact_id" -> new Bound.Const(tx.assignXid(), SqlType.BIGINT);
            case "txid_current_if_assigned", "pg_current_xact_id_if_assigned" ->
                    new Bound.Const(tx.xid() == 0 ? null : tx.xid(), SqlType.BIGINT);
            default -> null;
        };
    }

    private Bound function(Expr.FunctionCall f) {
        if (f.over() != null || Windowing.isWindowFunction(f.name()) || !f.clauses().isNone()) {
            Bound w = Windowing.bindCall(f, windowing, windowContext);
            if (w != null) {
                return w;
            }
        }
        if (Aggregates.isAggregate(f.name())) {
            throw new SqlException(SqlState.GROUPING_ERROR, clause == null
                    ? "aggregate function calls cannot be nested"
                    : "aggregate functions are not allowed in " + clause, f.pos() + 1);
        }
        if (f.star() || f.distinct()) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, (f.star() ? "*" : "DISTINCT")
                    + " specified, but " + f.name() + " is not an aggregate function", f.pos() + 1);
        }
        Bound srf = SelectListSrfs.bind(this, f);
        if (srf != null) {
            return srf;
        }
        if (f.name().equals("pg_typeof") && f.args().size() == 1) { // the argument's type, known when binding
            return new Bound.Const((long) bind(f.args().getFirst()).type().oid(), SqlType.REGTYPE);
        }
        if (f.name().equals("coalesce") && !f.args().isEmpty()) {
            List<Bound> args = commonType(f.args(), "COALESCE");
            return new Bound.Coalesce(args, args.getFirst().type());
        }
        if ((f.name().equals("greatest") || f.name().equals("least")) && !f.args().isEmpty()) {
            List<Bound> args = commonType(f.args(), f.name().toUpperCase(Locale.ROOT));
            return Functions.greatestLeast(f.name().equals("greatest"), args);
        }
        if (f.name().equals("nullif") && f.args().size() == 2) {
            Bound eq = comparison("=", bind(f.args().get(0)), f.args().get(0), bind(f.args().get(1)), f.args().get(1), f.pos());
            Bound first = bind(f.args().get(0));
            Bound firstTyped = first.type() == SqlType.UNKNOWN ? coerceUnknown(first, f.args().get(0), SqlType.TEXT) : first;
            return Functions.nullif(firstTyped, eq);
        }
        if (ContainerFunctions.handles(f.name())) {
            return ContainerFunctions.bind(this, f);
        }
        if (CatalogFunctions.handles(f.name())) {
            return CatalogFunctions.bind(f, f.args().stream().map(this::bind).toList(), scope.planner());
        }
        if (ConstraintFunctions.handles(f.name())) {
            return ConstraintFunctions.bind(f, f.args().stream().map(this::bind).toList());
        }
        if (f.name().equals(IndexCheck.NAME)) {
            return IndexCheck.bind(f, f.args().stream().map(this::bind).toList(), scope.planner());
        }
        if (SequenceFunctions.handles(f.name())) {
            return SequenceFunctions.bind(f, f.args().stream().map(this::bind).toList());
        }
        if (f.args().isEmpty()) {
            Bound b = transactionFunction(f.name());
            if (b != null) {
                return b;
            }
        }
        List<Bound> boundArgs = new ArrayList<>();
        for (Expr a : f.args()) {
            boundArgs.add(bind(a));
        }
        Bound.Call call = Functions.bind(f, boundArgs);
        if (call != null) {
            return call.args().stream().allMatch(x -> x instanceof Bound.Const) && Functions.isImmutable(f.name())
                    && !Stability.isStable(f.name()) ? foldCall(call) : call;
        }
        if (scope.planner() != null) { // a user-defined function (CREATE FUNCTION)
            Bound user = scope.planner().executor().routines().bindCall(scope.planner().transaction(),
                    f.name(), boundArgs, new Routines.ArgBinder() {
                        @Override
                        public Bound bind(String sql) {
                            return Binder.this.bind(io.shaledb.sql.parser.Parser.parseExpression(sql));
                        }

                        @Override
                        public Bound coerce(Bound arg, int index, SqlType type) {
                            return coerceUnknown(arg, f.args().get(index), type);
                        }
                    }, f.pos());
            if (user != null) {
                return user;
            }
        }
        throw noFunction(f, argTypes(f));
    }

    private static Bound foldCall(Bound.Call call) {
        try {
            return new Bound.Const(call.eval(new Object[0]), call.type());
        } catch (SqlException deferred) {
            return call;
        }
    }

    List<SqlType> argTypes(Expr.FunctionCall f) {
        List<SqlType> types = new ArrayList<>();
        for (Expr a : f.args()) {
            types.add(bind(a).type());
        }
        return types;
    }

    static SqlException noFunction(Expr.FunctionCall f, List<SqlType> types) {
        StringBuilder sig = new StringBuilder(f.name()).append('(');
        for (int i = 0; i < types.size(); i++) {
            sig.append(i > 0 ? ", " : "").append(types.get(i).sqlName());
        }
        sig.append(')');
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", f.pos() + 1, null,
                "No function matches the given name and argument types. You might need to add explicit type casts.", null);
    }

    // ------------------------------------------------------------------ coercion helpers

    private Bound toBoolean(Bound b, Expr src, String what) {
        if (b.type() == SqlType.BOOLEAN) {
            return b;
        }
        if (b.type() == SqlType.UNKNOWN) {
            return coerceUnknown(b, src, SqlType.BOOLEAN);
        }
        throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of " + what + " must be type boolean, not type "
                + b.type().sqlName(), src.pos() + 1);
    }

    /** Reads an untyped literal as {@code to}; errors point at the literal. */
    static Bound coerceUnknown(Bound b, Expr src, SqlType to) {
        QueryParams.coerced(src, to);
        Bound.Const c = (Bound.Const) b;
        if (c.value() == null) {
            return new Bound.Const(null, to);
        }
        return new Bound.Const(withPosition(() -> Values.parse((String) c.value(), to), src), to);
    }

    private static <T> T withPosition(java.util.function.Supplier<T> s, Expr src) {
        try {
            return s.get();
        } catch (SqlException e) {
            throw e.position() == 0 ? e.withPosition(src.pos() + 1) : e;
        }
    }

    private static SqlException noOperator(SqlType l, String op, SqlType r, int pos) {
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + l.sqlName() + " " + op + " "
                + r.sqlName(), pos + 1, null, NO_OPERATOR_HINT, null);
    }

    /**
     * Evaluates an expression whose inputs are all constants now. Errors are deferred to run time
     * (PostgreSQL's planner also folds constants, but a failing fold must not fail a statement
     * that never evaluates the expression, e.g. {@code SELECT 1/0 FROM empty_table}).
     */
    private static Bound fold(Bound b) {
        boolean constant = switch (b) {
            case Bound.Negate n -> n.operand() instanceof Bound.Const;
            case Bound.Compare c -> c.left() instanceof Bound.Const && c.right() instanceof Bound.Const;
            case Bound.Concat c -> c.left() instanceof Bound.Const && c.right() instanceof Bound.Const;
            case Bound.Convert c -> c.operand() instanceof Bound.Const;
            case Bound.BinaryOp o -> o.left() instanceof Bound.Const && o.right() instanceof Bound.Const;
            default -> false;
        };
        if (!constant) {
            return b;
        }
        try {
            return new Bound.Const(b.eval(new Object[0]), b.type());
        } catch (SqlException deferred) {
            return b;
        }
    }

    // ------------------------------------------------------------------ output column names

    /** The column name PostgreSQL gives an unaliased SELECT item (FigureColname). */
    static String columnName(Expr e) {
        String[] name = {null};
        figureName(e, name);
        return name[0] == null ? "?column?" : name[0];
    }

    /**
     * Returns how strongly {@code e} names itself: 2 for column references and function calls,
     * 1 for casts (the type name) and CASE, 0 for nothing. An outer cast overrides only a weaker
     * name, so {@code x::int} is "x" but {@code 1.5::float8::int} is "int4".
     */
    private static int figureName(Expr e, String[] name) {
        switch (e) {
            case Expr.ColumnRef c -> {
                name[0] = c.column();
                return 2;
            }
            case Expr.FunctionCall f -> {
                name[0] = f.name().substring(f.name().lastIndexOf('.') + 1); // schema.f(...) is named f
                return 2;
            }
            case Expr.Cast c -> {
                int strength = figureName(c.operand(), name);
                if (strength <= 1) {
                    name[0] = c.type().name().replace("[]", ""); // PostgreSQL names x::int[] "int4"
                    return 1;
                }
                return strength;
            }
            case Expr.Case c -> {
                // PostgreSQL takes the ELSE result's name when it names itself strongly
                int strength = c.otherwise() == null ? 0 : figureName(c.otherwise(), name);
                if (strength <= 1) {
                    name[0] = "case";
                    return 1;
                }
                return strength;
            }
            case Expr.ArrayConstructor a -> {
                name[0] = "array";
                return 2;
            }
            case Expr.Subscript x -> {
                return figureName(x.operand(), name);
            }
            case Expr.Collate c -> {
                return figureName(c.operand(), name);
            }
            case Expr.FieldSelect s -> {
                name[0] = s.field();
                return 2;
            }
            case Expr.Subquery q when q.kind() == Expr.SubqueryKind.ARRAY -> {
                name[0] = "array";
                return 2;
            }
            default -> {
                return 0;
            }
        }
    }
}

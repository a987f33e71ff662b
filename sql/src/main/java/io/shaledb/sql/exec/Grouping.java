package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a grouped query's group row, built while binding:
 *
 * <pre>
 *   group row = [ key_0 .. key_{G-1} | agg_0 .. agg_{A-1} ]
 *                 GROUP BY values      aggregate results
 * </pre>
 *
 * An expression that equals a GROUP BY item (ignoring source positions) becomes a slot of the
 * keys; an aggregate call becomes a slot of the aggregates, its argument bound against the input
 * row.
 */
final class Grouping {
    private final Binder inputBinder;
    private final List<Expr> keyExprs = new ArrayList<>();
    private final List<Bound> keys = new ArrayList<>();
    private final List<Aggregates.Spec> aggregates = new ArrayList<>();

    Grouping(Binder.Scope scope) {
        this.inputBinder = new Binder(scope, null);
    }

    void addKey(Expr e) {
        keyExprs.add(canonical(e));
        keys.add(Binder.resolveUnknownAsText(new Binder(inputBinder.scope(), null, null, null, "GROUP BY").bind(e)));
    }

    List<Bound> keys() {
        return keys;
    }

    List<Aggregates.Spec> aggregates() {
        return aggregates;
    }

    /** The group-row slot for {@code e}, or null when {@code e} is neither a key nor an aggregate. */
    Bound resolve(Expr e) {
        int k = keyExprs.indexOf(canonical(e));
        if (k >= 0) {
            Bound key = keys.get(k);
            return key instanceof Bound.Slot s
                    ? new Bound.Slot(k, s.type(), s.tableOid(), s.attnum())
                    : new Bound.Slot(k, key.type(), 0, 0);
        }
        if (e instanceof Expr.FunctionCall f && f.over() == null && Aggregates.isAggregate(f.name())) {
            Aggregates.Spec spec = aggregateSpec(f);
            aggregates.add(spec);
            return new Bound.Slot(keys.size() + aggregates.size() - 1, spec.type(), 0, 0);
        }
        return null;
    }

    /**
     * Binds an aggregate call's arguments, FILTER and ORDER BY against the input row (also used
     * for window aggregates, whose input is the window's input row).
     */
    Aggregates.Spec aggregateSpec(Expr.FunctionCall f) {
        return aggregateSpec(f, inputBinder, new Binder(inputBinder.scope(), "FILTER"));
    }

    /** Binds an aggregate call: arguments and ORDER BY keys with {@code binder}, FILTER with {@code filterBinder}. */
    static Aggregates.Spec aggregateSpec(Expr.FunctionCall f, Binder binder, Binder filterBinder) {
        List<Bound> args = new ArrayList<>();
        if (f.star()) {
            if (!f.name().equals("count")) {
                throw Binder.noFunction(f, List.of());
            }
        } else {
            for (Expr a : f.args()) {
                args.add(binder.bind(a));
            }
        }
        List<SqlType> argTypes = args.stream().map(Bound::type).toList();
        SqlType type;
        AggregateFunctions.Definition registered = AggregateFunctions.lookup(f.name());
        if (registered != null) {
            AggregateFunctions.Signature sig = registered.resolve(argTypes);
            if (sig == null) {
                throw Binder.noFunction(f, argTypes);
            }
            for (int i = 0; i < args.size(); i++) {
                Bound a = args.get(i);
                SqlType want = sig.params().get(i);
                if (a.type() == SqlType.UNKNOWN) {
                    args.set(i, Binder.coerceUnknown(a, f.args().get(i), want));
                } else if (a.type() != want) {
                    args.set(i, new Bound.Convert(a, a.type(), want, -1, false));
                }
            }
            type = sig.result();
        } else if (f.star()) {
            type = SqlType.BIGINT;
        } else {
            if (args.size() != 1) {
                throw Binder.noFunction(f, argTypes);
            }
            if (args.getFirst().type() == SqlType.UNKNOWN) {
                args.set(0, Binder.coerceUnknown(args.getFirst(), f.args().getFirst(), SqlType.TEXT));
            }
            type = Aggregates.resultType(f.name(), args.getFirst().type());
            if (type == null) {
                throw Binder.noFunction(f, List.of(args.getFirst().type()));
            }
        }
        Bound filter = null;
        if (f.clauses().filter() != null) {
            filter = filterBinder.bindCondition(f.clauses().filter(), "FILTER");
        }
        List<AggregateFunctions.SortKey> orderBy = new ArrayList<>();
        for (io.shaledb.sql.ast.Statement.OrderItem o : f.clauses().orderBy()) {
            if (f.distinct() && !f.args().stream().map(Grouping::strip).toList().contains(strip(o.expr()))) {
                throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.INVALID_COLUMN_REFERENCE,
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list", o.expr().pos() + 1);
            }
            orderBy.add(new AggregateFunctions.SortKey(Binder.resolveUnknownAsText(binder.bind(o.expr())), o.descending(),
                    o.nullsFirst() != null ? o.nullsFirst() : o.descending()));
        }
        return new Aggregates.Spec(f.name(), List.copyOf(args), f.distinct(), filter, List.copyOf(orderBy), type);
    }

    /** True when {@code e} contains an aggregate call (outside nothing: aggregates do not nest). */
    static boolean containsAggregate(Expr e) {
        return switch (e) {
            case null -> false;
            case Expr.FunctionCall f -> (f.over() == null && Aggregates.isAggregate(f.name()))
                    || f.args().stream().anyMatch(Grouping::containsAggregate) || Windowing.containsAggregate(f.over());
            case Expr.Unary u -> containsAggregate(u.operand());
            case Expr.Binary b -> containsAggregate(b.left()) || containsAggregate(b.right());
            case Expr.IsNull n -> containsAggregate(n.operand());
            case Expr.Between b -> containsAggregate(b.operand()) || containsAggregate(b.low()) || containsAggregate(b.high());
            case Expr.InList in -> containsAggregate(in.operand()) || in.items().stream().anyMatch(Grouping::containsAggregate);
            case Expr.Cast c -> containsAggregate(c.operand());
            case Expr.Case c -> containsAggregate(c.operand()) || containsAggregate(c.otherwise())
                    || c.whens().stream().anyMatch(w -> containsAggregate(w.condition()) || containsAggregate(w.result()));
            case Expr.Literal l -> false;
            case Expr.ColumnRef c -> false;
            case Expr.Subquery q -> containsAggregate(q.operand());
            case Expr.Default d -> false;
            case Expr.Param p -> false;
            case Expr.ArrayConstructor a -> a.items().stream().anyMatch(Grouping::containsAggregate);
            case Expr.Subscript x -> containsAggregate(x.operand()) || containsAggregate(x.index());
            case Expr.Collate c -> containsAggregate(c.operand());
            case Expr.ArrayCompare a -> containsAggregate(a.operand()) || containsAggregate(a.array());
        };
    }

    /**
     * {@code e} with positions zeroed and column references replaced by what they resolve to in a
     * FROM clause's namespace, so {@code x} and {@code t.x} match and {@code a.x} and {@code b.x} do not.
     */
    private Expr canonical(Expr e) {
        if (inputBinder.scope().ns() == null) {
            return strip(e);
        }
        return strip(e, c -> {
            try {
                return new Expr.ColumnRef("#" + inputBinder.column(c), c.column(), 0);
            } catch (io.shaledb.sql.SqlException unresolved) {
                return new Expr.ColumnRef(null, c.column(), 0); // reported when the expression itself is bound
            }
        });
    }

    /** A copy of {@code e} with every position zeroed, for structural comparison. */
    /** A node's position in a syntax tree's record text. */
    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("\\bpos=-?\\d+");

    static Expr strip(Expr e) {
        return strip(e, c -> new Expr.ColumnRef(null, c.column(), 0)); // one table in scope: the qualifier adds nothing
    }

    static Expr strip(Expr e, java.util.function.UnaryOperator<Expr.ColumnRef> column) {
        java.util.function.UnaryOperator<Expr> r = x -> strip(x, column);
        return switch (e) {
            case null -> null;
            case Expr.Literal l -> new Expr.Literal(l.value(), 0);
            case Expr.ColumnRef c -> column.apply(c);
            // stripped trees are only compared, never bound: the query stands in as its text without positions
            case Expr.Subquery q -> new Expr.Subquery(q.kind(), strip(q.operand(), column),
                    q.op() + " " + POSITION.matcher(q.query().toString()).replaceAll("pos=0"), null, 0);
            case Expr.Unary u -> new Expr.Unary(u.op(), r.apply(u.operand()), 0);
            case Expr.Binary b -> new Expr.Binary(b.op(), r.apply(b.left()), r.apply(b.right()), 0);
            case Expr.IsNull n -> new Expr.IsNull(r.apply(n.operand()), n.negated(), 0);
            case Expr.Between b -> new Expr.Between(r.apply(b.operand()), r.apply(b.low()), r.apply(b.high()), b.negated(), 0);
            case Expr.InList in -> new Expr.InList(r.apply(in.operand()), in.items().stream().map(r::apply).toList(),
                    in.negated(), 0);
            case Expr.Cast c -> new Expr.Cast(r.apply(c.operand()),
                    new io.shaledb.sql.ast.TypeName(c.type().name(), c.type().length(), 0), 0);
            case Expr.FunctionCall f -> new Expr.FunctionCall(f.name(), f.args().stream().map(r::apply).toList(),
                    f.star(), f.distinct(), 0, Windowing.strip(f.clauses(), r));
            case Expr.Case c -> new Expr.Case(r.apply(c.operand()),
                    c.whens().stream().map(w -> new Expr.When(r.apply(w.condition()), r.apply(w.result()))).toList(),
                    r.apply(c.otherwise()), 0);
            case Expr.Default d -> new Expr.Default(0);
            case Expr.Param p -> new Expr.Param(p.index(), 0);
            case Expr.ArrayConstructor a -> new Expr.ArrayConstructor(a.items().stream().map(r::apply).toList(), 0);
            case Expr.Subscript x -> new Expr.Subscript(r.apply(x.operand()), r.apply(x.index()), 0);
            case Expr.Collate c -> new Expr.Collate(r.apply(c.operand()), c.collation(), 0);
            case Expr.ArrayCompare a -> new Expr.ArrayCompare(a.all(), r.apply(a.operand()), a.op(), r.apply(a.array()), 0);
        };
    }
}

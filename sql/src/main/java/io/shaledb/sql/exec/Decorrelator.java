package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.exec.op.Join;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns top-level WHERE conjuncts {@code EXISTS (…)}, {@code NOT EXISTS (…)}, {@code x IN (SELECT …)}
 * and {@code x = ANY (SELECT …)} into semi and anti joins, so the subquery runs once (hashed)
 * instead of once per outer row.
 *
 * <pre>
 *   SELECT … FROM o WHERE o.k &gt; 0 AND EXISTS (SELECT 1 FROM u WHERE u.id = o.uid AND u.c = 'DE' AND u.t &gt; o.t)
 *
 *   Join SEMI  keys [o.uid] = [u.id]   residual u.t &gt; o.t
 *     left:  o filtered by o.k &gt; 0        (the outer FROM, slots 0..n)
 *     right: u filtered by u.c = 'DE'     (the subquery's FROM, slots n..m of the same layout)
 * </pre>
 *
 * The subquery's FROM is planned into slots after the outer FROM's (the outer layout is widened
 * to cover them), so a joined row holds both levels and the subquery's correlated conditions can
 * be evaluated on it: their outer references read {@link Correlation.Holder#row}, which the
 * wrapping {@link OnJoinedRow} points at the row being evaluated. Each subquery WHERE conjunct is
 * <ul>
 *   <li>local (no outer reference): a filter of the subquery's FROM, pushed to its scans;</li>
 *   <li>{@code inner-expr = outer-expr} with equal (or integral) types: a hash key pair;</li>
 *   <li>any other correlated condition: the join's residual filter.</li>
 * </ul>
 * {@code x IN (SELECT c …)} adds the key pair {@code x = c}: as a WHERE conjunct, NULL and FALSE
 * both reject the row, so a semi join is exact. NOT IN is left to the hashed subplan
 * ({@link Correlation.SubqueryValue}), whose three-valued NULL rules a plain anti join lacks.
 *
 * <p>Only a plain SELECT qualifies: no GROUP BY, HAVING, aggregates, window clause, ORDER BY,
 * LIMIT/OFFSET, DISTINCT ON or locking clause; EXISTS targets must be constants or column
 * references and an IN target one column reference; the subquery's FROM must not reference the
 * outer query (LATERAL-like). Anything else — and subqueries under OR, in the select list or in
 * HAVING, which never reach here — keeps the per-row subplan. The subquery's own WHERE is
 * decorrelated the same way (a semi join inside the semi join's inner side) as long as the nested
 * subquery does not read the outermost level's row, which the inner side, run once, lacks. A failed attempt leaves no trace:
 * the conjunct is bound again by the normal path, which reports any error.
 *
 * <p>Session setting {@code enable_subquery_decorrelation} (default on) switches it off.
 */
final class Decorrelator {
    private static final Logger log = LoggerFactory.getLogger(Decorrelator.class);
    private static final ThreadLocal<Boolean> ENABLED = new ThreadLocal<>();
    /** Subqueries turned into joins since start-up (diagnostics; tests read it to see which path a query took). */
    private static final java.util.concurrent.atomic.AtomicLong JOINS_MADE = new java.util.concurrent.atomic.AtomicLong();

    /** One subquery turned into a join, applied over the outer FROM's operator. */
    private record SemiJoin(Join.Kind kind, Operator inner, List<Bound> outerKeys, List<Bound> innerKeys, Bound residual,
                            int[] innerSlots) {}

    private final QueryPlanner planner;
    private final JoinPlanner.From from;
    private final Binder.Scope scope;
    private final QueryPlanner.Env env;
    /** The enclosing decorrelated level's holder, when planning inside its subquery: joins here must not read it. */
    private final Correlation.Holder enclosing;
    private final List<SemiJoin> joins = new ArrayList<>();

    Decorrelator(QueryPlanner planner, JoinPlanner.From from, Binder.Scope scope, QueryPlanner.Env env) {
        this(planner, from, scope, env, null);
    }

    private Decorrelator(QueryPlanner planner, JoinPlanner.From from, Binder.Scope scope, QueryPlanner.Env env,
                         Correlation.Holder enclosing) {
        this.enclosing = enclosing;
        this.planner = planner;
        this.from = from;
        this.scope = scope;
        this.env = env;
    }

    /** Runs {@code body} with decorrelation on or off (the session's setting) on this thread. */
    static <T> T with(boolean enabled, Supplier<T> body) {
        Boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        try {
            return body.get();
        } finally {
            ENABLED.set(previous);
        }
    }

    /** How many subqueries have been turned into semi or anti joins in this process. */
    static long joinsMade() {
        return JOINS_MADE.get();
    }

    private static boolean enabled() {
        Boolean b = ENABLED.get();
        return b == null || b;
    }

    /**
     * Takes the WHERE conjuncts it turns into joins out of {@code where}; returns the rest (null
     * when nothing is left) for the normal binding. Must run before the outer FROM is assembled.
     */
    Expr extract(Expr where) {
        if (where == null || !enabled()) {
            return where;
        }
        List<Expr> conjuncts = new ArrayList<>();
        split(where, conjuncts);
        Expr rest = null;
        for (Expr c : conjuncts) {
            if (!tryJoin(c)) {
                rest = rest == null ? c : new Expr.Binary("AND", rest, c, pos(c));
            }
        }
        return joins.isEmpty() ? where : rest;
    }

    /**
     * Assembles the outer FROM filtered by the remaining WHERE conjuncts and puts the semi and anti
     * joins made over it. The joins read outer columns above the FROM's joins: they are added to
     * the columns the access-path chooser is told are read ({@code used}; unknown when a join
     * filter or key reads them through the subquery's outer references). The ORDER BY / LIMIT
     * hints are withdrawn: a spilled semi join emits rows in batch order, so a sort stays on top.
     */
    Operator assemble(JoinPlanner.From outerFrom, List<Bound> where) {
        if (outerFrom.used != null) {
            for (SemiJoin j : joins) {
                List<Bound> read = new ArrayList<>(j.outerKeys());
                if (j.residual() != null) {
                    read.add(j.residual());
                }
                java.util.BitSet s = ColumnUse.of(read);
                if (s == null) {
                    outerFrom.used = null;
                    break;
                }
                outerFrom.used.or(s);
            }
        }
        if (joins.isEmpty()) {
            return planner.assemble(outerFrom, where);
        }
        // rows leave a spilling join in batch order: the scan below must not be trusted to deliver ORDER BY
        outerFrom.order = List.of();
        outerFrom.limit = -1;
        Operator op = apply(planner.assemble(outerFrom, where));
        outerFrom.ordered = false;
        return op;
    }

    /** {@code op} (the outer FROM filtered by the remaining WHERE) under the semi and anti joins made. */
    private Operator apply(Operator op) {
        for (SemiJoin j : joins) {
            op = new Join(j.kind(), op, j.inner(), j.outerKeys(), j.innerKeys(), j.residual(), j.innerSlots(), planner.tick());
        }
        return op;
    }

    private static void split(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op().equals("AND")) {
            split(b.left(), out);
            split(b.right(), out);
        } else {
            out.add(e);
        }
    }

    private static int pos(Expr e) {
        return switch (e) {
            case Expr.Binary b -> b.pos();
            case Expr.Unary u -> u.pos();
            case Expr.Subquery s -> s.pos();
            default -> 0;
        };
    }

    private boolean tryJoin(Expr conjunct) {
        Join.Kind kind;
        Expr.Subquery sub;
        if (conjunct instanceof Expr.Subquery s) {
            kind = Join.Kind.SEMI;
            sub = s;
        } else if (conjunct instanceof Expr.Unary u && u.op().equals("NOT") && u.operand() instanceof Expr.Subquery s
                && s.kind() == Expr.SubqueryKind.EXISTS) {
            kind = Join.Kind.ANTI;
            sub = s;
        } else {
            return false;
        }
        boolean quantified = sub.kind() == Expr.SubqueryKind.IN || sub.kind() == Expr.SubqueryKind.ANY && "=".equals(sub.op());
        if (sub.kind() != Expr.SubqueryKind.EXISTS && !quantified) {
            return false;
        }
        if (!(sub.query() instanceof Statement.Select q) || !plain(q, quantified)) {
            return false;
        }
        int widthBefore = from.width;
        boolean enclosingUsed = enclosing != null && enclosing.used;
        if (enclosing != null) {
            enclosing.used = false;
        }
        try {
            SemiJoin j = plan(kind, sub, q);
            if (j == null || enclosing != null && enclosing.used) {
                // a join here runs once, without the enclosing level's row: it must not read it
                from.width = widthBefore;
                return false;
            }
            joins.add(j);
            JOINS_MADE.incrementAndGet();
            log.debug("decorrelated {} subquery at offset {} into a {} join", sub.kind(), sub.pos(), kind);
            return true;
        } catch (SqlException e) {
            // the normal path binds the conjunct again and reports the error where PostgreSQL would
            log.debug("subquery at offset {} kept as a subplan: {}", sub.pos(), e.getMessage());
            from.width = widthBefore;
            return false;
        } finally {
            if (enclosing != null) {
                enclosing.used = enclosingUsed;
            }
        }
    }

    /** True when the subquery's shape allows a semi join (see the class comment). */
    private static boolean plain(Statement.Select q, boolean quantified) {
        if (!q.groupBy().isEmpty() || q.having() != null || !q.orderBy().isEmpty() || q.limit() != null
                || q.offset() != null || !q.locking().isEmpty() || !q.windows().isEmpty() || !q.distinctOn().isEmpty()
                || q.fromList().isEmpty()) {
            return false;
        }
        if (quantified) {
            return q.items().size() == 1 && !q.items().getFirst().star()
                    && q.items().getFirst().expr() instanceof Expr.ColumnRef;
        }
        for (Statement.SelectItem item : q.items()) {
            if (!item.star() && !(item.expr() instanceof Expr.Literal) && !(item.expr() instanceof Expr.ColumnRef)) {
                return false;
            }
        }
        return true;
    }

    private SemiJoin plan(Join.Kind kind, Expr.Subquery sub, Statement.Select q) {
        Correlation.Holder holder = new Correlation.Holder();
        Binder outerBinder = new Binder(scope, "WHERE");
        Correlation.Outer level = new Correlation.Outer(outerBinder, holder);
        JoinPlanner.From inner = new JoinPlanner.From();
        int offset = from.width;
        inner.width = offset;
        new FromPlanner(planner).from(inner, q.fromList(), level, env);
        if (holder.used) {
            return null; // the subquery's FROM reads the outer row: a per-row subplan
        }
        Binder.Scope innerScope = new Binder.Scope(null, null, inner.ns, level, planner);
        Binder innerBinder = new Binder(innerScope, "WHERE");
        Decorrelator nested = new Decorrelator(planner, inner, innerScope, env, holder);
        Expr innerWhere = nested.extract(q.where());
        List<Bound> local = new ArrayList<>();
        List<Bound> outerKeys = new ArrayList<>();
        List<Bound> innerKeys = new ArrayList<>();
        Bound residual = null;
        if (innerWhere != null) {
            List<Bound> conds = new ArrayList<>();
            QueryPlanner.flatten(innerBinder.bindCondition(innerWhere, "WHERE"), conds);
            for (Bound c : conds) {
                if (isVolatile(c)) {
                    return null; // evaluated once per outer row and inner row today; PostgreSQL keeps these too
                }
                if (!uses(c, holder)) {
                    local.add(c);
                } else if (!keyPair(c, holder, offset, outerKeys, innerKeys)) {
                    Bound r = new OnJoinedRow(holder, c);
                    residual = residual == null ? r : new Bound.And(residual, r);
                }
            }
        }
        if (sub.kind() == Expr.SubqueryKind.EXISTS) {
            for (Statement.SelectItem item : q.items()) {
                if (!item.star()) {
                    innerBinder.bind(item.expr()); // unused, but a bad column is still an error
                }
            }
        } else {
            holder.used = false;
            Bound target = innerBinder.bind(q.items().getFirst().expr());
            Bound operand = outerBinder.bind(sub.operand());
            if (holder.used || !hashable(operand.type(), target.type())) {
                return null;
            }
            outerKeys.add(operand);
            innerKeys.add(target);
        }
        Operator innerOp = nested.assemble(inner, local);
        int[] slots = new int[inner.width - offset];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = offset + i;
        }
        from.width = inner.width;
        return new SemiJoin(kind, innerOp, outerKeys, innerKeys, residual, slots);
    }

    /** Adds {@code inner = outer} (either order) as a key pair; false when {@code c} is not one. */
    private static boolean keyPair(Bound c, Correlation.Holder holder, int offset, List<Bound> outerKeys,
                                   List<Bound> innerKeys) {
        if (!(c instanceof Bound.Compare cmp) || !cmp.op().equals("=") || !hashable(cmp.left().type(), cmp.right().type())) {
            return false;
        }
        for (Bound[] sides : new Bound[][] {{cmp.left(), cmp.right()}, {cmp.right(), cmp.left()}}) {
            Bound in = sides[0];
            Bound out = sides[1];
            BitSet inSlots = SlotUse.of(in);
            BitSet outSlots = SlotUse.of(out);
            if (inSlots != null && !inSlots.isEmpty() && inSlots.nextSetBit(0) >= offset && !uses(in, holder)
                    && outSlots != null && outSlots.isEmpty() && uses(out, holder)) {
                outerKeys.add(new OnJoinedRow(holder, out));
                innerKeys.add(in);
                return true;
            }
        }
        return false;
    }

    /**
     * Types whose SQL-equal values make equal {@link io.shaledb.sql.exec.op.HashKey}s. Not char(n)
     * (blank-padded to different lengths), real (-0 and 0 are distinct Floats), interval
     * ({@code '1 day' = '24 hours'}), bytea, jsonb, arrays: those keep the subplan.
     */
    private static final java.util.Set<SqlType> HASHABLE = java.util.EnumSet.of(SqlType.BOOLEAN, SqlType.SMALLINT,
            SqlType.INTEGER, SqlType.BIGINT, SqlType.NUMERIC, SqlType.DOUBLE, SqlType.TEXT, SqlType.VARCHAR,
            SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.UUID);

    private static boolean hashable(SqlType a, SqlType b) {
        if (!HASHABLE.contains(a) || !HASHABLE.contains(b)) {
            return false;
        }
        return a == b || integral(a) && integral(b) || text(a) && text(b);
    }

    private static boolean text(SqlType t) {
        return t == SqlType.TEXT || t == SqlType.VARCHAR;
    }

    private static boolean integral(SqlType t) {
        return t == SqlType.SMALLINT || t == SqlType.INTEGER || t == SqlType.BIGINT;
    }

    /** True when {@code o} may read {@code holder}'s row (conservatively true for nodes it cannot look into). */
    private static boolean uses(Object o, Correlation.Holder holder) {
        switch (o) {
            case null -> {
                return false;
            }
            case Correlation.OuterRef r -> {
                return r.holder() == holder || uses(r.inner(), holder);
            }
            case OnJoinedRow j -> {
                return true;
            }
            case Bound.Extension e -> {
                return true; // a nested subquery: correlated through us unless proven otherwise
            }
            case Bound b when b.getClass().isRecord() -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(b.getClass())) {
                    try {
                        if (uses(c.invoke(b), holder)) {
                            return true;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + b.getClass(), e);
                    }
                }
                return false;
            }
            case Bound b -> {
                return true;
            }
            case List<?> list -> {
                for (Object x : list) {
                    if (uses(x, holder)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** True when {@code o} calls a volatile function ({@code nextval}, {@code random()}, ...). */
    private static boolean isVolatile(Object o) {
        switch (o) {
            case null -> {
                return false;
            }
            case Bound.Volatile v -> {
                return true;
            }
            case Bound.Call c when !Functions.isImmutable(c.name()) -> {
                return true;
            }
            case Bound.Extension e -> {
                return false; // a nested subquery runs per row either way
            }
            case Bound b when b.getClass().isRecord() -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(b.getClass())) {
                    try {
                        if (isVolatile(c.invoke(b))) {
                            return true;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + b.getClass(), e);
                    }
                }
                return false;
            }
            case List<?> list -> {
                return list.stream().anyMatch(Decorrelator::isVolatile);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Evaluates a subquery condition on a row holding both query levels: the subquery's outer
     * references read {@code holder.row}, which is pointed at that row first.
     */
    record OnJoinedRow(Correlation.Holder holder, Bound condition) implements Bound.Extension {
        @Override
        public SqlType type() {
            return condition.type();
        }

        @Override
        public Object eval(Object[] row) {
            holder.row = row;
            return condition.eval(row);
        }
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.exec.op.HashKey;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Subqueries in expressions and the outer references that correlate them.
 *
 * <pre>
 *   SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.x = t.a)
 *                     |                                     |
 *   SubqueryValue: holder.row = t's row; open(plan)    OuterRef(holder, Slot t.a) reads holder.row
 * </pre>
 *
 * A subquery's plan is opened again for each outer row when it is correlated (some OuterRef was
 * made for its holder while binding it); an uncorrelated one runs once and its result is cached.
 * References two levels out nest: the inner OuterRef wraps the middle level's OuterRef, whose
 * holder the middle subquery set before running the inner one.
 */
final class Correlation {
    private Correlation() {}

    /** The current row of the query level a subquery is nested in, set before the subquery runs. */
    static final class Holder {
        Object[] row;
        boolean used;
    }

    /** The query level enclosing a subquery: its binder (names, grouping) and the holder of its row. */
    record Outer(Binder parent, Holder holder) {
        /** Binds {@code c} in the enclosing level and reads it from the holder; marks the subquery correlated. */
        Bound reference(Expr.ColumnRef c) {
            Bound inner;
            try {
                inner = parent.bind(c);
            } catch (SqlException e) {
                if (e.state() != SqlState.GROUPING_ERROR || !e.getMessage().startsWith("column \"")) {
                    throw e;
                }
                String column = e.getMessage().substring(8, e.getMessage().indexOf('"', 8));
                throw new SqlException(SqlState.GROUPING_ERROR, "subquery uses ungrouped column \"" + column
                        + "\" from outer query", c.pos() + 1);
            }
            holder.used = true;
            return new OuterRef(holder, inner);
        }
    }

    /** A value of an enclosing query level's current row. */
    record OuterRef(Holder holder, Bound inner) implements Bound.Extension, io.shaledb.sql.exec.explain.ExplainableExpr {
        @Override
        public String deparse(io.shaledb.sql.exec.explain.Deparser d) {
            io.shaledb.sql.exec.explain.Namer n = d.recorder() == null ? null : d.recorder().outerNamer(holder);
            // PostgreSQL always qualifies a reference to an enclosing query's column
            return n == null ? "$outer" : new io.shaledb.sql.exec.explain.Deparser(n, true, d.recorder()).deparse(inner);
        }

        @Override
        public SqlType type() {
            return inner.type();
        }

        @Override
        public Object eval(Object[] row) {
            return inner.eval(holder.row);
        }
    }

    /**
     * A subquery used as an expression: SCALAR (its one value, NULL for no row, 21000 for more),
     * EXISTS, and IN / ANY / ALL comparing {@code operand} with each value by {@code compare}
     * (a comparison over the two-slot row [operand value, subquery value]) with SQL's NULL rules.
     */
    static final class SubqueryValue implements Bound.Extension, io.shaledb.sql.exec.explain.ExplainableExpr {
        private final Expr.SubqueryKind kind;
        private final Operator plan;
        private final Holder holder;
        private final Bound operand;
        private final Bound compare;
        private final SqlType type;
        private boolean cached;
        private Object cachedScalar;
        private List<Object> cachedValues;
        private Set<Object> cachedSet;
        private boolean cachedHasNull;

        SubqueryValue(Expr.SubqueryKind kind, Operator plan, Holder holder, Bound operand, Bound compare, SqlType type) {
            this.kind = kind;
            this.plan = plan;
            this.holder = holder;
            this.operand = operand;
            this.compare = compare;
            this.type = type;
        }

        @Override
        public SqlType type() {
            return type;
        }

        /** EXPLAIN's reference to the sub-plan: {@code $0} (init plan), {@code (SubPlan 1)}, {@code (hashed SubPlan 1)}. */
        @Override
        public String deparse(io.shaledb.sql.exec.explain.Deparser d) {
            if (d.recorder() == null) {
                return "(SubPlan)";
            }
            boolean value = kind == Expr.SubqueryKind.SCALAR || kind == Expr.SubqueryKind.EXISTS
                    || kind == Expr.SubqueryKind.ARRAY;
            String ref = d.recorder().subplan(plan, holder.used, value);
            if (kind == Expr.SubqueryKind.ANY || kind == Expr.SubqueryKind.ALL) {
                return "(" + d.deparse(operand) + " " + (compare instanceof Bound.Compare c ? c.op() : "=") + " "
                        + kind.name() + " " + ref + ")";
            }
            return ref;
        }

        @Override
        public Object eval(Object[] row) {
            boolean correlated = holder.used;
            return switch (kind) {
                case SCALAR -> {
                    if (!correlated && cached) {
                        yield cachedScalar;
                    }
                    Object v = scalar(row);
                    cached = true;
                    cachedScalar = v;
                    yield v;
                }
                case EXISTS -> {
                    if (!correlated && cached) {
                        yield cachedScalar;
                    }
                    holder.row = row;
                    plan.open();
                    try {
                        cachedScalar = plan.next() != null;
                    } finally {
                        plan.close();
                    }
                    cached = true;
                    yield cachedScalar;
                }
                case IN, ANY, ALL -> quantified(row, correlated);
                case ARRAY -> {
                    if (!correlated && cached) {
                        yield cachedScalar;
                    }
                    holder.row = row;
                    cachedScalar = ArraySubqueries.collect(plan);
                    cached = true;
                    yield cachedScalar;
                }
            };
        }

        private Object scalar(Object[] row) {
            holder.row = row;
            plan.open();
            try {
                Object[] first = plan.next();
                if (first == null) {
                    return null;
                }
                if (plan.next() != null) {
                    throw new SqlException(SqlState.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression");
                }
                return first[0];
            } finally {
                plan.close();
            }
        }

        private Object quantified(Object[] row, boolean correlated) {
            Object left = operand.eval(row);
            if (correlated || !cached) {
                holder.row = row;
                cachedValues = new ArrayList<>();
                plan.open();
                try {
                    for (Object[] r = plan.next(); r != null; r = plan.next()) {
                        cachedValues.add(r[0]);
                    }
                } finally {
                    plan.close();
                }
                cachedSet = null;
                cached = true;
            }
            if (kind == Expr.SubqueryKind.IN && left != null) {
                if (cachedSet == null) {
                    cachedSet = new HashSet<>();
                    cachedHasNull = false;
                    for (Object v : cachedValues) {
                        if (v == null) {
                            cachedHasNull = true;
                        } else {
                            cachedSet.add(HashKey.normalize(v));
                        }
                    }
                }
                if (cachedSet.contains(HashKey.normalize(left))) {
                    return true;
                }
                return cachedHasNull ? null : Boolean.FALSE;
            }
            boolean any = kind != Expr.SubqueryKind.ALL;
            boolean sawNull = false;
            Object[] pair = new Object[2];
            pair[0] = left;
            for (Object v : cachedValues) {
                pair[1] = v;
                Object c = compare.eval(pair);
                if (c == null) {
                    sawNull = true;
                } else if ((Boolean) c == any) {
                    return any;
                }
            }
            return sawNull ? null : !any;
        }
    }
}

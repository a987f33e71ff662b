package io.shaledb.sql.exec.access;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.stats.ColumnEstimates;
import io.shaledb.sql.stats.Selectivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fraction of one table's rows conditions keep, as PostgreSQL's clauselist_selectivity
 * estimates it: per conjunct from the restricted column's statistics
 * ({@link ColumnEstimates}: MCVs, histogram, null fraction, distinct count), conjuncts multiplied
 * (independence), a lower and an upper bound on the same column paired into one range.
 *
 * <pre>
 *   col = c, c IN (..), col IS [NOT] NULL,      c known at plan time ──► ColumnEstimates.eq/in/isNull/lt/like ...
 *   col &lt; c, col LIKE 'p%', flag, NOT flag
 *   col = $outer (a value fixed only per scan)                    ──► 1 / n_distinct
 *   col &lt; $outer, anything else                                   ──► PostgreSQL's defaults (selfuncs.h)
 * </pre>
 *
 * A column without statistics (never analyzed) gets the same defaults through
 * {@link ColumnEstimates}: 0.005 for an equality on a large table, 1/3 for a one-sided range,
 * 0.005 for a two-sided one.
 */
final class Estimates {
    static final double EQ = Selectivity.DEFAULT_EQ_SEL;
    static final double INEQ = Selectivity.DEFAULT_INEQ_SEL;
    static final double RANGE = Selectivity.DEFAULT_RANGE_INEQ_SEL;
    /** What {@link #value} answers for an expression whose value is not known while planning. */
    private static final Object UNKNOWN = new Object();

    private final TableEstimate table;
    private final int columns;
    private final Map<Integer, ColumnEstimates> cache = new HashMap<>();

    /** Estimates over {@code table}, which has {@code columns} user columns. */
    Estimates(TableEstimate table, int columns) {
        this.table = table;
        this.columns = columns;
    }

    /**
     * The selectivity of all of {@code conjuncts}, whose columns of this table are at
     * {@code offset} of their row layout.
     */
    double all(List<Bound> conjuncts, int offset) {
        double s = 1;
        Map<Integer, double[]> ranges = new HashMap<>(); // column -> {lower sel, upper sel}, NaN when absent
        for (Bound b : conjuncts) {
            Restriction r = Restriction.of(b, e -> column(e, offset) >= 0, e -> column(e, offset) < 0);
            if (r != null && (r.lower() || r.upper())) {
                double[] pair = ranges.computeIfAbsent(column(r.target(), offset), k -> new double[] {Double.NaN, Double.NaN});
                int side = r.lower() ? 0 : 1;
                double sel = of(b, offset);
                // two bounds on one side are presumably redundant: the more restrictive counts (PostgreSQL's addRangeClause)
                pair[side] = Double.isNaN(pair[side]) ? sel : Math.min(pair[side], sel);
                continue;
            }
            s *= of(b, offset);
        }
        for (Map.Entry<Integer, double[]> e : ranges.entrySet()) {
            double lo = e.getValue()[0];
            double hi = e.getValue()[1];
            if (Double.isNaN(lo) || Double.isNaN(hi)) {
                s *= Double.isNaN(lo) ? hi : lo;
            } else {
                ColumnEstimates c = estimates(e.getKey());
                s *= c != null ? c.range(lo, hi) : lo == INEQ || hi == INEQ ? RANGE : Math.max(lo + hi - 1, 1e-10);
            }
        }
        return Math.clamp(s, 0.0, 1.0);
    }

    /** The selectivity of one condition. */
    double of(Bound b, int offset) {
        double s = switch (b) {
            case null -> 1.0;
            case Bound.Compare c -> compare(c.op(), c.left(), c.right(), offset);
            case Bound.BinaryOp m when m.op().equals("~~") || m.op().equals("!~~") -> compare(m.op(), m.left(), m.right(), offset);
            case Bound.IsNull n -> {
                ColumnEstimates c = estimates(column(n.operand(), offset));
                yield c != null ? (n.negated() ? c.isNotNull() : c.isNull())
                        : n.negated() ? Selectivity.DEFAULT_NOT_UNK_SEL : Selectivity.DEFAULT_UNK_SEL;
            }
            case Bound.And a -> all(Restriction.conjuncts(a), offset);
            case Bound.Or o -> or(o, offset);
            case Bound.Not n when column(n.operand(), offset) >= 0 -> {
                ColumnEstimates c = estimates(column(n.operand(), offset));
                yield c != null ? c.isFalse() : Selectivity.DEFAULT_BOOL_SEL;
            }
            case Bound.Not n -> 1 - of(n.operand(), offset);
            case Bound.Const c -> Boolean.TRUE.equals(c.value()) ? 1.0 : 0.0;
            case Bound.Slot slot when column(slot, offset) >= 0 -> {
                ColumnEstimates c = estimates(column(slot, offset));
                yield c != null ? c.isTrue() : Selectivity.DEFAULT_BOOL_SEL;
            }
            default -> INEQ;
        };
        return Math.clamp(s, 0.0, 1.0);
    }

    /** The fraction of an index's entries {@code cond} reads: the selectivity of the conjuncts it was derived from. */
    double indexConditions(IndexCond cond, int offset) {
        return all(cond.conds(), offset);
    }

    /** {@code left op right}: a comparison, or LIKE ({@code ~~}) and NOT LIKE ({@code !~~}) with the column on the left. */
    private double compare(String operator, Bound left, Bound right, int offset) {
        boolean leftColumn = column(left, offset) >= 0;
        Bound col = leftColumn ? left : right;
        Bound other = leftColumn ? right : left;
        String op = leftColumn ? operator : Restriction.flip(operator);
        int column = column(col, offset);
        if (operator.contains("~~") && !leftColumn) {
            return operator.startsWith("!") ? 1 - Selectivity.DEFAULT_MATCH_SEL : Selectivity.DEFAULT_MATCH_SEL;
        }
        ColumnEstimates c = column(other, offset) >= 0 ? null : estimates(column);
        Object v = column >= 0 && column(other, offset) < 0 ? value(other) : UNKNOWN;
        if (c == null || v == UNKNOWN) {
            return switch (op) {
                // a value fixed per scan (an outer row's column): one of n_distinct values (var_eq_non_const)
                case "=" -> c != null ? clamp(1.0 / c.distinct()) : EQ;
                case "<>" -> c != null ? clamp(1.0 - 1.0 / c.distinct() - c.nullFrac()) : 1 - EQ;
                case "~~" -> Selectivity.DEFAULT_MATCH_SEL;
                case "!~~" -> 1 - Selectivity.DEFAULT_MATCH_SEL;
                default -> INEQ;
            };
        }
        return switch (op) {
            case "=" -> c.eq(v);
            case "<>" -> c.ne(v);
            case "<" -> c.lt(v);
            case "<=" -> c.le(v);
            case ">" -> c.gt(v);
            case ">=" -> c.ge(v);
            case "~~" -> v instanceof String p ? c.like(p) : Selectivity.DEFAULT_MATCH_SEL;
            case "!~~" -> v instanceof String p ? clamp(1 - c.like(p) - c.nullFrac()) : 1 - Selectivity.DEFAULT_MATCH_SEL;
            default -> INEQ;
        };
    }

    /** An IN list (the binder's OR of equalities) from its column's statistics; else the alternatives' union. */
    private double or(Bound.Or o, int offset) {
        Restriction r = Restriction.of(o, e -> column(e, offset) >= 0, e -> column(e, offset) < 0);
        ColumnEstimates c = r == null ? null : estimates(column(r.target(), offset));
        if (c != null) {
            List<Object> values = new ArrayList<>();
            for (Bound v : r.values()) {
                Object x = value(v);
                if (x == UNKNOWN) {
                    values = null;
                    break;
                }
                values.add(x);
            }
            if (values != null) {
                return c.in(values);
            }
        }
        double l = of(o.left(), offset);
        double rr = of(o.right(), offset);
        return l + rr - l * rr;
    }

    /** The estimates of the table's column at {@code column}, or null (not a user column, or none given). */
    private ColumnEstimates estimates(int column) {
        if (column < 0 || column >= columns) {
            return null;
        }
        return cache.computeIfAbsent(column, table.column()::apply);
    }

    /** The column of this table {@code e} reads, or -1. */
    private int column(Bound e, int offset) {
        int c = Shapes.column(e, offset, columns + 2);
        return c >= columns ? -1 : c;
    }

    /**
     * {@code b}'s value when the plan is made, or {@link #UNKNOWN}: constants, and conversions or
     * negations of them, operators over them and the stable clock functions (what PostgreSQL's
     * estimate_expression_value folds). Parameters of an outer row, other functions and subqueries
     * are unknown.
     */
    private static Object value(Bound b) {
        switch (b) {
            case Bound.Const c -> {
                return c.value();
            }
            case Bound.Convert c when value(c.operand()) != UNKNOWN -> {
                return folded(c);
            }
            case Bound.Negate n when value(n.operand()) != UNKNOWN -> {
                return folded(n);
            }
            case Bound.BinaryOp o when value(o.left()) != UNKNOWN && value(o.right()) != UNKNOWN -> {
                return folded(o);
            }
            case Bound.Call c when io.shaledb.sql.exec.Stability.isStable(c.name()) && c.args().isEmpty() -> {
                return folded(c); // the transaction's clock: fixed for the statement
            }
            default -> {
                return UNKNOWN;
            }
        }
    }

    private static Object folded(Bound b) {
        try {
            return b.eval(new Object[0]);
        } catch (SqlException e) {
            // the conversion fails at run time too (and reports it there); to estimate, the value is unknown
            return UNKNOWN;
        }
    }

    /** A selectivity kept inside [0, 1]. */
    private static double clamp(double s) {
        return Math.clamp(s, 0.0, 1.0);
    }
}

package io.shaledb.sql.plan;

import io.shaledb.sql.exec.Bound;

/**
 * Estimates the fraction of rows a condition keeps. This is the seam where column statistics
 * plug in: {@link Defaults} is PostgreSQL's behaviour without statistics (its DEFAULT_*_SEL
 * constants), and an estimator that knows a column's histogram or most common values overrides
 * {@link #clause} for the conditions it can judge and falls back to {@code Defaults} for the rest.
 *
 * <pre>
 *   selectivity(a = 1 AND b &lt; 3) = clause(a = 1) * clause(b &lt; 3)       (independence)
 *   selectivity(p OR q)           = s(p) + s(q) - s(p) * s(q)
 *   selectivity(NOT p)            = 1 - s(p)
 * </pre>
 */
public interface Selectivity {

    /** PostgreSQL's DEFAULT_EQ_SEL: {@code column = constant} without statistics. */
    double EQ = 0.005;
    /** PostgreSQL's DEFAULT_INEQ_SEL: {@code column < constant} and friends. */
    double INEQ = 1.0 / 3.0;
    /** PostgreSQL's DEFAULT_RANGE_INEQ_SEL: {@code a < x AND x < b} on one column. */
    double RANGE = 0.005;
    /** PostgreSQL's DEFAULT_MATCH_SEL: LIKE, regular expressions. */
    double MATCH = 0.005;
    /** PostgreSQL's DEFAULT_UNK_SEL: IS NULL and conditions nothing is known about. */
    double UNKNOWN = 0.005;
    /** PostgreSQL's DEFAULT_NUM_DISTINCT: the distinct values assumed of a column without statistics. */
    double NUM_DISTINCT = 200;

    /** The selectivity of one conjunct that is not an AND, OR or NOT (those are combined by {@link #of}). */
    double clause(Bound condition);

    /** The selectivity of {@code condition}, combining conjuncts and disjuncts by independence. */
    default double of(Bound condition) {
        double s = switch (condition) {
            case null -> 1.0;
            case Bound.And a -> of(a.left()) * of(a.right());
            case Bound.Or o -> {
                double l = of(o.left());
                double r = of(o.right());
                yield l + r - l * r;
            }
            case Bound.Not n -> 1.0 - of(n.operand());
            default -> clause(condition);
        };
        return Math.clamp(s, 0.0, 1.0);
    }

    /** The selectivity of all of {@code conjuncts} together. */
    default double ofAll(Iterable<Bound> conjuncts) {
        double s = 1.0;
        for (Bound b : conjuncts) {
            s *= of(b);
        }
        return s;
    }

    /** PostgreSQL's estimates without statistics. */
    Selectivity DEFAULTS = new Defaults();

    /** PostgreSQL's default selectivities, for tables that have no statistics (yet). */
    final class Defaults implements Selectivity {
        @Override
        public double clause(Bound condition) {
            return switch (condition) {
                case Bound.Compare c -> switch (c.op()) {
                    case "=" -> EQ;
                    case "<>" -> 1.0 - EQ;
                    default -> INEQ;
                };
                case Bound.IsNull n -> n.negated() ? 1.0 - UNKNOWN : UNKNOWN;
                case Bound.Const c -> Boolean.TRUE.equals(c.value()) ? 1.0 : 0.0;
                case Bound.BinaryOp b when b.op().contains("~") -> b.op().startsWith("!") ? 1.0 - MATCH : MATCH; // LIKE, regex
                case Bound.Slot s -> 0.5; // a boolean column
                default -> INEQ;
            };
        }
    }
}

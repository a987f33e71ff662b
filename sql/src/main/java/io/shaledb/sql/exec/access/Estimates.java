package io.shaledb.sql.exec.access;

import io.shaledb.sql.exec.Bound;

/**
 * The fraction of rows conditions keep, with PostgreSQL's estimates for a table without
 * statistics ({@code selfuncs.h}): 0.005 for an equality or IS NULL, 1/3 for a one-sided range,
 * 0.005 for a range bounded on both sides. Conjuncts multiply (independence).
 */
final class Estimates {
    static final double EQ = 0.005;
    static final double INEQ = 1.0 / 3.0;
    static final double RANGE = 0.005;

    private Estimates() {}

    /**
     * The selectivity of all of {@code conjuncts}; a lower and an upper bound on the same column
     * count together as one range ({@link #RANGE}), as PostgreSQL's clauselist_selectivity does.
     */
    static double all(Iterable<Bound> conjuncts) {
        double s = 1;
        java.util.Map<Integer, int[]> bounds = new java.util.HashMap<>(); // slot -> {lower seen, upper seen}
        for (Bound b : conjuncts) {
            Restriction r = Restriction.of(b, e -> e instanceof Bound.Slot, e -> !(e instanceof Bound.Slot));
            if (r != null && (r.lower() || r.upper())) {
                int[] seen = bounds.computeIfAbsent(((Bound.Slot) r.target()).index(), k -> new int[2]);
                int side = r.lower() ? 0 : 1;
                if (seen[side] == 0 && seen[1 - side] == 1) {
                    s = s / INEQ * RANGE; // the other bound's 1/3 becomes the pair's estimate
                    seen[side] = 1;
                    continue;
                }
                seen[side] = 1;
            }
            s *= of(b);
        }
        return s;
    }

    static double of(Bound b) {
        double s = switch (b) {
            case null -> 1.0;
            case Bound.Compare c -> switch (c.op()) {
                case "=" -> EQ;
                case "<>" -> 1 - EQ;
                default -> INEQ;
            };
            case Bound.IsNull n -> n.negated() ? 1 - EQ : EQ;
            case Bound.And a -> of(a.left()) * of(a.right());
            case Bound.Or o -> {
                double l = of(o.left());
                double r = of(o.right());
                yield l + r - l * r;
            }
            case Bound.Not n -> 1 - of(n.operand());
            case Bound.Const c -> Boolean.TRUE.equals(c.value()) ? 1.0 : 0.0;
            default -> INEQ;
        };
        return Math.clamp(s, 0.0, 1.0);
    }

    /** The fraction of an index's entries {@code cond} reads. */
    static double indexConditions(IndexCond cond) {
        double s = 1;
        for (var values : cond.equal()) {
            s *= Math.min(1, EQ * values.size());
        }
        if (cond.low() != null && cond.high() != null) {
            s *= RANGE;
        } else if (cond.hasRange()) {
            s *= INEQ;
        }
        return s;
    }
}

package io.shaledb.sql.exec.access;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.Values;
import java.util.List;

/**
 * Whether a query's conditions imply a partial index's predicate, so that every row the query can
 * return has an entry in the index (PostgreSQL's predicate_implied_by, in a small form). Each
 * AND-ed part of the predicate must follow from one of the query's conjuncts:
 *
 * <pre>
 *   the same expression             WHERE deleted = false        ⇒ WHERE deleted = false
 *   a value subset                  status IN ('pending')        ⇒ status IN ('pending','processing')
 *   a narrower range                x &gt; 10, x = 12, x IN (11,12) ⇒ x &gt; 5
 *   a strict comparison             x = 3, x &lt; 7                 ⇒ x IS NOT NULL
 * </pre>
 *
 * Only literal constants are compared: a parameter or {@code now()} proves nothing at plan time.
 */
final class Implication {
    private static final Object NOT_CONSTANT = new Object();
    private static final Object[] NO_ROW = new Object[0];

    private Implication() {}

    /** Whether {@code filters} (bound over the layout, the table at {@code offset}) imply {@code predicate} (over the table row). */
    static boolean implies(List<Bound> filters, Bound predicate, int offset, int width) {
        if (predicate == null) {
            return true;
        }
        for (Bound p : Restriction.conjuncts(predicate)) {
            boolean found = false;
            for (Bound q : filters) {
                if (impliesOne(q, p, offset, width)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean impliesOne(Bound q, Bound p, int offset, int width) {
        if (Shapes.same(q, p, offset)) {
            return true;
        }
        Restriction qr = Restriction.of(q, e -> true, Implication::literal);
        if (qr == null || qr.values().contains(IndexCond.IS_NULL)) {
            return false;
        }
        if (p instanceof Bound.IsNull n && n.negated()) {
            return Shapes.same(qr.target(), n.operand(), offset); // a comparison is never true on NULL
        }
        Restriction pr = Restriction.of(p, e -> true, Implication::literal);
        if (pr == null || pr.values().contains(IndexCond.IS_NULL) || !Shapes.same(qr.target(), pr.target(), offset)) {
            return false;
        }
        if (qr.equality()) {
            for (Bound v : qr.values()) {
                if (!satisfies(value(v), pr)) {
                    return false;
                }
            }
            return true;
        }
        if (pr.equality()) {
            return false; // a range never fits in a finite set of values
        }
        Object qv = value(qr.values().getFirst());
        Object pv = value(pr.values().getFirst());
        int c = Values.compare(qv, pv);
        if (qr.lower() && pr.lower()) {
            return c > 0 || (c == 0 && (pr.inclusive() || !qr.inclusive()));
        }
        if (qr.upper() && pr.upper()) {
            return c < 0 || (c == 0 && (pr.inclusive() || !qr.inclusive()));
        }
        return false;
    }

    /** Whether value {@code v} passes the restriction {@code r}. */
    private static boolean satisfies(Object v, Restriction r) {
        if (r.equality()) {
            return r.values().stream().anyMatch(x -> Values.compare(v, value(x)) == 0);
        }
        int c = Values.compare(v, value(r.values().getFirst()));
        return switch (r.op()) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    private static boolean literal(Bound b) {
        Object v = value(b);
        return v != NOT_CONSTANT && v != null;
    }

    private static Object value(Bound b) {
        return switch (b) {
            case Bound.Const c -> c.value();
            case Bound.Negate n when n.operand() instanceof Bound.Const -> n.eval(NO_ROW);
            case Bound.Convert c when c.operand() instanceof Bound.Const -> c.eval(NO_ROW);
            default -> NOT_CONSTANT;
        };
    }
}

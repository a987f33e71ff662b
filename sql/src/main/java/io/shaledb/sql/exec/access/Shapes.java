package io.shaledb.sql.exec.access;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * Structural comparison of bound expressions: whether a query's expression, bound over the FROM
 * clause's row layout, is the same expression as an index's, bound over the table's own row
 * (slot {@code i} there is slot {@code offset + i} here). Records are compared component by
 * component, generically, so new expression nodes need no change; an {@link Bound.Extension}
 * (a subquery, an outer reference) never matches.
 */
final class Shapes {
    private Shapes() {}

    /** Whether {@code query} (at {@code offset}) is the expression {@code index}. */
    static boolean same(Bound query, Bound index, int offset) {
        return equal(query, index, offset);
    }

    /** The table column {@code b} reads directly (a slot, or varchar read as text), or -1. */
    static int column(Bound b, int offset, int width) {
        Bound inner = b;
        if (b instanceof Bound.Convert c && c.from() == SqlType.VARCHAR && c.type() == SqlType.TEXT && c.maxLength() < 0) {
            inner = c.operand();
        }
        if (inner instanceof Bound.Slot s && s.index() >= offset && s.index() < offset + width) {
            return s.index() - offset;
        }
        return -1;
    }

    private static boolean equal(Object q, Object i, int offset) {
        if (q == i && !(q instanceof Bound)) {
            return true;
        }
        if (q == null || i == null) {
            return false;
        }
        if (q instanceof Bound.Slot qs && i instanceof Bound.Slot is) {
            return qs.index() == is.index() + offset && qs.type() == is.type();
        }
        if (q instanceof Bound.Extension || i instanceof Bound.Extension) {
            return false;
        }
        if (q instanceof List<?> ql && i instanceof List<?> il) {
            if (ql.size() != il.size()) {
                return false;
            }
            for (int k = 0; k < ql.size(); k++) {
                if (!equal(ql.get(k), il.get(k), offset)) {
                    return false;
                }
            }
            return true;
        }
        if (q instanceof Bound && q.getClass().isRecord()) {
            if (q.getClass() != i.getClass()) {
                return false;
            }
            for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(q.getClass())) {
                try {
                    if (!equal(c.invoke(q), c.invoke(i), offset)) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c + " of " + q.getClass(), e);
                }
            }
            return true;
        }
        return q.equals(i);
    }
}

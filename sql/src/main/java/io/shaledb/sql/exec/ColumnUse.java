package io.shaledb.sql.exec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The slots of a FROM clause's row layout a SELECT reads above its joins (outputs, ORDER BY
 * columns, grouping keys and aggregate arguments), so that the access-path chooser knows when an
 * index's entries hold every column a table is read for (an index-only scan). Null means "cannot
 * tell" (a subquery may read any column), and then no index-only scan is chosen.
 */
final class ColumnUse {
    private ColumnUse() {}

    /** The slots {@code exprs} read, or null when one of them contains a subquery. */
    static BitSet of(List<Bound> exprs) {
        BitSet all = new BitSet();
        for (Bound b : exprs) {
            BitSet s = SlotUse.of(b);
            if (s == null) {
                return null;
            }
            all.or(s);
        }
        return all;
    }

    /** The input slots a grouped query reads: its keys and its aggregates' arguments, filters and orderings. */
    static BitSet grouped(Grouping grouping) {
        List<Bound> exprs = new ArrayList<>(grouping.keys());
        for (Aggregates.Spec a : grouping.aggregates()) {
            exprs.addAll(a.args());
            if (a.filter() != null) {
                exprs.add(a.filter());
            }
            a.orderBy().forEach(k -> exprs.add(k.expr()));
        }
        return of(exprs);
    }
}

package io.shaledb.server.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated query, kept as parts so a failing one can be shrunk: each {@link #shrinks()}
 * candidate drops or simplifies one part.
 *
 * @param with a WITH clause ({@code WITH w AS (...)}) or null
 * @param distinctOn the DISTINCT ON expression, or null; then ORDER BY starts with it
 * @param from the FROM clause ({@code t0} or {@code t0 JOIN t1 ON ...})
 * @param items the select list
 * @param where the WHERE predicate, or null
 * @param groupBy the GROUP BY expressions (empty when not grouped)
 * @param having the HAVING predicate, or null
 * @param setOp a set operation ({@code UNION ALL}, ...) with a second SELECT of the same items and
 *     FROM under {@code setWhere}, or null; then ORDER BY names output columns by position
 * @param orderBy ORDER BY terms; when not empty they order the rows fully
 * @param limit the LIMIT, or null; only with a full ORDER BY
 * @param offset the OFFSET, or null; only with a full ORDER BY
 */
record DiffQuery(String with, boolean distinct, String distinctOn, List<String> items, String from, Pred where,
        List<String> groupBy, Pred having, String setOp, Pred setWhere, List<String> orderBy, Integer limit, Integer offset) {

    DiffQuery(boolean distinct, List<String> items, String from, Pred where, List<String> groupBy, Pred having,
            List<String> orderBy, Integer limit) {
        this(null, distinct, null, items, from, where, groupBy, having, null, null, orderBy, limit, null);
    }

    /** A predicate tree: leaves are rendered SQL, inner nodes AND, OR and NOT. */
    sealed interface Pred {
        String sql();

        /** Smaller predicates that might still show a difference: the children, or a leaf's nothing. */
        List<Pred> parts();
    }

    record Leaf(String sql) implements Pred {
        @Override
        public List<Pred> parts() {
            return List.of();
        }
    }

    record And(Pred left, Pred right) implements Pred {
        @Override
        public String sql() {
            return "(" + left.sql() + " AND " + right.sql() + ")";
        }

        @Override
        public List<Pred> parts() {
            return List.of(left, right);
        }
    }

    record Or(Pred left, Pred right) implements Pred {
        @Override
        public String sql() {
            return "(" + left.sql() + " OR " + right.sql() + ")";
        }

        @Override
        public List<Pred> parts() {
            return List.of(left, right);
        }
    }

    record Not(Pred inner) implements Pred {
        @Override
        public String sql() {
            return "NOT " + inner.sql();
        }

        @Override
        public List<Pred> parts() {
            return List.of(inner);
        }
    }

    /** Whether the rows come in one defined order (otherwise they are compared as a multiset). */
    boolean ordered() {
        return !orderBy.isEmpty();
    }

    String sql() {
        StringBuilder s = new StringBuilder();
        if (with != null) {
            s.append(with).append(' ');
        }
        s.append(select(where));
        if (setOp != null) {
            s.append(' ').append(setOp).append(' ').append(select(setWhere));
        }
        if (!orderBy.isEmpty()) {
            s.append(" ORDER BY ").append(String.join(", ", orderBy));
        }
        if (limit != null) {
            s.append(" LIMIT ").append(limit);
        }
        if (offset != null) {
            s.append(" OFFSET ").append(offset);
        }
        return s.toString();
    }

    private String select(Pred filter) {
        StringBuilder s = new StringBuilder("SELECT ");
        if (distinct) {
            s.append("DISTINCT ");
        }
        if (distinctOn != null) {
            s.append("DISTINCT ON (").append(distinctOn).append(") ");
        }
        s.append(String.join(", ", items)).append(" FROM ").append(from);
        if (filter != null) {
            s.append(" WHERE ").append(filter.sql());
        }
        if (!groupBy.isEmpty()) {
            s.append(" GROUP BY ").append(String.join(", ", groupBy));
        }
        if (having != null) {
            s.append(" HAVING ").append(having.sql());
        }
        return s.toString();
    }

    private DiffQuery withWhere(Pred p) {
        return new DiffQuery(with, distinct, distinctOn, items, from, p, groupBy, having, setOp, setWhere, orderBy, limit, offset);
    }

    private DiffQuery withHaving(Pred p) {
        return new DiffQuery(with, distinct, distinctOn, items, from, where, groupBy, p, setOp, setWhere, orderBy, limit, offset);
    }

    private DiffQuery withSetWhere(Pred p) {
        return new DiffQuery(with, distinct, distinctOn, items, from, where, groupBy, having, setOp, p, orderBy, limit, offset);
    }

    private DiffQuery withOrder(List<String> order, Integer lim, Integer off) {
        return new DiffQuery(with, distinct, distinctOn, items, from, where, groupBy, having, setOp, setWhere, order, lim, off);
    }

    /** Queries one step simpler than this one. */
    List<DiffQuery> shrinks() {
        List<DiffQuery> out = new ArrayList<>();
        if (limit != null || offset != null) {
            out.add(withOrder(orderBy, null, null));
        }
        if (!orderBy.isEmpty() && limit == null && offset == null && distinctOn == null) {
            out.add(withOrder(List.of(), null, null));
        }
        if (distinct) {
            out.add(new DiffQuery(with, false, distinctOn, items, from, where, groupBy, having, setOp, setWhere, orderBy, limit, offset));
        }
        if (distinctOn != null) {
            out.add(new DiffQuery(with, distinct, null, items, from, where, groupBy, having, setOp, setWhere, orderBy, limit, offset));
        }
        if (setOp != null) {
            out.add(new DiffQuery(with, distinct, distinctOn, items, from, where, groupBy, having, null, null, List.of(),
                    null, null));
            if (setWhere != null) {
                out.add(withSetWhere(null));
                for (Pred p : setWhere.parts()) {
                    out.add(withSetWhere(p));
                }
            }
        }
        if (having != null) {
            out.add(withHaving(null));
            for (Pred p : having.parts()) {
                out.add(withHaving(p));
            }
        }
        if (where != null) {
            out.add(withWhere(null));
            for (Pred p : where.parts()) {
                out.add(withWhere(p));
            }
        }
        for (int i = 0; items.size() > 1 && i < items.size(); i++) {
            List<String> fewer = new ArrayList<>(items);
            fewer.remove(i);
            // a set operation's ORDER BY names columns by position: it goes with a dropped item
            List<String> order = setOp == null ? orderBy : List.of();
            out.add(new DiffQuery(with, distinct, distinctOn, fewer, from, where, groupBy, having, setOp, setWhere, order,
                    setOp == null ? limit : null, setOp == null ? offset : null));
        }
        return out;
    }
}

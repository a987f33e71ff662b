package io.shaledb.server.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated query, kept as parts so a failing one can be shrunk: each {@link #shrinks()}
 * candidate drops or simplifies one part.
 *
 * @param from the FROM clause ({@code t0} or {@code t0 JOIN t1 ON ...})
 * @param items the select list
 * @param where the WHERE predicate, or null
 * @param groupBy the GROUP BY expressions (empty when not grouped)
 * @param having the HAVING predicate, or null
 * @param orderBy ORDER BY terms; when not empty they order the rows fully
 * @param limit the LIMIT, or null; only with a full ORDER BY
 */
record DiffQuery(boolean distinct, List<String> items, String from, Pred where, List<String> groupBy, Pred having,
        List<String> orderBy, Integer limit) {

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
        StringBuilder s = new StringBuilder("SELECT ");
        if (distinct) {
            s.append("DISTINCT ");
        }
        s.append(String.join(", ", items)).append(" FROM ").append(from);
        if (where != null) {
            s.append(" WHERE ").append(where.sql());
        }
        if (!groupBy.isEmpty()) {
            s.append(" GROUP BY ").append(String.join(", ", groupBy));
        }
        if (having != null) {
            s.append(" HAVING ").append(having.sql());
        }
        if (!orderBy.isEmpty()) {
            s.append(" ORDER BY ").append(String.join(", ", orderBy));
        }
        if (limit != null) {
            s.append(" LIMIT ").append(limit);
        }
        return s.toString();
    }

    /** Queries one step simpler than this one. */
    List<DiffQuery> shrinks() {
        List<DiffQuery> out = new ArrayList<>();
        if (limit != null) {
            out.add(new DiffQuery(distinct, items, from, where, groupBy, having, orderBy, null));
        }
        if (!orderBy.isEmpty() && limit == null) {
            out.add(new DiffQuery(distinct, items, from, where, groupBy, having, List.of(), null));
        }
        if (distinct) {
            out.add(new DiffQuery(false, items, from, where, groupBy, having, orderBy, limit));
        }
        if (having != null) {
            out.add(new DiffQuery(distinct, items, from, where, groupBy, null, orderBy, limit));
            for (Pred p : having.parts()) {
                out.add(new DiffQuery(distinct, items, from, where, groupBy, p, orderBy, limit));
            }
        }
        if (where != null) {
            out.add(new DiffQuery(distinct, items, from, null, groupBy, having, orderBy, limit));
            for (Pred p : where.parts()) {
                out.add(new DiffQuery(distinct, items, from, p, groupBy, having, orderBy, limit));
            }
        }
        for (int i = 0; items.size() > 1 && i < items.size(); i++) {
            List<String> fewer = new ArrayList<>(items);
            fewer.remove(i);
            out.add(new DiffQuery(distinct, fewer, from, where, groupBy, having, orderBy, limit));
        }
        return out;
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;

/**
 * The analysis-time checks of {@code SELECT ... FOR UPDATE / SHARE}, in PostgreSQL's order: after
 * every name, type, DISTINCT/ORDER BY and LIMIT check, before grouping is validated and before
 * LIMIT is evaluated. Clause by clause, first what the query may not contain, then each table
 * after OF:
 *
 * <pre>
 *   FOR UPDATE OF t  --&gt; DISTINCT? GROUP BY? HAVING? aggregates?   (0A000 "... is not allowed with ...")
 *                    --&gt; t qualified?                               (42601 "... must specify unqualified relation names")
 *                    --&gt; t the name (or alias) of a FROM item?      (42P01 "relation ... not found in FROM clause")
 * </pre>
 *
 * A locked row must be one row of one table, which a DISTINCT, grouped or aggregated result row
 * is not.
 */
final class LockingAnalysis {

    private LockingAnalysis() {}

    /** Throws PostgreSQL's error for the first locking clause of {@code select} that cannot apply. */
    static void check(Statement.Select select, boolean hasAggregates) {
        for (Statement.LockingClause clause : select.locking()) {
            String what = clause.strength().sql();
            if (select.distinct()) {
                throw notAllowed(what, "DISTINCT clause");
            }
            if (!select.groupBy().isEmpty()) {
                throw notAllowed(what, "GROUP BY clause");
            }
            if (select.having() != null) {
                throw notAllowed(what, "HAVING clause");
            }
            if (hasAggregates) {
                throw notAllowed(what, "aggregate functions");
            }
            if (select.items().stream().anyMatch(i -> Windowing.containsWindow(i.expr()))
                    || select.orderBy().stream().anyMatch(o -> Windowing.containsWindow(o.expr()))) {
                throw notAllowed(what, "window functions");
            }
            for (Statement.LockedRelation rel : clause.tables()) {
                if (rel.qualified()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, what + " must specify unqualified relation names",
                            rel.pos() + 1);
                }
                if (select.from() == null || !select.from().visibleName().equals(rel.name())) {
                    throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.name() + "\" in " + what
                            + " clause not found in FROM clause", rel.pos() + 1);
                }
            }
        }
    }

    private static SqlException notAllowed(String what, String with) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not allowed with " + with);
    }
}

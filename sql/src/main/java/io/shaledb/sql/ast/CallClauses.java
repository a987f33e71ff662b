package io.shaledb.sql.ast;

import java.util.List;

/**
 * The clauses that may follow or sit inside a function call's parentheses:
 * {@code agg(x ORDER BY y)}, {@code agg(x) FILTER (WHERE cond)}, {@code f(x) OVER (...)}.
 * {@code orderBy} is empty and {@code filter}/{@code over} are null when not written.
 */
public record CallClauses(List<Statement.OrderItem> orderBy, Expr filter, WindowSpec over) {
    public static final CallClauses NONE = new CallClauses(List.of(), null, null);

    public boolean isNone() {
        return orderBy.isEmpty() && filter == null && over == null;
    }
}

package io.shaledb.sql.ast;

import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.OrderItem;
import java.util.List;

/**
 * A query expression: what may stand where PostgreSQL's grammar has a {@code select_clause}. A plain
 * SELECT block is {@link Statement.Select} (it keeps its own ORDER BY / LIMIT, which may name input
 * columns); set operations, VALUES lists and WITH wrap other queries:
 *
 * <pre>
 *   WITH a AS (...) SELECT ... UNION SELECT ... INTERSECT VALUES (1) ORDER BY 1 LIMIT 3
 *   = With([a], Ordered(SetOp(UNION, Select, SetOp(INTERSECT, Select, Values)), [1], 3))
 * </pre>
 */
public sealed interface Query permits Statement.Select, Query.SetOp, Query.Values, Query.Ordered, Query.With {

    enum SetOpKind { UNION, INTERSECT, EXCEPT }

    /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}; {@code pos} is the operator keyword's offset. */
    record SetOp(SetOpKind kind, boolean all, Query left, Query right, int pos) implements Query {}

    /** {@code VALUES (..), (..)}: every row has the same length (checked by the parser). */
    record Values(List<List<Expr>> rows, int pos) implements Query {}

    /**
     * ORDER BY / LIMIT / OFFSET applied to a query that is not a plain SELECT (a set operation, a
     * VALUES list, or a parenthesized SELECT that already has its own). {@code limit}/{@code offset}
     * may be null.
     */
    record Ordered(Query body, List<OrderItem> orderBy, Expr limit, Expr offset) implements Query {}

    /** {@code WITH [RECURSIVE] name [(cols)] AS (query), ... body}. */
    record With(boolean recursive, List<Cte> ctes, Query body) implements Query {}

    /** One common table expression; {@code columns} is empty when not written. */
    record Cte(Ident name, List<Ident> columns, Query query) {}
}

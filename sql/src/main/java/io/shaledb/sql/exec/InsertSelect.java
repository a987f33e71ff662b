package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.Values.CastContext;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The row source of {@code INSERT INTO t [(cols)] query}: plans the query, checks its width against
 * the target columns and binds, for every column of {@code t}, how its value is made from one output
 * row of the query: an assignment cast of the output column written to it (as PostgreSQL's
 * {@code transformInsertStmt} does), else the column's default.
 *
 * <pre>
 *   INSERT INTO t (b, a) SELECT x, y FROM s          t = (a, b, c DEFAULT 7)
 *
 *   query row  [x, y]  ──►  [ assign(y → a), assign(x → b), default(c) ]  ──►  RowWriter.insert
 * </pre>
 *
 * <p><b>Untyped literals.</b> A plain SELECT is planned keeping the type unknown for a quoted
 * literal in its list, so {@code INSERT INTO t (a) SELECT '1'} reads '1' as the column's type, as
 * PostgreSQL does; inside set operations, and when DISTINCT, ORDER BY or GROUP BY must compare
 * them, the literals are resolved as usual (text).
 *
 * <p><b>Reading the table being written.</b> The query's rows are all read before the first one is
 * written ({@link #rows()}), and the transaction layer hides versions written by the running
 * command anyway, so {@code INSERT INTO t SELECT * FROM t} copies each existing row once.
 */
final class InsertSelect {
    private final QueryPlanner.Planned plan;
    private final Bound[] columns;
    /** Per column: the position of the untyped literal it is read from, else 0. */
    private final int[] literalPositions;

    private InsertSelect(QueryPlanner.Planned plan, Bound[] columns, int[] literalPositions) {
        this.plan = plan;
        this.columns = columns;
        this.literalPositions = literalPositions;
    }

    /**
     * Plans {@code ins.query()} for writing to {@code targets} (column indexes of {@code table}, in
     * the order they are written). {@code overriding}: 's' OVERRIDING SYSTEM VALUE, 'u' USER VALUE, else 0.
     */
    static InsertSelect plan(Executor executor, Transaction tx, Table table, Statement.Insert ins, List<Integer> targets,
                             char overriding) {
        Query q = ins.query();
        QueryPlanner.Planned plan = new QueryPlanner(executor, tx).plan(q, null, QueryPlanner.Env.EMPTY, keepsUnknown(q));
        int width = plan.columns().size();
        List<Expr> items = leadingItems(q);
        if (width > targets.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                    positionOf(items, targets.size()));
        }
        if (width < targets.size() && ins.columns() != null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                    ins.columns().get(width).pos() + 1);
        }
        Bound[] columns = ColumnDefaults.bindAll(table);
        int[] literalPositions = new int[columns.length];
        for (int i = 0; i < width; i++) {
            int col = targets.get(i);
            Column column = table.column(col);
            if (overriding == 'u' && column.identity() != 0) {
                continue; // OVERRIDING USER VALUE: the identity column takes its default
            }
            if (column.identity() == 'a' && overriding != 's') {
                throw ColumnDefaults.generatedAlways(column, false);
            }
            SqlType type = plan.columns().get(i).type();
            columns[col] = assign(new Bound.Slot(i, type, 0, 0), column, positionOf(items, i));
            literalPositions[col] = type == SqlType.UNKNOWN ? positionOf(items, i) : 0;
        }
        return new InsertSelect(plan, columns, literalPositions);
    }

    /**
     * Runs the query to its end, then turns each of its rows into a row of the table (defaults are
     * evaluated here, once per row, in order).
     */
    List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        plan.root().open();
        try {
            for (Object[] row = plan.root().next(); row != null; row = plan.root().next()) {
                out.add(row);
            }
        } finally {
            plan.root().close();
        }
        for (int r = 0; r < out.size(); r++) {
            Object[] input = out.get(r);
            Object[] row = new Object[columns.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = eval(i, input);
            }
            out.set(r, row);
        }
        return out;
    }

    /**
     * Column {@code i}'s value. A bad untyped literal is reported at its position, as PostgreSQL
     * (which converts it while planning) does.
     */
    private Object eval(int i, Object[] input) {
        try {
            return columns[i].eval(input);
        } catch (SqlException e) {
            boolean literal = literalPositions[i] > 0 && e.position() == 0 && e.state() == SqlState.INVALID_TEXT_REPRESENTATION;
            throw literal ? e.withPosition(literalPositions[i]) : e;
        }
    }

    /** An assignment cast of an output column to {@code column}'s type, or 42804 as PostgreSQL reports it. */
    private static Bound assign(Bound.Slot value, Column column, int pos) {
        SqlType from = value.type();
        SqlType to = column.type();
        if (from != SqlType.UNKNOWN) {
            CastContext ctx = Values.castContext(from, to);
            if (ctx != CastContext.IMPLICIT && ctx != CastContext.ASSIGNMENT) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                        + column.typeDisplayName() + " but expression is of type " + from.sqlName(), pos, null,
                        "You will need to rewrite or cast the expression.", null);
            }
            if (from == to && column.maxLength() < 0) {
                return value;
            }
        }
        return new Bound.Convert(value, from, to, column.maxLength(), true);
    }

    /**
     * Whether {@code q}'s untyped literals reach the INSERT untyped: in a plain SELECT that does not
     * sort or group them (DISTINCT, ORDER BY and GROUP BY resolve them as text, as in PostgreSQL).
     */
    private static boolean keepsUnknown(Query q) {
        return q instanceof Statement.Select s && !s.distinct() && s.distinctOn().isEmpty() && s.orderBy().isEmpty()
                && s.groupBy().isEmpty();
    }

    /** The select-list expressions (or first VALUES row) of the leftmost SELECT block of {@code q}, or null. */
    private static List<Expr> leadingItems(Query q) {
        return switch (q) {
            case Statement.Select s -> s.items().stream().anyMatch(Statement.SelectItem::star)
                    ? null : s.items().stream().map(Statement.SelectItem::expr).toList();
            case Query.Values v -> v.rows().getFirst();
            case Query.SetOp op -> leadingItems(op.left());
            case Query.Ordered o -> leadingItems(o.body());
            case Query.With w -> leadingItems(w.body());
        };
    }

    /** The 1-based statement position of output column {@code i}, or 0 when unknown. */
    private static int positionOf(List<Expr> items, int i) {
        return items != null && i < items.size() ? items.get(i).pos() + 1 : 0;
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.Prepared;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Lexer;
import io.shaledb.sql.parser.Token;
import io.shaledb.sql.parser.TokenKind;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement of the extended query protocol, parsed once: its AST, its parameter types and its
 * result columns. {@link Session#prepare} builds it, {@link Session#execute(Prepared, Object[],
 * SqlType[], ResultSink)} runs it: each execution binds the parameters as constants and plans the
 * statement with their values (PostgreSQL's "custom plan"), so an index lookup on {@code id = $1}
 * is planned as one. Nothing here is cached across DDL: a statement is re-planned against the
 * catalog as it is at each execution, and {@link #checkShape} refuses a result whose columns
 * changed since it was described, as PostgreSQL does.
 *
 * <p>Describing, for a row-returning statement, is a dry run: the statement is planned with every
 * parameter a NULL of its declared type (or unknown, to be inferred), and the run is stopped at
 * the first thing it sends, its RowDescription, before any row is read. DML is described through
 * the SELECT over its table that has the same WHERE clause and RETURNING list, so nothing is
 * written; a bare parameter assigned to a column takes the column's type.
 *
 * @param statement null for an empty query string
 */
record PreparedQuery(String sql, Statement statement, List<SqlType> parameterTypes, List<ColumnInfo> columns)
        implements Prepared {

    @Override
    public boolean isEmpty() {
        return statement == null;
    }

    /** The highest {@code $n} the text uses (0 for none); {@code $n} inside strings and bodies does not count. */
    static int parameterCount(String sql) {
        int max = 0;
        for (Token t : Lexer.tokenize(sql)) {
            if (t.kind() == TokenKind.PARAM) {
                try {
                    max = Math.max(max, Integer.parseInt(t.text()));
                } catch (NumberFormatException e) {
                    throw new SqlException(SqlState.UNDEFINED_PARAMETER, "there is no parameter " + t.raw(), t.offset() + 1);
                }
            }
        }
        return max;
    }

    /** Whether describing {@code s} needs the catalog (a transaction): the statements that read or write tables. */
    static boolean needsDryRun(Statement s) {
        return s instanceof Statement.Select || s instanceof Statement.QueryStatement || s instanceof Statement.Insert
                || s instanceof Statement.InsertOverriding || s instanceof Statement.Update || s instanceof Statement.Delete;
    }

    /** The result columns of a statement that needs no dry run: EXPLAIN and SHOW return rows, the rest none. */
    static List<ColumnInfo> staticColumns(Statement s) {
        return switch (s) {
            case Statement.Explain e -> List.of(new ColumnInfo("QUERY PLAN", SqlType.TEXT));
            case Statement.ShowParameter sp -> sp.name() == null || sp.name().name().equals("all")
                    ? List.of(new ColumnInfo("name", SqlType.TEXT), new ColumnInfo("setting", SqlType.TEXT),
                            new ColumnInfo("description", SqlType.TEXT))
                    : List.of(new ColumnInfo(sp.name().name(), SqlType.TEXT));
            default -> null;
        };
    }

    /**
     * Describes a statement for which {@link #needsDryRun} holds, inside the statement context
     * {@code tx} (the session has installed it): returns its result columns (null for none) and
     * leaves the parameter types the binder met in the {@link QueryParams#inferring} array.
     */
    static List<ColumnInfo> dryRun(Executor executor, Statement s, Transaction tx, SqlType[] inferred) {
        return switch (s) {
            case Statement.Select sel -> columnsOf(executor, sel, tx);
            case Statement.QueryStatement q -> columnsOf(executor, q, tx);
            case Statement.InsertOverriding o -> dryRun(executor, o.insert(), tx, inferred);
            case Statement.Insert ins -> {
                Table table = executor.lookup(ins.table());
                List<List<Expr>> rows = ins.rows() == null ? List.of() : ins.rows();
                for (List<Expr> row : rows) {
                    for (int i = 0; i < row.size(); i++) {
                        Column target = targetColumn(table, ins.columns(), i);
                        if (target != null && row.get(i) instanceof Expr.Param p && p.index() < inferred.length
                                && inferred[p.index()] == null) {
                            inferred[p.index()] = target.type();
                        }
                    }
                }
                if (!rows.isEmpty()) {
                    // parameters inside expressions (lower($1), $2 + 1) take the types the binder gives them
                    columnsOf(executor, select(items(rows.getFirst()), List.of(), null), tx);
                }
                if (ins.query() != null) {
                    columnsOf(executor, new Statement.QueryStatement(ins.query()), tx);
                }
                yield returning(executor, ins.table(), List.of(), ins.returning(), tx);
            }
            case Statement.Update u -> {
                Table table = executor.lookup(u.table());
                List<Statement.SelectItem> items = new ArrayList<>();
                for (Statement.Assignment a : u.assignments()) {
                    int at = table.columnIndex(a.column().name());
                    if (at >= 0 && a.value() instanceof Expr.Param p && p.index() < inferred.length && inferred[p.index()] == null) {
                        inferred[p.index()] = table.column(at).type();
                    }
                    items.addAll(items(List.of(a.value())));
                }
                if (items.isEmpty()) {
                    items.add(item(new Expr.Literal(1, 0)));
                }
                List<FromItem> from = new ArrayList<>();
                from.add(new FromItem.Named(u.table(), List.of()));
                from.addAll(u.from());
                columnsOf(executor, select(items, from, u.where()), tx);
                yield returning(executor, u.table(), u.from(), u.returning(), tx);
            }
            case Statement.Delete d -> {
                List<FromItem> from = new ArrayList<>();
                from.add(new FromItem.Named(d.table(), List.of()));
                from.addAll(d.using());
                columnsOf(executor, select(List.of(item(new Expr.Literal(1, 0))), from, d.where()), tx);
                yield returning(executor, d.table(), d.using(), d.returning(), tx);
            }
            default -> null;
        };
    }

    /** Refuses a result whose columns differ from the described ones: the statement must be prepared again. */
    static void checkShape(List<ColumnInfo> described, List<ColumnInfo> actual) {
        boolean same = described.size() == actual.size();
        for (int i = 0; same && i < described.size(); i++) {
            same = described.get(i).type() == actual.get(i).type() && described.get(i).name().equals(actual.get(i).name());
        }
        if (!same) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
    }

    private static Column targetColumn(Table table, List<Statement.Ident> columns, int i) {
        if (columns == null || columns.isEmpty()) {
            return i < table.columns().size() ? table.column(i) : null;
        }
        int at = i < columns.size() ? table.columnIndex(columns.get(i).name()) : -1;
        return at >= 0 ? table.column(at) : null;
    }

    private static List<ColumnInfo> returning(Executor executor, Statement.TableRef table, List<FromItem> more,
                                              List<Statement.SelectItem> items, Transaction tx) {
        if (items.isEmpty()) {
            return null;
        }
        List<FromItem> from = new ArrayList<>();
        from.add(new FromItem.Named(table, List.of()));
        from.addAll(more);
        return columnsOf(executor, select(items, from, null), tx);
    }

    /** Select items for the expressions of a VALUES row or SET list (DEFAULT has no value to describe). */
    private static List<Statement.SelectItem> items(List<Expr> exprs) {
        List<Statement.SelectItem> items = new ArrayList<>();
        for (Expr e : exprs) {
            if (!(e instanceof Expr.Default)) {
                items.add(item(e));
            }
        }
        if (items.isEmpty()) {
            items.add(item(new Expr.Literal(1, 0)));
        }
        return items;
    }

    private static Statement.SelectItem item(Expr e) {
        return new Statement.SelectItem(e, null, false, null, 0);
    }

    private static Statement.Select select(List<Statement.SelectItem> items, List<FromItem> from, Expr where) {
        return new Statement.Select(false, List.of(), items, from, where, List.of(), null, List.of(), null, null, List.of());
    }

    /** Plans {@code s} and stops it at its RowDescription: the columns, with no row read. */
    private static List<ColumnInfo> columnsOf(Executor executor, Statement s, Transaction tx) {
        ColumnsOnly sink = new ColumnsOnly();
        try {
            executor.execute(s, tx, sink);
        } catch (ColumnsOnly.Described described) {
            return sink.columns;
        }
        return sink.columns;
    }

    /** A sink that takes the RowDescription and stops the statement there. */
    private static final class ColumnsOnly implements ResultSink {
        List<ColumnInfo> columns;

        @Override
        public void columns(List<ColumnInfo> c) {
            columns = List.copyOf(c);
            throw new Described();
        }

        @Override
        public void row(Object[] values) {
            throw new Described();
        }

        @Override
        public void complete(String commandTag) {
            // a statement without rows
        }

        @Override
        public void emptyQuery() {
            // nothing to describe
        }

        /** Unwinds the dry run once the columns are known (no stack trace: it is control flow). */
        static final class Described extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Described() {
                super("described", null, false, false);
            }
        }
    }
}

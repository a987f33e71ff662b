package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiple-column item of UPDATE SET, turned into one assignment per column:
 *
 * <pre>
 *   (a, b) = (x, y)  |  (a, b) = ROW(x, y)   ─►  a = x, b = y
 *   (a, b) = (SELECT p, q FROM ...)           ─►  a = (SELECT s.c1 FROM (SELECT p, q ...) s(c1, c2)),
 *                                                  b = (SELECT s.c2 FROM (SELECT p, q ...) s(c1, c2))
 * </pre>
 *
 * The sub-SELECT is thus evaluated once per column (an uncorrelated one is cached by the engine
 * anyway); its width is checked here when the parser can see it (no {@code *} in its leading SELECT
 * list), otherwise by the derived table's column list.
 */
final class MultiAssignmentParser {
    private static final String MISMATCH = "number of columns does not match number of values";

    private MultiAssignmentParser() {}

    /** Parses {@code (col, ...) = source} at the opening parenthesis. */
    static List<Statement.Assignment> parse(QueryParser p) {
        p.expectSymbol("(");
        List<Ident> columns = new ArrayList<>();
        do {
            columns.add(p.identifier());
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        p.expectSymbol("=");
        Token source = p.peek();
        boolean row = p.acceptWord("row");
        if (!row && source.isSymbol("(") && p.atQuery()) {
            p.expectSymbol("(");
            Query q = p.subquery();
            p.expectSymbol(")");
            return fromSubquery(columns, q, source.offset());
        }
        p.expectSymbol("(");
        List<Expr> values = new ArrayList<>();
        do {
            values.add(p.peek().isWord("default") ? new Expr.Default(p.next().offset()) : p.expr());
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        if (!row && values.size() == 1) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, // PostgreSQL's SQLSTATE for it, too
                    "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression", values.getFirst().pos() + 1);
        }
        if (values.size() != columns.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, MISMATCH, source.offset() + 1);
        }
        List<Statement.Assignment> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(new Statement.Assignment(columns.get(i), values.get(i)));
        }
        return out;
    }

    private static List<Statement.Assignment> fromSubquery(List<Ident> columns, Query q, int pos) {
        int width = width(q);
        if (width >= 0 && width != columns.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, MISMATCH, pos + 1);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            names.add("?column" + (i + 1) + "?");
        }
        String alias = "?multiassign?";
        List<Statement.Assignment> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Statement.SelectItem item = new Statement.SelectItem(new Expr.ColumnRef(alias, names.get(i), pos), null, false, null, pos);
            Statement.Select pick = new Statement.Select(false, List.of(), List.of(item),
                    List.of(new FromItem.Derived(q, alias, List.copyOf(names), pos)), null, List.of(), null, List.of(),
                    null, null, List.of());
            out.add(new Statement.Assignment(columns.get(i), new Expr.Subquery(Expr.SubqueryKind.SCALAR, null, null, pick, pos)));
        }
        return out;
    }

    /** The number of output columns of {@code q} when its leading SELECT list shows it, else -1. */
    private static int width(Query q) {
        return switch (q) {
            case Statement.Select s -> s.items().stream().anyMatch(Statement.SelectItem::star) ? -1 : s.items().size();
            case Query.Values v -> v.rows().getFirst().size();
            case Query.SetOp op -> width(op.left());
            case Query.Ordered o -> width(o.body());
            case Query.With w -> width(w.body());
        };
    }
}

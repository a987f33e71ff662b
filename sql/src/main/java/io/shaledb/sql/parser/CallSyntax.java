package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.CallClauses;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax around a function call's arguments and the WINDOW clause:
 *
 * <pre>
 *   name ( [DISTINCT] args [ORDER BY ...] ) [FILTER (WHERE cond)] [OVER (window) | OVER name]
 *   window  := [existing_name] [PARTITION BY exprs] [ORDER BY items] [frame]
 *   frame   := ROWS|RANGE|GROUPS { bound | BETWEEN bound AND bound } [EXCLUDE CURRENT ROW|GROUP|TIES|NO OTHERS]
 *   bound   := UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW | n FOLLOWING | UNBOUNDED FOLLOWING
 *   WINDOW name AS (window) [, ...]        (after HAVING)
 * </pre>
 *
 * Frame shapes PostgreSQL's grammar rejects are rejected here with its messages (42P20).
 */
final class CallSyntax {
    private CallSyntax() {}

    /** {@code ORDER BY ...} just before a call's closing parenthesis; empty when absent. */
    static List<Statement.OrderItem> aggregateOrderBy(ExpressionParser p) {
        if (!(p.peek().isWord("order") && p.peek(1).isWord("by"))) {
            return List.of();
        }
        p.next();
        p.next();
        return orderItems(p);
    }

    /** Attaches FILTER / OVER following {@code call}'s parenthesis (and its inner ORDER BY). */
    static Expr.FunctionCall clauses(ExpressionParser p, Expr.FunctionCall call, List<Statement.OrderItem> orderBy) {
        if (p.peek().isWord("within") && p.peek(1).isWord("group")) {
            throw ExpressionParser.unsupported(p.peek(), "WITHIN GROUP is not supported yet");
        }
        Expr filter = null;
        if (p.peek().isWord("filter") && p.peek(1).isSymbol("(")) {
            p.next();
            p.next();
            p.expectWord("where");
            filter = p.expr();
            p.expectSymbol(")");
        }
        WindowSpec over = null;
        if (p.peek().isWord("over")) {
            p.next();
            if (p.peek().isSymbol("(")) {
                over = windowSpec(p);
            } else {
                Statement.Ident name = p.colId();
                over = new WindowSpec(name.name(), true, List.of(), List.of(), null, name.pos());
            }
        }
        if (orderBy.isEmpty() && filter == null && over == null) {
            return call;
        }
        return new Expr.FunctionCall(call.name(), call.args(), call.star(), call.distinct(), call.pos(),
                new CallClauses(List.copyOf(orderBy), filter, over));
    }

    /** {@code WINDOW name AS (spec) [, ...]}; empty when the clause is absent. */
    static List<WindowSpec.Definition> windowClause(ExpressionParser p) {
        if (!p.acceptWord("window")) {
            return List.of();
        }
        List<WindowSpec.Definition> defs = new ArrayList<>();
        do {
            Statement.Ident name = p.colId();
            p.expectWord("as");
            defs.add(new WindowSpec.Definition(name.name(), windowSpec(p), name.pos()));
        } while (p.acceptSymbol(","));
        return List.copyOf(defs);
    }

    /** {@code ( [name] [PARTITION BY ...] [ORDER BY ...] [frame] )}. */
    private static WindowSpec windowSpec(ExpressionParser p) {
        int pos = p.expectSymbol("(").offset();
        String ref = null;
        Token t = p.peek();
        boolean clauseWord = (t.isWord("partition") || t.isWord("order")) && p.peek(1).isWord("by")
                || t.isWord("rows") || t.isWord("range") || t.isWord("groups");
        if (!t.isSymbol(")") && !clauseWord) {
            ref = p.colId().name();
        }
        List<Expr> partition = new ArrayList<>();
        if (p.peek().isWord("partition")) {
            p.next();
            p.expectWord("by");
            do {
                partition.add(p.expr());
            } while (p.acceptSymbol(","));
        }
        List<Statement.OrderItem> order = List.of();
        if (p.peek().isWord("order")) {
            p.next();
            p.expectWord("by");
            order = orderItems(p);
        }
        WindowSpec.Frame frame = null;
        if (p.peek().isWord("rows") || p.peek().isWord("range") || p.peek().isWord("groups")) {
            frame = frame(p);
        }
        p.expectSymbol(")");
        return new WindowSpec(ref, false, List.copyOf(partition), order, frame, pos);
    }

    private static List<Statement.OrderItem> orderItems(ExpressionParser p) {
        List<Statement.OrderItem> items = new ArrayList<>();
        do {
            items.add(((QueryParser) p).orderItem());
        } while (p.acceptSymbol(","));
        return List.copyOf(items);
    }

    private static WindowSpec.Frame frame(ExpressionParser p) {
        Token modeToken = p.next();
        WindowSpec.Mode mode = WindowSpec.Mode.valueOf(modeToken.text().toUpperCase(java.util.Locale.ROOT));
        WindowSpec.Bound start;
        WindowSpec.Bound end;
        int extent = p.peek().offset();
        if (p.acceptWord("between")) {
            start = bound(p);
            p.expectWord("and");
            end = bound(p);
            if (start.kind() == WindowSpec.BoundKind.UNBOUNDED_FOLLOWING) {
                throw frameError("frame start cannot be UNBOUNDED FOLLOWING", start.pos());
            }
            if (end.kind() == WindowSpec.BoundKind.UNBOUNDED_PRECEDING) {
                throw frameError("frame end cannot be UNBOUNDED PRECEDING", end.pos());
            }
            if (start.kind() == WindowSpec.BoundKind.CURRENT_ROW && end.kind() == WindowSpec.BoundKind.PRECEDING) {
                throw frameError("frame starting from current row cannot have preceding rows", end.pos());
            }
            if (start.kind() == WindowSpec.BoundKind.FOLLOWING
                    && (end.kind() == WindowSpec.BoundKind.PRECEDING || end.kind() == WindowSpec.BoundKind.CURRENT_ROW)) {
                throw frameError("frame starting from following row cannot have preceding rows", end.pos());
            }
        } else {
            start = bound(p);
            end = new WindowSpec.Bound(WindowSpec.BoundKind.CURRENT_ROW, null, start.pos());
            if (start.kind() == WindowSpec.BoundKind.UNBOUNDED_FOLLOWING) {
                throw frameError("frame start cannot be UNBOUNDED FOLLOWING", start.pos());
            }
            if (start.kind() == WindowSpec.BoundKind.FOLLOWING) {
                throw frameError("frame starting from following row cannot end with current row", start.pos());
            }
        }
        WindowSpec.Exclude exclude = WindowSpec.Exclude.NO_OTHERS;
        if (p.acceptWord("exclude")) {
            if (p.acceptWord("current")) {
                p.expectWord("row");
                exclude = WindowSpec.Exclude.CURRENT_ROW;
            } else if (p.acceptWord("group")) {
                exclude = WindowSpec.Exclude.GROUP;
            } else if (p.acceptWord("ties")) {
                exclude = WindowSpec.Exclude.TIES;
            } else {
                p.expectWord("no");
                p.expectWord("others");
            }
        }
        return new WindowSpec.Frame(mode, start, end, exclude, extent);
    }

    private static WindowSpec.Bound bound(ExpressionParser p) {
        Token t = p.peek();
        if (t.isWord("unbounded")) {
            p.next();
            if (p.acceptWord("preceding")) {
                return new WindowSpec.Bound(WindowSpec.BoundKind.UNBOUNDED_PRECEDING, null, t.offset());
            }
            p.expectWord("following");
            return new WindowSpec.Bound(WindowSpec.BoundKind.UNBOUNDED_FOLLOWING, null, t.offset());
        }
        if (t.isWord("current") && p.peek(1).isWord("row")) {
            p.next();
            p.next();
            return new WindowSpec.Bound(WindowSpec.BoundKind.CURRENT_ROW, null, t.offset());
        }
        Expr offset = p.expr();
        if (p.acceptWord("preceding")) {
            return new WindowSpec.Bound(WindowSpec.BoundKind.PRECEDING, offset, t.offset());
        }
        p.expectWord("following");
        return new WindowSpec.Bound(WindowSpec.BoundKind.FOLLOWING, offset, t.offset());
    }

    private static SqlException frameError(String message, int offset) {
        return new SqlException(SqlState.WINDOWING_ERROR, message, offset + 1);
    }
}

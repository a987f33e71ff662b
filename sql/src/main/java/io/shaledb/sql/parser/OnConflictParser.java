package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code ON CONFLICT} clause of INSERT:
 *
 * <pre>
 *   ON CONFLICT [ ( column [, ...] ) | ON CONSTRAINT name ]
 *       DO NOTHING
 *     | DO UPDATE SET column = { expr | DEFAULT } [, ...] [ WHERE condition ]
 * </pre>
 *
 * Whether the arbiter names a real unique constraint is checked when the statement runs.
 */
final class OnConflictParser {

    private OnConflictParser() {}

    static Statement.OnConflict onConflict(ExpressionParser p, Supplier<Statement.Assignment> assignment) {
        Token on = p.expectWord("on");
        p.expectWord("conflict");
        List<Ident> target = new ArrayList<>();
        Ident constraint = null;
        int targetPos = p.peek().offset();
        if (p.acceptSymbol("(")) {
            do {
                target.add(p.identifier());
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
            if (p.peek().isWord("where")) {
                throw TokenCursor.unsupported(p.peek(), "ON CONFLICT with a partial-index WHERE clause is not supported");
            }
        } else {
            targetPos = -1;
        }
        if (targetPos < 0 && p.acceptWord("on")) {
            p.expectWord("constraint");
            constraint = p.identifier();
        }
        p.expectWord("do");
        if (p.acceptWord("nothing")) {
            return new Statement.OnConflict(List.copyOf(target), targetPos, constraint, null, null, on.offset());
        }
        p.expectWord("update");
        if (target.isEmpty() && constraint == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    on.position(), null, "For example, ON CONFLICT (column_name).", null);
        }
        p.expectWord("set");
        List<Statement.Assignment> sets = new ArrayList<>();
        do {
            sets.add(assignment.get());
        } while (p.acceptSymbol(","));
        Expr where = p.acceptWord("where") ? p.expr() : null;
        return new Statement.OnConflict(List.copyOf(target), targetPos, constraint, List.copyOf(sets), where, on.offset());
    }
}

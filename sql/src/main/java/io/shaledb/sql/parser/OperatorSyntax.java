package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import java.util.List;

/**
 * The operator-shaped syntax of PostgreSQL's catalog queries (what psql's {@code \d} sends):
 *
 * <pre>
 *   a OPERATOR(pg_catalog.~) b       -> Binary("~", a, b)     (precedence of any other operator)
 *   OPERATOR(pg_catalog.-) a         -> Unary("-", a)
 *   x COLLATE "C" / pg_catalog.default -> Collate(x, "C")
 *   x [NOT] SIMILAR TO p [ESCAPE e]  -> x [!]~ similar_to_escape(p[, e])   (as PostgreSQL rewrites it)
 * </pre>
 *
 * Only the built-in operators exist, so the schema of a qualified operator must be
 * {@code pg_catalog}; any other is an error as PostgreSQL's for an operator it cannot find.
 */
final class OperatorSyntax {
    private OperatorSyntax() {}

    /** Parses {@code OPERATOR ( [schema .] op )} at the cursor and returns {@code op}. */
    static String qualifiedOperator(ExpressionParser p) {
        Token keyword = p.expectWord("operator");
        p.expectSymbol("(");
        String schema = null;
        Token schemaToken = null;
        while (p.peek().kind() == TokenKind.WORD || p.peek().kind() == TokenKind.QUOTED_IDENT) {
            schemaToken = p.next();
            schema = schemaToken.text();
            p.expectSymbol(".");
        }
        Token op = p.peek();
        if (op.kind() != TokenKind.SYMBOL || !isOperatorText(op.text())) {
            throw p.syntaxError(op);
        }
        p.next();
        p.expectSymbol(")");
        if (schema != null && !schema.equals("pg_catalog")) {
            if (schema.equals("public") || schema.equals("information_schema")) {
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + schema + "." + op.text(),
                        keyword.offset() + 1);
            }
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist",
                    keyword.offset() + 1);
        }
        return op.text().equals("!=") ? "<>" : op.text();
    }

    private static boolean isOperatorText(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0);
    }

    /** {@code COLLATE name} after {@code operand}: {@code name} may be qualified ({@code pg_catalog.default}). */
    static Expr collate(ExpressionParser p, Expr operand) {
        Token kw = p.expectWord("collate");
        Token name = p.peek();
        if (name.kind() != TokenKind.WORD && name.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxError(name);
        }
        p.next();
        String collation = name.text();
        if (p.peek().isSymbol(".")) {
            p.next();
            Token second = p.peek();
            if (second.kind() != TokenKind.WORD && second.kind() != TokenKind.QUOTED_IDENT) {
                throw p.syntaxError(second);
            }
            p.next();
            collation = collation + "." + second.text();
        }
        return new Expr.Collate(operand, collation, kw.offset());
    }

    /** The rest of {@code x [NOT] SIMILAR TO pattern [ESCAPE e]} after {@code TO}. */
    static Expr similarTo(ExpressionParser p, Expr operand, boolean negated, Token similar) {
        Expr pattern = p.otherOp();
        List<Expr> args = List.of(pattern);
        if (p.peek().isWord("escape")) {
            p.next();
            args = List.of(pattern, p.otherOp());
        }
        Expr regex = new Expr.FunctionCall("similar_to_escape", args, false, false, similar.offset());
        return new Expr.Binary(negated ? "!~" : "~", operand, regex, similar.offset());
    }
}

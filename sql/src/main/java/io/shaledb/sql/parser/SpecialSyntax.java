package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SQL-standard call forms with keywords between their arguments, and typed literals, each
 * rewritten to the plain function call or cast PostgreSQL's grammar turns it into:
 *
 * <pre>
 *   EXTRACT(field FROM x)               -> extract('field', x)
 *   SUBSTRING(x FROM a FOR b)           -> substring(x, a, b)        (FOR b alone: from 1)
 *   POSITION(a IN b)                    -> position(b, a)
 *   TRIM([BOTH|LEADING|TRAILING] [c] FROM x)  -> btrim / ltrim / rtrim(x[, c])
 *   DATE '2024-01-01', INTERVAL '1 day' -> CAST('…' AS type)
 * </pre>
 */
final class SpecialSyntax {
    /** Type names that may prefix a string constant (PostgreSQL's "type 'string'" syntax, common cases). */
    private static final Set<String> LITERAL_TYPES = Set.of("date", "time", "timestamp", "timestamptz", "interval",
            "numeric", "decimal", "int", "integer", "int2", "int4", "int8", "bigint", "smallint", "real", "float", "float4",
            "float8", "double", "bool", "boolean", "text", "varchar", "char", "character", "bpchar", "uuid", "bytea");

    private SpecialSyntax() {}

    /** Whether the parser stands on {@code type 'string'}. */
    static boolean isTypedLiteral(ExpressionParser p) {
        Token t = p.peek();
        if (t.kind() != TokenKind.WORD || !LITERAL_TYPES.contains(t.text())) {
            return false;
        }
        int i = 1;
        if (t.text().equals("double") && p.peek(1).isWord("precision")) {
            i = 2;
        }
        if ((t.text().equals("timestamp") || t.text().equals("time")) && (p.peek(1).isWord("with") || p.peek(1).isWord("without"))
                && p.peek(2).isWord("time") && p.peek(3).isWord("zone")) {
            i = 4;
        }
        if ((t.text().equals("character") || t.text().equals("char")) && p.peek(1).isWord("varying")) {
            i = 2;
        }
        return p.peek(i).kind() == TokenKind.STRING;
    }

    /** Parses one of the keyword call forms, or returns null (without consuming) for the plain form. */
    static Expr parse(ExpressionParser p, Token name) {
        int start = p.index;
        p.next();
        p.expectSymbol("(");
        Expr result = switch (name.text()) {
            case "extract" -> extract(p, name);
            case "substring" -> substring(p, name);
            case "position" -> position(p, name);
            case "trim" -> trim(p, name);
            default -> null;
        };
        if (result == null) {
            p.index = start;
        }
        return result;
    }

    private static Expr extract(ExpressionParser p, Token name) {
        Token field = p.next();
        if (field.kind() != TokenKind.WORD && field.kind() != TokenKind.STRING && field.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxError(field);
        }
        p.expectWord("from");
        Expr source = p.expr();
        p.expectSymbol(")");
        return new Expr.FunctionCall("extract", List.of(new Expr.Literal(field.text(), field.offset()), source), false, false,
                name.offset());
    }

    private static Expr substring(ExpressionParser p, Token name) {
        Expr subject = p.expr();
        if (p.peek().isSymbol(",") || p.peek().isSymbol(")")) {
            return null; // the plain call form
        }
        Expr from = null;
        Expr count = null;
        if (p.acceptWord("from")) {
            from = p.expr();
        }
        if (p.acceptWord("for")) {
            count = p.expr();
        }
        if (from == null && count == null) {
            throw p.syntaxError(p.peek());
        }
        p.expectSymbol(")");
        List<Expr> args = new ArrayList<>();
        args.add(subject);
        args.add(from != null ? from : new Expr.Literal(1, name.offset()));
        if (count != null) {
            args.add(count);
        }
        return new Expr.FunctionCall("substring", List.copyOf(args), false, false, name.offset());
    }

    private static Expr position(ExpressionParser p, Token name) {
        Expr needle = p.otherOp();
        if (!p.peek().isWord("in")) {
            return null;
        }
        p.next();
        Expr haystack = p.otherOp();
        p.expectSymbol(")");
        return new Expr.FunctionCall("position", List.of(haystack, needle), false, false, name.offset());
    }

    private static Expr trim(ExpressionParser p, Token name) {
        String fn = "btrim";
        if (p.acceptWord("both")) {
            fn = "btrim";
        } else if (p.acceptWord("leading")) {
            fn = "ltrim";
        } else if (p.acceptWord("trailing")) {
            fn = "rtrim";
        }
        Expr chars = null;
        Expr subject;
        if (p.acceptWord("from")) {
            subject = p.expr();
        } else {
            Expr first = p.expr();
            if (p.acceptWord("from")) {
                chars = first;
                subject = p.expr();
            } else {
                subject = first;
            }
        }
        p.expectSymbol(")");
        List<Expr> args = chars == null ? List.of(subject) : List.of(subject, chars);
        return new Expr.FunctionCall(fn, args, false, false, name.offset());
    }
}

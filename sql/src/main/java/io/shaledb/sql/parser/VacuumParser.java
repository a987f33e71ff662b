package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.VacuumOption;
import io.shaledb.sql.ast.Statement.VacuumTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code VACUUM}, both of PostgreSQL's forms (and {@code ANALYZE}'s, which share the options and targets):
 *
 * <pre>
 *   VACUUM [ ( option [value] [, ...] ) ] [ table [ (column, ...) ] [, ...] ]
 *   VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [ table [ (column, ...) ] [, ...] ]   (in this order)
 * </pre>
 *
 * Options are kept as written; their names and values are checked when the statement runs, as
 * PostgreSQL does (so {@code VACUUM (foo)} is "unrecognized VACUUM option", not a syntax error).
 */
final class VacuumParser {

    /** PostgreSQL's catalog.schema.relation limit. */
    private static final int MAX_NAME_PARTS = 3;

    /** The old form's keywords, in the only order PostgreSQL accepts them. */
    private static final List<String> OLD_FORM_OPTIONS = List.of("full", "freeze", "verbose", "analyze");

    /** Non-reserved words in PostgreSQL that our trimmed reserved set still lists. */
    private static final Set<String> NOT_RESERVED_IN_POSTGRES = Set.of(
            "analyze", "analyse", "between", "cross", "full", "ilike", "inner", "is", "isnull", "join", "left",
            "like", "natural", "notnull", "outer", "right", "similar");

    private VacuumParser() {}

    static Statement.Vacuum vacuum(ExpressionParser p) {
        Token start = p.expectWord("vacuum");
        List<VacuumOption> options = new ArrayList<>();
        if (p.acceptSymbol("(")) {
            do {
                options.add(option(p));
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        } else {
            for (String keyword : OLD_FORM_OPTIONS) {
                Token t = p.peek();
                if (t.isWord(keyword) || (keyword.equals("analyze") && t.isWord("analyse"))) {
                    p.next();
                    options.add(new VacuumOption(keyword, null, t.offset()));
                }
            }
        }
        List<VacuumTarget> tables = new ArrayList<>();
        if (startsName(p.peek())) {
            do {
                tables.add(target(p));
            } while (p.acceptSymbol(","));
        }
        return new Statement.Vacuum(List.copyOf(options), List.copyOf(tables), start.offset());
    }

    /**
     * {@code ANALYZE [VERBOSE] [table [(column, ...)] [, ...]]} and
     * {@code ANALYZE (option [value] [, ...]) [table ...]} ({@code ANALYSE} is the same).
     */
    static Statement.Analyze analyze(ExpressionParser p) {
        Token start = p.next();
        List<VacuumOption> options = new ArrayList<>();
        if (p.acceptSymbol("(")) {
            do {
                options.add(option(p));
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        } else if (p.peek().isWord("verbose")) {
            options.add(new VacuumOption("verbose", null, p.next().offset()));
        }
        List<VacuumTarget> tables = new ArrayList<>();
        if (startsName(p.peek())) {
            do {
                tables.add(target(p));
            } while (p.acceptSymbol(","));
        }
        return new Statement.Analyze(List.copyOf(options), List.copyOf(tables), start.offset());
    }

    private static boolean startsName(Token t) {
        return t.kind() == TokenKind.QUOTED_IDENT || (t.kind() == TokenKind.WORD
                && !ExpressionParser.RESERVED.contains(t.text()) && !ExpressionParser.TYPE_FUNC_NAME_KEYWORDS.contains(t.text()));
    }

    /** {@code name [value]}: the name is any non-reserved word; {@code analyse} is spelled {@code analyze}. */
    static VacuumOption option(ExpressionParser p) {
        Token t = p.next();
        if (!nonReservedWord(t)) {
            throw p.syntaxError(t);
        }
        String name = t.text().equals("analyse") && t.kind() == TokenKind.WORD ? "analyze" : t.text();
        return new VacuumOption(name, value(p), t.offset());
    }

    private static boolean nonReservedWord(Token t) {
        return t.kind() == TokenKind.QUOTED_IDENT || (t.kind() == TokenKind.WORD
                && (!ExpressionParser.RESERVED.contains(t.text()) || NOT_RESERVED_IN_POSTGRES.contains(t.text())));
    }

    /** An option's value: none, a boolean word, a non-reserved word, a string, or a signed number. */
    private static Object value(ExpressionParser p) {
        Token t = p.peek();
        if (t.isSymbol(",") || t.isSymbol(")")) {
            return null;
        }
        p.next();
        if (t.isWord("true") || t.isWord("false") || t.isWord("on") || t.kind() == TokenKind.STRING || nonReservedWord(t)) {
            return t.text();
        }
        String sign = "";
        Token number = t;
        if (t.isSymbol("+") || t.isSymbol("-")) {
            sign = t.isSymbol("-") ? "-" : "";
            number = p.next();
        }
        if (number.kind() == TokenKind.INTEGER) {
            try {
                return Integer.parseInt(sign + number.text());
            } catch (NumberFormatException e) {
                return sign + number.text(); // too big for an integer: PostgreSQL treats it as a float constant
            }
        }
        if (number.kind() == TokenKind.DECIMAL) {
            return sign + number.text();
        }
        throw p.syntaxError(number);
    }

    /** {@code [schema.]table [(column, ...)]}. */
    private static VacuumTarget target(ExpressionParser p) {
        Token first = p.peek();
        List<Ident> parts = new ArrayList<>();
        parts.add(p.colId());
        while (p.acceptSymbol(".")) {
            Token part = p.next();
            if (part.kind() != TokenKind.WORD && part.kind() != TokenKind.QUOTED_IDENT) {
                throw p.syntaxError(part);
            }
            parts.add(new Ident(part.text(), part.offset()));
        }
        if (parts.size() > MAX_NAME_PARTS) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", parts.stream().map(Ident::name).toList()), first.position());
        }
        if (parts.size() == MAX_NAME_PARTS) {
            // ShaleDB serves a single database, so a catalog name is never one we could honour.
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \""
                    + String.join(".", parts.stream().map(Ident::name).toList()) + "\"");
        }
        List<Ident> columns = new ArrayList<>();
        if (p.acceptSymbol("(")) {
            do {
                columns.add(p.colId());
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        }
        return new VacuumTarget(parts.size() == 2 ? parts.getFirst() : null, parts.getLast(), List.copyOf(columns));
    }
}

package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.CopyOption;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code COPY}, with both of PostgreSQL's option syntaxes:
 *
 * <pre>
 *   COPY table [ ( column [, ...] ) ] FROM { STDIN | 'file' | PROGRAM 'command' } [ [ WITH ] options ]
 *   COPY { table [ ( column [, ...] ) ] | ( query ) } TO { STDOUT | 'file' | PROGRAM 'command' } [ [ WITH ] options ]
 *
 *   options:  ( name [ value ] [, ...] )                                   -- PostgreSQL 9.0+
 *          |  [ BINARY ] [ DELIMITER [ AS ] 'c' ] [ NULL [ AS ] 's' ]       -- the old form, any order
 *             [ CSV [ HEADER ] [ QUOTE [ AS ] 'q' ] [ ESCAPE [ AS ] 'e' ]
 *             [ FORCE QUOTE { column [, ...] | * } ] [ FORCE NOT NULL column [, ...] ] ... ]
 * </pre>
 *
 * Both forms produce the same {@link CopyOption} list (the old keywords map to the new names:
 * {@code CSV} is {@code format csv}, {@code FORCE QUOTE} is {@code force_quote}); values are
 * checked when the statement runs, so an unknown option is PostgreSQL's error, not a syntax error.
 */
final class CopyParser {

    private CopyParser() {}

    static Statement.Copy copy(ExpressionParser p, Supplier<Query> queries) {
        Token start = p.expectWord("copy");
        List<CopyOption> options = new ArrayList<>();
        if (p.peek().isWord("binary")) {
            options.add(new CopyOption("format", "binary", p.next().offset()));
        }
        TableRef table = null;
        Query query = null;
        List<Ident> columns = new ArrayList<>();
        if (p.acceptSymbol("(")) {
            Token q = p.peek();
            if (!(q.isWord("select") || q.isWord("values") || q.isWord("with") || q.isWord("table") || q.isSymbol("("))) {
                throw q.kind() == TokenKind.WORD && List.of("insert", "update", "delete").contains(q.text())
                        ? TokenCursor.unsupported(q, "COPY (" + q.text().toUpperCase(Locale.ROOT) + " ...) TO is not supported yet")
                        : p.syntaxError(q);
            }
            query = queries.get();
            p.expectSymbol(")");
        } else {
            Ident name = p.qualifiedName();
            table = new TableRef(name.name(), null, name.pos());
            if (p.acceptSymbol("(")) {
                do {
                    columns.add(p.identifier());
                } while (p.acceptSymbol(","));
                p.expectSymbol(")");
            }
        }
        boolean from;
        if (query == null && p.acceptWord("from")) {
            from = true;
        } else if (p.acceptWord("to")) {
            from = false;
        } else {
            throw p.syntaxError(p.peek());
        }
        boolean program = p.acceptWord("program");
        String file = null;
        Token f = p.next();
        if (f.kind() == TokenKind.STRING) {
            file = f.text();
        } else if (program || !(f.isWord("stdin") || f.isWord("stdout"))) {
            throw p.syntaxError(f);
        }
        if (p.peek().isWord("using") && p.peek(1).isWord("delimiters")) {
            p.next();
            p.next();
            options.add(new CopyOption("delimiter", string(p), p.peek().offset()));
        }
        p.acceptWord("with");
        if (p.acceptSymbol("(")) {
            do {
                options.add(genericOption(p));
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        } else {
            oldStyleOptions(p, options);
        }
        return new Statement.Copy(table, List.copyOf(columns), query, from, file, program, List.copyOf(options), start.offset());
    }

    /** {@code name [value]}: the value is a word, string, number, {@code *} or a parenthesized column list. */
    private static CopyOption genericOption(ExpressionParser p) {
        Token name = p.next();
        if (name.kind() != TokenKind.WORD) {
            throw p.syntaxError(name);
        }
        Token v = p.peek();
        Object value;
        if (v.isSymbol(",") || v.isSymbol(")")) {
            value = null;
        } else if (v.isSymbol("*")) {
            p.next();
            value = "*";
        } else if (v.isSymbol("(")) {
            value = columnList(p);
        } else if (v.kind() == TokenKind.WORD || v.kind() == TokenKind.STRING || v.kind() == TokenKind.INTEGER
                || v.kind() == TokenKind.DECIMAL) {
            value = p.next().text();
        } else if ((v.isSymbol("-") || v.isSymbol("+")) && (p.peek(1).kind() == TokenKind.INTEGER
                || p.peek(1).kind() == TokenKind.DECIMAL)) {
            p.next();
            value = (v.isSymbol("-") ? "-" : "") + p.next().text();
        } else {
            throw p.syntaxError(v);
        }
        return new CopyOption(name.text(), value, name.offset());
    }

    private static void oldStyleOptions(ExpressionParser p, List<CopyOption> options) {
        while (true) {
            Token t = p.peek();
            if (t.kind() != TokenKind.WORD) {
                return;
            }
            switch (t.text()) {
                case "binary" -> add(p, options, "format", "binary");
                case "csv" -> add(p, options, "format", "csv");
                case "freeze" -> add(p, options, "freeze", "true");
                case "header" -> add(p, options, "header", "true");
                case "delimiter", "null", "quote", "escape" -> {
                    p.next();
                    p.acceptWord("as");
                    options.add(new CopyOption(t.text(), string(p), t.offset()));
                }
                case "encoding" -> {
                    p.next();
                    options.add(new CopyOption("encoding", string(p), t.offset()));
                }
                case "force" -> {
                    p.next();
                    String name;
                    if (p.acceptWord("quote")) {
                        name = "force_quote";
                    } else if (p.acceptWord("not")) {
                        p.expectWord("null");
                        name = "force_not_null";
                    } else {
                        p.expectWord("null");
                        name = "force_null";
                    }
                    Object value;
                    if (name.equals("force_quote") && p.acceptSymbol("*")) {
                        value = "*";
                    } else {
                        List<Ident> cols = new ArrayList<>();
                        do {
                            cols.add(p.identifier());
                        } while (p.acceptSymbol(","));
                        value = List.copyOf(cols);
                    }
                    options.add(new CopyOption(name, value, t.offset()));
                }
                default -> {
                    return;
                }
            }
        }
    }

    private static void add(ExpressionParser p, List<CopyOption> options, String name, String value) {
        options.add(new CopyOption(name, value, p.next().offset()));
    }

    private static String string(ExpressionParser p) {
        Token t = p.next();
        if (t.kind() != TokenKind.STRING) {
            throw p.syntaxError(t);
        }
        return t.text();
    }

    private static List<Ident> columnList(ExpressionParser p) {
        p.expectSymbol("(");
        List<Ident> cols = new ArrayList<>();
        do {
            cols.add(p.identifier());
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        return List.copyOf(cols);
    }
}

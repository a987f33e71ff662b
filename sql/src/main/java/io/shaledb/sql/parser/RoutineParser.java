package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE / DROP FUNCTION, CREATE / DROP TRIGGER and ALTER TABLE ... ENABLE / DISABLE TRIGGER, as
 * static helpers over the statement parser's cursor (like {@link DdlParser}). The function body
 * is kept as text here; {@code io.shaledb.sql.plpgsql} parses it when the statement runs.
 */
final class RoutineParser {
    /** Words that start a multi-word type name, so they are a type rather than a parameter name. */
    private static final Set<String> TYPE_STARTS = Set.of("double", "character", "char", "timestamp", "time", "interval",
            "bit", "national", "varchar", "int", "integer", "bigint", "smallint", "text", "boolean", "numeric", "real",
            "float", "decimal", "date", "jsonb", "uuid", "bytea");

    private RoutineParser() {}

    /** Whether the cursor (after CREATE) is at {@code [OR REPLACE] FUNCTION | PROCEDURE | TRIGGER}. */
    static boolean atCreate(Parser p) {
        int i = p.peek().isWord("or") && p.peek(1).isWord("replace") ? 2 : 0;
        Token t = p.peek(i);
        return t.isWord("function") || t.isWord("trigger") || t.isWord("procedure")
                || (t.isWord("constraint") && p.peek(i + 1).isWord("trigger"));
    }

    /** After CREATE: {@code [OR REPLACE] FUNCTION ...} or {@code [OR REPLACE] TRIGGER ...}. */
    static Statement create(Parser p) {
        boolean orReplace = false;
        if (p.peek().isWord("or")) {
            p.next();
            p.expectWord("replace");
            orReplace = true;
        }
        Token what = p.peek();
        if (what.isWord("trigger")) {
            p.next();
            return createTrigger(p, orReplace);
        }
        if (!what.isWord("function")) {
            throw TokenCursor.unsupported(what, "CREATE " + what.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        p.next();
        return createFunction(p, orReplace);
    }

    private static Statement createFunction(Parser p, boolean orReplace) {
        Ident name = p.qualifiedName();
        p.expectSymbol("(");
        List<Statement.FunctionArg> args = new ArrayList<>();
        if (!p.peek().isSymbol(")")) {
            do {
                args.add(argument(p));
            } while (p.acceptSymbol(","));
        }
        p.expectSymbol(")");
        TypeName returns = null;
        boolean returnsTrigger = false;
        String language = null;
        String body = null;
        int bodyOffset = -1;
        String volatility = "v";
        if (p.acceptWord("returns")) {
            if (p.peek().isWord("trigger")) {
                p.next();
                returnsTrigger = true;
            } else if (p.peek().isWord("setof") || p.peek().isWord("table")) {
                throw TokenCursor.unsupported(p.peek(), "set-returning functions are not supported yet");
            } else {
                returns = p.typeName();
            }
        }
        while (p.peek().kind() != TokenKind.EOF && !p.peek().isSymbol(";")) {
            Token t = p.next();
            if (t.isWord("language")) {
                Token l = p.next();
                if (l.kind() != TokenKind.WORD && l.kind() != TokenKind.QUOTED_IDENT && l.kind() != TokenKind.STRING) {
                    throw p.syntaxError(l);
                }
                language = l.text().toLowerCase(java.util.Locale.ROOT);
            } else if (t.isWord("as")) {
                Token b = p.next();
                if (b.kind() != TokenKind.STRING) {
                    throw p.syntaxError(b);
                }
                body = b.text();
                bodyOffset = b.raw().startsWith("$") ? b.offset() + b.raw().indexOf('$', 1) + 1 : -1;
                if (p.acceptSymbol(",")) {
                    throw TokenCursor.unsupported(p.peek(), "C-language functions are not supported");
                }
            } else if (t.isWord("immutable") || t.isWord("stable") || t.isWord("volatile")) {
                volatility = t.text().substring(0, 1);
            } else if (t.isWord("strict") || t.isWord("leakproof")) {
                // accepted: no effect on this subset
            } else if (t.isWord("not") && p.peek().isWord("leakproof")) {
                p.next();
            } else if (t.isWord("called") || (t.isWord("returns") && p.peek().isWord("null"))) {
                skipWords(p, t.isWord("called") ? List.of("on", "null", "input") : List.of("null", "on", "null", "input"));
            } else if (t.isWord("external") || t.isWord("security")) {
                if (t.isWord("external")) {
                    p.expectWord("security");
                }
                Token who = p.next();
                if (!who.isWord("invoker") && !who.isWord("definer")) {
                    throw p.syntaxError(who);
                }
            } else if (t.isWord("parallel")) {
                Token mode = p.next();
                if (!mode.isWord("safe") && !mode.isWord("unsafe") && !mode.isWord("restricted")) {
                    throw p.syntaxError(mode);
                }
            } else if (t.isWord("cost") || t.isWord("rows")) {
                Token n = p.next();
                if (n.kind() != TokenKind.INTEGER && n.kind() != TokenKind.DECIMAL) {
                    throw p.syntaxError(n);
                }
            } else {
                throw p.syntaxError(t);
            }
        }
        if (body == null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "no function body specified");
        }
        if (language == null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "no language specified");
        }
        if (returns == null && !returnsTrigger) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be specified");
        }
        return new Statement.CreateFunction(name, orReplace, List.copyOf(args), returns, returnsTrigger, language, body,
                bodyOffset, volatility);
    }

    private static void skipWords(Parser p, List<String> words) {
        for (String w : words) {
            p.expectWord(w);
        }
    }

    /** {@code [IN] [name] type [{DEFAULT | =} expr]}. */
    private static Statement.FunctionArg argument(Parser p) {
        Token mode = p.peek();
        if (mode.isWord("out") || mode.isWord("inout") || mode.isWord("variadic")) {
            throw TokenCursor.unsupported(mode, mode.text().toUpperCase(java.util.Locale.ROOT) + " parameters are not supported yet");
        }
        if (mode.isWord("in") && !p.peek(1).isSymbol(",") && !p.peek(1).isSymbol(")")) {
            p.next();
        }
        String name = null;
        Token t = p.peek();
        Token after = p.peek(1);
        boolean named = (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT)
                && (after.kind() == TokenKind.WORD || after.kind() == TokenKind.QUOTED_IDENT)
                && !after.isWord("default") && !(t.kind() == TokenKind.WORD && TYPE_STARTS.contains(t.text()) && !isTypeWord(after));
        if (named) {
            name = p.identifier().name();
        }
        TypeName type = p.typeName();
        String defaultExpr = null;
        if (p.acceptWord("default") || p.acceptSymbol("=")) {
            int start = p.peek().offset();
            p.expr();
            defaultExpr = p.sql.substring(start, p.peek().offset()).trim();
        }
        return new Statement.FunctionArg(name, type, defaultExpr);
    }

    private static boolean isTypeWord(Token t) {
        return t.kind() == TokenKind.WORD && TYPE_STARTS.contains(t.text());
    }

    private static Statement createTrigger(Parser p, boolean orReplace) {
        Ident name = p.identifier();
        boolean before;
        Token timing = p.next();
        if (timing.isWord("before")) {
            before = true;
        } else if (timing.isWord("after")) {
            before = false;
        } else if (timing.isWord("instead")) {
            throw TokenCursor.unsupported(timing, "INSTEAD OF triggers are not supported yet");
        } else {
            throw p.syntaxError(timing);
        }
        int events = 0;
        List<Ident> columns = new ArrayList<>();
        do {
            Token e = p.next();
            if (e.isWord("insert")) {
                events |= 1;
            } else if (e.isWord("delete")) {
                events |= 2;
            } else if (e.isWord("update")) {
                events |= 4;
                if (p.acceptWord("of")) {
                    do {
                        columns.add(p.identifier());
                    } while (p.acceptSymbol(","));
                }
            } else if (e.isWord("truncate")) {
                throw TokenCursor.unsupported(e, "TRUNCATE triggers are not supported yet");
            } else {
                throw p.syntaxError(e);
            }
        } while (p.acceptWord("or"));
        p.expectWord("on");
        Ident table = p.qualifiedName();
        boolean forEachRow = false;
        if (p.acceptWord("for")) {
            p.acceptWord("each");
            Token level = p.next();
            if (level.isWord("row")) {
                forEachRow = true;
            } else if (!level.isWord("statement")) {
                throw p.syntaxError(level);
            }
        }
        String when = null;
        int whenPos = 0;
        if (p.acceptWord("when")) {
            p.expectSymbol("(");
            int start = p.peek().offset();
            whenPos = start;
            p.expr();
            when = p.sql.substring(start, p.peek().offset()).trim();
            p.expectSymbol(")");
        }
        p.expectWord("execute");
        if (!p.acceptWord("function")) {
            p.expectWord("procedure");
        }
        Ident function = p.qualifiedName();
        p.expectSymbol("(");
        List<String> args = new ArrayList<>();
        if (!p.peek().isSymbol(")")) {
            do {
                Token a = p.next();
                switch (a.kind()) {
                    case STRING, INTEGER, DECIMAL, WORD, QUOTED_IDENT -> args.add(a.text());
                    default -> throw p.syntaxError(a);
                }
            } while (p.acceptSymbol(","));
        }
        p.expectSymbol(")");
        return new Statement.CreateTrigger(name, orReplace, before, events, List.copyOf(columns), table, forEachRow, when, whenPos,
                function, List.copyOf(args));
    }

    /** After DROP: {@code FUNCTION [IF EXISTS] name[(argtypes)] [CASCADE | RESTRICT]}. */
    static Statement dropFunction(Parser p) {
        p.expectWord("function");
        boolean ifExists = p.acceptIfExists();
        Ident name = p.qualifiedName();
        List<TypeName> types = null;
        if (p.acceptSymbol("(")) {
            types = new ArrayList<>();
            if (!p.peek().isSymbol(")")) {
                do {
                    if (p.peek().isWord("in")) {
                        p.next();
                    }
                    Token t = p.peek();
                    Token after = p.peek(1);
                    if ((t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT)
                            && (after.kind() == TokenKind.WORD || after.kind() == TokenKind.QUOTED_IDENT)
                            && !(t.kind() == TokenKind.WORD && TYPE_STARTS.contains(t.text()) && !isTypeWord(after))) {
                        p.next(); // a parameter name
                    }
                    types.add(p.typeName());
                } while (p.acceptSymbol(","));
            }
            p.expectSymbol(")");
            types = List.copyOf(types);
        }
        if (p.peek().isSymbol(",")) {
            throw TokenCursor.unsupported(p.peek(), "dropping several functions in one statement is not supported yet");
        }
        boolean cascade = p.acceptDropBehavior();
        return new Statement.DropFunction(name, types, ifExists, cascade);
    }

    /** After DROP: {@code TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]}. */
    static Statement dropTrigger(Parser p) {
        p.expectWord("trigger");
        boolean ifExists = p.acceptIfExists();
        Ident name = p.identifier();
        p.expectWord("on");
        Ident table = p.qualifiedName();
        p.acceptDropBehavior();
        return new Statement.DropTrigger(name, table, ifExists);
    }

    /** Whether the cursor is at {@code ALTER TABLE [ONLY] name {ENABLE | DISABLE} TRIGGER}. */
    static boolean atEnableTrigger(Parser p) {
        if (!p.peek().isWord("alter") || !p.peek(1).isWord("table")) {
            return false;
        }
        int i = p.peek(2).isWord("only") ? 3 : 2;
        i += p.peek(i + 1).isSymbol(".") ? 3 : 1;
        return (p.peek(i).isWord("enable") || p.peek(i).isWord("disable")) && p.peek(i + 1).isWord("trigger");
    }

    /** {@code ALTER TABLE [ONLY] name {ENABLE | DISABLE} TRIGGER {name | ALL | USER}}. */
    static Statement enableTrigger(Parser p) {
        p.expectWord("alter");
        p.expectWord("table");
        p.acceptWord("only");
        Ident table = p.qualifiedName();
        boolean enable = p.next().isWord("enable");
        p.expectWord("trigger");
        Ident name = null;
        if (!p.acceptWord("all") && !p.acceptWord("user")) {
            name = p.identifier();
        }
        return new Statement.EnableTrigger(table, name, enable);
    }
}

package io.shaledb.sql.parser;

import io.shaledb.sql.ast.AlterAction;
import io.shaledb.sql.ast.SequenceOptions;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ALTER TABLE, TRUNCATE and the DEFAULT clause of a column definition, as static helpers over
 * the statement parser's token cursor (like {@link TransactionParser}), so {@link Parser} only
 * dispatches to them.
 */
final class DdlParser {
    private DdlParser() {}

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] name action[, ...]}; the cursor is at ALTER. */
    static Statement alter(Parser p) {
        p.expectWord("alter");
        Token what = p.peek();
        if (!what.isWord("table")) {
            throw TokenCursor.unsupported(what, "ALTER " + what.text().toUpperCase(Locale.ROOT) + " is not supported yet");
        }
        p.next();
        boolean ifExists = p.acceptIfExists();
        p.acceptWord("only");
        Ident table = p.qualifiedName();
        List<AlterAction> actions = new ArrayList<>();
        if (p.peek().isWord("rename")) {
            actions.add(rename(p)); // RENAME cannot be combined with other actions
            return new Statement.AlterTable(table, ifExists, actions);
        }
        do {
            actions.add(action(p));
        } while (p.acceptSymbol(","));
        return new Statement.AlterTable(table, ifExists, List.copyOf(actions));
    }

    private static AlterAction rename(Parser p) {
        p.expectWord("rename");
        if (p.acceptWord("to")) {
            return new AlterAction.RenameTable(p.identifier());
        }
        if (p.acceptWord("constraint")) {
            Ident from = p.identifier();
            p.expectWord("to");
            return new AlterAction.RenameConstraint(from, p.identifier());
        }
        p.acceptWord("column");
        Ident from = p.identifier();
        p.expectWord("to");
        return new AlterAction.RenameColumn(from, p.identifier());
    }

    private static AlterAction action(Parser p) {
        Token t = p.peek();
        if (t.isWord("add")) {
            p.next();
            if (ConstraintParser.atTableConstraint(p)) {
                return new AlterAction.AddConstraint(ConstraintParser.tableConstraint(p));
            }
            p.acceptWord("column");
            boolean ifNotExists = p.acceptIfNotExists();
            return new AlterAction.AddColumn(p.columnDef(null), ifNotExists);
        }
        if (t.isWord("drop")) {
            p.next();
            if (p.acceptWord("constraint")) {
                boolean ifExists = p.acceptIfExists();
                Ident name = p.identifier();
                return new AlterAction.DropConstraint(name, ifExists, p.acceptDropBehavior());
            }
            p.acceptWord("column");
            boolean ifExists = p.acceptIfExists();
            Ident column = p.identifier();
            boolean cascade = p.acceptDropBehavior();
            return new AlterAction.DropColumn(column, ifExists, cascade);
        }
        if (t.isWord("alter")) {
            p.next();
            p.acceptWord("column");
            Ident column = p.identifier();
            Token verb = p.peek();
            if (verb.isWord("set") && p.peek(1).isWord("default")) {
                p.next();
                p.next();
                return new AlterAction.SetDefault(column, defaultText(p));
            }
            if (verb.isWord("drop") && p.peek(1).isWord("default")) {
                p.next();
                p.next();
                return new AlterAction.SetDefault(column, null);
            }
            if (verb.isWord("set") && p.peek(1).isWord("statistics")) {
                p.next();
                p.next();
                long target = signedInteger(p);
                return new AlterAction.SetStatistics(column, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, target)));
            }
            if ((verb.isWord("set") || verb.isWord("drop")) && p.peek(1).isWord("not")) {
                p.next();
                p.next();
                p.expectWord("null");
                return new AlterAction.SetNotNull(column, verb.isWord("set"));
            }
            if (verb.isWord("type") || verb.isWord("set") || verb.isWord("drop") || verb.isWord("add")) {
                throw TokenCursor.unsupported(verb, "ALTER COLUMN ... " + verb.text().toUpperCase(Locale.ROOT)
                        + " " + p.peek(1).raw().toUpperCase(Locale.ROOT) + " is not supported yet");
            }
            throw p.syntaxError(verb);
        }
        if (t.isWord("validate") && p.peek(1).isWord("constraint")) {
            p.next();
            p.next();
            return new AlterAction.ValidateConstraint(p.identifier());
        }
        if (t.kind() == TokenKind.WORD && !t.isWord("rename")) {
            throw TokenCursor.unsupported(t, "ALTER TABLE ... " + t.text().toUpperCase(Locale.ROOT) + " is not supported yet");
        }
        throw p.syntaxError(t);
    }

    /** The expression after DEFAULT, as SQL text (parsed again whenever a row needs it). */
    static String defaultText(Parser p) {
        int start = p.peek().offset();
        p.expr();
        Token after = p.peek();
        int end = after.kind() == TokenKind.EOF ? p.sql.length() : after.offset();
        return p.sql.substring(start, end).strip();
    }

    /** {@code REINDEX {INDEX | TABLE} [CONCURRENTLY] name}; SCHEMA, DATABASE and SYSTEM are not supported. */
    static Statement reindex(Parser p) {
        p.expectWord("reindex");
        Token kind = p.peek();
        boolean table = p.acceptWord("table");
        if (!table && !p.acceptWord("index")) {
            if (kind.isWord("schema") || kind.isWord("database") || kind.isWord("system")) {
                throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.FEATURE_NOT_SUPPORTED,
                        "REINDEX " + kind.text().toUpperCase(java.util.Locale.ROOT) + " is not supported", kind.offset() + 1);
            }
            p.expectWord("index");
        }
        boolean concurrently = p.acceptWord("concurrently");
        return new Statement.Reindex(table, p.qualifiedName(), concurrently);
    }

    /** {@code TRUNCATE [TABLE] [ONLY] name[, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}. */
    static Statement truncate(Parser p) {
        p.expectWord("truncate");
        p.acceptWord("table");
        List<Ident> tables = new ArrayList<>();
        do {
            p.acceptWord("only");
            tables.add(p.qualifiedName());
        } while (p.acceptSymbol(","));
        boolean restart = false;
        if (p.peek().isWord("restart") || p.peek().isWord("continue")) {
            restart = p.next().isWord("restart");
            p.expectWord("identity");
        }
        boolean cascade = p.acceptDropBehavior();
        return new Statement.Truncate(List.copyOf(tables), restart, cascade);
    }

    /** {@code SEQUENCE [IF NOT EXISTS] name [options]}; the cursor is past CREATE. */
    static Statement createSequence(Parser p) {
        p.expectWord("sequence");
        boolean ifNotExists = p.acceptIfNotExists();
        Ident name = p.qualifiedName();
        String asType = null;
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        Long cache = null;
        Boolean cycle = null;
        while (true) {
            Token t = p.peek();
            if (p.acceptWord("as")) {
                asType = p.typeName().name();
            } else if (p.acceptWord("increment")) {
                p.acceptWord("by");
                increment = signedInteger(p);
            } else if (p.acceptWord("minvalue")) {
                min = signedInteger(p);
            } else if (p.acceptWord("maxvalue")) {
                max = signedInteger(p);
            } else if (t.isWord("no") && (p.peek(1).isWord("minvalue") || p.peek(1).isWord("maxvalue") || p.peek(1).isWord("cycle"))) {
                p.next();
                if (p.next().isWord("cycle")) {
                    cycle = false;
                }
            } else if (p.acceptWord("start")) {
                p.acceptWord("with");
                start = signedInteger(p);
            } else if (p.acceptWord("cache")) {
                cache = signedInteger(p);
            } else if (p.acceptWord("cycle")) {
                cycle = true;
            } else if (t.isWord("owned")) {
                throw TokenCursor.unsupported(t, "OWNED BY is not supported yet");
            } else {
                break;
            }
        }
        return new Statement.CreateSequence(name, ifNotExists, new SequenceOptions(asType, increment, min, max, start, cache, cycle));
    }

    private static long signedInteger(Parser p) {
        boolean negative = false;
        if (p.peek().isSymbol("-") || p.peek().isSymbol("+")) {
            negative = p.next().isSymbol("-");
        }
        Token t = p.next();
        if (t.kind() != TokenKind.INTEGER) {
            throw p.syntaxError(t);
        }
        try {
            return Long.parseLong(negative ? "-" + t.text() : t.text());
        } catch (NumberFormatException e) {
            throw p.syntaxError(t);
        }
    }

    /** {@code SEQUENCE [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}; the cursor is past DROP. */
    static Statement dropSequence(Parser p) {
        p.expectWord("sequence");
        boolean ifExists = p.acceptIfExists();
        List<Ident> names = new ArrayList<>();
        do {
            names.add(p.qualifiedName());
        } while (p.acceptSymbol(","));
        boolean cascade = p.acceptDropBehavior();
        return new Statement.DropSequence(List.copyOf(names), ifExists, cascade);
    }

    /** {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}: {@code 'a'} or {@code 'd'}. */
    static char identity(Parser p) {
        p.expectWord("generated");
        char kind;
        if (p.acceptWord("always")) {
            kind = 'a';
        } else {
            p.expectWord("by");
            p.expectWord("default");
            kind = 'd';
        }
        p.expectWord("as");
        Token t = p.peek();
        if (!t.isWord("identity")) {
            throw TokenCursor.unsupported(t, "generated columns are not supported yet");
        }
        p.next();
        if (p.peek().isSymbol("(")) {
            throw TokenCursor.unsupported(p.peek(), "identity sequence options are not supported yet");
        }
        return kind;
    }

    /**
     * {@code [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING btree]
     * ({column | (expression) | function(...)} [ASC|DESC] [NULLS FIRST|LAST], ...)
     * [INCLUDE (column, ...)] [WHERE predicate]}; the cursor is past CREATE.
     */
    static Statement createIndex(Parser p) {
        boolean unique = p.acceptWord("unique");
        p.expectWord("index");
        boolean concurrently = false;
        if (p.peek().isWord("concurrently")) {
            p.next();
            concurrently = true;
        }
        boolean ifNotExists = p.acceptIfNotExists();
        Ident name = p.peek().isWord("on") ? null : p.identifier();
        if (ifNotExists && name == null) {
            throw p.syntaxError(p.peek());
        }
        p.expectWord("on");
        p.acceptWord("only");
        Ident table = p.qualifiedName();
        String method = "btree";
        if (p.acceptWord("using")) {
            Token m = p.peek();
            method = p.identifier().name();
            if (!method.equals("btree")) {
                throw TokenCursor.unsupported(m, "access method \"" + method + "\" is not supported yet");
            }
        }
        p.expectSymbol("(");
        List<Statement.OrderItem> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        do {
            Token first = p.peek();
            int start = first.offset();
            io.shaledb.sql.ast.Expr e = p.expr();
            String text = p.sql.substring(start, p.peek().offset()).strip();
            columns.add(p.orderSuffix(e));
            if (e instanceof io.shaledb.sql.ast.Expr.ColumnRef ref && ref.table() == null && !text.startsWith("(")) {
                expressions.add(null);
            } else if (e instanceof io.shaledb.sql.ast.Expr.FunctionCall || text.startsWith("(")) {
                expressions.add(unparenthesize(text));
            } else {
                // PostgreSQL wants other expressions parenthesised: the error is at the operator after the first word
                throw p.syntaxError(p.tokens.get(p.tokens.indexOf(first) + 1));
            }
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        List<Ident> include = new ArrayList<>();
        if (p.acceptWord("include")) {
            p.expectSymbol("(");
            do {
                include.add(p.identifier());
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        }
        if (p.peek().isWord("with") || p.peek().isWord("tablespace")) {
            throw TokenCursor.unsupported(p.peek(), p.peek().text().toUpperCase(Locale.ROOT) + " is not supported yet");
        }
        String predicate = p.acceptWord("where") ? defaultText(p) : null;
        return new Statement.CreateIndex(name, unique, ifNotExists, table, method, List.copyOf(columns), predicate,
                java.util.Collections.unmodifiableList(expressions), List.copyOf(include), concurrently);
    }

    /** {@code (lower(a))} without its enclosing parentheses, when they enclose the whole text. */
    private static String unparenthesize(String text) {
        while (text.startsWith("(") && text.endsWith(")")) {
            int depth = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0 && i < text.length() - 1) {
                    return text; // "(a) + (b)": the first parenthesis closes early
                }
            }
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    /** {@code INDEX [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}; the cursor is past DROP. */
    static Statement dropIndex(Parser p) {
        p.expectWord("index");
        boolean concurrently = p.acceptWord("concurrently");
        boolean ifExists = p.acceptIfExists();
        List<Ident> names = new ArrayList<>();
        do {
            names.add(p.qualifiedName());
        } while (p.acceptSymbol(","));
        if (concurrently && names.size() > 1) {
            throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.FEATURE_NOT_SUPPORTED,
                    "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
        }
        p.acceptDropBehavior();
        return new Statement.DropIndex(List.copyOf(names), ifExists);
    }
}

package io.shaledb.sql.plpgsql;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.exec.Types;
import io.shaledb.sql.parser.Lexer;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.parser.Token;
import io.shaledb.sql.parser.TokenKind;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a PL/pgSQL function body: the block structure by recursive descent over the SQL
 * lexer's tokens, every embedded expression and statement by the SQL parser with the function's
 * variables claimed as parameters. Runs when CREATE FUNCTION runs (so syntax errors and unknown
 * assignment targets are reported then, with positions in the CREATE statement) and again when
 * a stored function is first called.
 */
final class PlParser {
    private static final Set<String> LEVELS = Set.of("exception", "warning", "notice", "info", "log", "debug");
    private static final Set<String> SQL_STARTS = Set.of("select", "insert", "update", "delete", "with", "values");

    private final Function def;
    private final String body;
    private final int bodyOffset;
    private final List<Token> tokens;
    private int index;
    private final List<PlFunction.Variable> vars = new ArrayList<>();
    private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
    private final Slots slots = new Slots();
    private List<Integer> used;

    private PlParser(Function def, int bodyOffset) {
        this.def = def;
        this.body = def.body();
        this.bodyOffset = bodyOffset;
        try {
            this.tokens = Lexer.tokenize(body);
        } catch (SqlException e) {
            throw relocate(e, 0);
        }
    }

    /**
     * Compiles {@code def}; {@code bodyOffset} is where its body starts in the CREATE FUNCTION
     * text (for error positions), or -1.
     */
    static PlFunction compile(Function def, int bodyOffset) {
        return new PlParser(def, bodyOffset).function();
    }

    /** A trigger's WHEN condition, compiled with NEW and OLD as in a trigger function. */
    record Condition(PlFunction fn, PlNode.Expr expr) {}

    /** Compiles the WHEN condition {@code text} of a trigger. */
    static Condition compileCondition(String text) {
        Function def = new Function(-1, "when", List.of(), "trigger", -1, "plpgsql", text, 'v');
        PlParser p = new PlParser(def, -1);
        p.scopes.push(new HashMap<>());
        p.declareTriggerVariables(p.scopes.peek());
        PlNode.Expr e = p.compileExpr(text, 0);
        return new Condition(new PlFunction(def, new PlNode.Block(1, List.of(), List.of(), List.of(), 1), List.copyOf(p.vars), p.slots,
                new int[0]), e);
    }

    private void declareTriggerVariables(Map<String, Integer> outer) {
        declare(outer, "found", SqlType.BOOLEAN, -1);
        for (String tg : List.of("tg_name", "tg_when", "tg_level", "tg_op", "tg_relname", "tg_table_name", "tg_table_schema")) {
            declare(outer, tg, SqlType.TEXT, -1);
        }
        declare(outer, "tg_nargs", SqlType.INTEGER, -1);
        declare(outer, "tg_argv", SqlType.TEXT_ARRAY, -1);
    }

    private PlFunction function() {
        Map<String, Integer> outer = new HashMap<>();
        scopes.push(outer);
        if (def.returnsTrigger()) {
            declareTriggerVariables(outer);
        } else {
            declare(outer, "found", SqlType.BOOLEAN, -1);
        }
        for (Function.Arg a : def.args()) {
            Types.Resolved t = Types.resolve(new TypeName(a.type(), a.length(), 0));
            int i = declare(outer, a.name() == null ? "$" + (vars.size() + 1) : a.name(), t.type(), t.maxLength());
            if (a.name() == null) {
                outer.remove("$" + (i + 1));
            }
        }
        String label = label();
        if (!peek().isWord("declare") && !peek().isWord("begin")) {
            throw syntaxError(peek());
        }
        PlNode.Block block = block(label);
        acceptSymbol(";");
        if (peek().kind() != TokenKind.EOF) {
            throw syntaxError(peek());
        }
        return new PlFunction(def, block, List.copyOf(vars), slots, argIndexes());
    }

    private int[] argIndexes() {
        int first = def.returnsTrigger() ? 10 : 1;
        int[] out = new int[def.args().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i;
        }
        return out;
    }

    private int declare(Map<String, Integer> scope, String name, SqlType type, int maxLength) {
        vars.add(new PlFunction.Variable(name, type, maxLength));
        scope.put(name, vars.size() - 1);
        return vars.size() - 1;
    }

    // ------------------------------------------------------------------ blocks and statements

    /** {@code <<label>>} before a block or loop, or null. */
    private String label() {
        if (peek().isSymbol("<<")) {
            next();
            String name = next().text();
            expectSymbol(">>");
            return name;
        }
        return null;
    }

    private PlNode.Block block(String label) {
        int line = line(peek());
        Map<String, Integer> scope = new HashMap<>();
        List<PlNode.Declaration> declarations = new ArrayList<>();
        scopes.push(scope); // a declaration's default may use the ones before it
        try {
            if (acceptWord("declare")) {
                while (!peek().isWord("begin")) {
                    if (peek().kind() == TokenKind.EOF) {
                        throw syntaxError(peek());
                    }
                    declarations.add(declaration(scope));
                }
            }
            int beginLine = line(peek());
            expectWord("begin");
            List<PlNode> body = statements(Set.of("end", "exception"));
            List<PlNode.Handler> handlers = new ArrayList<>();
            if (peek().isWord("exception")) {
                Token exception = next();
                do {
                    handlers.add(handler(exception));
                } while (peek().isWord("when"));
            }
            expectWord("end");
            if (label != null && peek().kind() == TokenKind.WORD && peek().text().equals(label)) {
                next();
            }
            return new PlNode.Block(line, List.copyOf(declarations), body, List.copyOf(handlers), beginLine);
        } finally {
            scopes.pop();
        }
    }

    /** {@code WHEN condition [OR condition ...] THEN statements}; SQLSTATE and SQLERRM are variables inside. */
    private PlNode.Handler handler(Token exception) {
        expectWord("when");
        List<String> codes = new ArrayList<>();
        do {
            Token c = next();
            if (c.isWord("sqlstate")) {
                Token code = next();
                if (code.kind() != TokenKind.STRING || !code.text().matches("[0-9A-Z]{5}")) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "invalid SQLSTATE code", position(code.offset()));
                }
                codes.add(code.text());
            } else if (c.isWord("others")) {
                codes.add("others");
            } else if (c.kind() == TokenKind.WORD && Conditions.code(c.text()) != null) {
                codes.add(Conditions.code(c.text()));
            } else {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + c.text() + "\"")
                        .withContext(compilationContext(exception));
            }
        } while (acceptWord("or"));
        expectWord("then");
        Map<String, Integer> scope = new HashMap<>();
        int sqlstate = declare(scope, "sqlstate", SqlType.TEXT, -1);
        int sqlerrm = declare(scope, "sqlerrm", SqlType.TEXT, -1);
        scopes.push(scope);
        try {
            return new PlNode.Handler(List.copyOf(codes), sqlstate, sqlerrm, statements(Set.of("when", "end")));
        } finally {
            scopes.pop();
        }
    }

    /** {@code name [CONSTANT] type [NOT NULL] [{DEFAULT | := | =} expr];} */
    private PlNode.Declaration declaration(Map<String, Integer> scope) {
        Token nameToken = next();
        if (nameToken.kind() != TokenKind.WORD && nameToken.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError(nameToken);
        }
        int line = line(nameToken);
        boolean constant = acceptWord("constant");
        int typeStart = index;
        while (!atAssign() && !peek().isWord("default") && !peek().isWord("not") && !peek().isSymbol(";")
                && !peek().isWord("collate") && peek().kind() != TokenKind.EOF) {
            if (peek().isSymbol("%")) {
                throw unsupported(peek(), "%TYPE and %ROWTYPE declarations are not supported yet");
            }
            next();
        }
        if (index == typeStart) {
            throw syntaxError(peek());
        }
        String typeText = body.substring(tokens.get(typeStart).offset(), peek().offset()).trim();
        if (typeText.equalsIgnoreCase("record")) {
            throw unsupported(tokens.get(typeStart), "variables of type record are not supported yet");
        }
        Types.Resolved type;
        try {
            TypeName name = Parser.parseTypeName(typeText);
            type = Types.resolve(new TypeName(name.name(), name.length(), 0));
        } catch (SqlException e) {
            throw relocate(e.withPosition(0), tokens.get(typeStart).offset());
        }
        boolean notNull = false;
        if (acceptWord("not")) {
            expectWord("null");
            notNull = true;
        }
        PlNode.Expr init = null;
        if (atAssign() || peek().isWord("default")) {
            skipAssign();
            init = expression(Set.of(";"));
        } else if (notNull) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "variable \"" + nameToken.text() + "\" must have a default value,"
                    + " since it's declared NOT NULL", position(nameToken.offset()));
        }
        expectSymbol(";");
        int i = declare(scope, nameToken.text(), type.type(), type.maxLength());
        return new PlNode.Declaration(i, nameToken.text(), notNull, constant, init, line);
    }

    private List<PlNode> statements(Set<String> enders) {
        List<PlNode> out = new ArrayList<>();
        while (!(peek().kind() == TokenKind.WORD && enders.contains(peek().text()))) {
            if (peek().kind() == TokenKind.EOF) {
                throw syntaxError(peek());
            }
            out.add(statement());
        }
        return List.copyOf(out);
    }

    private PlNode statement() {
        String label = label();
        Token t = peek();
        int line = line(t);
        if (t.isWord("declare") || t.isWord("begin")) {
            PlNode.Block b = block(label);
            expectSymbol(";");
            return b;
        }
        if (t.isWord("loop") || t.isWord("while") || t.isWord("for")) {
            return loop(label);
        }
        if (label != null) {
            throw syntaxError(t);
        }
        if (t.isWord("if")) {
            return ifStatement();
        }
        if (t.isWord("raise")) {
            return raise();
        }
        if (t.isWord("return")) {
            next();
            PlNode.Return r;
            if (peek().isSymbol(";")) {
                r = new PlNode.Return(line, (char) 0, null);
            } else if (def.returnsTrigger() && (peek().isWord("new") || peek().isWord("old")) && peek(1).isSymbol(";")) {
                r = new PlNode.Return(line, next().isWord("new") ? 'n' : 'o', null);
            } else {
                r = new PlNode.Return(line, (char) 0, expression(Set.of(";")));
            }
            expectSymbol(";");
            return r;
        }
        if (t.isWord("null") && peek(1).isSymbol(";")) {
            next();
            next();
            return new PlNode.Null(line);
        }
        if (t.isWord("exit") || t.isWord("continue")) {
            next();
            String target = null;
            if (peek().kind() == TokenKind.WORD && !peek().isWord("when")) {
                target = next().text();
            }
            PlNode.Expr when = acceptWord("when") ? expression(Set.of(";")) : null;
            expectSymbol(";");
            return new PlNode.Exit(line, t.isWord("exit"), target, when);
        }
        if (t.isWord("get") && (peek(1).isWord("diagnostics") || peek(1).isWord("current"))) {
            next();
            acceptWord("current");
            expectWord("diagnostics");
            List<PlNode.Target> targets = new ArrayList<>();
            do {
                targets.add(target());
                if (!atAssign()) {
                    throw syntaxError(peek());
                }
                skipAssign();
                Token item = next();
                if (!item.isWord("row_count")) {
                    throw unsupported(item, "GET DIAGNOSTICS " + item.raw() + " is not supported yet");
                }
            } while (acceptSymbol(","));
            expectSymbol(";");
            return new PlNode.GetDiagnostics(line, List.copyOf(targets));
        }
        if (t.isWord("perform")) {
            return sql(true);
        }
        if (t.kind() == TokenKind.WORD && SQL_STARTS.contains(t.text()) && !peek(1).isSymbol(":")
                && !(peek(1).isSymbol("=") || peek(1).isSymbol("."))) {
            return sql(false);
        }
        if (t.isWord("case")) {
            return caseStatement();
        }
        if (t.isWord("assert") || t.isWord("open") || t.isWord("fetch") || t.isWord("close")
                || t.isWord("get") || t.isWord("execute") || t.isWord("call") || t.isWord("commit") || t.isWord("rollback")
                || t.isWord("foreach") || t.isWord("move")) {
            throw unsupported(t, "PL/pgSQL statement " + t.text().toUpperCase(Locale.ROOT) + " is not supported yet");
        }
        return assignment();
    }

    private PlNode assignment() {
        Token start = peek();
        int line = line(start);
        PlNode.Target target = target();
        if (!atAssign()) {
            throw syntaxError(peek());
        }
        skipAssign();
        PlNode.Expr value = expression(Set.of(";"));
        String text = body.substring(start.offset(), peek().offset()).trim();
        expectSymbol(";");
        return new PlNode.Assign(line, target, value, text);
    }

    /** A variable or {@code NEW.col} / {@code OLD.col} written by an assignment or INTO. */
    private PlNode.Target target() {
        Token name = next();
        if (name.kind() != TokenKind.WORD && name.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError(name);
        }
        if (def.returnsTrigger() && (name.isWord("new") || name.isWord("old")) && peek().isSymbol(".")) {
            next();
            Token column = next();
            if (column.kind() != TokenKind.WORD && column.kind() != TokenKind.QUOTED_IDENT) {
                throw syntaxError(column);
            }
            return new PlNode.Target.Field(name.isWord("new"), column.text());
        }
        Integer v = lookup(name.text());
        if (v == null && !atAssign() && !peek().isSymbol(".") && !peek().isSymbol("[")) {
            throw syntaxError(name);
        }
        if (v == null || peek().isSymbol(".")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "\"" + name.text() + "\" is not a known variable", position(name.offset()));
        }
        return new PlNode.Target.Var(v, name.text());
    }

    /**
     * {@code CASE [x] WHEN v [, ...] THEN ... [ELSE ...] END CASE}: compiled as an IF chain, a
     * simple CASE's WHEN as {@code (x) IN (v, ...)}.
     */
    private PlNode caseStatement() {
        int line = line(next());
        String search = null;
        if (!peek().isWord("when")) {
            int start = index;
            int end = scan(Set.of("when"), start);
            if (end == start) {
                throw syntaxError(peek());
            }
            search = body.substring(tokens.get(start).offset(), tokens.get(end).offset()).trim();
            index = end;
        }
        List<PlNode.Expr> conditions = new ArrayList<>();
        List<List<PlNode>> branches = new ArrayList<>();
        List<PlNode> otherwise = List.of(new PlNode.CaseNotFound(line));
        Set<String> enders = Set.of("when", "else", "end");
        while (acceptWord("when")) {
            if (search == null) {
                conditions.add(expression(Set.of("then")));
            } else {
                int start = index;
                int end = scan(Set.of("then"), start);
                if (end == start) {
                    throw syntaxError(peek());
                }
                String values = body.substring(tokens.get(start).offset(), tokens.get(end).offset()).trim();
                index = end;
                conditions.add(compileExpr("(" + search + ") IN (" + values + ")", 0));
            }
            expectWord("then");
            branches.add(statements(enders));
        }
        if (conditions.isEmpty()) {
            throw syntaxError(peek());
        }
        if (acceptWord("else")) {
            otherwise = statements(Set.of("end"));
        }
        expectWord("end");
        expectWord("case");
        expectSymbol(";");
        return new PlNode.If(line, List.copyOf(conditions), List.copyOf(branches), otherwise, "CASE");
    }

    private PlNode ifStatement() {
        int line = line(next());
        List<PlNode.Expr> conditions = new ArrayList<>();
        List<List<PlNode>> branches = new ArrayList<>();
        List<PlNode> otherwise = List.of();
        conditions.add(expression(Set.of("then")));
        expectWord("then");
        Set<String> enders = Set.of("elsif", "elseif", "else", "end");
        branches.add(statements(enders));
        while (true) {
            if (acceptWord("elsif") || acceptWord("elseif")) {
                conditions.add(expression(Set.of("then")));
                expectWord("then");
                branches.add(statements(enders));
            } else if (acceptWord("else")) {
                otherwise = statements(Set.of("end"));
                break;
            } else {
                break;
            }
        }
        expectWord("end");
        expectWord("if");
        expectSymbol(";");
        return new PlNode.If(line, List.copyOf(conditions), List.copyOf(branches), otherwise, "IF");
    }

    private PlNode loop(String label) {
        Token t = next();
        int line = line(t);
        if (t.isWord("for")) {
            Token var = next();
            if (var.kind() != TokenKind.WORD) {
                throw syntaxError(var);
            }
            expectWord("in");
            boolean reverse = acceptWord("reverse");
            PlNode.Expr low = expression(Set.of(".."));
            expectSymbol(".");
            expectSymbol(".");
            Map<String, Integer> scope = new HashMap<>();
            PlNode.Expr high = expression(Set.of("by", "loop"));
            PlNode.Expr step = acceptWord("by") ? expression(Set.of("loop")) : null;
            expectWord("loop");
            int v = declare(scope, var.text(), SqlType.INTEGER, -1);
            scopes.push(scope);
            try {
                List<PlNode> bodyNodes = loopBody(label);
                return new PlNode.ForRange(line, label, v, reverse, low, high, step, bodyNodes);
            } finally {
                scopes.pop();
            }
        }
        PlNode.Expr condition = null;
        if (t.isWord("while")) {
            condition = expression(Set.of("loop"));
            expectWord("loop");
        }
        return new PlNode.Loop(line, label, condition, loopBody(label));
    }

    private List<PlNode> loopBody(String label) {
        List<PlNode> nodes = statements(Set.of("end"));
        expectWord("end");
        expectWord("loop");
        if (label != null && peek().kind() == TokenKind.WORD && peek().text().equals(label)) {
            next();
        }
        expectSymbol(";");
        return nodes;
    }

    private PlNode raise() {
        int line = line(next());
        String level = "exception";
        if (peek().kind() == TokenKind.WORD && LEVELS.contains(peek().text())) {
            level = next().text();
        }
        String format = null;
        List<PlNode.Expr> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<PlNode.Expr> values = new ArrayList<>();
        if (peek().kind() == TokenKind.STRING) {
            Token f = next();
            format = f.text();
            while (acceptSymbol(",")) {
                args.add(expression(Set.of(",", ";", "using")));
            }
            int placeholders = placeholders(format);
            if (placeholders != args.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "too " + (placeholders > args.size() ? "few" : "many")
                        + " parameters specified for RAISE").withContext(compilationContext(f));
            }
        } else if (peek().isWord("sqlstate")) {
            next();
            Token code = next();
            names.add("errcode");
            values.add(constant("'" + code.text() + "'", code.offset()));
        } else if (peek().kind() == TokenKind.WORD && !peek().isWord("using")) {
            Token condition = next();
            if (Conditions.code(condition.text()) == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + condition.text() + "\"",
                        position(condition.offset()));
            }
            names.add("errcode");
            values.add(constant("'" + condition.text() + "'", condition.offset()));
        } else if (peek().isSymbol(";")) {
            throw unsupported(peek(), "RAISE without parameters is not supported yet");
        }
        if (acceptWord("using")) {
            do {
                Token option = next();
                String name = option.text();
                if (!Set.of("errcode", "message", "detail", "hint", "column", "constraint", "datatype", "table", "schema")
                        .contains(name)) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized RAISE statement option \"" + option.raw() + "\"",
                            position(option.offset()));
                }
                if (!acceptSymbol("=")) {
                    expectSymbol(":");
                    expectSymbol("=");
                }
                names.add(name);
                values.add(expression(Set.of(",", ";")));
            } while (acceptSymbol(","));
        }
        expectSymbol(";");
        return new PlNode.Raise(line, level, format, List.copyOf(args), List.copyOf(names), List.copyOf(values));
    }

    private static int placeholders(String format) {
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '%') {
                if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                    i++;
                } else {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * An SQL statement up to its semicolon, or PERFORM (a SELECT whose rows are discarded). An
     * {@code INTO target[, ...]} at the top level (after RETURNING for INSERT / UPDATE / DELETE)
     * is taken out and remembered.
     */
    private PlNode sql(boolean perform) {
        Token first = peek();
        int line = line(first);
        int start = index;
        int end = scan(Set.of(";"), start);
        char[] text = body.substring(0, tokens.get(end).offset()).toCharArray();
        java.util.Arrays.fill(text, 0, first.offset(), ' ');
        List<PlNode.Target> into = new ArrayList<>();
        boolean strict = false;
        boolean dml = first.isWord("insert") || first.isWord("update") || first.isWord("delete");
        boolean returningSeen = false;
        int depth = 0;
        for (int i = start; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isWord("returning")) {
                returningSeen = true;
            } else if (depth == 0 && t.isWord("into") && into.isEmpty() && (dml ? returningSeen : true) && i > start) {
                index = i + 1;
                strict = acceptWord("strict");
                do {
                    into.add(target());
                } while (acceptSymbol(","));
                int stop = index < end ? tokens.get(index).offset() : tokens.get(end).offset();
                java.util.Arrays.fill(text, t.offset(), stop, ' ');
                i = index - 1;
            }
        }
        index = end;
        String written = body.substring(first.offset(), tokens.get(end).offset()).trim();
        String source = argvFromZero(new String(text));
        if (perform) {
            source = source.substring(0, first.offset()) + "select " + source.substring(first.offset() + "perform".length());
            written = "SELECT" + written.substring("perform".length()); // PostgreSQL shows the query it runs
        }
        used = new ArrayList<>();
        Statement statement = parseOne(source, 0);
        int[] slotNumbers = used.stream().mapToInt(Integer::intValue).distinct().toArray();
        expectSymbol(";");
        return new PlNode.Sql(line, statement, written, List.copyOf(into), strict, perform, slotNumbers);
    }

    // ------------------------------------------------------------------ expressions

    /** The expression from here to the next of {@code terminators} at depth 0, compiled as {@code SELECT expr}. */
    private PlNode.Expr expression(Set<String> terminators) {
        int start = index;
        int end = scan(terminators, start);
        if (end == start) {
            throw syntaxError(tokens.get(end));
        }
        int offset = tokens.get(start).offset();
        String text = body.substring(offset, tokens.get(end).offset()).trim();
        index = end;
        return compileExpr(text, offset);
    }

    private PlNode.Expr constant(String text, int offset) {
        return compileExpr(text, offset);
    }

    private PlNode.Expr compileExpr(String text, int offset) {
        String prefix = "select ";
        int pad = Math.max(0, offset - prefix.length());
        used = new ArrayList<>();
        Statement s = parseOne(" ".repeat(pad) + prefix + argvFromZero(text),
                offset - pad - prefix.length());
        Query q = switch (s) {
            case Statement.Select sel -> sel;
            case Statement.QueryStatement qs -> qs.query();
            default -> throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in expression \"" + text + "\"");
        };
        return new PlNode.Expr(q, text, used.stream().mapToInt(Integer::intValue).distinct().toArray());
    }

    /** {@code TG_ARGV[i]} counts from 0: rewritten to the 1-based subscript of the text[] it is bound as. */
    private static String argvFromZero(String sql) {
        return sql.replaceAll("(?i)\\btg_argv\\s*\\[", "tg_argv[1+");
    }

    /** Parses one statement with this function's names as parameters; errors point into the CREATE text. */
    private Statement parseOne(String source, int base) {
        List<Statement> parsed;
        try {
            parsed = Parser.parse(source, this::resolve);
        } catch (SqlException e) {
            throw relocate(e, base);
        }
        if (parsed.size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"", 0);
        }
        return parsed.getFirst();
    }

    /** The {@link ParamResolver} of embedded SQL: variables, NEW / OLD and their fields. */
    private int resolve(String qualifier, String name) {
        int n = -1;
        if (qualifier == null) {
            Integer v = lookup(name);
            if (v != null) {
                n = slots.number(new Slots.Slot.Var(v));
            } else if (def.returnsTrigger() && (name.equals("new") || name.equals("old"))) {
                n = slots.number(new Slots.Slot.Whole(name.equals("new")));
            }
        } else if (def.returnsTrigger() && (qualifier.equals("new") || qualifier.equals("old"))) {
            n = slots.number(new Slots.Slot.Field(qualifier.equals("new"), name));
        }
        if (n >= 0 && used != null) {
            used.add(n);
        }
        return n;
    }

    private Integer lookup(String name) {
        for (Map<String, Integer> scope : scopes) {
            Integer v = scope.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The index of the first token from {@code from} that is one of {@code terminators} outside brackets and CASE. */
    private int scan(Set<String> terminators, int from) {
        int depth = 0;
        for (int i = from; ; i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.EOF) {
                return i;
            }
            if (depth == 0 && isTerminator(t, i, terminators)) {
                return i;
            }
            if (t.isSymbol("(") || t.isSymbol("[") || t.isWord("case")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]") || t.isWord("end")) {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    private boolean isTerminator(Token t, int i, Set<String> terminators) {
        if (terminators.contains("..") && t.isSymbol(".") && tokens.get(i + 1).isSymbol(".")) {
            return true;
        }
        return (t.kind() == TokenKind.WORD || t.kind() == TokenKind.SYMBOL) && terminators.contains(t.text());
    }

    // ------------------------------------------------------------------ tokens and errors

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != TokenKind.EOF) {
            index++;
        }
        return t;
    }

    private boolean acceptWord(String w) {
        if (peek().isWord(w)) {
            next();
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            next();
            return true;
        }
        return false;
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) {
            throw syntaxError(peek());
        }
    }

    private void expectSymbol(String s) {
        if (!acceptSymbol(s)) {
            throw syntaxError(peek());
        }
    }

    private boolean atAssign() {
        return (peek().isSymbol(":") && peek(1).isSymbol("=")) || peek().isSymbol("=");
    }

    private void skipAssign() {
        if (peek().isSymbol(":")) {
            next();
        }
        next();
    }

    /** The body line of {@code t}: 1 for the line the body starts on. */
    private int line(Token t) {
        int n = 1;
        for (int i = 0; i < t.offset() && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A 1-based position in the CREATE FUNCTION text for body offset {@code offset}, or 0 when unknown. */
    private int position(int offset) {
        return bodyOffset < 0 ? 0 : bodyOffset + offset + 1;
    }

    /** PostgreSQL's CONTEXT of a compile error that has no position: the function and the line near {@code t}. */
    private String compilationContext(Token t) {
        return "compilation of PL/pgSQL function \"" + io.shaledb.sql.catalog.Catalog.bareName(def.name()) + "\" near line " + line(t);
    }

    private SqlException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input", position(body.length()));
        }
        return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"", position(t.offset()));
    }

    private SqlException unsupported(Token t, String what) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what, position(t.offset()));
    }

    /** {@code e} raised while parsing text that starts at body offset {@code base}, placed in the CREATE text. */
    private SqlException relocate(SqlException e, int base) {
        if (e.position() <= 0) {
            return e;
        }
        return e.withPosition(bodyOffset < 0 ? 0 : bodyOffset + base + e.position());
    }
}

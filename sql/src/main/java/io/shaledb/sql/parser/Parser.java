package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.TableRef;
import io.shaledb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for ShaleDB's SQL dialect (a subset of PostgreSQL's).
 *
 * <p>Expression precedence, loosest first, follows PostgreSQL:
 * {@code OR < AND < NOT < IS < comparison (non-associative) < BETWEEN/IN < other operators (||) <
 * + - < * / % < unary minus < ::}.
 */
public final class Parser {

    /** Words that cannot be used as bare column aliases or identifiers (PostgreSQL's reserved set, trimmed). */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_date", "current_role", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially",
            "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null",
            "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique",
            "user", "using", "variadic", "when", "where", "window", "with",
            // type_func_name keywords that also may not be bare labels / column names in our grammar
            "join", "inner", "left", "right", "full", "outer", "cross", "natural", "is", "isnull", "notnull",
            "like", "ilike", "similar", "between", "values", "set");

    private static final Set<String> COMPARISON = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private final String sql;
    private final List<Token> tokens;
    private int index;

    private Parser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    /** Parses every statement of a query string; empty statements between semicolons are skipped. */
    public static List<Statement> parse(String sql) {
        Parser p = new Parser(sql);
        List<Statement> out = new ArrayList<>();
        while (true) {
            while (p.acceptSymbol(";")) {
                // empty statement
            }
            if (p.peek().kind() == TokenKind.EOF) {
                return out;
            }
            out.add(p.statement());
            if (!p.acceptSymbol(";") && p.peek().kind() != TokenKind.EOF) {
                throw p.syntaxError(p.peek());
            }
        }
    }

    /** Parses a single expression (for tests and tools). */
    public static Expr parseExpression(String sql) {
        Parser p = new Parser(sql);
        Expr e = p.expr();
        if (p.peek().kind() != TokenKind.EOF) {
            throw p.syntaxError(p.peek());
        }
        return e;
    }

    // ---------------------------------------------------------------- statements

    private Statement statement() {
        Token t = peek();
        if (t.isWord("select")) {
            return select();
        }
        if (t.isWord("insert")) {
            return insert();
        }
        if (t.isWord("update")) {
            return update();
        }
        if (t.isWord("delete")) {
            return delete();
        }
        if (t.isWord("create")) {
            return create();
        }
        if (t.isWord("drop")) {
            return drop();
        }
        if (t.kind() == TokenKind.WORD && Set.of("begin", "commit", "rollback", "start", "end", "set", "show",
                "alter", "explain", "truncate", "with", "values", "analyze", "vacuum", "copy").contains(t.text())) {
            throw unsupported(t, t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        throw syntaxError(t);
    }

    private Statement create() {
        expectWord("create");
        Token t = peek();
        if (!t.isWord("table")) {
            if (t.isWord("index") || t.isWord("unique") || t.isWord("view") || t.isWord("sequence")
                    || t.isWord("schema") || t.isWord("database") || t.isWord("temp") || t.isWord("temporary")) {
                throw unsupported(t, "CREATE " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            }
            throw syntaxError(t);
        }
        next();
        boolean ifNotExists = false;
        if (peek().isWord("if")) {
            next();
            expectWord("not");
            expectWord("exists");
            ifNotExists = true;
        }
        Ident name = qualifiedName();
        expectSymbol("(");
        List<Statement.ColumnDef> columns = new ArrayList<>();
        List<Ident> pk = null;
        int pkPos = -1;
        if (!peek().isSymbol(")")) {
            do {
                Token c = peek();
                if (c.isWord("primary")) {
                    if (pk != null) {
                        throw multiplePrimaryKeys(name, c.offset());
                    }
                    next();
                    expectWord("key");
                    pkPos = c.offset();
                    expectSymbol("(");
                    pk = new ArrayList<>();
                    do {
                        pk.add(identifier());
                    } while (acceptSymbol(","));
                    expectSymbol(")");
                } else if (c.isWord("constraint") || c.isWord("unique") || c.isWord("check")
                        || c.isWord("foreign") || c.isWord("exclude") || c.isWord("like")) {
                    throw unsupported(c, "table constraint " + c.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                } else {
                    Statement.ColumnDef cd = columnDef(name);
                    if (cd.primaryKey()) {
                        if (pk != null) {
                            throw multiplePrimaryKeys(name, cd.primaryKeyPos());
                        }
                        pk = List.of(cd.name());
                        pkPos = cd.primaryKeyPos();
                    }
                    columns.add(cd);
                }
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        return new Statement.CreateTable(name, ifNotExists, columns, pk == null ? List.of() : List.copyOf(pk), pkPos);
    }

    private static SqlException multiplePrimaryKeys(Ident table, int offset) {
        return new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"" + table.name() + "\" are not allowed", offset + 1);
    }

    private Statement.ColumnDef columnDef(Ident table) {
        Ident name = identifier();
        TypeName type = typeName();
        boolean primaryKey = false;
        int primaryKeyPos = -1;
        boolean notNull = false;
        while (true) {
            Token t = peek();
            if (t.isWord("primary")) {
                if (primaryKey) {
                    throw multiplePrimaryKeys(table, t.offset());
                }
                next();
                expectWord("key");
                primaryKey = true;
                primaryKeyPos = t.offset();
            } else if (t.isWord("not")) {
                next();
                expectWord("null");
                notNull = true;
            } else if (t.isWord("null")) {
                next();
            } else if (t.isWord("default") || t.isWord("unique") || t.isWord("check") || t.isWord("references")
                    || t.isWord("constraint") || t.isWord("generated") || t.isWord("collate")) {
                throw unsupported(t, "column option " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            } else {
                break;
            }
        }
        return new Statement.ColumnDef(name, type, primaryKey, primaryKeyPos, notNull);
    }

    private Statement drop() {
        expectWord("drop");
        Token t = peek();
        if (!t.isWord("table")) {
            if (t.kind() == TokenKind.WORD && !RESERVED.contains(t.text())) {
                throw unsupported(t, "DROP " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            }
            throw syntaxError(t);
        }
        next();
        boolean ifExists = false;
        if (peek().isWord("if")) {
            next();
            expectWord("exists");
            ifExists = true;
        }
        List<Ident> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptSymbol(","));
        if (peek().isWord("cascade") || peek().isWord("restrict")) {
            next();
        }
        return new Statement.DropTable(List.copyOf(names), ifExists);
    }

    private Statement insert() {
        expectWord("insert");
        expectWord("into");
        TableRef table = tableRef(false);
        List<Ident> columns = null;
        if (acceptSymbol("(")) {
            columns = new ArrayList<>();
            do {
                columns.add(identifier());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        Token v = peek();
        if (v.isWord("select") || v.isWord("default")) {
            throw unsupported(v, "INSERT ... " + v.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        expectWord("values");
        List<List<Expr>> rows = new ArrayList<>();
        Integer width = null;
        do {
            expectSymbol("(");
            List<Expr> row = new ArrayList<>();
            do {
                if (peek().isWord("default")) {
                    row.add(new Expr.Default(next().offset()));
                } else {
                    row.add(expr());
                }
            } while (acceptSymbol(","));
            expectSymbol(")");
            if (width != null && width != row.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                        row.getFirst().pos() + 1);
            }
            width = row.size();
            rows.add(List.copyOf(row));
        } while (acceptSymbol(","));
        if (peek().isWord("returning") || peek().isWord("on")) {
            throw unsupported(peek(), peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        return new Statement.Insert(table, columns == null ? null : List.copyOf(columns), List.copyOf(rows));
    }

    private Statement update() {
        expectWord("update");
        TableRef table = tableRef(true);
        expectWord("set");
        List<Statement.Assignment> sets = new ArrayList<>();
        do {
            Ident col = identifier();
            if (peek().isSymbol(".")) {
                throw unsupported(peek(), "qualified column names in SET are not supported yet");
            }
            expectSymbol("=");
            Expr value = peek().isWord("default") ? new Expr.Default(next().offset()) : expr();
            sets.add(new Statement.Assignment(col, value));
        } while (acceptSymbol(","));
        if (peek().isWord("from")) {
            throw unsupported(peek(), "UPDATE ... FROM is not supported yet");
        }
        Expr where = acceptWord("where") ? expr() : null;
        if (peek().isWord("returning")) {
            throw unsupported(peek(), "RETURNING is not supported yet");
        }
        return new Statement.Update(table, List.copyOf(sets), where);
    }

    private Statement delete() {
        expectWord("delete");
        expectWord("from");
        TableRef table = tableRef(true);
        if (peek().isWord("using")) {
            throw unsupported(peek(), "DELETE ... USING is not supported yet");
        }
        Expr where = acceptWord("where") ? expr() : null;
        if (peek().isWord("returning")) {
            throw unsupported(peek(), "RETURNING is not supported yet");
        }
        return new Statement.Delete(table, where);
    }

    private Statement select() {
        expectWord("select");
        boolean distinct = false;
        if (acceptWord("distinct")) {
            if (peek().isWord("on")) {
                throw unsupported(peek(), "SELECT DISTINCT ON is not supported yet");
            }
            distinct = true;
        } else {
            acceptWord("all");
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        if (!endOfTargetList(peek())) {
            do {
                items.add(selectItem());
            } while (acceptSymbol(","));
        }
        TableRef from = null;
        if (acceptWord("from")) {
            if (peek().isSymbol("(")) {
                throw unsupported(peek(), "subqueries in FROM are not supported yet");
            }
            from = tableRef(true);
            Token t = peek();
            if (t.isSymbol(",") || t.isWord("join") || t.isWord("inner") || t.isWord("left") || t.isWord("right")
                    || t.isWord("full") || t.isWord("cross") || t.isWord("natural")) {
                throw unsupported(t, "joins are not supported yet");
            }
        }
        Expr where = acceptWord("where") ? expr() : null;
        List<Expr> groupBy = new ArrayList<>();
        if (acceptWord("group")) {
            expectWord("by");
            do {
                groupBy.add(expr());
            } while (acceptSymbol(","));
        }
        Expr having = acceptWord("having") ? expr() : null;
        Token t = peek();
        if (t.isWord("union") || t.isWord("intersect") || t.isWord("except") || t.isWord("window")) {
            throw unsupported(t, t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        List<Statement.OrderItem> orderBy = new ArrayList<>();
        if (acceptWord("order")) {
            expectWord("by");
            do {
                orderBy.add(orderItem());
            } while (acceptSymbol(","));
        }
        Expr limit = null;
        Expr offset = null;
        boolean sawLimit = false;
        boolean sawOffset = false;
        while (true) {
            Token k = peek();
            if (k.isWord("limit") && !sawLimit) {
                next();
                sawLimit = true;
                limit = acceptWord("all") ? null : expr();
            } else if (k.isWord("offset") && !sawOffset) {
                next();
                sawOffset = true;
                offset = expr();
                if (!acceptWord("rows")) {
                    acceptWord("row");
                }
            } else {
                break;
            }
        }
        if (peek().isWord("for") || peek().isWord("fetch")) {
            throw unsupported(peek(), peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        return new Statement.Select(distinct, List.copyOf(items), from, where, List.copyOf(groupBy), having,
                List.copyOf(orderBy), limit, offset);
    }

    private static boolean endOfTargetList(Token t) {
        return t.kind() == TokenKind.EOF || t.isSymbol(";") || t.isWord("from") || t.isWord("where")
                || t.isWord("group") || t.isWord("having") || t.isWord("order") || t.isWord("limit")
                || t.isWord("offset");
    }

    private Statement.SelectItem selectItem() {
        Token t = peek();
        if (t.isSymbol("*")) {
            next();
            return new Statement.SelectItem(null, null, true, null, t.offset());
        }
        // t.*
        if ((t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) && peek(1).isSymbol(".") && peek(2).isSymbol("*")) {
            Ident table = identifier();
            next();
            next();
            return new Statement.SelectItem(null, null, true, table.name(), t.offset());
        }
        Expr e = expr();
        String alias = null;
        if (acceptWord("as")) {
            alias = label();
        } else if (peek().kind() == TokenKind.QUOTED_IDENT
                || (peek().kind() == TokenKind.WORD && !RESERVED.contains(peek().text()))) {
            alias = next().text();
        }
        return new Statement.SelectItem(e, alias, false, null, t.offset());
    }

    /** A column label after AS: any word, reserved or not. */
    private String label() {
        Token t = peek();
        if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) {
            return next().text();
        }
        throw syntaxError(t);
    }

    private Statement.OrderItem orderItem() {
        Expr e = expr();
        boolean desc = false;
        if (acceptWord("desc")) {
            desc = true;
        } else {
            acceptWord("asc");
        }
        if (peek().isWord("using")) {
            throw unsupported(peek(), "ORDER BY ... USING is not supported yet");
        }
        Boolean nullsFirst = null;
        if (acceptWord("nulls")) {
            if (acceptWord("first")) {
                nullsFirst = true;
            } else {
                expectWord("last");
                nullsFirst = false;
            }
        }
        return new Statement.OrderItem(e, desc, nullsFirst);
    }

    private TableRef tableRef(boolean allowAlias) {
        Ident name = qualifiedName();
        String alias = null;
        if (allowAlias) {
            if (acceptWord("as")) {
                alias = identifier().name();
            } else if (peek().kind() == TokenKind.QUOTED_IDENT
                    || (peek().kind() == TokenKind.WORD && !RESERVED.contains(peek().text())
                    && !Set.of("set", "values", "cascade", "restrict").contains(peek().text()))) {
                alias = identifier().name();
            }
        }
        return new TableRef(name.name(), alias, name.pos());
    }

    /** {@code name} or {@code public.name}: only the default schema exists. */
    private Ident qualifiedName() {
        Ident first = identifier();
        if (peek().isSymbol(".")) {
            next();
            Ident second = identifier();
            if (!first.name().equals("public")) {
                throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + first.name() + "\" does not exist",
                        first.pos() + 1);
            }
            return second;
        }
        return first;
    }

    private Ident identifier() {
        Token t = peek();
        if (t.kind() == TokenKind.QUOTED_IDENT || (t.kind() == TokenKind.WORD && !RESERVED.contains(t.text()))) {
            next();
            return new Ident(t.text(), t.offset());
        }
        throw syntaxError(t);
    }

    // ---------------------------------------------------------------- types

    private TypeName typeName() {
        Token t = peek();
        if (t.kind() != TokenKind.WORD && t.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        next();
        String name = switch (t.text()) {
            case "int", "integer" -> "int4";
            case "bigint" -> "int8";
            case "smallint" -> "int2";
            case "boolean" -> "bool";
            case "real" -> "float4";
            case "float" -> "float8";
            case "decimal" -> "numeric";
            case "double" -> {
                expectWord("precision");
                yield "float8";
            }
            case "character", "char" -> {
                if (acceptWord("varying")) {
                    yield "varchar";
                }
                yield "bpchar";
            }
            default -> t.text();
        };
        int length = -1;
        if (acceptSymbol("(")) {
            Token n = peek();
            if (n.kind() != TokenKind.INTEGER) {
                throw syntaxError(n);
            }
            next();
            length = Integer.parseInt(n.text());
            if (acceptSymbol(",")) {
                Token s = peek();
                if (s.kind() != TokenKind.INTEGER) {
                    throw syntaxError(s);
                }
                next();
            }
            expectSymbol(")");
            if (name.equals("float8") && t.text().equals("float")) {
                name = length <= 24 ? "float4" : "float8";
                length = -1;
            }
        } else if (name.equals("bpchar") && (t.text().equals("char") || t.text().equals("character"))) {
            length = 1;
        }
        if (peek().isSymbol("[")) {
            throw unsupported(peek(), "array types are not supported yet");
        }
        return new TypeName(name, length, t.offset());
    }

    // ---------------------------------------------------------------- expressions

    private Expr expr() {
        return or();
    }

    private Expr or() {
        Expr left = and();
        while (peek().isWord("or")) {
            Token op = next();
            left = new Expr.Binary("OR", left, and(), op.offset());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isWord("and")) {
            Token op = next();
            left = new Expr.Binary("AND", left, not(), op.offset());
        }
        return left;
    }

    private Expr not() {
        if (peek().isWord("not")) {
            Token op = next();
            return new Expr.Unary("NOT", not(), op.offset());
        }
        return isTest();
    }

    private Expr isTest() {
        Expr left = comparison();
        while (true) {
            Token t = peek();
            if (t.isWord("is")) {
                next();
                boolean negated = acceptWord("not");
                if (acceptWord("null")) {
                    left = new Expr.IsNull(left, negated, t.offset());
                } else if (peek().isWord("true") || peek().isWord("false") || peek().isWord("unknown")
                        || peek().isWord("distinct")) {
                    throw unsupported(peek(), "IS " + (negated ? "NOT " : "")
                            + peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                } else {
                    throw syntaxError(peek());
                }
            } else if (t.isWord("isnull") || t.isWord("notnull")) {
                next();
                left = new Expr.IsNull(left, t.isWord("notnull"), t.offset());
            } else {
                return left;
            }
        }
    }

    private Expr comparison() {
        Expr left = betweenIn();
        Token t = peek();
        if (t.kind() == TokenKind.SYMBOL && COMPARISON.contains(t.text())) {
            next();
            Expr right = betweenIn();
            Token again = peek();
            if (again.kind() == TokenKind.SYMBOL && COMPARISON.contains(again.text())) {
                throw syntaxError(again); // comparison operators do not associate
            }
            return new Expr.Binary(t.text().equals("!=") ? "<>" : t.text(), left, right, t.offset());
        }
        return left;
    }

    private Expr betweenIn() {
        Expr left = otherOp();
        while (true) {
            Token t = peek();
            boolean negated = false;
            int look = 0;
            if (t.isWord("not") && (peek(1).isWord("between") || peek(1).isWord("in") || peek(1).isWord("like")
                    || peek(1).isWord("ilike") || peek(1).isWord("similar"))) {
                negated = true;
                look = 1;
            }
            Token k = peek(look);
            if (k.isWord("between")) {
                index += look + 1;
                if (peek().isWord("symmetric") || peek().isWord("asymmetric")) {
                    throw unsupported(peek(), "BETWEEN SYMMETRIC is not supported yet");
                }
                Expr low = otherOp();
                expectWord("and");
                Expr high = otherOp();
                left = new Expr.Between(left, low, high, negated, t.offset());
            } else if (k.isWord("in")) {
                index += look + 1;
                expectSymbol("(");
                if (peek().isWord("select")) {
                    throw unsupported(peek(), "subqueries are not supported yet");
                }
                List<Expr> items = new ArrayList<>();
                do {
                    items.add(expr());
                } while (acceptSymbol(","));
                expectSymbol(")");
                left = new Expr.InList(left, List.copyOf(items), negated, t.offset());
            } else if (k.isWord("like") || k.isWord("ilike") || k.isWord("similar")) {
                throw unsupported(k, k.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            } else {
                return left;
            }
        }
    }

    /** "Any other operator": only {@code ||} is known; other operator symbols are rejected. */
    private Expr otherOp() {
        Expr left = additive();
        while (true) {
            Token t = peek();
            if (t.isSymbol("||")) {
                next();
                left = new Expr.Binary("||", left, additive(), t.offset());
            } else if (t.kind() == TokenKind.SYMBOL && isUnknownOperator(t.text())) {
                // An operator ShaleDB does not define: parse it so the binder can name the operand types.
                next();
                left = new Expr.Binary(t.text(), left, additive(), t.offset());
            } else {
                return left;
            }
        }
    }

    private static boolean isUnknownOperator(String s) {
        if (COMPARISON.contains(s) || Set.of("+", "-", "*", "/", "%", "^", "||", "::").contains(s)) {
            return false;
        }
        return s.chars().allMatch(c -> "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0);
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.offset());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = power();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, power(), op.offset());
        }
        return left;
    }

    private Expr power() {
        Expr left = unary();
        while (peek().isSymbol("^")) {
            Token op = next();
            left = new Expr.Binary("^", left, unary(), op.offset());
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.isSymbol("-") || t.isSymbol("+")) {
            next();
            Expr operand = unary();
            // Like PostgreSQL's doNegate, "-" applied to a numeric constant (even in parentheses)
            // yields a constant whose type follows the negated value: -2147483648 is an integer.
            if (t.isSymbol("-") && operand instanceof Expr.Literal l && l.value() instanceof Number n) {
                return new Expr.Literal(negateConstant(n), t.offset());
            }
            return new Expr.Unary(t.text(), operand, t.offset());
        }
        return postfix();
    }

    private static Number negateConstant(Number n) {
        if (n instanceof Double d) {
            return d == 0x1p63 ? (Number) Long.MIN_VALUE : (Number) (-d);
        }
        long v = n.longValue();
        if (v == Long.MIN_VALUE) {
            return 0x1p63; // numeric in PostgreSQL
        }
        long neg = -v;
        return neg >= Integer.MIN_VALUE && neg <= Integer.MAX_VALUE ? (Number) (int) neg : (Number) neg;
    }

    private Expr postfix() {
        Expr e = primary();
        while (peek().isSymbol("::")) {
            Token op = next();
            e = new Expr.Cast(e, typeName(), op.offset());
        }
        if (peek().isSymbol("[")) {
            throw unsupported(peek(), "array subscripts are not supported yet");
        }
        return e;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case INTEGER, DECIMAL -> {
                next();
                return numericLiteral(t.kind(), t.text(), t.offset());
            }
            case STRING -> {
                next();
                return new Expr.Literal(t.text(), t.offset());
            }
            case QUOTED_IDENT -> {
                return columnRef();
            }
            case SYMBOL -> {
                if (isUnknownOperator(t.text())) {
                    next();
                    return new Expr.Unary(t.text(), unary(), t.offset());
                }
                if (t.isSymbol("(")) {
                    next();
                    if (peek().isWord("select")) {
                        throw unsupported(peek(), "subqueries are not supported yet");
                    }
                    Expr inner = expr();
                    expectSymbol(")");
                    return inner;
                }
                throw syntaxError(t);
            }
            case EOF -> throw syntaxError(t);
            case WORD -> {
                return wordPrimary(t);
            }
        }
        throw syntaxError(t);
    }

    private Expr wordPrimary(Token t) {
        switch (t.text()) {
            case "null" -> {
                next();
                return new Expr.Literal(null, t.offset());
            }
            case "true", "false" -> {
                next();
                return new Expr.Literal(t.text().equals("true"), t.offset());
            }
            case "cast" -> {
                next();
                expectSymbol("(");
                Expr operand = expr();
                expectWord("as");
                TypeName type = typeName();
                expectSymbol(")");
                return new Expr.Cast(operand, type, t.offset());
            }
            case "case" -> {
                return caseExpr();
            }
            case "exists", "array", "row" -> {
                if (peek(1).isSymbol("(") || peek(1).isSymbol("[")) {
                    throw unsupported(t, t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                }
            }
            default -> {
                // fall through to identifiers and function calls
            }
        }
        if (RESERVED.contains(t.text())) {
            throw syntaxError(t);
        }
        if (peek(1).isSymbol("(")) {
            return functionCall();
        }
        return columnRef();
    }

    private Expr caseExpr() {
        Token start = expectWord("case");
        Expr operand = peek().isWord("when") ? null : expr();
        List<Expr.When> whens = new ArrayList<>();
        do {
            expectWord("when");
            Expr cond = expr();
            expectWord("then");
            whens.add(new Expr.When(cond, expr()));
        } while (peek().isWord("when"));
        Expr otherwise = acceptWord("else") ? expr() : null;
        expectWord("end");
        return new Expr.Case(operand, List.copyOf(whens), otherwise, start.offset());
    }

    private Expr functionCall() {
        Token name = next();
        expectSymbol("(");
        if (peek().isSymbol("*")) {
            next();
            expectSymbol(")");
            return new Expr.FunctionCall(name.text(), List.of(), true, false, name.offset());
        }
        boolean distinct = acceptWord("distinct");
        if (!distinct) {
            acceptWord("all");
        }
        List<Expr> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do {
                args.add(expr());
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        if (peek().isWord("over") || peek().isWord("filter") || peek().isWord("within")) {
            throw unsupported(peek(), peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        return new Expr.FunctionCall(name.text(), List.copyOf(args), false, distinct, name.offset());
    }

    private Expr columnRef() {
        Ident first = identifier();
        if (peek().isSymbol(".")) {
            next();
            Token t = peek();
            if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) {
                next();
                if (peek().isSymbol(".")) {
                    throw unsupported(peek(), "schema-qualified column references are not supported yet");
                }
                return new Expr.ColumnRef(first.name(), t.text(), first.pos());
            }
            throw syntaxError(t);
        }
        return new Expr.ColumnRef(null, first.name(), first.pos());
    }

    /**
     * A numeric constant typed as PostgreSQL types it: integer when the digits fit int4, else
     * bigint when the (possibly negated) value fits int8. Like PostgreSQL's doNegate, the sign is
     * applied to the text, so {@code -2147483648} is a bigint and {@code -9223372036854775808}
     * fits. Anything else would be numeric, which ShaleDB lacks: it becomes double precision.
     */
    /**
     * A numeric constant typed as PostgreSQL types it: integer when it fits int4, else bigint when
     * it fits int8. Anything else would be numeric, which ShaleDB lacks: it becomes double
     * precision. A minus sign in front is folded in later (see {@link #unary()}).
     */
    private static Expr numericLiteral(TokenKind kind, String text, int pos) {
        if (kind == TokenKind.INTEGER) {
            try {
                long v = Long.parseLong(text);
                return new Expr.Literal(v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v, pos);
            } catch (NumberFormatException tooBig) {
                // numeric in PostgreSQL; double precision here
            }
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type double precision", pos + 1);
        }
        return new Expr.Literal(d, pos);
    }

    // ---------------------------------------------------------------- token helpers

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

    private boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            next();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String w) {
        if (peek().isWord(w)) {
            next();
            return true;
        }
        return false;
    }

    private Token expectSymbol(String s) {
        if (!peek().isSymbol(s)) {
            throw syntaxError(peek());
        }
        return next();
    }

    private Token expectWord(String w) {
        if (!peek().isWord(w)) {
            throw syntaxError(peek());
        }
        return next();
    }

    private SqlException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input", sql.length() + 1);
        }
        return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"", t.position());
    }

    private static SqlException unsupported(Token t, String what) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what, t.position());
    }
}

package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses expressions, type names and identifiers.
 *
 * <p>Precedence, loosest first, follows PostgreSQL: {@code OR < AND < NOT < IS < comparison
 * (non-associative) < BETWEEN/IN < other operators (||) < + - < * / % < ^ < unary minus < ::}.
 */
abstract class ExpressionParser extends TokenCursor {
    /** Words that cannot be used as bare column aliases or identifiers (PostgreSQL's reserved set, trimmed). */
    protected static final Set<String> RESERVED = Set.of(
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
            "like", "ilike", "similar", "between");

    /**
     * PostgreSQL's type_func_name keywords: names of types and functions, but not of columns,
     * tables or savepoints ({@code SAVEPOINT verbose} is a syntax error there).
     */
    protected static final Set<String> TYPE_FUNC_NAME_KEYWORDS = Set.of(
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    protected static final Set<String> COMPARISON = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    protected ExpressionParser(String sql) {
        super(sql);
    }

    /**
     * {@code name} or {@code schema.name}, the latter as the one string "schema.name" (the
     * catalog resolves it: see Catalog.resolve); the position is the first identifier's.
     */
    protected Ident qualifiedName() {
        Ident first = identifier();
        if (peek().isSymbol(".")) {
            next();
            Ident second = identifier();
            return new Ident(first.name() + "." + second.name(), first.pos());
        }
        return first;
    }

    protected Ident identifier() {
        Token t = peek();
        if (t.kind() == TokenKind.QUOTED_IDENT || (t.kind() == TokenKind.WORD && !RESERVED.contains(t.text()))) {
            next();
            return new Ident(t.text(), t.offset());
        }
        throw syntaxError(t);
    }

    /** PostgreSQL's ColId: an identifier that is neither a reserved nor a type/function-name keyword. */
    protected Ident colId() {
        Token t = peek();
        if (t.kind() == TokenKind.WORD && TYPE_FUNC_NAME_KEYWORDS.contains(t.text())) {
            throw syntaxError(t);
        }
        return identifier();
    }

    // ---------------------------------------------------------------- types

    protected TypeName typeName() {
        Token t = peek();
        if (t.kind() != TokenKind.WORD && t.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        next();
        if (t.isWord("pg_catalog") && peek().isSymbol(".")
                && (peek(1).kind() == TokenKind.WORD || peek(1).kind() == TokenKind.QUOTED_IDENT)) {
            next();
            t = next(); // pg_catalog.type names the built-in type
        }
        String name = t.kind() == TokenKind.QUOTED_IDENT && t.text().equals("char") ? "\"char\"" : switch (t.text()) {
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
                if (name.equals("numeric")) {
                    length = io.shaledb.sql.types.Numerics.typmod(length, Integer.parseInt(s.text()));
                }
            } else if (name.equals("numeric")) {
                length = io.shaledb.sql.types.Numerics.typmod(length, 0);
            }
            expectSymbol(")");
            if (name.equals("float8") && t.text().equals("float")) {
                name = length <= 24 ? "float4" : "float8";
                length = -1;
            }
        } else if (name.equals("bpchar") && (t.text().equals("char") || t.text().equals("character"))) {
            length = 1;
        }
        if ((name.equals("timestamp") || name.equals("time")) && (peek().isWord("with") || peek().isWord("without"))
                && peek(1).isWord("time") && peek(2).isWord("zone")) {
            boolean with = next().isWord("with");
            next();
            next();
            if (with) {
                name = name.equals("time") ? "timetz" : "timestamptz";
            }
        }
        if (arraySuffix()) {
            name = name + "[]"; // one-dimensional array of the type (see Types.resolve)
        }
        return new TypeName(name, length, t.offset());
    }

    /** {@code []}, {@code [n]} (repeatable, all one-dimensional here) or {@code ARRAY [n]} after a type name. */
    private boolean arraySuffix() {
        boolean array = false;
        if (peek().isWord("array") && !peek(1).isSymbol("(")) {
            next();
            array = true;
            if (peek().isSymbol("[") && peek(1).kind() == TokenKind.INTEGER && peek(2).isSymbol("]")) {
                index += 3;
            }
            return true;
        }
        while (peek().isSymbol("[") && (peek(1).isSymbol("]")
                || peek(1).kind() == TokenKind.INTEGER && peek(2).isSymbol("]"))) {
            index += peek(1).isSymbol("]") ? 2 : 3;
            array = true;
        }
        return array;
    }

    // ---------------------------------------------------------------- expressions

    protected Expr expr() {
        return or();
    }

    protected Expr or() {
        Expr left = and();
        while (peek().isWord("or")) {
            Token op = next();
            left = new Expr.Binary("OR", left, and(), op.offset());
        }
        return left;
    }

    protected Expr and() {
        Expr left = not();
        while (peek().isWord("and")) {
            Token op = next();
            left = new Expr.Binary("AND", left, not(), op.offset());
        }
        return left;
    }

    protected Expr not() {
        if (peek().isWord("not")) {
            Token op = next();
            return new Expr.Unary("NOT", not(), op.offset());
        }
        return isTest();
    }

    protected Expr isTest() {
        Expr left = comparison();
        while (true) {
            Token t = peek();
            if (t.isWord("is")) {
                next();
                boolean negated = acceptWord("not");
                if (acceptWord("null")) {
                    left = new Expr.IsNull(left, negated, t.offset());
                } else if (peek().isWord("true") || peek().isWord("false") || peek().isWord("unknown")) {
                    String value = next().text().toUpperCase(java.util.Locale.ROOT);
                    left = new Expr.Unary("IS " + (negated ? "NOT " : "") + value, left, t.offset());
                } else if (peek().isWord("distinct")) {
                    throw unsupported(peek(), "IS " + (negated ? "NOT " : "")
                            + peek().text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                } else {
                    throw syntaxError(peek());
                }
            } else if (t.isWord("isnull") || t.isWord("notnull")) {
                next();
                left = new Expr.IsNull(left, t.isWord("notnull"), t.offset());
            } else if (t.kind() == TokenKind.SYMBOL && COMPARISON.contains(t.text())
                    && (left instanceof Expr.IsNull || left instanceof Expr.Unary u && u.op().startsWith("IS "))) {
                // IS binds looser than comparisons, so "a IS NULL = b" compares the test's result
                next();
                left = new Expr.Binary(t.text().equals("!=") ? "<>" : t.text(), left, betweenIn(), t.offset());
            } else {
                return left;
            }
        }
    }

    protected Expr comparison() {
        Expr left = betweenIn();
        Token t = peek();
        if (t.kind() == TokenKind.SYMBOL && COMPARISON.contains(t.text())) {
            next();
            Token q = peek();
            if ((q.isWord("any") || q.isWord("some") || q.isWord("all")) && peek(1).isSymbol("(")) {
                next();
                next();
                String op = t.text().equals("!=") ? "<>" : t.text();
                if (!atQueryStart()) {
                    Expr array = expr();
                    expectSymbol(")");
                    return new Expr.ArrayCompare(q.isWord("all"), left, op, array, t.offset());
                }
                Expr sub = new Expr.Subquery(q.isWord("all") ? Expr.SubqueryKind.ALL : Expr.SubqueryKind.ANY, left, op,
                        subquery(), t.offset());
                expectSymbol(")");
                return sub;
            }
            Expr right = betweenIn();
            Token again = peek();
            if (again.kind() == TokenKind.SYMBOL && COMPARISON.contains(again.text())) {
                throw syntaxError(again); // comparison operators do not associate
            }
            return new Expr.Binary(t.text().equals("!=") ? "<>" : t.text(), left, right, t.offset());
        }
        return left;
    }

    protected Expr betweenIn() {
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
                if (peek().isWord("select") || peek().isWord("values") || peek().isWord("with")) {
                    Expr in = new Expr.Subquery(Expr.SubqueryKind.IN, left, "=", subquery(), t.offset());
                    expectSymbol(")");
                    left = negated ? new Expr.Unary("NOT", in, t.offset()) : in;
                    continue;
                }
                List<Expr> items = new ArrayList<>();
                do {
                    items.add(expr());
                } while (acceptSymbol(","));
                expectSymbol(")");
                left = new Expr.InList(left, List.copyOf(items), negated, t.offset());
            } else if (k.isWord("like") || k.isWord("ilike")) {
                index += look + 1;
                Expr pattern = otherOp();
                if (peek().isWord("escape")) {
                    Token esc = next();
                    pattern = new Expr.FunctionCall("like_escape", List.of(pattern, otherOp()), false, false, esc.offset());
                }
                String op = (negated ? "!" : "") + (k.isWord("like") ? "~~" : "~~*");
                left = new Expr.Binary(op, left, pattern, k.offset());
            } else if (k.isWord("similar") && peek(look + 1).isWord("to")) {
                index += look + 2;
                left = OperatorSyntax.similarTo(this, left, negated, k);
            } else {
                return left;
            }
        }
    }

    /** "Any other operator": only {@code ||} is known; other operator symbols are rejected. */
    protected Expr otherOp() {
        Expr left = additive();
        while (true) {
            Token t = peek();
            if (t.isSymbol("||")) {
                next();
                left = new Expr.Binary("||", left, additive(), t.offset());
            } else if (t.isWord("operator") && peek(1).isSymbol("(")) {
                String op = OperatorSyntax.qualifiedOperator(this);
                left = new Expr.Binary(op, left, additive(), t.offset());
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

    protected Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.offset());
        }
        return left;
    }

    protected Expr multiplicative() {
        Expr left = power();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, power(), op.offset());
        }
        return left;
    }

    protected Expr power() {
        Expr left = collated();
        while (peek().isSymbol("^")) {
            Token op = next();
            left = new Expr.Binary("^", left, collated(), op.offset());
        }
        return left;
    }

    /** {@code x COLLATE name}: binds tighter than {@code ^}, looser than unary minus (PostgreSQL's precedence). */
    private Expr collated() {
        Expr e = unary();
        while (peek().isWord("collate")) {
            e = OperatorSyntax.collate(this, e);
        }
        return e;
    }

    protected Expr unary() {
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
        if (n instanceof java.math.BigDecimal d) {
            java.math.BigDecimal neg = d.negate();
            // -9223372036854775808 is a bigint constant in PostgreSQL
            return neg.scale() == 0 && neg.equals(java.math.BigDecimal.valueOf(Long.MIN_VALUE)) ? (Number) Long.MIN_VALUE : neg;
        }
        if (n instanceof Double d) {
            return d == 0x1p63 ? (Number) Long.MIN_VALUE : (Number) (-d);
        }
        long v = n.longValue();
        if (v == Long.MIN_VALUE) {
            return new java.math.BigDecimal("9223372036854775808"); // numeric in PostgreSQL
        }
        long neg = -v;
        return neg >= Integer.MIN_VALUE && neg <= Integer.MAX_VALUE ? (Number) (int) neg : (Number) neg;
    }

    protected Expr postfix() {
        Expr e = primary();
        while (peek().isSymbol("::")) {
            Token op = next();
            e = new Expr.Cast(e, typeName(), op.offset());
        }
        while (peek().isSymbol("[") || peek().isSymbol("::")) {
            Token op = next();
            if (op.isSymbol("::")) {
                e = new Expr.Cast(e, typeName(), op.offset());
                continue;
            }
            Expr index = expr();
            if (peek().isSymbol(":")) {
                throw unsupported(peek(), "array slices are not supported yet");
            }
            expectSymbol("]");
            e = new Expr.Subscript(e, index, op.offset());
        }
        return e;
    }

    protected Expr primary() {
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
            case PARAM -> {
                next();
                return positionalParam(t);
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
                    if (atSubquery()) {
                        // "((SELECT 1) + 1)" also starts with parentheses around a query: when the
                        // query is not directly inside this parenthesis, parse it as one only if
                        // the parenthesis closes right after it.
                        boolean direct = !peek(1).isSymbol("(");
                        int start = index;
                        try {
                            next();
                            Expr sub = new Expr.Subquery(Expr.SubqueryKind.SCALAR, null, null, subquery(), t.offset());
                            if (direct || peek().isSymbol(")")) {
                                expectSymbol(")");
                                return sub;
                            }
                        } catch (SqlException notAQuery) {
                            if (direct) {
                                throw notAQuery;
                            }
                        }
                        index = start;
                    }
                    next();
                    Expr inner = expr();
                    expectSymbol(")");
                    return fieldSelections(inner);
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

    /** {@code (expr).field[.field...]} and {@code (expr).*} after a parenthesized expression. */
    private Expr fieldSelections(Expr inner) {
        Expr e = inner;
        while (peek().isSymbol(".") && (peek(1).kind() == TokenKind.WORD || peek(1).kind() == TokenKind.QUOTED_IDENT
                || peek(1).isSymbol("*"))) {
            next();
            Token field = next();
            e = new Expr.FieldSelect(e, field.text(), inner.pos());
        }
        return e;
    }

    protected Expr wordPrimary(Token t) {
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
            case "current_user", "session_user", "current_role", "user" -> {
                if (!peek(1).isSymbol("(")) {
                    next();
                    return new Expr.FunctionCall(t.text(), List.of(), false, false, t.offset());
                }
            }
            case "current_date", "current_timestamp", "localtimestamp", "localtime", "current_time", "current_catalog",
                 "current_schema" -> {
                if (!peek(1).isSymbol("(")) {
                    next();
                    return new Expr.FunctionCall(t.text(), List.of(), false, false, t.offset());
                }
            }
            case "extract", "substring", "position", "trim", "overlay" -> {
                if (peek(1).isSymbol("(")) {
                    Expr special = SpecialSyntax.parse(this, t);
                    if (special != null) {
                        return special;
                    }
                }
            }
            case "exists" -> {
                if (peek(1).isSymbol("(")) {
                    next();
                    next();
                    Expr sub = new Expr.Subquery(Expr.SubqueryKind.EXISTS, null, null, subquery(), t.offset());
                    expectSymbol(")");
                    return sub;
                }
            }
            case "operator" -> {
                if (peek(1).isSymbol("(")) {
                    String op = OperatorSyntax.qualifiedOperator(this);
                    return new Expr.Unary(op, unary(), t.offset());
                }
            }
            case "array", "row" -> {
                if (t.text().equals("array") && peek(1).isSymbol("(") && atSubquery(1)) {
                    next();
                    next();
                    Expr sub = new Expr.Subquery(Expr.SubqueryKind.ARRAY, null, null, subquery(), t.offset());
                    expectSymbol(")");
                    return sub;
                }
                if (t.text().equals("array") && peek(1).isSymbol("[")) {
                    next();
                    next();
                    List<Expr> items = new ArrayList<>();
                    if (!peek().isSymbol("]")) {
                        do {
                            if (peek().isSymbol("[")) {
                                throw unsupported(peek(), "multidimensional arrays are not supported");
                            }
                            items.add(expr());
                        } while (acceptSymbol(","));
                    }
                    expectSymbol("]");
                    return new Expr.ArrayConstructor(List.copyOf(items), t.offset());
                }
                if (peek(1).isSymbol("(") || peek(1).isSymbol("[")) {
                    throw unsupported(t, t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                }
            }
            default -> {
                // fall through to identifiers and function calls
            }
        }
        if (SpecialSyntax.isTypedLiteral(this)) {
            TypeName type = typeName();
            Token literal = next();
            return new Expr.Cast(new Expr.Literal(literal.text(), literal.offset()), type, t.offset());
        }
        if (RESERVED.contains(t.text()) && !(TYPE_FUNC_NAME_KEYWORDS.contains(t.text()) && peek(1).isSymbol("("))) {
            throw syntaxError(t);
        }
        if (peek(1).isSymbol("(")) {
            return functionCall();
        }
        if (peek(1).isSymbol(".") && (peek(2).kind() == TokenKind.WORD || peek(2).kind() == TokenKind.QUOTED_IDENT)
                && peek(3).isSymbol("(")) {
            return qualifiedFunctionCall();
        }
        return columnRef();
    }

    /** {@code schema.f(args)}: {@code pg_catalog.f} is the built-in {@code f}, other schemas' functions are user-defined. */
    private Expr qualifiedFunctionCall() {
        Token schema = next();
        next();
        Expr call = functionCall();
        if (!(call instanceof Expr.FunctionCall f) || schema.text().equals("pg_catalog")) {
            return call;
        }
        return new Expr.FunctionCall(schema.text() + "." + f.name(), f.args(), f.star(), f.distinct(), schema.offset(), f.clauses());
    }

    /**
     * A parenthesized query after the {@code (} already consumed by the caller; the grammar of
     * queries lives in {@link QueryParser}, which overrides this.
     */
    protected io.shaledb.sql.ast.Query subquery() {
        throw unsupported(peek(), "subqueries are not supported here");
    }

    /** True when the cursor (just inside a parenthesis) is at a query, possibly parenthesized. */
    private boolean atQueryStart() {
        int i = 0;
        while (peek(i).isSymbol("(")) {
            i++;
        }
        Token t = peek(i);
        return t.isWord("select") || t.isWord("values") || t.isWord("with");
    }

    /** True when a {@code (} at the cursor opens a subquery rather than a parenthesized expression. */
    private boolean atSubquery() {
        return atSubquery(0);
    }

    /** {@link #atSubquery()} for the {@code (} at {@code peek(at)}. */
    private boolean atSubquery(int at) {
        int i = at + 1;
        while (peek(i).isSymbol("(")) {
            i++;
        }
        Token t = peek(i);
        return t.isWord("select") || t.isWord("values") || t.isWord("with");
    }

    protected Expr caseExpr() {
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

    protected Expr functionCall() {
        Token name = next();
        expectSymbol("(");
        if (peek().isSymbol("*")) {
            next();
            expectSymbol(")");
            return CallSyntax.clauses(this, new Expr.FunctionCall(name.text(), List.of(), true, false, name.offset()), List.of());
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
        List<io.shaledb.sql.ast.Statement.OrderItem> orderBy = CallSyntax.aggregateOrderBy(this);
        expectSymbol(")");
        return CallSyntax.clauses(this, new Expr.FunctionCall(name.text(), List.copyOf(args), false, distinct, name.offset()),
                orderBy);
    }

    /**
     * {@code $n}: a PL/pgSQL function's n-th argument when a procedural language names it, else
     * the extended query protocol's n-th parameter ({@code Expr.Param} numbered from 0).
     */
    private Expr positionalParam(Token t) {
        int n;
        try {
            n = Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 65535) {
            throw new SqlException(SqlState.UNDEFINED_PARAMETER, "there is no parameter " + t.raw(), t.offset() + 1);
        }
        int named = params == null ? -1 : params.resolve(null, t.raw());
        return new Expr.Param(named >= 0 ? named : n - 1, t.offset());
    }

    /** Variables of a procedural language that column references may name, or null (plain SQL). */
    protected ParamResolver params;

    protected Expr columnRef() {
        Ident first = identifier();
        if (peek().isSymbol(".")) {
            next();
            Token t = peek();
            if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) {
                next();
                if (peek().isSymbol(".")) {
                    // schema.table.column: the table part names the FROM item (its visible name is the bare one)
                    next();
                    Token c = peek();
                    if (c.kind() != TokenKind.WORD && c.kind() != TokenKind.QUOTED_IDENT) {
                        throw syntaxError(c);
                    }
                    next();
                    return new Expr.ColumnRef(t.text(), c.text(), first.pos());
                }
                int param = params == null ? -1 : params.resolve(first.name(), t.text());
                return param >= 0 ? new Expr.Param(param, first.pos()) : new Expr.ColumnRef(first.name(), t.text(), first.pos());
            }
            throw syntaxError(t);
        }
        int param = params == null ? -1 : params.resolve(null, first.name());
        return param >= 0 ? new Expr.Param(param, first.pos()) : new Expr.ColumnRef(null, first.name(), first.pos());
    }

    /**
     * A numeric constant typed as PostgreSQL types it: integer when it fits int4, else bigint when
     * it fits int8, else numeric (as are all constants with a point or an exponent). A minus sign
     * in front is folded in later (see {@link #unary()}).
     */
    private static Expr numericLiteral(TokenKind kind, String text, int pos) {
        if (kind == TokenKind.INTEGER) {
            try {
                long v = Long.parseLong(text);
                return new Expr.Literal(v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v, pos);
            } catch (NumberFormatException tooBig) {
                // numeric
            }
        }
        return new Expr.Literal(io.shaledb.sql.types.Numerics.normalize(new java.math.BigDecimal(text)), pos);
    }

}

package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.WindowSpec;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses query expressions: SELECT blocks, set operations, VALUES, WITH, FROM lists with joins and
 * derived tables. Precedence follows PostgreSQL: INTERSECT binds tighter than UNION and EXCEPT,
 * which associate to the left; ORDER BY / LIMIT after the last operand apply to the whole.
 *
 * <pre>
 *   query      = [WITH ...] setExpr [ORDER BY ...] [LIMIT | OFFSET | FETCH ...] [FOR UPDATE ...]
 *   setExpr    = intersect { (UNION | EXCEPT) [ALL | DISTINCT] intersect }
 *   intersect  = primary { INTERSECT [ALL | DISTINCT] primary }
 *   primary    = SELECT ... | VALUES (...), ... | ( query )
 * </pre>
 */
abstract class QueryParser extends ExpressionParser {

    /** Words that end a FROM item and so are never taken as a bare alias. */
    private static final Set<String> NOT_ALIASES = Set.of("set", "values", "cascade", "restrict");

    protected QueryParser(String sql) {
        super(sql);
    }

    /** True when the next tokens start a query: SELECT, VALUES, WITH or a parenthesized one. */
    protected boolean atQuery() {
        int i = 0;
        while (peek(i).isSymbol("(")) {
            i++;
        }
        Token t = peek(i);
        return t.isWord("select") || t.isWord("values") || t.isWord("with");
    }

    @Override
    protected Query subquery() {
        return query();
    }

    /** A whole query: {@code [WITH ...] setExpr [ORDER BY] [LIMIT/OFFSET/FETCH] [locking]}. */
    protected Query query() {
        if (peek().isWord("with")) {
            return with();
        }
        Query body = setExpr();
        List<Statement.OrderItem> orderBy = new ArrayList<>();
        if (acceptWord("order")) {
            expectWord("by");
            do {
                orderBy.add(orderItem());
            } while (acceptSymbol(","));
        }
        // PostgreSQL takes the locking clauses either before or after LIMIT/OFFSET, not on both sides.
        List<Statement.LockingClause> locking = List.of();
        Token lockingToken = peek();
        boolean lockingFirst = peek().isWord("for");
        if (lockingFirst) {
            locking = LockingParser.clauses(this);
        }
        Expr[] limitOffset = limitOffset();
        if (!lockingFirst && peek().isWord("for")) {
            lockingToken = peek();
            locking = LockingParser.clauses(this);
        }
        Expr limit = limitOffset[0];
        Expr offset = limitOffset[1];
        boolean tail = !orderBy.isEmpty() || limit != null || offset != null || !locking.isEmpty();
        if (!tail) {
            return body;
        }
        if (body instanceof Statement.Select s && s.orderBy().isEmpty() && s.limit() == null && s.offset() == null
                && s.locking().isEmpty()) {
            return new Statement.Select(s.distinct(), s.distinctOn(), s.items(), s.fromList(), s.where(), s.groupBy(),
                    s.having(), List.copyOf(orderBy), limit, offset, locking, s.windows());
        }
        if (!locking.isEmpty()) {
            throw unsupported(lockingToken, "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT or VALUES here");
        }
        return new Query.Ordered(body, List.copyOf(orderBy), limit, offset);
    }

    /** LIMIT / OFFSET / FETCH FIRST in any order, each at most once: {limit, offset}. */
    private Expr[] limitOffset() {
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
            } else if (k.isWord("fetch") && !sawLimit) {
                next();
                sawLimit = true;
                if (!acceptWord("first")) {
                    expectWord("next");
                }
                if (peek().isWord("row") || peek().isWord("rows")) {
                    limit = new Expr.Literal(1, peek().offset());
                } else {
                    limit = primary();
                }
                if (!acceptWord("rows")) {
                    expectWord("row");
                }
                if (peek().isWord("with")) {
                    throw unsupported(peek(), "FETCH ... WITH TIES is not supported yet");
                }
                expectWord("only");
            } else {
                return new Expr[] {limit, offset};
            }
        }
    }

    private Query with() {
        expectWord("with");
        boolean recursive = acceptWord("recursive");
        List<Query.Cte> ctes = new ArrayList<>();
        do {
            Ident name = identifier();
            List<Ident> columns = new ArrayList<>();
            if (acceptSymbol("(")) {
                do {
                    columns.add(identifier());
                } while (acceptSymbol(","));
                expectSymbol(")");
            }
            expectWord("as");
            if (peek().isWord("materialized") || peek().isWord("not")) {
                acceptWord("not");
                expectWord("materialized");
            }
            expectSymbol("(");
            Query q = query();
            expectSymbol(")");
            ctes.add(new Query.Cte(name, List.copyOf(columns), q));
        } while (acceptSymbol(","));
        return new Query.With(recursive, List.copyOf(ctes), query());
    }

    private Query setExpr() {
        Query left = intersectExpr();
        while (peek().isWord("union") || peek().isWord("except")) {
            Token op = next();
            boolean all = acceptWord("all");
            if (!all) {
                acceptWord("distinct");
            }
            Query right = intersectExpr();
            left = new Query.SetOp(op.isWord("union") ? Query.SetOpKind.UNION : Query.SetOpKind.EXCEPT, all, left, right,
                    op.offset());
        }
        return left;
    }

    private Query intersectExpr() {
        Query left = primaryQuery();
        while (peek().isWord("intersect")) {
            Token op = next();
            boolean all = acceptWord("all");
            if (!all) {
                acceptWord("distinct");
            }
            left = new Query.SetOp(Query.SetOpKind.INTERSECT, all, left, primaryQuery(), op.offset());
        }
        return left;
    }

    private Query primaryQuery() {
        Token t = peek();
        if (t.isWord("select")) {
            return simpleSelect();
        }
        if (t.isWord("values")) {
            return values();
        }
        if (t.isWord("table")) {
            next();
            TableRef ref = new TableRef(qualifiedName().name(), null, t.offset());
            return new Statement.Select(false, List.of(), List.of(new Statement.SelectItem(null, null, true, null, t.offset())),
                    List.of(new FromItem.Named(ref, List.of())), null, List.of(), null, List.of(), null, null, List.of());
        }
        if (t.isSymbol("(")) {
            next();
            Query q = query();
            expectSymbol(")");
            return q;
        }
        throw syntaxError(t);
    }

    protected Query.Values values() {
        Token v = expectWord("values");
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
        return new Query.Values(List.copyOf(rows), v.offset());
    }

    /** {@code SELECT [DISTINCT [ON (...)]] items [FROM ...] [WHERE] [GROUP BY] [HAVING]}, without ORDER BY / LIMIT. */
    private Statement.Select simpleSelect() {
        expectWord("select");
        boolean distinct = false;
        List<Expr> distinctOn = new ArrayList<>();
        if (acceptWord("distinct")) {
            distinct = true;
            if (acceptWord("on")) {
                expectSymbol("(");
                do {
                    distinctOn.add(expr());
                } while (acceptSymbol(","));
                expectSymbol(")");
            }
        } else {
            acceptWord("all");
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        if (!endOfTargetList(peek())) {
            do {
                items.add(selectItem());
            } while (acceptSymbol(","));
        }
        List<FromItem> from = new ArrayList<>();
        if (acceptWord("from")) {
            do {
                from.add(fromItem());
            } while (acceptSymbol(","));
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
        List<WindowSpec.Definition> windows = CallSyntax.windowClause(this);
        return new Statement.Select(distinct, List.copyOf(distinctOn), List.copyOf(items), List.copyOf(from), where,
                List.copyOf(groupBy), having, List.of(), null, null, List.of(), windows);
    }

    private static boolean endOfTargetList(Token t) {
        return t.kind() == TokenKind.EOF || t.isSymbol(";") || t.isSymbol(")") || t.isWord("from") || t.isWord("where")
                || t.isWord("group") || t.isWord("having") || t.isWord("window") || t.isWord("order") || t.isWord("limit")
                || t.isWord("offset") || t.isWord("for") || t.isWord("union") || t.isWord("intersect")
                || t.isWord("except") || t.isWord("fetch");
    }

    protected Statement.SelectItem selectItem() {
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
    protected String label() {
        Token t = peek();
        if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) {
            return next().text();
        }
        throw syntaxError(t);
    }

    protected Statement.OrderItem orderItem() {
        return orderSuffix(expr());
    }

    /** {@code [ASC | DESC] [NULLS FIRST | LAST]} after the sort expression {@code e}. */
    protected Statement.OrderItem orderSuffix(Expr e) {
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

    // ---------------------------------------------------------------- FROM

    /** One comma-separated FROM item with its joins, left-associative. */
    protected FromItem fromItem() {
        FromItem left = fromPrimary();
        while (true) {
            Token t = peek();
            FromItem.JoinKind kind;
            boolean natural = false;
            if (t.isWord("cross")) {
                next();
                expectWord("join");
                left = new FromItem.Join(FromItem.JoinKind.CROSS, left, fromPrimary(), null, List.of(), false, null,
                        List.of(), t.offset());
                continue;
            }
            if (t.isWord("natural")) {
                next();
                natural = true;
            }
            Token k = peek();
            if (k.isWord("join")) {
                kind = FromItem.JoinKind.INNER;
            } else if (k.isWord("inner")) {
                next();
                kind = FromItem.JoinKind.INNER;
            } else if (k.isWord("left") || k.isWord("right") || k.isWord("full")) {
                next();
                kind = k.isWord("left") ? FromItem.JoinKind.LEFT : k.isWord("right") ? FromItem.JoinKind.RIGHT
                        : FromItem.JoinKind.FULL;
                acceptWord("outer");
            } else if (natural) {
                throw syntaxError(k);
            } else {
                return left;
            }
            expectWord("join");
            FromItem right = fromPrimary();
            Expr on = null;
            List<Ident> using = List.of();
            if (!natural) {
                if (acceptWord("on")) {
                    on = expr();
                } else if (acceptWord("using")) {
                    expectSymbol("(");
                    List<Ident> cols = new ArrayList<>();
                    do {
                        cols.add(identifier());
                    } while (acceptSymbol(","));
                    expectSymbol(")");
                    using = List.copyOf(cols);
                } else {
                    throw syntaxError(peek());
                }
            }
            left = new FromItem.Join(kind, left, right, on, using, natural, null, List.of(), t.offset());
        }
    }

    private FromItem fromPrimary() {
        Token t = peek();
        if (t.isWord("lateral")) {
            throw unsupported(t, "LATERAL is not supported yet");
        }
        if (t.isSymbol("(")) {
            if (atQuery()) {
                next();
                Query q = query();
                expectSymbol(")");
                String alias = alias();
                List<String> cols = alias == null ? List.of() : columnAliases();
                if (alias == null) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", t.position(),
                            null, "For example, FROM (SELECT ...) [AS] foo.", null);
                }
                return new FromItem.Derived(q, alias, cols, t.offset());
            }
            next();
            FromItem inner = fromItem();
            expectSymbol(")");
            String alias = alias();
            if (alias == null) {
                return inner;
            }
            List<String> cols = columnAliases();
            return switch (inner) {
                case FromItem.Join j -> new FromItem.Join(j.kind(), j.left(), j.right(), j.on(), j.using(), j.natural(),
                        alias, cols, j.pos());
                default -> throw unsupported(t, "an alias on a parenthesized table is not supported yet");
            };
        }
        if (t.isWord("pg_catalog") && peek(1).isSymbol(".") && peek(2).kind() == TokenKind.WORD && peek(3).isSymbol("(")) {
            index += 2; // pg_catalog.generate_series(...): the built-in set-returning function
            t = peek();
        }
        if ((t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) && peek(1).isSymbol("(")) {
            Expr call = primary();
            if (!(call instanceof Expr.FunctionCall f)) {
                throw syntaxError(t);
            }
            // WITH ORDINALITY: a bigint column numbering the function's rows from 1
            boolean ordinality = peek().isWord("with") && peek(1).isWord("ordinality");
            if (ordinality) {
                index += 2;
            }
            String alias = alias();
            List<String> cols = alias == null ? List.of() : columnAliases();
            return new FromItem.Function(f, alias, cols, t.offset(), ordinality);
        }
        Ident name = qualifiedName();
        String alias = alias();
        List<String> cols = alias == null ? List.of() : columnAliases();
        return new FromItem.Named(new TableRef(name.name(), alias, name.pos()), cols);
    }

    /** {@code [AS] alias}, or null. */
    private String alias() {
        if (acceptWord("as")) {
            return identifier().name();
        }
        Token p = peek();
        if (p.kind() == TokenKind.QUOTED_IDENT
                || (p.kind() == TokenKind.WORD && !RESERVED.contains(p.text()) && !NOT_ALIASES.contains(p.text()))) {
            return identifier().name();
        }
        return null;
    }

    private List<String> columnAliases() {
        if (!peek().isSymbol("(")) {
            return List.of();
        }
        next();
        List<String> cols = new ArrayList<>();
        do {
            cols.add(identifier().name());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return List.copyOf(cols);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}

package io.shaledb.sql.ast;

import java.util.List;

/**
 * A scalar expression as written. Every node carries {@code pos}, the 0-based character offset in
 * the whole query string of the place PostgreSQL would point at in an error about it (an
 * operator's own symbol for binary operators, the first character otherwise).
 */
public sealed interface Expr {
    int pos();

    /**
     * A constant. {@code value} is an Integer, Long, Double, Boolean, String (an untyped string
     * literal, still of type unknown) or null (the NULL literal).
     */
    record Literal(Object value, int pos) implements Expr {}

    /** {@code column} or {@code table.column}; {@code table} may be null. */
    record ColumnRef(String table, String column, int pos) implements Expr {}

    /** Unary {@code -}, {@code +} or {@code NOT}. */
    record Unary(String op, Expr operand, int pos) implements Expr {}

    /** A binary operator: arithmetic, comparison, {@code ||}, {@code AND}, {@code OR}. */
    record Binary(String op, Expr left, Expr right, int pos) implements Expr {}

    /** {@code x IS [NOT] NULL}. */
    record IsNull(Expr operand, boolean negated, int pos) implements Expr {}

    /** {@code x [NOT] BETWEEN low AND high}. */
    record Between(Expr operand, Expr low, Expr high, boolean negated, int pos) implements Expr {}

    /** {@code x [NOT] IN (a, b, ...)}. */
    record InList(Expr operand, List<Expr> items, boolean negated, int pos) implements Expr {}

    /** {@code x::type} or {@code CAST(x AS type)}. */
    record Cast(Expr operand, TypeName type, int pos) implements Expr {}

    /**
     * {@code name(args)}, {@code count(*)} has {@code star} set; {@code clauses} holds what may follow
     * the arguments (aggregate ORDER BY, FILTER, OVER), {@link CallClauses#NONE} for a plain call.
     */
    record FunctionCall(String name, List<Expr> args, boolean star, boolean distinct, int pos, CallClauses clauses)
            implements Expr {
        public FunctionCall(String name, List<Expr> args, boolean star, boolean distinct, int pos) {
            this(name, args, star, distinct, pos, CallClauses.NONE);
        }

        /** The OVER clause of a window function call, or null. */
        public WindowSpec over() {
            return clauses.over();
        }
    }

    /** {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}; {@code operand} may be null. */
    record Case(Expr operand, List<When> whens, Expr otherwise, int pos) implements Expr {}

    /** One {@code WHEN condition THEN result} arm. */
    record When(Expr condition, Expr result) {}

    /** The kinds of subquery expression; {@code x NOT IN (SELECT ...)} is NOT over IN. */
    enum SubqueryKind { SCALAR, EXISTS, IN, ANY, ALL, ARRAY }

    /**
     * {@code (SELECT ...)}, {@code EXISTS (...)}, {@code ARRAY(SELECT ...)}, {@code x IN (...)}, {@code x op ANY|SOME|ALL (...)}:
     * {@code operand} and {@code op} are null unless the kind compares ({@code op} is "=" for IN).
     */
    record Subquery(SubqueryKind kind, Expr operand, String op, Query query, int pos) implements Expr {}

    /** {@code ARRAY[a, b, ...]}. */
    record ArrayConstructor(List<Expr> items, int pos) implements Expr {}

    /** {@code operand COLLATE collation}; {@code collation} as written, qualified ones as "schema.name". */
    record Collate(Expr operand, String collation, int pos) implements Expr {}

    /** {@code operand[index]}: an array element (1-based). */
    record Subscript(Expr operand, Expr index, int pos) implements Expr {}

    /** {@code operand op ANY|SOME|ALL (array)} with an array expression rather than a subquery. */
    record ArrayCompare(boolean all, Expr operand, String op, Expr array, int pos) implements Expr {}

    /** The keyword {@code DEFAULT} in an INSERT's VALUES list. */
    record Default(int pos) implements Expr {}

    /**
     * A value supplied from outside the SQL text: a PL/pgSQL variable referenced in an embedded
     * statement or expression. {@code index} numbers the values the binder is given
     * ({@code io.shaledb.sql.exec.QueryParams}).
     */
    record Param(int index, int pos) implements Expr {}
}

package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.function.Supplier;

/**
 * The values of {@link Expr.Param} references while a statement is bound: PL/pgSQL runs each
 * embedded statement inside {@link #with}, and the binder turns every parameter into a constant
 * of the variable's type and current value. Values are bound, never spliced into SQL text.
 */
public final class QueryParams {
    private static final ThreadLocal<Values> CURRENT = new ThreadLocal<>();
    /** While a prepared statement is described: the types context gave its untyped parameters. */
    private static final ThreadLocal<SqlType[]> INFERRED = new ThreadLocal<>();

    /**
     * The parameter values and their types, by parameter number. A {@code String} value of a
     * type that is not a string type is that value's text, read by the type's input function
     * when bound; of type {@code UNKNOWN}, it is read like an untyped literal.
     */
    public record Values(Object[] values, SqlType[] types) {}

    private QueryParams() {}

    /** Runs {@code body} with {@code params} as the values of the parameters it binds. */
    public static <T> T with(Values params, Supplier<T> body) {
        Values previous = CURRENT.get();
        CURRENT.set(params);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Runs {@code body} recording into {@code inferred[i]} the type the binder first coerces the
     * untyped parameter {@code $i+1} to (as PostgreSQL infers {@code WHERE id = $1} to be
     * integer); entries already set are kept.
     */
    public static <T> T inferring(SqlType[] inferred, Supplier<T> body) {
        SqlType[] previous = INFERRED.get();
        INFERRED.set(inferred);
        try {
            return body.get();
        } finally {
            INFERRED.set(previous);
        }
    }

    /** The binder coerced the untyped {@code src} to {@code to}: note it if {@code src} is a parameter being inferred. */
    static void coerced(Expr src, SqlType to) {
        SqlType[] inferred = INFERRED.get();
        if (inferred != null && src instanceof Expr.Param p && p.index() < inferred.length && inferred[p.index()] == null
                && to != SqlType.UNKNOWN) {
            inferred[p.index()] = to;
        }
    }

    static Bound bind(Expr.Param p) {
        Values v = CURRENT.get();
        if (v == null || p.index() >= v.values().length) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "there is no parameter $" + (p.index() + 1), p.pos() + 1);
        }
        Object value = v.values()[p.index()];
        SqlType type = v.types()[p.index()];
        if (value instanceof String text && type != SqlType.UNKNOWN && !type.isString()) {
            // a parameter sent as text: its type's input function, run in the statement's context (TimeZone...)
            value = io.shaledb.sql.types.Values.parse(text, type);
        }
        return new Bound.Const(value, type);
    }
}

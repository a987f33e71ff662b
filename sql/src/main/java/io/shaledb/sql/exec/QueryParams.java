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

    /** The parameter values and their types, by parameter number. */
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

    static Bound bind(Expr.Param p) {
        Values v = CURRENT.get();
        if (v == null || p.index() >= v.values().length) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "there is no parameter $" + (p.index() + 1), p.pos() + 1);
        }
        return new Bound.Const(v.values()[p.index()], v.types()[p.index()]);
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.constraint.ConstraintViews;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/** {@code pg_get_constraintdef(oid [, pretty])}: a constraint's definition as text (see ConstraintViews). */
final class ConstraintFunctions {
    private ConstraintFunctions() {}

    static boolean handles(String name) {
        return name.equals("pg_get_constraintdef");
    }

    static Bound bind(Expr.FunctionCall f, List<Bound> args) {
        List<SqlType> types = args.stream().map(Bound::type).toList();
        boolean ok = (args.size() == 1 || args.size() == 2) && (types.get(0).isNumeric() || types.get(0) == SqlType.UNKNOWN)
                && (args.size() == 1 || types.get(1) == SqlType.BOOLEAN || types.get(1) == SqlType.UNKNOWN);
        if (!ok) {
            throw Binder.noFunction(f, types);
        }
        return new Bound.Volatile(f.name(), args, SqlType.TEXT, v -> {
            long oid = v[0] instanceof Number n ? n.longValue() : Long.parseLong(v[0].toString().strip());
            String def = ConstraintViews.definition(StatementContext.sequences().catalog(), StatementContext.transaction(), oid);
            return v.length > 1 && Boolean.TRUE.equals(v[1]) ? io.shaledb.sql.pgcatalog.PrettyExpr.constraint(def) : def;
        });
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.List;
import java.util.Set;

/** {@code nextval}, {@code currval}, {@code setval} and {@code lastval}, bound as volatile functions. */
final class SequenceFunctions {
    private static final Set<String> NAMES = Set.of("nextval", "currval", "setval", "lastval");

    private SequenceFunctions() {}

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static Bound bind(Expr.FunctionCall f, List<Bound> args) {
        List<SqlType> types = args.stream().map(Bound::type).toList();
        boolean ok = switch (f.name()) {
            case "lastval" -> args.isEmpty();
            case "nextval", "currval" -> args.size() == 1 && isText(types.get(0));
            case "setval" -> (args.size() == 2 || args.size() == 3) && isText(types.get(0))
                    && (types.get(1) == SqlType.INTEGER || types.get(1) == SqlType.BIGINT)
                    && (args.size() == 2 || types.get(2) == SqlType.BOOLEAN || types.get(2) == SqlType.UNKNOWN);
            default -> false;
        };
        if (!ok) {
            throw Binder.noFunction(f, types);
        }
        SessionSequences session = StatementContext.sequences();
        if (!args.isEmpty() && args.getFirst() instanceof Bound.Const c && c.value() instanceof String literal && session != null) {
            // a literal regclass is resolved when the statement is analysed, as in PostgreSQL
            try {
                session.resolve(StatementContext.transaction(), literal);
            } catch (io.shaledb.sql.SqlException e) {
                // a relation that is not a sequence is reported when the call runs, without a position (as PostgreSQL does)
                if (e.state() != io.shaledb.sql.SqlState.WRONG_OBJECT_TYPE) {
                    throw e.withPosition(f.args().getFirst().pos() + 1);
                }
            }
        }
        String name = f.name();
        return new Bound.Volatile(name, args, SqlType.BIGINT, v -> {
            SessionSequences s = StatementContext.sequences();
            io.shaledb.txn.Transaction tx = StatementContext.transaction();
            return switch (name) {
                case "nextval" -> s.nextval(tx, (String) v[0]);
                case "currval" -> s.currval(tx, (String) v[0]);
                case "lastval" -> s.lastval(tx);
                default -> s.setval(tx, (String) v[0], ((Number) v[1]).longValue(),
                        v.length < 3 || Boolean.TRUE.equals(v[2]) || "t".equals(v[2]) || "true".equals(v[2]));
            };
        });
    }

    private static boolean isText(SqlType t) {
        return t.isString() || t == SqlType.UNKNOWN;
    }
}

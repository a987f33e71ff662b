package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.srf.SrfCall;
import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.RowValue;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Set-returning functions called in the select list, bound to {@link SrfCall}s from the same
 * {@link TableFunctions} that serve FROM: the call is planned as in FROM with its arguments
 * read from cells that {@link io.shaledb.sql.exec.srf.ProjectSet} fills from each input row, and
 * the plan's rows are its set (a single column as its value, several as a record). Also registers
 * {@code information_schema._pg_expandarray}, which pgjdbc's key metadata queries call.
 */
final class SelectListSrfs {
    static final String EXPAND_ARRAY = "information_schema._pg_expandarray";

    private SelectListSrfs() {}

    /** An argument value of the current input row, for the per-row plan of a call. */
    private static final class RowArg implements Bound.Extension {
        private final SqlType type;
        private Object value;

        RowArg(SqlType type) {
            this.type = type;
        }

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        public Object eval(Object[] row) {
            return value;
        }
    }

    /** Binds {@code f} if it names a set-returning function, else returns null. */
    static Bound bind(Binder binder, Expr.FunctionCall f) {
        TableFunctions.TableFunction fn = TableFunctions.lookup(f.name());
        if (fn == null) {
            return null;
        }
        List<SrfCall> calls = binder.setReturning();
        if (calls == null) {
            throw notAllowed(binder.clause(), f);
        }
        List<Bound> args = new ArrayList<>();
        List<Bound> planArgs = new ArrayList<>();
        List<RowArg> cells = new ArrayList<>();
        for (Expr a : f.args()) {
            Bound b = binder.bind(a);
            args.add(b);
            if (b instanceof Bound.Const || b.type() == SqlType.UNKNOWN) {
                planArgs.add(b);
                cells.add(null);
            } else {
                RowArg cell = new RowArg(b.type());
                planArgs.add(cell);
                cells.add(cell);
            }
        }
        QueryPlanner planner = binder.scope().planner();
        Runnable tick = planner == null ? () -> { } : planner.tick();
        List<ColumnInfo> columns = fn.plan(f, planArgs, tick).columns();
        boolean single = columns.size() == 1;
        RowShape shape = single ? columns.getFirst().shape()
                : new RowShape(columns.stream().map(ColumnInfo::name).toList(), columns.stream().map(ColumnInfo::type).toList());
        SqlType type = single ? columns.getFirst().type() : SqlType.RECORD;
        String name = f.name().substring(f.name().lastIndexOf('.') + 1);
        SrfCall call = new SrfCall(name, type, shape, row -> {
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i) != null) {
                    cells.get(i).value = args.get(i).eval(row);
                }
            }
            Operator op = fn.plan(f, planArgs, tick).root();
            List<Object> out = new ArrayList<>();
            op.open();
            try {
                for (Object[] r = op.next(); r != null; r = op.next()) {
                    out.add(single ? r[0] : new RowValue(shape, r.clone()));
                }
            } finally {
                op.close();
            }
            return out;
        });
        calls.add(call);
        return call;
    }

    private static SqlException notAllowed(String clause, Expr.FunctionCall f) {
        String hint = "You might be able to move the set-returning function into a LATERAL FROM item.";
        if (clause == null) {
            return new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "aggregate function calls cannot contain set-returning function calls", f.pos() + 1, null, hint, null);
        }
        String where = switch (clause) {
            case "JOIN/ON" -> "JOIN conditions";
            default -> clause;
        };
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in " + where,
                f.pos() + 1);
    }

    /**
     * {@code information_schema._pg_expandarray(anyarray)}: one row (x, n) per element, x the
     * element and n its 1-based index, as PostgreSQL's information_schema defines it.
     */
    static void registerExpandArray() {
        TableFunctions.register(EXPAND_ARRAY, (call, args, tick) -> {
            if (args.size() != 1 || !args.getFirst().type().isArray()) {
                throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
            }
            Bound array = args.getFirst();
            Operator op = new Operator() {
                private List<?> elements;
                private int next;

                @Override
                public void open() {
                    elements = (List<?>) array.eval(new Object[0]);
                    next = 0;
                }

                @Override
                public Object[] next() {
                    if (elements == null || next >= elements.size()) {
                        return null;
                    }
                    next++;
                    return new Object[] {elements.get(next - 1), next};
                }

                @Override
                public void close() {
                    elements = null;
                }
            };
            return new QueryPlanner.Planned(op, List.of(new ColumnInfo("x", array.type().elementType()),
                    new ColumnInfo("n", SqlType.INTEGER)));
        });
    }
}

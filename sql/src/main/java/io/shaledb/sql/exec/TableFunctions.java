package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Intervals;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Set-returning functions usable in FROM ({@code generate_series(1, 10) AS g(n)}). A function is
 * registered by name with a {@link TableFunction} that type-checks its bound arguments and returns
 * a plan; other features (unnest, timestamp series) add themselves with {@link #register}.
 */
final class TableFunctions {

    /** Binds one call: {@code args} are already bound (no FROM columns visible, as without LATERAL). */
    interface TableFunction {
        QueryPlanner.Planned plan(Expr.FunctionCall call, List<Bound> args, Runnable tick);
    }

    private static final Map<String, TableFunction> FUNCTIONS = new ConcurrentHashMap<>();

    static {
        register("generate_series", TableFunctions::generateSeries);
        ContainerTableFunctions.registerAll();
        CatalogFunctions.registerTableFunctions();
    }

    private TableFunctions() {}

    static void register(String name, TableFunction f) {
        FUNCTIONS.put(name, f);
    }

    static QueryPlanner.Planned plan(Expr.FunctionCall call, Binder binder, Runnable tick) {
        TableFunction f = FUNCTIONS.get(call.name());
        List<Bound> args = new ArrayList<>();
        for (Expr a : call.args()) {
            args.add(binder.bind(a));
        }
        if (f == null) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        return f.plan(call, args, tick);
    }

    /** {@code generate_series(start, stop [, step])} over integer or bigint, or timestamps with an interval step. */
    private static QueryPlanner.Planned generateSeries(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        if (args.size() < 2 || args.size() > 3) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        if (args.size() == 3 && args.stream().anyMatch(a -> a.type() == SqlType.TIMESTAMP || a.type() == SqlType.TIMESTAMPTZ
                || a.type() == SqlType.DATE || a.type() == SqlType.INTERVAL)) {
            return timestampSeries(call, args, tick);
        }
        SqlType type = SqlType.INTEGER;
        for (Bound a : args) {
            SqlType t = a.type();
            if (t == SqlType.BIGINT) {
                type = SqlType.BIGINT;
            } else if (t != SqlType.INTEGER && t != SqlType.UNKNOWN) {
                throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
            }
        }
        List<Bound> typed = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Bound a = args.get(i);
            typed.add(a.type() == SqlType.UNKNOWN ? Binder.coerceUnknown(a, call.args().get(i), type) : a);
        }
        SqlType resultType = type;
        Operator op = new Operator() {
            private long next;
            private long stop;
            private long step;
            private boolean done;

            @Override
            public void open() {
                Object[] none = new Object[0];
                Object a = typed.get(0).eval(none);
                Object b = typed.get(1).eval(none);
                Object c = typed.size() > 2 ? typed.get(2).eval(none) : 1L;
                done = a == null || b == null || c == null;
                if (done) {
                    return;
                }
                next = ((Number) a).longValue();
                stop = ((Number) b).longValue();
                step = ((Number) c).longValue();
                if (step == 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
            }

            @Override
            public Object[] next() {
                if (done || (step > 0 ? next > stop : next < stop)) {
                    return null;
                }
                long v = next;
                try {
                    next = Math.addExact(next, step);
                } catch (ArithmeticException overflow) {
                    done = true;
                }
                if ((v & 0xFFF) == 0) {
                    tick.run();
                }
                return new Object[] {resultType == SqlType.INTEGER ? (Object) (int) v : (Object) v};
            }

            @Override
            public void close() {
                done = true;
            }
        };
        return new QueryPlanner.Planned(op, List.of(new ColumnInfo(call.name(), type)));
    }

    /**
     * {@code generate_series(start, stop, step interval)} over timestamp or timestamp with time
     * zone (a date argument is a timestamp, as PostgreSQL's implicit cast makes it; untyped
     * literals take the other arguments' type). timestamptz steps add months and days in the
     * session's time zone, so a day across a DST change is 23 or 25 hours, as in PostgreSQL.
     */
    private static QueryPlanner.Planned timestampSeries(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        SqlType type = args.get(0).type() == SqlType.TIMESTAMPTZ || args.get(1).type() == SqlType.TIMESTAMPTZ
                ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP;
        List<Bound> typed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SqlType want = i == 2 ? SqlType.INTERVAL : type;
            Bound a = args.get(i);
            if (a.type() == SqlType.UNKNOWN) {
                a = Binder.coerceUnknown(a, call.args().get(i), want);
            } else if (a.type() != want) {
                if (a.type() == SqlType.DATE || a.type() == SqlType.TIMESTAMP || a.type() == SqlType.TIMESTAMPTZ) {
                    a = new Bound.Convert(a, a.type(), want, -1, false);
                } else {
                    throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
                }
            }
            typed.add(a);
        }
        Operator op = new Operator() {
            private long next;
            private long stop;
            private Interval step;
            private boolean forward;
            private boolean done;

            @Override
            public void open() {
                Object[] none = new Object[0];
                Object a = typed.get(0).eval(none);
                Object b = typed.get(1).eval(none);
                Object c = typed.get(2).eval(none);
                done = a == null || b == null || c == null;
                if (done) {
                    return;
                }
                next = (Long) a;
                stop = (Long) b;
                step = (Interval) c;
                int sign = step.compareTo(new Interval(0, 0, 0));
                if (sign == 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                forward = sign > 0;
            }

            @Override
            public Object[] next() {
                if (done || (forward ? next > stop : next < stop)) {
                    return null;
                }
                long v = next;
                next = type == SqlType.TIMESTAMPTZ ? Intervals.addToTimestamptz(v, step, DateTimes.zone())
                        : Intervals.addToTimestamp(v, step);
                if (next == v) {
                    done = true; // an infinite start never moves
                }
                tick.run();
                return new Object[] {v};
            }

            @Override
            public void close() {
                done = true;
            }
        };
        return new QueryPlanner.Planned(op, List.of(new ColumnInfo(call.name(), type)));
    }
}

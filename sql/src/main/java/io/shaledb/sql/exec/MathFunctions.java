package io.shaledb.sql.exec;

import static io.shaledb.sql.exec.Functions.register;
import static io.shaledb.sql.types.SqlType.BIGINT;
import static io.shaledb.sql.types.SqlType.DOUBLE;
import static io.shaledb.sql.types.SqlType.INTEGER;
import static io.shaledb.sql.types.SqlType.NUMERIC;
import static io.shaledb.sql.types.SqlType.REAL;
import static io.shaledb.sql.types.SqlType.SMALLINT;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Math functions. Overloads follow PostgreSQL's catalogue, so the argument type picks the
 * result type: {@code round(2.5)} is numeric 3 (half away from zero), {@code round(2.5::float8)}
 * is double precision 2 (half to even), {@code abs} keeps its argument's type.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void registerAll() {
        register("abs", SMALLINT, a -> (short) checked(Math.abs((long) (Short) a[0]), SMALLINT), SMALLINT);
        register("abs", INTEGER, a -> (int) checked(Math.abs((long) (Integer) a[0]), INTEGER), INTEGER);
        register("abs", BIGINT, a -> {
            long v = (Long) a[0];
            if (v == Long.MIN_VALUE) {
                throw Values.bigintOutOfRange();
            }
            return Math.abs(v);
        }, BIGINT);
        register("abs", NUMERIC, a -> ((BigDecimal) a[0]).abs(), NUMERIC);
        register("abs", REAL, a -> Math.abs((Float) a[0]), REAL);
        register("abs", DOUBLE, a -> Math.abs((Double) a[0]), DOUBLE);

        register("round", DOUBLE, a -> Math.rint((Double) a[0]), DOUBLE);
        register("round", NUMERIC, a -> round((BigDecimal) a[0], 0), NUMERIC);
        register("round", NUMERIC, a -> round((BigDecimal) a[0], (Integer) a[1]), NUMERIC, INTEGER);
        register("trunc", DOUBLE, a -> truncDouble((Double) a[0]), DOUBLE);
        register("trunc", NUMERIC, a -> trunc((BigDecimal) a[0], 0), NUMERIC);
        register("trunc", NUMERIC, a -> trunc((BigDecimal) a[0], (Integer) a[1]), NUMERIC, INTEGER);
        register("floor", DOUBLE, a -> Math.floor((Double) a[0]), DOUBLE);
        register("floor", NUMERIC, a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR), NUMERIC);
        for (String n : new String[] {"ceil", "ceiling"}) {
            register(n, DOUBLE, a -> Math.ceil((Double) a[0]), DOUBLE);
            register(n, NUMERIC, a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING), NUMERIC);
        }
        register("sign", DOUBLE, a -> Math.signum((Double) a[0]), DOUBLE);
        register("sign", NUMERIC, a -> BigDecimal.valueOf(((BigDecimal) a[0]).signum()), NUMERIC);

        register("mod", SMALLINT, a -> Values.arithmetic('%', a[0], a[1], SMALLINT), SMALLINT, SMALLINT);
        register("mod", INTEGER, a -> Values.arithmetic('%', a[0], a[1], INTEGER), INTEGER, INTEGER);
        register("mod", BIGINT, a -> Values.arithmetic('%', a[0], a[1], BIGINT), BIGINT, BIGINT);
        register("mod", NUMERIC, a -> Numerics.mod((BigDecimal) a[0], (BigDecimal) a[1]), NUMERIC, NUMERIC);
        register("div", NUMERIC, a -> div((BigDecimal) a[0], (BigDecimal) a[1]), NUMERIC, NUMERIC);

        for (String n : new String[] {"power", "pow"}) {
            register(n, DOUBLE, a -> Values.arithmetic('^', a[0], a[1], DOUBLE), DOUBLE, DOUBLE);
            register(n, NUMERIC, a -> Values.arithmetic('^', a[0], a[1], NUMERIC), NUMERIC, NUMERIC);
        }
        register("sqrt", DOUBLE, a -> {
            double d = (Double) a[0];
            if (d < 0) {
                throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
        }, DOUBLE);
        register("sqrt", NUMERIC, a -> Numerics.sqrt((BigDecimal) a[0]), NUMERIC);
        register("cbrt", DOUBLE, a -> Math.cbrt((Double) a[0]), DOUBLE);
        register("exp", DOUBLE, a -> Math.exp((Double) a[0]), DOUBLE);
        register("exp", NUMERIC, a -> Numerics.exp((BigDecimal) a[0]), NUMERIC);
        register("ln", DOUBLE, a -> Math.log(positive((Double) a[0], "logarithm")), DOUBLE);
        register("ln", NUMERIC, a -> Numerics.ln((BigDecimal) a[0]), NUMERIC);
        register("log", DOUBLE, a -> Math.log10(positive((Double) a[0], "logarithm")), DOUBLE);
        register("log", NUMERIC, a -> Numerics.log(BigDecimal.TEN, (BigDecimal) a[0]), NUMERIC);
        register("log10", DOUBLE, a -> Math.log10(positive((Double) a[0], "logarithm")), DOUBLE);
        register("log", NUMERIC, a -> Numerics.log((BigDecimal) a[0], (BigDecimal) a[1]), NUMERIC, NUMERIC);
        register("pi", DOUBLE, a -> Math.PI);
        register("random", DOUBLE, a -> ThreadLocalRandom.current().nextDouble());
        register("degrees", DOUBLE, a -> Math.toDegrees((Double) a[0]), DOUBLE);
        register("radians", DOUBLE, a -> Math.toRadians((Double) a[0]), DOUBLE);
        register("sin", DOUBLE, a -> Math.sin((Double) a[0]), DOUBLE);
        register("cos", DOUBLE, a -> Math.cos((Double) a[0]), DOUBLE);
        register("tan", DOUBLE, a -> Math.tan((Double) a[0]), DOUBLE);
        register("atan", DOUBLE, a -> Math.atan((Double) a[0]), DOUBLE);
        register("atan2", DOUBLE, a -> Math.atan2((Double) a[0], (Double) a[1]), DOUBLE, DOUBLE);
    }

    private static long checked(long v, SqlType t) {
        if (t == SMALLINT && v > Short.MAX_VALUE || t == INTEGER && v > Integer.MAX_VALUE) {
            throw Values.outOfRangeFor(t);
        }
        return v;
    }

    private static double positive(double d, String what) {
        if (d == 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take " + what + " of zero");
        }
        if (d < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take " + what + " of a negative number");
        }
        return d;
    }

    /** round(numeric, n): half away from zero; a negative n rounds left of the point, scale never below 0. */
    static BigDecimal round(BigDecimal d, int places) {
        BigDecimal r = d.setScale(places, RoundingMode.HALF_UP);
        return places < 0 ? r.setScale(0) : r;
    }

    static BigDecimal trunc(BigDecimal d, int places) {
        BigDecimal r = d.setScale(places, RoundingMode.DOWN);
        return places < 0 ? r.setScale(0) : r;
    }

    private static double truncDouble(double d) {
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }

    private static BigDecimal div(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Values.divisionByZero();
        }
        return a.divide(b, 0, RoundingMode.DOWN);
    }
}

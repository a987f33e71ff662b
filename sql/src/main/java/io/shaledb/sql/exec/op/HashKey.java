package io.shaledb.sql.exec.op;

import java.util.Arrays;

/**
 * Values as a hash key with SQL equality across numeric types: integer 1, bigint 1 and double 1.0
 * are one key (as {@code =} says), {@code -0.0} equals {@code 0.0} (double and real), and NULLs are equal to each
 * other (as DISTINCT, GROUP BY and set operations treat them; joins skip NULL keys themselves).
 */
public record HashKey(Object[] values) {

    public static HashKey of(Object[] row, int from, int to) {
        Object[] v = new Object[to - from];
        for (int i = from; i < to; i++) {
            v[i - from] = normalize(row[i]);
        }
        return new HashKey(v);
    }

    public static Object normalize(Object v) {
        return switch (v) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p62 -> (long) (double) d;
            case Double d when d == 0.0 -> 0.0;
            case Float f when f == 0.0f -> 0.0f;
            case java.math.BigDecimal d -> d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
            case java.util.List<?> array -> array.stream().map(HashKey::normalize).toList();
            case null, default -> v;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}

package io.shaledb.sql.exec;

import java.util.Arrays;

/**
 * A tuple of values usable as a hash key with SQL equality: {@code -0.0} equals {@code 0.0},
 * {@code 1.0} equals {@code 1.00} (numeric), and
 * NULLs group together (as GROUP BY and DISTINCT treat them).
 */
record RowKey(Object[] values) {

    static RowKey of(Object[] values) {
        Object[] copy = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = normalize(values[i]);
        }
        return new RowKey(copy);
    }

    static Object normalize(Object v) {
        if (v instanceof Double d && d == 0.0) {
            return 0.0;
        }
        if (v instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        if (v instanceof java.math.BigDecimal d) {
            // 1.0 and 1.00 are equal numerics
            return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof java.util.List<?> array) {
            return array.stream().map(RowKey::normalize).toList(); // arrays: element by element
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}

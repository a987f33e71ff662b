package io.shaledb.sql.exec.op;

import java.util.List;

/**
 * A rough estimate of the memory rows take on the Java heap, for the space EXPLAIN ANALYZE reports
 * (and a memory budget could enforce): the array, and per value its object.
 */
public final class RowSizes {
    private static final int ARRAY_HEADER = 16;
    private static final int REFERENCE = 4;

    private RowSizes() {}

    /** Bytes of one row. */
    public static long of(Object[] row) {
        long n = ARRAY_HEADER + (long) REFERENCE * row.length;
        for (Object v : row) {
            n += switch (v) {
                case null -> 0;
                case String s -> 40 + s.length();
                case Integer i -> 16;
                case Long l -> 16;
                case Double d -> 16;
                case Boolean b -> 0;
                case java.math.BigDecimal d -> 40;
                default -> 32;
            };
        }
        return n;
    }

    /** Bytes of all {@code rows}. */
    public static long of(List<Object[]> rows) {
        long n = 0;
        for (Object[] r : rows) {
            n += of(r);
        }
        return n;
    }
}

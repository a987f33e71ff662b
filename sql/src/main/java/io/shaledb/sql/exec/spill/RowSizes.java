package io.shaledb.sql.exec.spill;

import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Jsonb;
import java.math.BigDecimal;
import java.util.List;

/**
 * A cheap, conservative guess of how many heap bytes a row occupies, for memory accounting: object
 * headers and references as a 64-bit JVM with compressed pointers lays them out, strings at two
 * bytes a character (whatever the JVM's compact strings save is a margin). It looks at each value
 * once and never walks a jsonb document (a jsonb counts by a fixed, generous amount).
 */
public final class RowSizes {
    /** What a holder of one row costs besides the row (a list slot, a hash entry). */
    public static final long ENTRY_OVERHEAD = 48;
    private static final long JSONB_GUESS = 512;

    private RowSizes() {}

    public static long row(Object[] row) {
        long size = 16 + 4L * row.length;
        for (Object v : row) {
            size += value(v);
        }
        return size;
    }

    public static long value(Object v) {
        return switch (v) {
            case null -> 0;
            case Boolean b -> 0; // shared instances
            case Short s -> 16;
            case Integer i -> 16;
            case Long l -> 24;
            case Float f -> 16;
            case Double d -> 24;
            case String s -> 40 + 2L * s.length();
            case BigDecimal d -> 72 + d.unscaledValue().bitLength() / 8;
            case Bytea b -> 32 + b.bytes().length;
            case byte[] b -> 16 + b.length;
            case Jsonb j -> JSONB_GUESS;
            case List<?> list -> {
                long s = 40 + 4L * list.size();
                for (Object e : list) {
                    s += value(e);
                }
                yield s;
            }
            case Object[] nested -> row(nested);
            default -> 48;
        };
    }
}

package io.shaledb.sql.catalog;

import io.shaledb.sql.types.SqlType;

/**
 * A table column.
 *
 * @param name its name (case as stored: folded unless quoted)
 * @param type its SQL type
 * @param maxLength the type modifier, -1 for none: for {@code varchar(n)} and {@code char(n)} the
 *     length n in characters, for {@code numeric(p,s)} {@code (p << 16) | s}, for time, timestamp
 *     and interval the fractional-second precision (see {@link #typmod()})
 * @param notNull whether NULL is rejected (always true for primary-key columns)
 */
public record Column(String name, SqlType type, int maxLength, boolean notNull) {

    /** The type modifier (the same number as {@link #maxLength()}, named for what it is for every type). */
    public int typmod() {
        return maxLength;
    }

    /** The type as PostgreSQL names it in messages, e.g. {@code character varying(10)}. */
    public String typeDisplayName() {
        return displayName(type, maxLength);
    }

    /** {@code type} with modifier {@code typmod} as PostgreSQL's format_type names it. */
    public static String displayName(SqlType type, int typmod) {
        if (typmod < 0) {
            return type.sqlName();
        }
        return switch (type) {
            case TEXT, VARCHAR -> "character varying(" + typmod + ")";
            case BPCHAR -> "character(" + typmod + ")";
            case NUMERIC -> "numeric(" + io.shaledb.sql.types.Numerics.precision(typmod) + ","
                    + io.shaledb.sql.types.Numerics.scale(typmod) + ")";
            case TIME -> "time(" + typmod + ") without time zone";
            case TIMESTAMP -> "timestamp(" + typmod + ") without time zone";
            case TIMESTAMPTZ -> "timestamp(" + typmod + ") with time zone";
            case INTERVAL -> "interval(" + typmod + ")";
            default -> type.sqlName();
        };
    }
}

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
 * @param defaultExpr the SQL text of its {@code DEFAULT} expression, evaluated for each row
 *     inserted without a value for it; null when it has none (the default is NULL)
 * @param missing the value of this column in rows stored before it was added ({@code ALTER TABLE
 *     ... ADD COLUMN} does not rewrite rows; like PostgreSQL's {@code attmissingval}); null for
 *     columns the table was created with or added without a default
 * @param identity {@code 'a'} for GENERATED ALWAYS AS IDENTITY, {@code 'd'} for BY DEFAULT, else 0
 *     (its default is then {@code nextval} of its owned sequence)
 */
public record Column(String name, SqlType type, int maxLength, boolean notNull, String defaultExpr, Object missing,
                     char identity) {

    /** A column without default. */
    public Column(String name, SqlType type, int maxLength, boolean notNull) {
        this(name, type, maxLength, notNull, null, null, (char) 0);
    }

    /** A column that is not an identity column. */
    public Column(String name, SqlType type, int maxLength, boolean notNull, String defaultExpr, Object missing) {
        this(name, type, maxLength, notNull, defaultExpr, missing, (char) 0);
    }

    public Column withIdentity(char newIdentity) {
        return new Column(name, type, maxLength, notNull, defaultExpr, missing, newIdentity);
    }

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

    public Column withName(String newName) {
        return new Column(newName, type, maxLength, notNull, defaultExpr, missing, identity);
    }

    public Column withNotNull(boolean newNotNull) {
        return new Column(name, type, maxLength, newNotNull, defaultExpr, missing, identity);
    }

    public Column withDefault(String newDefaultExpr) {
        return new Column(name, type, maxLength, notNull, newDefaultExpr, missing, identity);
    }

    public Column withMissing(Object newMissing) {
        return new Column(name, type, maxLength, notNull, defaultExpr, newMissing, identity);
    }
}

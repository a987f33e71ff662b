package io.shaledb.sql.catalog;

import io.shaledb.sql.types.SqlType;

/**
 * A table column.
 *
 * @param name its name (case as stored: folded unless quoted)
 * @param type its SQL type
 * @param maxLength for {@code varchar(n)} the limit n in characters, otherwise -1
 * @param notNull whether NULL is rejected (always true for primary-key columns)
 */
public record Column(String name, SqlType type, int maxLength, boolean notNull) {

    /** The type as PostgreSQL names it in messages, e.g. {@code character varying(10)}. */
    public String typeDisplayName() {
        if (type == SqlType.TEXT && maxLength >= 0) {
            return "character varying(" + maxLength + ")";
        }
        return type.sqlName();
    }
}

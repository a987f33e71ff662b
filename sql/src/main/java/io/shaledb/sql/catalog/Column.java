package io.shaledb.sql.catalog;

import io.shaledb.sql.types.SqlType;

/**
 * A table column.
 *
 * @param name its name (case as stored: folded unless quoted)
 * @param type its SQL type
 * @param maxLength for {@code varchar(n)} the limit n in characters, otherwise -1
 * @param notNull whether NULL is rejected (always true for primary-key columns)
 * @param defaultExpr the SQL text of its {@code DEFAULT} expression, evaluated for each row
 *     inserted without a value for it; null when it has none (the default is NULL)
 * @param missing the value of this column in rows stored before it was added ({@code ALTER TABLE
 *     ... ADD COLUMN} does not rewrite rows; like PostgreSQL's {@code attmissingval}); null for
 *     columns the table was created with or added without a default
 */
public record Column(String name, SqlType type, int maxLength, boolean notNull, String defaultExpr, Object missing) {

    /** A column without default. */
    public Column(String name, SqlType type, int maxLength, boolean notNull) {
        this(name, type, maxLength, notNull, null, null);
    }

    /** The type as PostgreSQL names it in messages, e.g. {@code character varying(10)}. */
    public String typeDisplayName() {
        if (type == SqlType.TEXT && maxLength >= 0) {
            return "character varying(" + maxLength + ")";
        }
        return type.sqlName();
    }

    public Column withName(String newName) {
        return new Column(newName, type, maxLength, notNull, defaultExpr, missing);
    }

    public Column withNotNull(boolean newNotNull) {
        return new Column(name, type, maxLength, newNotNull, defaultExpr, missing);
    }

    public Column withDefault(String newDefaultExpr) {
        return new Column(name, type, maxLength, notNull, newDefaultExpr, missing);
    }

    public Column withMissing(Object newMissing) {
        return new Column(name, type, maxLength, notNull, defaultExpr, newMissing);
    }
}

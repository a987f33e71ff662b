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

    /** The type as PostgreSQL names it in messages, e.g. {@code character varying(10)}. */
    public String typeDisplayName() {
        if (type == SqlType.TEXT && maxLength >= 0) {
            return "character varying(" + maxLength + ")";
        }
        return type.sqlName();
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

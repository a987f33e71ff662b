package io.shaledb.sql;

import io.shaledb.sql.types.SqlType;

/**
 * A result column as clients see it.
 *
 * @param name the column label
 * @param type its SQL type
 * @param tableOid the OID of the table it comes from, or 0
 * @param columnNumber its attribute number in that table, or 0
 */
public record ColumnInfo(String name, SqlType type, int tableOid, short columnNumber) {
    public ColumnInfo(String name, SqlType type) {
        this(name, type, 0, (short) 0);
    }
}

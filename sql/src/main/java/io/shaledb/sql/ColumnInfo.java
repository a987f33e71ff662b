package io.shaledb.sql;

import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.SqlType;

/**
 * A result column as clients see it.
 *
 * @param name the column label
 * @param type its SQL type
 * @param tableOid the OID of the table it comes from, or 0
 * @param columnNumber its attribute number in that table, or 0
 * @param shape the fields of a {@link SqlType#RECORD} column (so that a query over a derived
 *     table can select them), otherwise null
 */
public record ColumnInfo(String name, SqlType type, int tableOid, short columnNumber, RowShape shape) {
    public ColumnInfo(String name, SqlType type, int tableOid, short columnNumber) {
        this(name, type, tableOid, columnNumber, null);
    }

    public ColumnInfo(String name, SqlType type) {
        this(name, type, 0, (short) 0);
    }
}

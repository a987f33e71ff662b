package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Read-only views computed from the catalog rather than stored, queried with ordinary SELECTs.
 * A user table of the same name wins (it is looked up first).
 *
 * <pre>
 *   SELECT table_name, engine FROM shale_tables;     -- which engine holds which table
 * </pre>
 */
final class SystemViews {
    /** Negative ids never collide with user tables. */
    static final Table SHALE_TABLES = new Table(-1, "shale_tables", List.of(
            new Column("table_name", SqlType.TEXT, -1, true),
            new Column("engine", SqlType.TEXT, -1, true),
            new Column("table_oid", SqlType.INTEGER, -1, true),
            new Column("column_count", SqlType.INTEGER, -1, true),
            new Column("primary_key", SqlType.TEXT, -1, false)), new int[0], "system");

    private SystemViews() {}

    /** The view called {@code name}, or null. */
    static Table lookup(String name) {
        return SHALE_TABLES.name().equals(name) ? SHALE_TABLES : null;
    }

    /** The rows of {@code view} as of now. */
    static List<Object[]> rows(Table view, Catalog catalog) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : catalog.tables()) {
            String pk = null;
            if (!t.hasHiddenRowId()) {
                StringJoiner names = new StringJoiner(", ");
                for (int i = 0; i < t.primaryKeyLength(); i++) {
                    names.add(t.column(t.primaryKeyColumn(i)).name());
                }
                pk = names.toString();
            }
            rows.add(new Object[] {t.name(), t.engine(), t.oid(), t.columns().size(), pk});
        }
        return rows;
    }
}

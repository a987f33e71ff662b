package io.shaledb.sql.catalog;

import java.util.List;

/**
 * A trigger (PostgreSQL's {@code pg_trigger} row): which table, when (BEFORE / AFTER, for which
 * events, per row or per statement, an optional WHEN condition) and which function with which
 * arguments. Bound to the table and the function by id, so renames keep it working; it goes
 * with its table, and its function cannot be dropped without CASCADE.
 *
 * @param events bit set: {@link #INSERT}, {@link #DELETE}, {@link #UPDATE}
 * @param updateColumns {@code UPDATE OF} columns (empty: any update)
 * @param when the WHEN condition's SQL text, or null
 * @param enabled false after {@code ALTER TABLE ... DISABLE TRIGGER}
 */
public record Trigger(int id, String name, int tableId, int functionId, boolean before, int events, List<String> updateColumns,
                      boolean forEachRow, String when, List<String> args, boolean enabled) {
    public static final int INSERT = 1;
    public static final int DELETE = 2;
    public static final int UPDATE = 4;

    public Trigger {
        updateColumns = List.copyOf(updateColumns);
        args = List.copyOf(args);
    }

    /** The catalog key text: table id and trigger name (trigger names are per table). */
    public String key() {
        return key(tableId, name);
    }

    public static String key(int tableId, String name) {
        return tableId + "." + name;
    }

    public boolean firesOn(int event) {
        return (events & event) != 0;
    }

    public Trigger withEnabled(boolean on) {
        return new Trigger(id, name, tableId, functionId, before, events, updateColumns, forEachRow, when, args, on);
    }
}

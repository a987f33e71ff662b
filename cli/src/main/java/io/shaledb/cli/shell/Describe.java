package io.shaledb.cli.shell;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code \d}, {@code \dt} and {@code \d NAME}. Each asks the catalogs PostgreSQL has
 * ({@code pg_class}, {@code information_schema.columns}), so the shell works against PostgreSQL
 * too; against a ShaleDB without those catalogs it falls back to what ShaleDB always had: the
 * {@code shale_tables} view for the lists, and a {@code SELECT * FROM name LIMIT 0}'s column
 * metadata for one relation (names and types only). A probe that fails inside the user's
 * transaction block is rolled back to a savepoint, so the block survives.
 */
final class Describe {
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("int2", "smallint"),
            Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("float4", "real"),
            Map.entry("float8", "double precision"), Map.entry("bool", "boolean"), Map.entry("varchar", "character varying"),
            Map.entry("bpchar", "character"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timetz", "time with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("serial", "integer"), Map.entry("bigserial", "bigint"));

    private static final String PG_CLASS_LIST = """
            SELECT n.nspname AS "Schema", c.relname AS "Name",
                   CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END AS "Type",
                   pg_catalog.pg_get_userbyid(c.relowner) AS "Owner"
            FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN (%s) AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast'
              AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1, 2""";

    private static final String COLUMNS = """
            SELECT column_name AS "Column",
                   CASE WHEN character_maximum_length IS NOT NULL THEN data_type || '(' || character_maximum_length || ')'
                        ELSE data_type END AS "Type",
                   CASE WHEN is_nullable = 'NO' THEN 'not null' ELSE '' END AS "Nullable",
                   coalesce(column_default, '') AS "Default"
            FROM information_schema.columns WHERE table_name = ? AND (? IS NULL OR table_schema = ?)
            ORDER BY ordinal_position""";

    private Describe() {}

    /** {@code \d} (tables, views, sequences) or {@code \dt} (tables only). */
    static void relations(Shell shell, boolean tablesOnly) {
        String title = "List of relations";
        try {
            Rows rows = probe(shell.connection(), PG_CLASS_LIST.formatted(tablesOnly ? "'r','p'" : "'r','p','v','m','S','f'"));
            if (rows == null) {
                rows = probe(shell.connection(), "SELECT table_name FROM shale_tables ORDER BY 1");
                if (rows == null) {
                    shell.out().println("Did not find any relations.");
                    return;
                }
                List<String[]> out = new ArrayList<>();
                for (String[] r : rows.rows()) {
                    int dot = r[0].indexOf('.');
                    out.add(new String[] {dot < 0 ? "public" : r[0].substring(0, dot), dot < 0 ? r[0] : r[0].substring(dot + 1), "table"});
                }
                out.sort((a, b) -> (a[0] + "." + a[1]).compareTo(b[0] + "." + b[1]));
                rows = new Rows(List.of("Schema", "Name", "Type"), out);
            }
            shell.printTitled(title, rows.names(), rows.names().stream().map(n -> false).toList(), rows.rows());
        } catch (SQLException e) {
            shell.error(e);
        }
    }

    /** {@code \d NAME}: the columns of one table or view. */
    static void table(Shell shell, String name) {
        String bare = unquote(name);
        String schema = null;
        int dot = bare.indexOf('.');
        if (dot > 0) {
            schema = bare.substring(0, dot);
            bare = bare.substring(dot + 1);
        }
        try {
            Rows rows = probe(shell.connection(), COLUMNS, bare, schema, schema);
            String title = "Table \"" + (schema == null ? "public" : schema) + "." + bare + "\"";
            if (rows == null || rows.rows().isEmpty()) {
                rows = columnsFromMetadata(shell.connection(), name);
                if (rows == null) {
                    shell.out().println("Did not find any relation named \"" + name + "\".");
                    return;
                }
            }
            shell.printTitled(title, rows.names(), rows.names().stream().map(n -> false).toList(), rows.rows());
        } catch (SQLException e) {
            shell.error(e);
        }
    }

    private static Rows columnsFromMetadata(Connection c, String name) throws SQLException {
        boolean sp = savepoint(c);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + name + " LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String[]> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String type = typeName(md, i);
                out.add(new String[] {md.getColumnLabel(i), TYPE_NAMES.getOrDefault(type, type)});
            }
            release(c, sp);
            return new Rows(List.of("Column", "Type"), out);
        } catch (SQLException e) {
            rollback(c, sp);
            return null;
        }
    }

    /**
     * The PostgreSQL type name of column {@code i} from its OID alone: pgjdbc's getColumnTypeName
     * would also ask pg_attribute (for serial), which a ShaleDB without that catalog lacks.
     */
    private static String typeName(ResultSetMetaData md, int i) throws SQLException {
        try {
            // PgResultSetMetaData.getPGType is protected; it maps the OID through pgjdbc's built-in type table
            java.lang.reflect.Method pgType = org.postgresql.jdbc.PgResultSetMetaData.class.getDeclaredMethod("getPGType", int.class);
            pgType.setAccessible(true);
            return (String) pgType.invoke(md.unwrap(org.postgresql.jdbc.PgResultSetMetaData.class), i);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return java.sql.JDBCType.valueOf(md.getColumnType(i)).getName().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The rows of {@code sql}, or null when the server does not have what it asks for. */
    private static Rows probe(Connection c, String sql, String... params) throws SQLException {
        boolean sp = savepoint(c);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.add(md.getColumnLabel(i));
                }
                List<String[]> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] r = new String[names.size()];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = rs.getString(i + 1);
                    }
                    rows.add(r);
                }
                release(c, sp);
                return new Rows(names, rows);
            }
        } catch (SQLException e) {
            rollback(c, sp);
            return null;
        }
    }

    /** Opens a savepoint when the user's session is inside a transaction block (typed BEGIN); returns whether it did. */
    private static boolean savepoint(Connection c) throws SQLException {
        boolean inBlock = c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                != org.postgresql.core.TransactionState.IDLE;
        if (inBlock) {
            try (Statement st = c.createStatement()) {
                st.execute("SAVEPOINT shale_describe");
            }
        }
        return inBlock;
    }

    private static void release(Connection c, boolean sp) throws SQLException {
        if (sp) {
            try (Statement st = c.createStatement()) {
                st.execute("RELEASE SAVEPOINT shale_describe");
            }
        }
    }

    private static void rollback(Connection c, boolean sp) throws SQLException {
        if (sp) {
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK TO SAVEPOINT shale_describe");
                st.execute("RELEASE SAVEPOINT shale_describe");
            }
        }
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1 ? name.substring(1, name.length() - 1) : name.toLowerCase(java.util.Locale.ROOT);
    }

    private record Rows(List<String> names, List<String[]> rows) {}
}

package io.shaledb.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.peer.PostgresPeer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgjdbc's {@link DatabaseMetaData} (what GUI tools show a schema with) answers from ShaleDB what
 * it answers from PostgreSQL 15: the same schema (primary keys, a foreign key with ON DELETE
 * CASCADE, a unique constraint, plain and multi-column unique indexes, defaults, numeric and
 * varchar modifiers, a view) is created on both, each call's result set is compared column by
 * column and row by row. Normalised, because legitimately different: the catalog name
 * (ShaleDB's one database is {@code shaledb}) and the OID inside {@code SPECIFIC_NAME}.
 */
class DatabaseMetaDataTest {
    private static final String[] SCHEMA = {
        "CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, name varchar(40) NOT NULL, created timestamp)",
        "CREATE TABLE child (id bigint PRIMARY KEY, parent_id int REFERENCES parent (id) ON DELETE CASCADE,"
                + " note text DEFAULT 'x', amount numeric(10,2), flag boolean NOT NULL DEFAULT true)",
        "CREATE INDEX child_parent ON child (parent_id)",
        "CREATE UNIQUE INDEX child_note_amount ON child (note, amount)",
        "CREATE VIEW parent_names AS SELECT id, name FROM parent",
    };
    /** Columns whose value names the database: ShaleDB serves one, called shaledb. */
    private static final Set<String> CATALOG_COLUMNS = Set.of("TABLE_CAT", "PKTABLE_CAT", "FKTABLE_CAT",
            "PROCEDURE_CAT", "FUNCTION_CAT", "TABLE_CATALOG");

    @TempDir
    static Path tmp;

    private static ShaleServer server;
    private static PostgresPeer peer;
    private static Connection shale;
    private static Connection postgres;

    @BeforeAll
    static void start() throws Exception {
        Optional<PostgresPeer> pg = PostgresPeer.startIfAvailable();
        assumeTrue(pg.isPresent(), "PostgreSQL 15 is not installed: nothing to compare with");
        peer = pg.get();
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("db")).withPgPort(0));
        shale = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db", "u", "");
        postgres = DriverManager.getConnection(peer.jdbcUrl("postgres"), peer.user(), "");
        for (Connection c : List.of(shale, postgres)) {
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {shale, postgres, server, peer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    interface Call {
        ResultSet on(DatabaseMetaData m) throws SQLException;
    }

    @Test
    void getTables() throws SQLException {
        same(m -> m.getTables(null, "public", "%", null));
        same(m -> m.getTables(null, "public", "child", new String[] {"TABLE"}));
        same(m -> m.getTables(null, "public", "%", new String[] {"VIEW"}));
    }

    @Test
    void getColumns() throws SQLException {
        same(m -> m.getColumns(null, "public", "%", "%"));
        same(m -> m.getColumns(null, "public", "child", "n%"));
    }

    @Test
    void getImportedAndExportedKeys() throws SQLException {
        same(m -> m.getImportedKeys(null, "public", "child"));
        same(m -> m.getExportedKeys(null, "public", "parent"));
        same(m -> m.getCrossReference(null, "public", "parent", null, "public", "child"));
    }

    @Test
    void getSchemas() throws SQLException {
        same(DatabaseMetaData::getSchemas);
        same(m -> m.getSchemas(null, "pub%"));
    }

    @Test
    void getCatalogsListsTheOneDatabase() throws SQLException {
        assertThat(rows(shale.getMetaData().getCatalogs())).containsExactly("TABLE_CAT=<db>");
    }

    @Test
    void getTypeInfoOfTheCommonTypes() throws SQLException {
        Set<String> common = Set.of("bool", "int2", "int4", "int8", "numeric", "float4", "float8", "text", "varchar",
                "bpchar", "date", "timestamp", "timestamptz", "bytea", "uuid", "jsonb", "_int4", "_text", "oid", "name");
        List<String> mine = rows(shale.getMetaData().getTypeInfo()).stream().filter(r -> common.contains(typeName(r))).toList();
        List<String> theirs = rows(postgres.getMetaData().getTypeInfo()).stream().filter(r -> common.contains(typeName(r))).toList();
        assertThat(mine).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    @Disabled("pgjdbc selects (information_schema._pg_expandarray(con.conkey)).n: a set-returning function in the "
            + "select list returning a composite, and field selection from it; neither exists yet")
    void getPrimaryKeysAndIndexInfo() throws SQLException {
        same(m -> m.getPrimaryKeys(null, "public", "child"));
        same(m -> m.getIndexInfo(null, "public", "child", false, false));
    }

    @Test
    void getProceduresAndFunctionsOfAnEmptySchema() throws SQLException {
        same(m -> m.getProcedures(null, "public", "%"));
        same(m -> m.getFunctions(null, "public", "%"));
    }

    private static String typeName(String row) {
        String first = row.split("\\|", 2)[0];
        return first.substring(first.indexOf('=') + 1);
    }

    private static void same(Call call) throws SQLException {
        List<String> theirs = rows(call.on(postgres.getMetaData()));
        List<String> mine = rows(call.on(shale.getMetaData()));
        assertThat(mine).as("rows of ShaleDB (actual) vs PostgreSQL 15 (expected)").containsExactlyElementsOf(theirs);
    }

    /** Every row as {@code LABEL=value|LABEL=value...}, normalised. */
    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String label = md.getColumnLabel(i);
                    String v = rs.getString(i);
                    if (CATALOG_COLUMNS.contains(label.toUpperCase()) && v != null) {
                        v = "<db>";
                    }
                    if (label.equalsIgnoreCase("SPECIFIC_NAME") && v != null) {
                        v = v.replaceAll("_\\d+$", "_<oid>");
                    }
                    sb.append(i > 1 ? "|" : "").append(label).append('=').append(v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.SearchPath;
import io.shaledb.sql.pgcatalog.PgContext;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The session-information functions pgjdbc's DatabaseMetaData queries call:
 *
 * <pre>
 *   current_database(), current_catalog   name   the one database's name (pg_database's row)
 *   current_schemas(include_implicit)     name[] the search path's schemas; with true, pg_catalog first
 *   current_schema(), current_schema      name   the first of those that exists (where CREATE TABLE t goes), or NULL
 *   pg_backend_pid()                      int4   the session's process id (BackendKeyData, pg_stat_activity)
 *   version()                             text   "PostgreSQL 15.0 (ShaleDB 0.1.0) on x86_64-pc-linux-gnu, 64-bit"
 * </pre>
 *
 * {@code version()} starts the way PostgreSQL's does, because tools (pgjdbc, psql, ORMs, GUI
 * clients) parse the "PostgreSQL major.minor" prefix to decide which features to use; the
 * parenthesis says which server it really is.
 *
 * {@code "$user"} in the search path names a schema called like the user, which ShaleDB's users do
 * not have by default, so it is left out as PostgreSQL leaves out schemas that do not exist.
 */
final class SessionInfoFunctions {
    private SessionInfoFunctions() {}

    static void register() {
        Functions.register("current_database", SqlType.NAME, a -> PgContext.DATABASE);
        Functions.register("current_catalog", SqlType.NAME, a -> PgContext.DATABASE);
        Functions.register("current_schemas", SqlType.NAME_ARRAY, a -> schemas((Boolean) a[0]), SqlType.BOOLEAN);
        Functions.register("current_schema", SqlType.NAME, a -> {
            io.shaledb.sql.types.ObjectNames.Resolver names = io.shaledb.sql.types.ObjectNames.current();
            return schemas(false).stream().filter(s -> names.namespaceOid((String) s) != null).findFirst().orElse(null);
        });
        Functions.register("pg_backend_pid", SqlType.INTEGER, a -> {
            io.shaledb.txn.Transaction tx = StatementContext.transaction();
            return tx == null ? null : tx.pid();
        });
        Functions.register("version", SqlType.TEXT, a -> VERSION);
    }

    /** What {@code version()} answers (see the class comment). */
    static final String VERSION = versionText();

    private static String versionText() {
        String ours = null;
        java.util.Properties build = new java.util.Properties();
        try (java.io.InputStream in = SessionInfoFunctions.class.getResourceAsStream("/io/shaledb/sql/version.properties")) {
            if (in != null) {
                build.load(in);
                ours = build.getProperty("version");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read io/shaledb/sql/version.properties", e);
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch", "unknown");
        };
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux") ? "pc-linux-gnu"
                : System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return "PostgreSQL 15.0 (ShaleDB" + (ours == null ? "" : " " + ours) + ") on " + arch + "-" + os + ", 64-bit";
    }

    static List<Object> schemas(boolean implicit) {
        List<Object> out = new ArrayList<>();
        if (implicit && !SearchPath.current().contains("pg_catalog")) {
            out.add("pg_catalog");
        }
        for (String s : SearchPath.current()) {
            if (!s.startsWith("$") && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}

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
 * </pre>
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

package io.shaledb.sql.exec;

import static io.shaledb.sql.exec.Functions.register;
import static io.shaledb.sql.types.SqlType.BOOLEAN;
import static io.shaledb.sql.types.SqlType.INTEGER;
import static io.shaledb.sql.types.SqlType.TEXT;

import io.shaledb.sql.privileges.PrivilegeFunctions;

/**
 * Who is asking, and what they may do: {@code current_user}, {@code session_user},
 * {@code current_role}, {@code user}, {@code has_table_privilege} and {@code has_schema_privilege}
 * (each with and without the user argument, tables by name or OID). The work is in
 * {@link PrivilegeFunctions}; these are STABLE (see {@link Stability}), never folded into a plan.
 */
final class SessionFunctions {
    private SessionFunctions() {}

    static void registerAll() {
        register("current_user", TEXT, a -> PrivilegeFunctions.currentUser());
        register("current_role", TEXT, a -> PrivilegeFunctions.currentUser());
        register("user", TEXT, a -> PrivilegeFunctions.currentUser());
        register("session_user", TEXT, a -> PrivilegeFunctions.sessionUser());
        register("has_table_privilege", BOOLEAN, a -> PrivilegeFunctions.hasTablePrivilege(null, a[0], (String) a[1]), TEXT, TEXT);
        register("has_table_privilege", BOOLEAN, a -> PrivilegeFunctions.hasTablePrivilege(null, a[0], (String) a[1]), INTEGER, TEXT);
        register("has_table_privilege", BOOLEAN, a -> PrivilegeFunctions.hasTablePrivilege((String) a[0], a[1], (String) a[2]),
                TEXT, TEXT, TEXT);
        register("has_table_privilege", BOOLEAN, a -> PrivilegeFunctions.hasTablePrivilege((String) a[0], a[1], (String) a[2]),
                TEXT, INTEGER, TEXT);
        register("has_schema_privilege", BOOLEAN, a -> PrivilegeFunctions.hasSchemaPrivilege(null, (String) a[0], (String) a[1]),
                TEXT, TEXT);
        register("has_schema_privilege", BOOLEAN, a -> PrivilegeFunctions.hasSchemaPrivilege((String) a[0], (String) a[1],
                (String) a[2]), TEXT, TEXT, TEXT);
    }
}

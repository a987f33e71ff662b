package io.shaledb.sql.privileges;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;

/** The SQL functions about the session's user and privileges (registered by the executor's function table). */
public final class PrivilegeFunctions {
    private PrivilegeFunctions() {}

    /** {@code current_user}: the role of SET ROLE, else the session user. */
    public static String currentUser() {
        AccessControl ac = AccessControl.current();
        return ac == null ? Acl.DEFAULT_SUPERUSER : ac.currentUser();
    }

    /** {@code session_user}: who logged in (or SET SESSION AUTHORIZATION named). */
    public static String sessionUser() {
        AccessControl ac = AccessControl.current();
        return ac == null ? Acl.DEFAULT_SUPERUSER : ac.sessionUser();
    }

    /**
     * {@code has_table_privilege([user,] table, privilege)}: {@code table} is a name (text) or an
     * OID (integer; an unknown OID gives NULL, as in PostgreSQL).
     */
    public static Boolean hasTablePrivilege(String user, Object table, String privilege) {
        AccessControl ac = AccessControl.current();
        if (ac == null) {
            return true;
        }
        Catalog catalog = ac.catalog();
        Transaction tx = ac.transaction();
        String who = checkedUser(ac, user);
        int[] wanted = Privilege.parseFunctionArgument(privilege, false);
        int id;
        if (table instanceof Integer oid) {
            id = oid - Table.FIRST_USER_OID;
            if (catalog.tableById(tx, id) == null && catalog.viewById(tx, id) == null) {
                return null;
            }
        } else {
            String written = (String) table;
            String resolved = catalog.resolve(tx, written);
            Table t = catalog.table(tx, resolved);
            View v = t == null ? catalog.view(tx, resolved) : null;
            Sequence q = t == null && v == null ? catalog.sequence(tx, resolved) : null;
            if (t == null && v == null && q == null) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + written + "\" does not exist");
            }
            id = t != null ? t.id() : v != null ? v.id() : q.id();
            if (q != null) {
                int[] rights = ac.rights(who, 's', id);
                return (rights[0] & wanted[0]) != 0 && (wanted[1] == 0 || (rights[1] & wanted[1]) != 0);
            }
        }
        int[] rights = ac.rights(who, 'r', id);
        return (rights[0] & wanted[0]) != 0 && (wanted[1] == 0 || (rights[1] & wanted[1]) != 0);
    }

    /** {@code has_schema_privilege([user,] schema, privilege)}. */
    public static Boolean hasSchemaPrivilege(String user, String schema, String privilege) {
        AccessControl ac = AccessControl.current();
        if (ac == null) {
            return true;
        }
        String who = checkedUser(ac, user);
        int[] wanted = Privilege.parseFunctionArgument(privilege, true);
        int id = ac.schemaId(schema);
        if (id < 0) {
            if (schema.equals(io.shaledb.sql.catalog.Schema.PG_CATALOG)) {
                return (wanted[0] & Privilege.CREATE) == 0 || ac.superuser(who);
            }
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        int[] rights = ac.rights(who, 'n', id);
        return (rights[0] & wanted[0]) != 0 && (wanted[1] == 0 || (rights[1] & wanted[1]) != 0);
    }

    private static String checkedUser(AccessControl ac, String user) {
        if (user == null) {
            return ac.currentUser();
        }
        if (ac.catalog().role(ac.transaction(), user) == null && !user.equals(ac.currentUser()) && !user.equals(ac.sessionUser())) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + user + "\" does not exist");
        }
        return user;
    }

    /** {@code pg_get_userbyid(oid)} (psql's describe commands show owners with it). */
    public static String userById(int oid) {
        AccessControl ac = AccessControl.current();
        return ac == null ? (oid == 10 ? Acl.DEFAULT_SUPERUSER : "unknown (OID=" + oid + ")")
                : Acl.roleNameByOid(ac.catalog(), ac.transaction(), oid);
    }
}

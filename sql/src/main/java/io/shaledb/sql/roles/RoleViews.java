package io.shaledb.sql.roles;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@code pg_roles}: PostgreSQL 15's columns, the password masked. */
public final class RoleViews {
    /** A column of the view. */
    public record ViewColumn(String name, SqlType type) {}

    /** Role OIDs: PostgreSQL's first user OID plus the role's catalog id. */
    private static final int OID_BASE = 16384;

    public static final List<ViewColumn> PG_ROLES_COLUMNS = List.of(
            new ViewColumn("rolname", SqlType.TEXT), new ViewColumn("rolsuper", SqlType.BOOLEAN),
            new ViewColumn("rolinherit", SqlType.BOOLEAN), new ViewColumn("rolcreaterole", SqlType.BOOLEAN),
            new ViewColumn("rolcreatedb", SqlType.BOOLEAN), new ViewColumn("rolcanlogin", SqlType.BOOLEAN),
            new ViewColumn("rolreplication", SqlType.BOOLEAN), new ViewColumn("rolconnlimit", SqlType.INTEGER),
            new ViewColumn("rolpassword", SqlType.TEXT), new ViewColumn("rolvaliduntil", SqlType.TIMESTAMPTZ),
            new ViewColumn("rolbypassrls", SqlType.BOOLEAN), new ViewColumn("rolconfig", SqlType.TEXT),
            new ViewColumn("oid", SqlType.INTEGER));

    private RoleViews() {}

    public static List<Object[]> pgRoles(Catalog catalog, Transaction tx) {
        List<Object[]> rows = new ArrayList<>();
        for (Role r : catalog.roles(tx)) {
            rows.add(new Object[] {r.name(), r.superuser(), r.inherit(), r.createrole(), r.createdb(), r.login(), r.superuser(),
                    r.connectionLimit(), "********", r.validUntil(), r.superuser(), null, OID_BASE + r.id()});
        }
        return rows;
    }
}

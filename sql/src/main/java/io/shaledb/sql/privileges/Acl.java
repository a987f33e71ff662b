package io.shaledb.sql.privileges;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.ObjectAcl;
import io.shaledb.sql.catalog.Role;
import io.shaledb.txn.Transaction;
import java.util.List;

/**
 * Access-control lists as PostgreSQL shows them: {@code {shale=arwdDxt/shale,alice=r/shale,=r/shale}}
 * ({@code relacl}, {@code nspacl}, psql's {@code \dp}); owners by name ({@code pg_class.relowner}).
 * The catalog views call the public methods here rather than reading {@link ObjectAcl} themselves.
 */
public final class Acl {
    /** The bootstrap superuser's name when no superuser role exists (a database used without the server). */
    public static final String DEFAULT_SUPERUSER = "shale";

    private Acl() {}

    /** {@code relacl} of the table, view or sequence with catalog id {@code relationId}: the aclitem[] text, or null (default privileges). */
    public static String relationAcl(Catalog catalog, Transaction tx, int relationId) {
        ObjectAcl a = catalog.acl(tx, 'r', relationId);
        return text(catalog, tx, a != null ? a : catalog.acl(tx, 's', relationId));
    }

    /** {@code nspacl} of schema {@code name}, or null for default privileges (public always has an explicit one, as in PostgreSQL 15). */
    public static String schemaAcl(Catalog catalog, Transaction tx, String name) {
        int id = name.equals(io.shaledb.sql.catalog.Schema.PUBLIC) ? 0
                : catalog.schema(tx, name) == null ? -1 : catalog.schema(tx, name).id();
        if (id < 0) {
            return null;
        }
        ObjectAcl a = catalog.acl(tx, 'n', id);
        if (id == 0 && (a == null || a.items() == null)) {
            return format(catalog, tx, items(a, 'n', 0));
        }
        return text(catalog, tx, a);
    }

    /** The owner's name of the relation with catalog id {@code relationId} ({@code relowner}). */
    public static String relationOwner(Catalog catalog, Transaction tx, int relationId) {
        ObjectAcl a = catalog.acl(tx, 'r', relationId);
        a = a != null ? a : catalog.acl(tx, 's', relationId);
        return roleName(catalog, tx, a == null ? 0 : a.owner());
    }

    /**
     * {@code pg_class.relowner}: the OID of the relation's owner as {@code pg_roles.oid} shows it
     * (16384 + role id), or PostgreSQL's bootstrap superuser OID 10 when no superuser role exists.
     */
    public static int relationOwnerOid(Catalog catalog, Transaction tx, int relationId) {
        ObjectAcl a = catalog.acl(tx, 'r', relationId);
        a = a != null ? a : catalog.acl(tx, 's', relationId);
        return roleOid(catalog, tx, a == null ? 0 : a.owner());
    }

    /** The OID {@code pg_roles} shows for role {@code id} (0: the bootstrap superuser). */
    public static int roleOid(Catalog catalog, Transaction tx, int id) {
        if (id != 0) {
            return io.shaledb.sql.catalog.Table.FIRST_USER_OID + id;
        }
        Role oldest = null;
        for (Role r : catalog.roles(tx)) {
            if (r.superuser() && (oldest == null || r.id() < oldest.id())) {
                oldest = r;
            }
        }
        return oldest == null ? 10 : io.shaledb.sql.catalog.Table.FIRST_USER_OID + oldest.id();
    }

    /** {@code pg_namespace.nspowner}: the OID of schema {@code name}'s owner (see {@link #relationOwnerOid}). */
    public static int schemaOwnerOid(Catalog catalog, Transaction tx, String name) {
        int id = name.equals(io.shaledb.sql.catalog.Schema.PUBLIC) ? 0
                : catalog.schema(tx, name) == null ? -1 : catalog.schema(tx, name).id();
        ObjectAcl a = id < 0 ? null : catalog.acl(tx, 'n', id);
        return roleOid(catalog, tx, a == null ? 0 : a.owner());
    }

    /** One row of {@code pg_auth_members}: {@code member} is a member of {@code role} (all OIDs as pg_roles shows them). */
    public record Membership(int roleOid, int memberOid, int grantorOid, boolean adminOption) {}

    /** Every role membership (GRANT role TO role), for {@code pg_auth_members} and psql's {@code \du} "Member of". */
    public static List<Membership> memberships(Catalog catalog, Transaction tx) {
        List<Membership> out = new java.util.ArrayList<>();
        for (ObjectAcl a : catalog.acls(tx)) {
            if (a.type() == 'R' && a.items() != null) {
                for (ObjectAcl.Item i : a.items()) {
                    out.add(new Membership(roleOid(catalog, tx, a.objectId()), roleOid(catalog, tx, i.grantee()),
                            roleOid(catalog, tx, i.grantor()), i.grantOptions() != 0));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Membership::roleOid).thenComparingInt(Membership::memberOid));
        return out;
    }

    /** {@code pg_get_userbyid(oid)}: the role's name, or PostgreSQL's {@code unknown (OID=n)}. */
    public static String roleNameByOid(Catalog catalog, Transaction tx, int oid) {
        for (Role r : catalog.roles(tx)) {
            if (io.shaledb.sql.catalog.Table.FIRST_USER_OID + r.id() == oid) {
                return r.name();
            }
        }
        if (oid == 10) {
            return roleName(catalog, tx, 0);
        }
        return "unknown (OID=" + oid + ")";
    }

    /** The owner's name of schema {@code name} ({@code nspowner}). */
    public static String schemaOwner(Catalog catalog, Transaction tx, String name) {
        int id = name.equals(io.shaledb.sql.catalog.Schema.PUBLIC) ? 0
                : catalog.schema(tx, name) == null ? -1 : catalog.schema(tx, name).id();
        ObjectAcl a = id < 0 ? null : catalog.acl(tx, 'n', id);
        return roleName(catalog, tx, a == null ? 0 : a.owner());
    }

    /** The stored list as aclitem[] text, or null when {@code a} holds the default privileges. */
    static String text(Catalog catalog, Transaction tx, ObjectAcl a) {
        return a == null || a.items() == null ? null : format(catalog, tx, a.items());
    }

    static String format(Catalog catalog, Transaction tx, List<ObjectAcl.Item> items) {
        StringBuilder sb = new StringBuilder("{");
        for (ObjectAcl.Item i : items) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            String item = (i.grantee() == ObjectAcl.PUBLIC ? "" : quoteName(roleName(catalog, tx, i.grantee())))
                    + "=" + Privilege.letters(i.privileges(), i.grantOptions()) + "/" + quoteName(roleName(catalog, tx, i.grantor()));
            // an array element with special characters is quoted as a whole
            sb.append(item.matches("[^{},\"\\\\\\s]+") ? item : "\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return sb.append('}').toString();
    }

    /** The list in force: the stored one, or PostgreSQL's default (acldefault) for the object's type and owner. */
    static List<ObjectAcl.Item> items(ObjectAcl a, char type, int objectId) {
        if (a != null && a.items() != null) {
            return a.items();
        }
        int owner = a == null ? 0 : a.owner();
        if (type == 'n') {
            ObjectAcl.Item ownerItem = new ObjectAcl.Item(owner, owner, Privilege.ALL_SCHEMA, 0);
            // PostgreSQL 15's public schema: USAGE for everybody, CREATE only for its owner
            return objectId == 0 ? List.of(ownerItem, new ObjectAcl.Item(ObjectAcl.PUBLIC, owner, Privilege.USAGE, 0))
                    : List.of(ownerItem);
        }
        if (type == 'R') {
            return List.of();
        }
        if (type == 's') {
            return List.of(new ObjectAcl.Item(owner, owner, Privilege.ALL_SEQUENCE, 0));
        }
        return List.of(new ObjectAcl.Item(owner, owner, Privilege.ALL_TABLE, 0));
    }

    /** The name of role {@code id}: 0 is the bootstrap superuser (the oldest superuser role); a dropped role shows its id. */
    public static String roleName(Catalog catalog, Transaction tx, int id) {
        Role oldest = null;
        for (Role r : catalog.roles(tx)) {
            if (r.id() == id && id != 0) {
                return r.name();
            }
            if (r.superuser() && (oldest == null || r.id() < oldest.id())) {
                oldest = r;
            }
        }
        if (id == 0) {
            return oldest == null ? DEFAULT_SUPERUSER : oldest.name();
        }
        return String.valueOf(io.shaledb.sql.catalog.Table.FIRST_USER_OID + id); // pg_roles.oid of the dropped role
    }

    /** A role name as PostgreSQL's putid writes it: double-quoted unless only letters, digits and underscores. */
    static String quoteName(String name) {
        if (name.matches("[A-Za-z0-9_]+")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

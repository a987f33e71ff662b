package io.shaledb.sql.privileges;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.ObjectAcl;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who runs the current statement and what they may do: the session user, the current user
 * ({@code SET ROLE}) and the role whose rights are being checked (a view's owner while its query
 * is planned). The session installs one per statement ({@link #with}); the planner and the
 * executors call the static {@code require...} methods where PostgreSQL checks privileges. Without
 * one installed (the engine used directly, internal statements) everything is allowed.
 *
 * <p>A user name without a role in the catalog is treated as a superuser: ShaleDB accepted any
 * name over {@code trust} before roles existed, and {@code pg_hba.conf} decides who may log in.
 */
public final class AccessControl {
    private static final ThreadLocal<AccessControl> CURRENT = new ThreadLocal<>();

    private final Catalog catalog;
    private final Transaction tx;
    private final String sessionUser;
    private final String currentUser;
    private String checkedRole;
    /** Role ids whose privileges {@link #checkedRole} has (itself and the roles it inherits from), cached per statement. */
    private Set<Integer> inherited;
    private String inheritedFor;

    public AccessControl(Catalog catalog, Transaction tx, String sessionUser, String currentUser) {
        this.catalog = catalog;
        this.tx = tx;
        this.sessionUser = sessionUser;
        this.currentUser = currentUser;
        this.checkedRole = currentUser;
    }

    /** Runs {@code body} with {@code control} installed for this thread. */
    public static <T> T with(AccessControl control, Supplier<T> body) {
        AccessControl saved = CURRENT.get();
        CURRENT.set(control);
        try {
            return body.get();
        } finally {
            CURRENT.set(saved);
        }
    }

    /** The installed control, or null. */
    public static AccessControl current() {
        return CURRENT.get();
    }

    public String sessionUser() {
        return sessionUser;
    }

    public String currentUser() {
        return currentUser;
    }

    Catalog catalog() {
        return catalog;
    }

    Transaction transaction() {
        return tx;
    }

    // ------------------------------------------------------------------ checks the planner and executors call

    /** 42501 "permission denied for table t" unless the checked role holds {@code privileges} on {@code t}. */
    public static void requireTable(Table t, int privileges) {
        requireTable(t, privileges, 0);
    }

    /** The same, a missing USAGE on the table's schema reported at {@code pos} (1-based, 0 = none) as PostgreSQL does. */
    public static void requireTable(Table t, int privileges, int pos) {
        AccessControl ac = CURRENT.get();
        if (ac != null) {
            ac.requireRelation(t.id(), t.name(), "table", privileges, pos);
        }
    }

    /** The same for a view. */
    public static void requireView(View v, int privileges, int pos) {
        AccessControl ac = CURRENT.get();
        if (ac != null) {
            ac.requireRelation(v.id(), v.name(), "view", privileges, pos);
        }
    }

    /**
     * 42501 "permission denied for sequence s" unless the current user holds one of {@code anyOf}
     * on {@code q} (nextval: USAGE or UPDATE; currval: SELECT or USAGE; setval: UPDATE).
     */
    public static void requireSequence(io.shaledb.sql.catalog.Sequence q, int anyOf) {
        AccessControl ac = CURRENT.get();
        if (ac != null) {
            ac.requireSchema(Catalog.schemaOf(q.name()), Privilege.USAGE, 0);
            if ((ac.rights(ac.checkedRole, 's', q.id())[0] & anyOf) == 0) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for sequence " + Catalog.bareName(q.name()));
            }
        }
    }

    /** Plans a view's query with its owner's rights, as PostgreSQL checks the relations a view reads. */
    public static <T> T asOwnerOf(View v, Supplier<T> body) {
        AccessControl ac = CURRENT.get();
        if (ac == null) {
            return body.get();
        }
        String saved = ac.checkedRole;
        ac.checkedRole = ac.ownerName('r', v.id());
        try {
            return body.get();
        } finally {
            ac.checkedRole = saved;
        }
    }

    /** 42501 "must be owner of KIND name" unless the current user owns (or is a superuser over) the relation. */
    public static void requireOwner(char type, int objectId, String kind, String name) {
        AccessControl ac = CURRENT.get();
        if (ac != null && !ac.owns(ac.currentUser, type, objectId)) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + kind + " " + Catalog.bareName(name));
        }
    }

    /** 42501 "permission denied for schema s" unless the current user holds {@code privileges} on the schema of catalog name {@code relation}. */
    public static void requireSchemaOf(String relation, int privileges) {
        AccessControl ac = CURRENT.get();
        if (ac != null) {
            ac.requireSchema(Catalog.schemaOf(relation), privileges, 0);
        }
    }

    /** Records the current user as the owner of a relation or schema just created (nothing for an unknown role). */
    public static void created(char type, int objectId) {
        AccessControl ac = CURRENT.get();
        if (ac != null) {
            Role r = ac.catalog.role(ac.tx, ac.currentUser);
            if (r != null) {
                ac.catalog.putAcl(ac.tx, new ObjectAcl(type, objectId, r.id(), null));
            }
        }
    }

    /** Whether the current user may create roles (superuser or CREATEROLE). */
    public static boolean mayCreateRoles() {
        AccessControl ac = CURRENT.get();
        if (ac == null) {
            return true;
        }
        Role r = ac.catalog.role(ac.tx, ac.currentUser);
        return r == null || r.superuser() || r.createrole();
    }

    /** Whether {@code sessionUser} may SET ROLE to {@code target}: a superuser, or a member of it. */
    public static boolean mayBecome(Catalog catalog, Transaction tx, String sessionUser, Role target) {
        Role me = catalog.role(tx, sessionUser);
        if (me == null || me.superuser()) {
            return true;
        }
        return new AccessControl(catalog, tx, sessionUser, sessionUser).memberships(me).contains(target.id());
    }

    /** Whether the current user is a superuser. */
    public static boolean currentIsSuperuser() {
        AccessControl ac = CURRENT.get();
        return ac == null || ac.superuser(ac.currentUser);
    }

    void requireRelation(int id, String name, String kind, int privileges, int pos) {
        requireSchema(Catalog.schemaOf(name), Privilege.USAGE, pos);
        if ((rights(checkedRole, 'r', id)[0] & privileges) != privileges) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + Catalog.bareName(name));
        }
    }

    void requireSchema(String schema, int privileges, int pos) {
        if (schema.equals(Schema.PG_CATALOG)) {
            return;
        }
        int id = schemaId(schema);
        if (id >= 0 && (rights(checkedRole, 'n', id)[0] & privileges) != privileges) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema " + schema, pos);
        }
    }

    // ------------------------------------------------------------------ the model

    /** The id of schema {@code name} (0 for public), or -1 when there is none. */
    int schemaId(String name) {
        if (name.equals(Schema.PUBLIC)) {
            return 0;
        }
        Schema s = catalog.schema(tx, name);
        return s == null ? -1 : s.id();
    }

    boolean superuser(String roleName) {
        Role r = catalog.role(tx, roleName);
        return r == null || r.superuser();
    }

    /** The owner's role id of an object (0: the bootstrap superuser). */
    int ownerId(char type, int objectId) {
        ObjectAcl a = catalog.acl(tx, type, objectId);
        return a == null ? 0 : a.owner();
    }

    String ownerName(char type, int objectId) {
        return Acl.roleName(catalog, tx, ownerId(type, objectId));
    }

    /** Whether {@code roleName} owns the object or is a member of its owner (superusers own everything). */
    boolean owns(String roleName, char type, int objectId) {
        if (superuser(roleName)) {
            return true;
        }
        return roleIds(roleName).contains(ownerId(type, objectId));
    }

    /** {privileges, grant options} {@code roleName} holds on the object, directly, through PUBLIC or inherited roles. */
    int[] rights(String roleName, char type, int objectId) {
        if (superuser(roleName)) {
            int all = type == 'n' ? Privilege.ALL_SCHEMA : type == 's' ? Privilege.ALL_SEQUENCE : Privilege.ALL_TABLE;
            return new int[] {all, all};
        }
        Set<Integer> ids = roleIds(roleName);
        ObjectAcl a = catalog.acl(tx, type, objectId);
        int privileges = 0;
        int options = 0;
        for (ObjectAcl.Item i : Acl.items(a, type, objectId)) {
            if (i.grantee() == ObjectAcl.PUBLIC || ids.contains(i.grantee())) {
                privileges |= i.privileges();
                options |= i.grantOptions();
            }
        }
        return new int[] {privileges, options};
    }

    /** The role's id and the ids of the roles it inherits privileges from (membership, transitively). */
    Set<Integer> roleIds(String roleName) {
        if (roleName.equals(inheritedFor) && inherited != null) {
            return inherited;
        }
        Role r = catalog.role(tx, roleName);
        Set<Integer> ids = new HashSet<>();
        if (r == null) {
            return ids;
        }
        if (r.inherit()) {
            ids.addAll(memberships(r));
        } else {
            ids.add(r.id());
        }
        inheritedFor = roleName;
        inherited = ids;
        return ids;
    }

    /** {@code r}'s id and the ids of every role it is a member of, directly or through other roles. */
    Set<Integer> memberships(Role r) {
        Set<Integer> ids = new HashSet<>();
        ids.add(r.id());
        List<ObjectAcl> lists = new ArrayList<>();
        for (ObjectAcl a : catalog.acls(tx)) {
            if (a.type() == 'R' && a.items() != null) {
                lists.add(a);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ObjectAcl a : lists) {
                if (!ids.contains(a.objectId()) && a.items().stream().anyMatch(i -> ids.contains(i.grantee()))) {
                    ids.add(a.objectId());
                    grew = true;
                }
            }
        }
        return ids;
    }
}

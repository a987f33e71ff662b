package io.shaledb.sql.privileges;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.ObjectAcl;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * GRANT / REVOKE on tables, views and schemas, GRANT / REVOKE of role membership and ALTER ...
 * OWNER TO: each a transactional rewrite of the object's {@link ObjectAcl}. The grantor is the
 * owner when the owner or a superuser grants (as PostgreSQL records it), else the granting role,
 * which then needs the grant option.
 */
public final class PrivilegeExecutor {
    private final AccessControl ac;
    private final Catalog catalog;
    private final Transaction tx;

    /** An object privileges are granted on: {@code kind} as messages name it ("table", "view", "schema"). */
    private record Target(char type, int id, String name, String kind) {}

    public PrivilegeExecutor(AccessControl ac) {
        this.ac = ac;
        this.catalog = ac.catalog();
        this.tx = ac.transaction();
    }

    public void execute(Statement.PrivilegeStatement s, ResultSink sink) {
        switch (s) {
            case Statement.GrantPrivileges g -> grant(g, sink);
            case Statement.GrantRole g -> grantRole(g, sink);
            case Statement.AlterOwner a -> alterOwner(a, sink);
            case Statement.SetRole r -> throw new IllegalStateException("SET ROLE is run by the session: " + r);
        }
    }

    // ------------------------------------------------------------------ GRANT / REVOKE privileges

    private void grant(Statement.GrantPrivileges g, ResultSink sink) {
        String kind = g.objectType() == 'n' ? "schema" : g.objectType() == 'S' ? "sequence" : "relation";
        int privileges = 0;
        for (String p : g.privileges()) {
            privileges |= Privilege.bit(p, kind);
        }
        List<Integer> grantees = new ArrayList<>();
        for (Ident who : g.grantees()) {
            grantees.add(who == null ? ObjectAcl.PUBLIC : role(who).id());
        }
        boolean all = g.privileges().contains("all");
        for (Target t : targets(g)) {
            int these = privileges;
            if (t.type() == 'r' && all) {
                these = Privilege.ALL_TABLE;
            }
            if (t.type() == 'r' && (these & Privilege.USAGE) != 0) {
                throw new SqlException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type USAGE for table");
            }
            if (t.type() == 's' && g.objectType() != 'S') {
                if (all) {
                    these = Privilege.ALL_SEQUENCE;
                } else if ((these & ~Privilege.ALL_SEQUENCE) != 0) {
                    sink.notice("WARNING", "0LP01", "sequence \"" + Catalog.bareName(t.name())
                            + "\" only supports USAGE, SELECT, and UPDATE privileges", null, null);
                    these &= Privilege.ALL_SEQUENCE;
                }
            }
            change(t, g, these, grantees, sink);
        }
        sink.complete(g.grant() ? "GRANT" : "REVOKE");
    }

    private List<Target> targets(Statement.GrantPrivileges g) {
        List<Target> out = new ArrayList<>();
        for (Ident name : g.objects()) {
            switch (g.objectType()) {
                case 'n' -> {
                    int id = ac.schemaId(name.name());
                    if (id < 0 || name.name().equals(Schema.PG_CATALOG)) {
                        throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.name() + "\" does not exist");
                    }
                    out.add(new Target('n', id, name.name(), "schema"));
                }
                case 'a' -> {
                    if (ac.schemaId(name.name()) < 0) {
                        throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.name() + "\" does not exist");
                    }
                    for (String rel : catalog.relationsIn(tx, name.name()).stream().sorted().toList()) {
                        Table t = catalog.table(tx, rel);
                        View v = t == null ? catalog.view(tx, rel) : null;
                        if (t != null) {
                            out.add(new Target('r', t.id(), t.name(), "table"));
                        } else if (v != null) {
                            out.add(new Target('r', v.id(), v.name(), "view"));
                        }
                    }
                }
                case 'S' -> {
                    Target t = relation(name);
                    if (t.type() != 's') {
                        throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + Catalog.bareName(t.name()) + "\" is not a sequence");
                    }
                    out.add(t);
                }
                default -> out.add(relation(name));
            }
        }
        return out;
    }

    private Target relation(Ident name) {
        String resolved = catalog.resolve(tx, name.name());
        Table t = catalog.table(tx, resolved);
        if (t != null) {
            return new Target('r', t.id(), t.name(), "table");
        }
        View v = catalog.view(tx, resolved);
        if (v != null) {
            return new Target('r', v.id(), v.name(), "view");
        }
        Sequence q = catalog.sequence(tx, resolved);
        if (q != null) {
            return new Target('s', q.id(), q.name(), "sequence");
        }
        catalog.requireSchemaOf(tx, name.name());
        throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name.name() + "\" does not exist");
    }

    private void change(Target t, Statement.GrantPrivileges g, int requested, List<Integer> grantees, ResultSink sink) {
        String user = ac.currentUser();
        int grantor;
        int privileges = requested;
        if (ac.owns(user, t.type(), t.id())) {
            grantor = ac.ownerId(t.type(), t.id());
        } else {
            int[] rights = ac.rights(user, t.type(), t.id());
            Role me = catalog.role(tx, user);
            grantor = me.id();
            privileges = requested & rights[1];
            String quoted = "\"" + Catalog.bareName(t.name()) + "\"";
            if (privileges == 0) {
                if (rights[0] == 0) {
                    throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + t.kind() + " " + Catalog.bareName(t.name()));
                }
                sink.notice("WARNING", g.grant() ? "01007" : "01006", g.grant() ? "no privileges were granted for " + quoted
                        : "no privileges could be revoked for " + quoted, null, null);
                return;
            }
            if (privileges != requested) {
                sink.notice("WARNING", g.grant() ? "01007" : "01006", g.grant() ? "not all privileges were granted for " + quoted
                        : "not all privileges could be revoked for " + quoted, null, null);
            }
        }
        ObjectAcl old = catalog.acl(tx, t.type(), t.id());
        List<ObjectAcl.Item> items = new ArrayList<>(Acl.items(old, t.type(), t.id()));
        for (int grantee : grantees) {
            if (g.grant()) {
                add(items, grantee, grantor, privileges, g.grantOption() ? privileges : 0);
            } else {
                revoke(items, grantee, grantor, privileges, g.grantOption(), g.cascade(), t);
            }
        }
        int owner = old == null ? 0 : old.owner();
        catalog.putAcl(tx, new ObjectAcl(t.type(), t.id(), owner, items));
    }

    private static void add(List<ObjectAcl.Item> items, int grantee, int grantor, int privileges, int options) {
        for (int k = 0; k < items.size(); k++) {
            ObjectAcl.Item i = items.get(k);
            if (i.grantee() == grantee && i.grantor() == grantor) {
                items.set(k, new ObjectAcl.Item(grantee, grantor, i.privileges() | privileges, i.grantOptions() | options));
                return;
            }
        }
        items.add(new ObjectAcl.Item(grantee, grantor, privileges, options));
    }

    /** Removes privileges (or only their grant options) and, with CASCADE, what the grantee granted from them. */
    private void revoke(List<ObjectAcl.Item> items, int grantee, int grantor, int privileges, boolean optionOnly, boolean cascade,
                        Target t) {
        for (int k = 0; k < items.size(); k++) {
            ObjectAcl.Item i = items.get(k);
            if (i.grantee() != grantee || i.grantor() != grantor) {
                continue;
            }
            int lostOptions = i.grantOptions() & privileges;
            int keptPrivileges = optionOnly ? i.privileges() : i.privileges() & ~privileges;
            int keptOptions = i.grantOptions() & ~privileges;
            if (keptPrivileges == 0) {
                items.remove(k);
            } else {
                items.set(k, new ObjectAcl.Item(grantee, grantor, keptPrivileges, keptOptions));
            }
            if (lostOptions != 0 && grantee != grantor) {
                boolean dependents = items.stream().anyMatch(d -> d.grantor() == grantee && (d.privileges() & lostOptions) != 0);
                if (dependents && !cascade) {
                    throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist", 0, null,
                            "Use CASCADE to revoke them too.", null);
                }
                for (ObjectAcl.Item d : List.copyOf(items)) {
                    if (d.grantor() == grantee && (d.privileges() & lostOptions) != 0) {
                        revoke(items, d.grantee(), grantee, lostOptions, false, true, t);
                    }
                }
            }
            return;
        }
    }

    // ------------------------------------------------------------------ role membership

    private void grantRole(Statement.GrantRole g, ResultSink sink) {
        for (Ident roleName : g.roles()) {
            Role r = role(roleName);
            ObjectAcl old = catalog.acl(tx, 'R', r.id());
            boolean admin = ac.superuser(ac.currentUser()) || old != null && old.items() != null && old.items().stream()
                    .anyMatch(i -> ac.roleIds(ac.currentUser()).contains(i.grantee()) && i.grantOptions() != 0);
            Role me = catalog.role(tx, ac.currentUser());
            if (!admin && !(me != null && me.createrole() && !r.superuser())) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must have admin option on role \"" + r.name() + "\"");
            }
            List<ObjectAcl.Item> items = new ArrayList<>(old == null || old.items() == null ? List.of() : old.items());
            for (Ident memberName : g.members()) {
                if (memberName == null) {
                    throw new SqlException(SqlState.RESERVED_NAME, "role \"public\" does not exist");
                }
                Role m = role(memberName);
                int at = -1;
                for (int k = 0; k < items.size(); k++) {
                    if (items.get(k).grantee() == m.id()) {
                        at = k;
                    }
                }
                if (g.grant()) {
                    if (m.id() == r.id() || ac.memberships(r).contains(m.id())) {
                        throw new SqlException(SqlState.INVALID_GRANT_OPERATION, "role \"" + r.name() + "\" is a member of role \""
                                + m.name() + "\"");
                    }
                    if (at >= 0 && (!g.adminOption() || items.get(at).grantOptions() != 0)) {
                        sink.notice("NOTICE", "00000", "role \"" + m.name() + "\" is already a member of role \"" + r.name() + "\"",
                                null, null);
                        continue;
                    }
                    int grantor = me == null ? 0 : me.id();
                    ObjectAcl.Item item = new ObjectAcl.Item(m.id(), grantor, 1, g.adminOption() ? 1 : 0);
                    if (at >= 0) {
                        items.set(at, item);
                    } else {
                        items.add(item);
                    }
                } else if (at < 0) {
                    sink.notice("WARNING", "01006", "role \"" + m.name() + "\" is not a member of role \"" + r.name() + "\"", null, null);
                } else if (g.adminOption()) {
                    ObjectAcl.Item i = items.get(at);
                    items.set(at, new ObjectAcl.Item(i.grantee(), i.grantor(), 1, 0));
                } else {
                    items.remove(at);
                }
            }
            catalog.putAcl(tx, new ObjectAcl('R', r.id(), 0, items));
        }
        sink.complete(g.grant() ? "GRANT ROLE" : "REVOKE ROLE");
    }

    // ------------------------------------------------------------------ ALTER ... OWNER TO

    private void alterOwner(Statement.AlterOwner a, ResultSink sink) {
        Target t;
        if (a.objectType().equals("schema")) {
            int id = ac.schemaId(a.object().name());
            if (id < 0 || a.object().name().equals(Schema.PG_CATALOG)) {
                throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + a.object().name() + "\" does not exist");
            }
            t = new Target('n', id, a.object().name(), "schema");
        } else {
            t = relation(a.object());
            if (a.objectType().equals("view") && !t.kind().equals("view") || a.objectType().equals("sequence") && !t.kind().equals("sequence")) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + Catalog.bareName(t.name()) + "\" is not a " + a.objectType());
            }
        }
        Role newOwner = role(a.owner());
        String user = ac.currentUser();
        if (!ac.superuser(user)) {
            if (!ac.owns(user, t.type(), t.id())) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + t.kind() + " " + Catalog.bareName(t.name()));
            }
            if (!ac.roleIds(user).contains(newOwner.id())) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
            }
        }
        catalog.putAcl(tx, changeOwner(catalog.acl(tx, t.type(), t.id()), t.type(), t.id(), newOwner.id()));
        if (t.kind().equals("table")) {
            for (Sequence q : catalog.ownedSequences(tx, t.id())) { // a SERIAL's sequence follows its table
                catalog.putAcl(tx, changeOwner(catalog.acl(tx, 's', q.id()), 's', q.id(), newOwner.id()));
            }
        }
        sink.complete("ALTER " + a.objectType().toUpperCase(java.util.Locale.ROOT));
    }

    // ------------------------------------------------------------------ helpers

    /** {@code old} owned by {@code newOwner}; as PostgreSQL's aclnewowner, the old owner's entries become the new owner's. */
    private static ObjectAcl changeOwner(ObjectAcl old, char type, int objectId, int newOwner) {
        int oldOwner = old == null ? 0 : old.owner();
        List<ObjectAcl.Item> items = null;
        if (old != null && old.items() != null) {
            items = new ArrayList<>();
            for (ObjectAcl.Item i : old.items()) {
                int grantee = i.grantee() == oldOwner ? newOwner : i.grantee();
                int grantor = i.grantor() == oldOwner ? newOwner : i.grantor();
                add(items, grantee, grantor, i.privileges(), i.grantOptions());
            }
        }
        return new ObjectAcl(type, objectId, newOwner, items);
    }

    /** The role {@code name} means (CURRENT_USER and SESSION_USER substituted); 42704 when there is none. */
    private Role role(Ident name) {
        String n = name.name();
        if (n.startsWith("\0")) {
            n = n.equals("\0session_user") ? ac.sessionUser() : ac.currentUser();
        }
        Role r = catalog.role(tx, n);
        if (r == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + n + "\" does not exist");
        }
        return r;
    }
}

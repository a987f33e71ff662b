package io.shaledb.sql.privileges;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
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
 * DROP ROLE's dependency rule: a role that owns objects or holds privileges cannot be dropped
 * (2BP01 with one DETAIL line per object, as PostgreSQL lists them); its memberships go with it.
 */
public final class RoleDependencies {
    private RoleDependencies() {}

    public static void checkDrop(Catalog catalog, Transaction tx, Role r) {
        List<String> lines = new ArrayList<>();
        List<ObjectAcl> acls = new ArrayList<>(catalog.acls(tx));
        acls.sort(java.util.Comparator.comparingInt(ObjectAcl::objectId)); // creation order, as PostgreSQL lists them
        for (ObjectAcl a : acls) {
            if (a.type() == 'R') {
                if (a.objectId() == r.id()) {
                    catalog.dropAcl(tx, 'R', r.id());
                } else if (a.items() != null && a.items().stream().anyMatch(i -> i.grantee() == r.id())) {
                    catalog.putAcl(tx, a.withItems(a.items().stream().filter(i -> i.grantee() != r.id()).toList()));
                }
                continue;
            }
            String what = describe(catalog, tx, a);
            if (what == null) {
                continue; // the object is gone
            }
            if (a.owner() == r.id()) {
                lines.add("owner of " + what);
            }
            if (a.items() != null && a.items().stream().anyMatch(i -> i.grantee() == r.id() || i.grantor() == r.id())) {
                lines.add("privileges for " + what);
            }
        }
        if (!lines.isEmpty()) {
            throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + r.name()
                    + "\" cannot be dropped because some objects depend on it", 0, String.join("\n", lines), null, null);
        }
    }

    /** "table t", "view v", "schema s", or null when the object no longer exists. */
    static String describe(Catalog catalog, Transaction tx, ObjectAcl a) {
        if (a.type() == 'n') {
            if (a.objectId() == 0) {
                return "schema " + Schema.PUBLIC;
            }
            return catalog.schemas(tx).stream().filter(s -> s.id() == a.objectId()).findFirst()
                    .map(s -> "schema " + s.name()).orElse(null);
        }
        if (a.type() == 's') {
            for (Schema s : schemasWithPublic(catalog, tx)) {
                for (String name : catalog.relationsIn(tx, s.name())) {
                    Sequence q = catalog.sequence(tx, name);
                    if (q != null && q.id() == a.objectId()) {
                        return "sequence " + q.name();
                    }
                }
            }
            return null;
        }
        Table t = catalog.tableById(tx, a.objectId());
        if (t != null) {
            return "table " + t.name();
        }
        View v = catalog.viewById(tx, a.objectId());
        if (v != null) {
            return "view " + v.name();
        }
        return null;
    }

    private static List<Schema> schemasWithPublic(Catalog catalog, Transaction tx) {
        List<Schema> all = new ArrayList<>(catalog.schemas(tx));
        all.add(0, new Schema(0, Schema.PUBLIC));
        return all;
    }
}

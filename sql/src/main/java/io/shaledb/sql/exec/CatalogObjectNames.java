package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.SearchPath;
import io.shaledb.sql.pgcatalog.PgContext;
import io.shaledb.sql.pgcatalog.PgTypes;
import io.shaledb.sql.pgcatalog.Relations;
import io.shaledb.sql.types.ObjectNames;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ObjectNames.Resolver} a session installs for each statement: relations and types by
 * the OIDs pg_class and pg_type show ({@link Relations}, {@link PgTypes}: user objects at 16384 +
 * catalog id, the system catalogs under PostgreSQL's fixed OIDs such as pg_class 1259), as the
 * statement's transaction sees them. The relation list is computed once per statement, on first use.
 *
 * <p>An unqualified name is looked up in pg_catalog first, then along the search path, as
 * PostgreSQL does; regclass output is bare when the relation is visible that way, else qualified.
 */
final class CatalogObjectNames implements ObjectNames.Resolver {
    private final Catalog catalog;
    private final Transaction tx;
    private List<Relations.Rel> relations;

    CatalogObjectNames(Catalog catalog, Transaction tx) {
        this.catalog = catalog;
        this.tx = tx;
    }

    private List<Relations.Rel> relations() {
        if (relations == null) {
            PgContext ctx = SystemViews.pgContext(catalog, tx);
            relations = Relations.all(ctx);
        }
        return relations;
    }

    /** pg_catalog, then the search path. */
    private static List<String> lookupPath() {
        List<String> path = new ArrayList<>();
        path.add("pg_catalog");
        for (String s : SearchPath.current()) {
            if (!path.contains(s)) {
                path.add(s);
            }
        }
        return path;
    }

    @Override
    public Long relationOid(String name) {
        int dot = name.indexOf('.');
        List<String> schemas = dot >= 0 ? List.of(name.substring(0, dot)) : lookupPath();
        String bare = dot >= 0 ? name.substring(dot + 1) : name;
        for (String schema : schemas) {
            for (Relations.Rel r : relations()) {
                if (r.schema().equals(schema) && r.name().equals(bare)) {
                    return (long) r.oid();
                }
            }
        }
        return null;
    }

    @Override
    public String relationName(long oid) {
        for (Relations.Rel r : relations()) {
            if (r.oid() == oid) {
                Long visible = relationOid(r.name());
                String bare = quoteIdent(r.name());
                return visible != null && visible == oid ? bare : quoteIdent(r.schema()) + "." + bare;
            }
        }
        return null;
    }

    @Override
    public Long typeOid(String name) {
        PgTypes.Type t = PgTypes.byName(name);
        return t == null ? null : (long) t.oid();
    }

    @Override
    public String typeName(long oid) {
        PgTypes.Type t = PgTypes.byOid(oid);
        return t == null ? null : t.formatName();
    }

    @Override
    public Long functionOid(String name) {
        return io.shaledb.sql.pgcatalog.PgObjects.functionOid(SystemViews.pgContext(catalog, tx), name);
    }

    @Override
    public String functionName(long oid) {
        return io.shaledb.sql.pgcatalog.PgObjects.functionName(SystemViews.pgContext(catalog, tx), oid);
    }

    @Override
    public Long namespaceOid(String name) {
        int oid = io.shaledb.sql.pgcatalog.Oids.namespace(catalog, tx, name);
        return oid == 0 ? null : (long) oid;
    }

    @Override
    public String namespaceName(long oid) {
        String n = io.shaledb.sql.pgcatalog.Oids.namespaceName(catalog, tx, oid);
        return n == null ? null : quoteIdent(n);
    }

    @Override
    public Long roleOid(String name) {
        for (io.shaledb.sql.catalog.Role r : catalog.roles(tx)) {
            if (r.name().equals(name)) {
                return (long) io.shaledb.sql.pgcatalog.Oids.role(r);
            }
        }
        return null;
    }

    @Override
    public String roleName(long oid) {
        String n = io.shaledb.sql.pgcatalog.Oids.roleName(catalog, tx, oid);
        return n == null ? null : quoteIdent(n);
    }

    /** quote_ident without the keyword list: quoted unless all lower-case letters, digits and underscores. */
    static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_')
                && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

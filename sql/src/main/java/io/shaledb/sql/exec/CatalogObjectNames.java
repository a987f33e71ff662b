package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.SearchPath;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.sql.types.ObjectNames;
import io.shaledb.txn.Transaction;
import java.util.Map;

/**
 * The {@link ObjectNames.Resolver} a session installs for each statement: user relations by the
 * catalog's OIDs ({@link Table#FIRST_USER_OID} + id, as pg_class shows them) as the statement's
 * transaction sees them, and the system catalogs under PostgreSQL's own fixed OIDs
 * ({@code 'pg_class'::regclass} is 1259 in every PostgreSQL database, and clients such as pgjdbc
 * compare with it).
 */
final class CatalogObjectNames implements ObjectNames.Resolver {
    /** PostgreSQL's fixed OIDs of the system catalogs (pg_class.h and friends). */
    static final Map<String, Long> SYSTEM_RELATIONS = Map.ofEntries(Map.entry("pg_type", 1247L),
            Map.entry("pg_attribute", 1249L), Map.entry("pg_proc", 1255L), Map.entry("pg_class", 1259L),
            Map.entry("pg_authid", 1260L), Map.entry("pg_database", 1262L), Map.entry("pg_am", 2601L),
            Map.entry("pg_attrdef", 2604L), Map.entry("pg_constraint", 2606L), Map.entry("pg_inherits", 2611L),
            Map.entry("pg_index", 2610L), Map.entry("pg_description", 2609L), Map.entry("pg_namespace", 2615L),
            Map.entry("pg_trigger", 2620L), Map.entry("pg_depend", 2608L), Map.entry("pg_collation", 3456L),
            Map.entry("pg_sequence", 2224L), Map.entry("pg_tablespace", 1213L), Map.entry("pg_settings", 12_300L));

    private final Catalog catalog;
    private final Transaction tx;

    CatalogObjectNames(Catalog catalog, Transaction tx) {
        this.catalog = catalog;
        this.tx = tx;
    }

    @Override
    public Long relationOid(String name) {
        String bare = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
        Long system = SYSTEM_RELATIONS.get(bare);
        if (system != null && (bare.equals(name) || name.startsWith("pg_catalog."))) {
            return system;
        }
        String resolved = catalog.resolve(tx, name);
        if (resolved == null) {
            return pgcatalogRelation(name);
        }
        Table t = catalog.table(tx, resolved);
        if (t != null) {
            return (long) t.oid();
        }
        Index i = catalog.index(tx, resolved);
        if (i != null) {
            return (long) i.oid();
        }
        Sequence q = catalog.sequence(tx, resolved);
        if (q != null) {
            return (long) q.oid();
        }
        View v = catalog.view(tx, resolved);
        return v == null ? pgcatalogRelation(name) : (long) Table.FIRST_USER_OID + v.id();
    }

    /**
     * A relation only pg_class knows (a primary key's index, a system relation such as
     * pg_attrdef or information_schema.tables), by the OID pg_class shows (pgcat).
     */
    private Long pgcatalogRelation(String name) {
        String schema = name.indexOf('.') < 0 ? null : Catalog.schemaOf(name);
        String bare = Catalog.bareName(name);
        for (io.shaledb.sql.pgcatalog.Relations.Rel r : io.shaledb.sql.pgcatalog.Relations.all(SystemViews.pgContext(catalog, tx))) {
            if (r.name().equals(bare) && (schema == null ? r.system() || SearchPath.current().contains(r.schema())
                    : r.schema().equals(schema))) {
                return (long) r.oid();
            }
        }
        return null;
    }

    @Override
    public String relationName(long oid) {
        for (Map.Entry<String, Long> e : SYSTEM_RELATIONS.entrySet()) {
            if (e.getValue() == oid) {
                return e.getKey();
            }
        }
        for (Table t : catalog.tables(tx)) {
            if (t.oid() == oid) {
                return visible(t.name());
            }
            for (Index i : catalog.indexes(tx, t.id())) {
                if (i.oid() == oid) {
                    return visible(i.name());
                }
            }
            for (Sequence q : catalog.ownedSequences(tx, t.id())) {
                if (q.oid() == oid) {
                    return visible(q.name());
                }
            }
        }
        for (View v : catalog.views(tx)) {
            if (Table.FIRST_USER_OID + v.id() == oid) {
                return visible(v.name());
            }
        }
        io.shaledb.sql.pgcatalog.Relations.Rel r = io.shaledb.sql.pgcatalog.Relations.byOid(SystemViews.pgContext(catalog, tx), oid);
        return r == null ? null : r.system() ? (r.schema().equals("pg_catalog") ? r.name() : r.schema() + "." + r.name())
                : visible(r.qualified());
    }

    /** A catalog name as regclass prints it: bare when its schema is on the search path, else qualified. */
    private static String visible(String catalogName) {
        String schema = Catalog.schemaOf(catalogName);
        String bare = quoteIdent(Catalog.bareName(catalogName));
        return SearchPath.current().contains(schema) ? bare : quoteIdent(schema) + "." + bare;
    }

    /** quote_ident without the keyword list: quoted unless all lower-case letters, digits and underscores. */
    static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_')
                && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

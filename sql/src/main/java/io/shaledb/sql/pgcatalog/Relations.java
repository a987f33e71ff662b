package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.sql.constraint.ConstraintDdl;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every relation a transaction sees, one shape for all kinds: what pg_class, pg_attribute,
 * regclass and pg_table_is_visible are computed from.
 *
 * <pre>
 *   table      relkind r   oid = 16384 + table id
 *   index      relkind i   oid = 16384 + index id; a primary key: its constraint's OID
 *   view       relkind v   oid = 16384 + view id
 *   sequence   relkind S   oid = 16384 + sequence id
 *   system     relkind r/v the executor's and this package's relations, OIDs below 16384
 * </pre>
 */
public final class Relations {
    /** PostgreSQL's own catalogs (relkind r); the other system relations are views. */
    private static final Set<String> CATALOG_TABLES = Set.of("pg_class", "pg_attribute", "pg_type", "pg_proc", "pg_namespace",
            "pg_database", "pg_index", "pg_constraint", "pg_am", "pg_attrdef", "pg_trigger", "pg_description", "pg_inherits",
            "pg_sequence", "pg_collation", "pg_tablespace", "pg_extension", "pg_auth_members", "pg_policy", "pg_statistic_ext",
            "pg_publication", "pg_publication_rel", "pg_publication_namespace", "pg_depend", "pg_enum", "pg_range",
            "pg_rewrite", "pg_authid", "pg_foreign_table", "pg_partitioned_table", "pg_operator", "pg_opclass",
            "pg_shdescription", "pg_event_trigger", "pg_cast", "pg_language", "pg_foreign_server", "pg_foreign_data_wrapper",
            "pg_db_role_setting", "pg_user_mapping");

    /**
     * One relation.
     *
     * @param columns the attributes: a table's or view's columns, an index's key columns (an
     *     expression key is a column named {@code expr}), a sequence's three
     * @param table the table itself, or an index's table; null for views, sequences and system relations
     * @param index the index (a primary key's made up from its constraint), else null
     */
    public record Rel(int oid, String schema, String name, char kind, List<Column> columns, Table table, Index index,
                      boolean primary, View view, Sequence sequence, boolean system) {
        /** {@code schema.name} as the catalog keys it (public relations unqualified). */
        public String qualified() {
            return Catalog.qualify(schema, name);
        }
    }

    private Relations() {}

    /** Every relation {@code ctx} sees, system relations last (computed once per statement). */
    @SuppressWarnings("unchecked")
    public static List<Rel> all(PgContext ctx) {
        Object memo = ctx.memo().get("pgcatalog.relations");
        if (memo == null) {
            memo = compute(ctx);
            ctx.memo().put("pgcatalog.relations", memo);
        }
        return (List<Rel>) memo;
    }

    private static List<Rel> compute(PgContext ctx) {
        Catalog catalog = ctx.catalog();
        Transaction tx = ctx.tx();
        List<Rel> out = new ArrayList<>();
        for (Table t : catalog.tables(tx)) {
            if (t.id() < 0) {
                continue;
            }
            String schema = Catalog.schemaOf(t.name());
            out.add(new Rel(t.oid(), schema, Catalog.bareName(t.name()), 'r', t.columns(), t, null, false, null, null, false));
            if (!t.hasHiddenRowId()) {
                Index pk = primaryKey(catalog, tx, t);
                out.add(new Rel(pk.oid(), schema, pk.name(), 'i', indexColumns(t, pk), t, pk, true, null, null, false));
            }
            for (Index i : catalog.indexes(tx, t.id())) {
                out.add(new Rel(i.oid(), schema, Catalog.bareName(i.name()), 'i', indexColumns(t, i), t, i, false, null, null,
                        false));
            }
        }
        for (View v : catalog.views(tx)) {
            List<Column> cols = new ArrayList<>();
            for (int i = 0; i < v.columns().size(); i++) {
                SqlType type = SqlType.TEXT;
                if (i < v.types().size()) {
                    PgTypes.Type pt = PgTypes.byName(v.types().get(i));
                    type = pt == null ? SqlType.TEXT : sqlType(pt.oid());
                }
                cols.add(new Column(v.columns().get(i), type, baseModifier(catalog, tx, v, v.columns().get(i), type), false));
            }
            out.add(new Rel(Oids.user(v.id()), Catalog.schemaOf(v.name()), Catalog.bareName(v.name()), 'v', cols, null, null, false,
                    v, null, false));
        }
        for (Sequence q : catalog.sequences(tx)) {
            List<Column> cols = List.of(new Column("last_value", SqlType.BIGINT, -1, true),
                    new Column("log_cnt", SqlType.BIGINT, -1, true), new Column("is_called", SqlType.BOOLEAN, -1, true));
            out.add(new Rel(q.oid(), Catalog.schemaOf(q.name()), Catalog.bareName(q.name()), 'S', cols, null, null, false, null, q,
                    false));
        }
        for (Table s : ctx.systemRelations()) {
            String name = s.name();
            boolean info = name.startsWith("information_schema.");
            out.add(new Rel(Oids.CATALOG_TABLES.getOrDefault(name, s.oid()), info ? "information_schema" : Schema.PG_CATALOG, info ? Catalog.bareName(name) : name,
                    CATALOG_TABLES.contains(name) ? 'r' : 'v', s.columns(), null, null, false, null, null, true));
        }
        return out;
    }

    /**
     * A view column's type modifier: the one of the same-named, same-typed column of a table the
     * view reads (views do not store modifiers), else none.
     */
    private static int baseModifier(Catalog catalog, Transaction tx, View v, String column, SqlType type) {
        for (View.Ref ref : v.refs()) {
            Table t = ref.view() ? null : catalog.tableById(tx, ref.id());
            int c = t == null ? -1 : t.columnIndex(column);
            if (c >= 0 && t.column(c).type() == type) {
                return t.column(c).maxLength();
            }
        }
        return -1;
    }

    /** The relation with OID {@code oid}, or null. */
    @SuppressWarnings("unchecked")
    public static Rel byOid(PgContext ctx, long oid) {
        Object memo = ctx.memo().get("pgcatalog.relationsByOid");
        if (memo == null) {
            java.util.Map<Long, Rel> index = new java.util.HashMap<>();
            all(ctx).forEach(r -> index.putIfAbsent((long) r.oid(), r));
            memo = index;
            ctx.memo().put("pgcatalog.relationsByOid", memo);
        }
        return ((java.util.Map<Long, Rel>) memo).get(oid);
    }

    /** The SqlType with PostgreSQL type OID {@code oid} (text when ShaleDB has none). */
    static SqlType sqlType(int oid) {
        for (SqlType s : SqlType.values()) {
            if (s.oid() == oid) {
                return s;
            }
        }
        return SqlType.TEXT;
    }

    /** The table's PRIMARY KEY described as an index named and numbered after its constraint. */
    public static Index primaryKey(Catalog catalog, Transaction tx, Table t) {
        Constraint k = null;
        for (Constraint c : catalog.constraints(tx, t.id())) {
            if (c.type() == Constraint.PRIMARY_KEY) {
                k = c;
            }
        }
        if (k == null) {
            k = ConstraintDdl.implicitPrimaryKey(t);
        }
        List<Index.Key> keys = new ArrayList<>();
        for (int c : t.primaryKey()) {
            keys.add(new Index.Key(t.column(c).name(), false, false));
        }
        return new Index(k.oid() - Table.FIRST_USER_OID, k.name(), t.id(), true, "btree", keys, null, t.storageId(), List.of(), true,
                0);
    }

    private static List<Column> indexColumns(Table t, Index i) {
        List<Column> out = new ArrayList<>();
        for (Index.Key k : i.columns()) {
            int c = k.isExpression() ? -1 : t.columnIndex(k.column());
            out.add(c < 0 ? new Column("expr", SqlType.TEXT, -1, false) : t.column(c).withNotNull(false).withDefault(null));
        }
        for (String inc : i.include()) {
            int c = t.columnIndex(inc);
            if (c >= 0) {
                out.add(t.column(c).withNotNull(false).withDefault(null));
            }
        }
        return out;
    }
}

package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The relation catalogs: pg_class, pg_attribute, pg_attrdef, pg_namespace, pg_sequence,
 * pg_trigger, and the pg_tables / pg_views views over them, from {@link Relations}.
 *
 * <p>Real: names, kinds, schemas, column types and modifiers, NOT NULL, defaults (as written;
 * {@code pg_get_expr} deparses them), index/trigger/check counts, access methods. Constant:
 * owner (the bootstrap role), tablespace (default), persistence (permanent), page and tuple
 * counts (0 and -1, "never analyzed"), ACLs (NULL).
 */
final class PgRelations {
    /** The system columns of tables and sequences, attnum -1, -2, ... as in PostgreSQL. */
    private static final String[][] SYSTEM_COLUMNS = {{"ctid", "tid"}, {"xmin", "xid"}, {"cmin", "cid"}, {"xmax", "xid"},
            {"cmax", "cid"}, {"tableoid", "oid"}};

    private PgRelations() {}

    static void register() {
        PgCatalog.define("pg_class", PgRelations::pgClass, "oid oid", "relname text", "relnamespace oid", "reltype oid",
                "reloftype oid", "relowner oid", "relam oid", "relfilenode oid", "reltablespace oid", "relpages int",
                "reltuples real", "relallvisible int", "reltoastrelid oid", "relhasindex bool", "relisshared bool",
                "relpersistence text", "relkind text", "relnatts int2", "relchecks int2", "relhasrules bool", "relhastriggers bool",
                "relhassubclass bool", "relrowsecurity bool", "relforcerowsecurity bool", "relispopulated bool", "relreplident text",
                "relispartition bool", "relrewrite oid", "relfrozenxid int", "relminmxid int", "relacl text[]", "reloptions text[]",
                "relpartbound text");
        PgCatalog.define("pg_attribute", PgRelations::pgAttribute, "attrelid oid", "attname text", "atttypid oid",
                "attstattarget int", "attlen int2", "attnum int2", "attndims int", "attcacheoff int", "atttypmod int", "attbyval bool",
                "attalign text", "attstorage text", "attcompression text", "attnotnull bool", "atthasdef bool", "atthasmissing bool",
                "attidentity text", "attgenerated text", "attisdropped bool", "attislocal bool", "attinhcount int", "attcollation oid",
                "attacl text[]", "attoptions text[]", "attfdwoptions text[]", "attmissingval text");
        PgCatalog.define("pg_attrdef", PgRelations::pgAttrdef, "oid oid", "adrelid oid", "adnum int2", "adbin text");
        PgCatalog.define("pg_namespace", PgRelations::pgNamespace, "oid oid", "nspname text", "nspowner oid", "nspacl text[]");
        PgCatalog.define("pg_sequence", PgRelations::pgSequence, "seqrelid oid", "seqtypid oid", "seqstart int8",
                "seqincrement int8", "seqmax int8", "seqmin int8", "seqcache int8", "seqcycle bool");
        PgCatalog.define("pg_trigger", PgRelations::pgTrigger, "oid oid", "tgrelid oid", "tgparentid oid", "tgname text",
                "tgfoid oid", "tgtype int2", "tgenabled text", "tgisinternal bool", "tgconstrrelid oid", "tgconstrindid oid",
                "tgconstraint oid", "tgdeferrable bool", "tginitdeferred bool", "tgnargs int2", "tgattr text", "tgargs text",
                "tgqual text", "tgoldtable text", "tgnewtable text");
        PgCatalog.define("pg_tables", PgRelations::pgTables, "schemaname text", "tablename text", "tableowner text",
                "tablespace text", "hasindexes bool", "hasrules bool", "hastriggers bool", "rowsecurity bool");
        PgCatalog.define("pg_views", PgRelations::pgViews, "schemaname text", "viewname text", "viewowner text", "definition text");
        PgCatalog.define("pg_inherits", PgCatalog::none, "inhrelid oid", "inhparent oid", "inhseqno int", "inhdetachpending bool");
        PgCatalog.define("pg_description", PgCatalog::none, "objoid oid", "classoid oid", "objsubid int", "description text");
        PgCatalog.define("pg_depend", PgRelations::pgDepend, "classid oid", "objid oid", "objsubid int", "refclassid oid",
                "refobjid oid", "refobjsubid int", "deptype text");
    }

    private static List<Object[]> pgClass(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        for (Relations.Rel r : Relations.all(ctx)) {
            int ns = Oids.namespace(ctx.catalog(), ctx.tx(), r.schema());
            boolean table = r.kind() == 'r' && !r.system();
            int checks = 0;
            boolean hasIndex = false;
            boolean hasTriggers = false;
            if (table) {
                Table t = r.table();
                for (Constraint k : ctx.catalog().constraints(ctx.tx(), t.id())) {
                    checks += k.type() == Constraint.CHECK ? 1 : 0;
                }
                hasIndex = !t.hasHiddenRowId() || !ctx.catalog().indexes(ctx.tx(), t.id()).isEmpty();
                hasTriggers = hasTriggers(ctx, t);
            }
            int am = switch (r.kind()) {
                case 'r' -> r.system() ? Oids.HEAP_AM : "lsm".equals(r.table().engine()) ? Oids.LSM_AM : Oids.HEAP_AM;
                case 'i' -> "hash".equals(r.index().method()) ? Oids.HASH_AM : Oids.BTREE_AM;
                default -> 0;
            };
            char replident = r.kind() == 'r' ? 'd' : 'n';
            // owner and access-control list (GRANT / REVOKE): see io.shaledb.sql.privileges.Acl
            int objectId = r.system() ? -1 : r.table() != null ? r.table().id() : r.view() != null ? r.view().id()
                    : r.sequence() != null ? r.sequence().id() : r.index() != null ? r.index().tableId() : -1;
            int relOwner = objectId < 0 ? owner : io.shaledb.sql.privileges.Acl.relationOwnerOid(ctx.catalog(), ctx.tx(), objectId);
            String acl = objectId < 0 || r.index() != null ? null
                    : io.shaledb.sql.privileges.Acl.relationAcl(ctx.catalog(), ctx.tx(), objectId);
            Object relacl = acl == null ? null : io.shaledb.sql.types.SqlArrays.parse(acl, io.shaledb.sql.types.SqlType.TEXT);
            rows.add(new Object[] {r.oid(), r.name(), ns, 0, 0, relOwner, am, r.system() ? 0 : r.oid(), 0, 0, -1f, 0, 0,
                    hasIndex, false, "p", String.valueOf(r.kind()), (short) r.columns().size(), (short) checks, false, hasTriggers,
                    false, false, false, true, String.valueOf(replident), false, 0, 0, 0, relacl, null, null});
        }
        return rows;
    }

    private static List<Object[]> pgAttribute(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relations.Rel r : Relations.all(ctx)) {
            if ((r.kind() == 'r' && !r.system()) || r.kind() == 'S') {
                for (int i = 0; i < SYSTEM_COLUMNS.length; i++) {
                    PgTypes.Type t = PgTypes.byName(SYSTEM_COLUMNS[i][1]);
                    rows.add(new Object[] {r.oid(), SYSTEM_COLUMNS[i][0], t.oid(), 0, (short) t.len(), (short) -(i + 1), 0, -1, -1,
                            t.byVal(), String.valueOf(t.align()), String.valueOf(t.storage()), "", true, false, false, "", "", false,
                            true, 0, 0, null, null, null, null});
                }
            }
            for (int i = 0; i < r.columns().size(); i++) {
                Column c = r.columns().get(i);
                int typeOid = PgTypes.columnTypeOid(c.type(), c.maxLength());
                PgTypes.Type t = PgTypes.byOid(typeOid);
                boolean hasDefault = c.defaultExpr() != null && c.identity() == 0;
                rows.add(new Object[] {r.oid(), c.name(), typeOid, -1, (short) (t == null ? -1 : t.len()), (short) (i + 1),
                        c.type().isArray() ? 1 : 0, -1, PgTypes.typmod(c.type(), c.maxLength()), t != null && t.byVal(),
                        String.valueOf(t == null ? 'i' : t.align()), String.valueOf(t == null ? 'x' : t.storage()), "", c.notNull(),
                        hasDefault, c.missing() != null, c.identity() == 0 ? "" : String.valueOf(c.identity()), "", false, true, 0,
                        t == null ? 0 : t.collation(), null, null, null, null});
            }
        }
        return rows;
    }

    private static List<Object[]> pgAttrdef(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : ctx.catalog().tables(ctx.tx())) {
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.columns().get(i);
                if (t.id() >= 0 && c.defaultExpr() != null && c.identity() == 0) {
                    rows.add(new Object[] {0, t.oid(), (short) (i + 1), c.defaultExpr()});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> pgNamespace(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        int owner = Oids.owner(ctx.catalog(), ctx.tx());
        rows.add(new Object[] {Oids.PG_TOAST, "pg_toast", owner, null});
        rows.add(new Object[] {Oids.PG_CATALOG, Schema.PG_CATALOG, owner, null});
        rows.add(new Object[] {Oids.PUBLIC, Schema.PUBLIC, Oids.DATABASE_OWNER, null});
        rows.add(new Object[] {Oids.INFORMATION_SCHEMA, "information_schema", owner, null});
        for (Schema s : ctx.catalog().schemas(ctx.tx())) {
            if (!s.name().equals(Schema.PUBLIC) && !s.name().equals(Schema.PG_CATALOG)) {
                String nspacl = io.shaledb.sql.privileges.Acl.schemaAcl(ctx.catalog(), ctx.tx(), s.name());
                rows.add(new Object[] {Oids.user(s.id()), s.name(),
                        io.shaledb.sql.privileges.Acl.schemaOwnerOid(ctx.catalog(), ctx.tx(), s.name()),
                        nspacl == null ? null : io.shaledb.sql.types.SqlArrays.parse(nspacl, io.shaledb.sql.types.SqlType.TEXT)});
            }
        }
        return rows;
    }

    /** Only what psql reads: a sequence owned by a column (SERIAL: 'a', identity: 'i'). */
    private static List<Object[]> pgDepend(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        int pgClass = Oids.CATALOG_TABLES.get("pg_class");
        for (Sequence q : ctx.catalog().sequences(ctx.tx())) {
            Table t = q.ownerTableId() == 0 ? null : ctx.catalog().tableById(ctx.tx(), q.ownerTableId());
            int c = t == null || q.ownerColumn() == null ? -1 : t.columnIndex(q.ownerColumn());
            if (c >= 0) {
                rows.add(new Object[] {pgClass, q.oid(), 0, pgClass, t.oid(), c + 1, t.column(c).identity() != 0 ? "i" : "a"});
            }
        }
        return rows;
    }

    private static List<Object[]> pgSequence(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Sequence q : ctx.catalog().sequences(ctx.tx())) {
            int type = q.max() == Short.MAX_VALUE ? 21 : q.max() == Integer.MAX_VALUE ? 23 : 20; // AS smallint / integer set these maxima
            rows.add(new Object[] {q.oid(), type, q.start(), q.increment(), q.max(), q.min(), q.cache(), q.cycle()});
        }
        return rows;
    }

    private static List<Object[]> pgTrigger(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Trigger tr : ctx.catalog().triggers(ctx.tx())) {
            Table t = ctx.catalog().tableById(ctx.tx(), tr.tableId());
            if (t == null) {
                continue;
            }
            StringJoiner attr = new StringJoiner(" ");
            tr.updateColumns().forEach(c -> attr.add(String.valueOf(t.columnIndex(c) + 1)));
            StringBuilder args = new StringBuilder();
            tr.args().forEach(a -> args.append(a).append("\\000"));
            rows.add(new Object[] {Oids.user(tr.id()), t.oid(), 0, tr.name(), Oids.user(tr.functionId()), triggerType(tr),
                    tr.enabled() ? "O" : "D", false, 0, 0, 0, false, false, (short) tr.args().size(), attr.toString(), args.toString(),
                    tr.when(), null, null});
        }
        return rows;
    }

    /**
     * PostgreSQL's relhastriggers: user triggers, or the internal triggers that enforce a foreign
     * key on both of its tables.
     */
    private static boolean hasTriggers(PgContext ctx, Table t) {
        if (!ctx.catalog().triggers(ctx.tx(), t.id()).isEmpty() || !ctx.catalog().referencing(ctx.tx(), t.id()).isEmpty()) {
            return true;
        }
        return ctx.catalog().constraints(ctx.tx(), t.id()).stream().anyMatch(k -> k.type() == Constraint.FOREIGN_KEY);
    }

    /** PostgreSQL's tgtype bits: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16. */
    static short triggerType(Trigger tr) {
        int type = (tr.forEachRow() ? 1 : 0) | (tr.before() ? 2 : 0);
        type |= tr.firesOn(Trigger.INSERT) ? 4 : 0;
        type |= tr.firesOn(Trigger.DELETE) ? 8 : 0;
        type |= tr.firesOn(Trigger.UPDATE) ? 16 : 0;
        return (short) type;
    }

    private static List<Object[]> pgTables(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String owner = Oids.roleName(ctx.catalog(), ctx.tx(), Oids.owner(ctx.catalog(), ctx.tx()));
        for (Table t : ctx.catalog().tables(ctx.tx())) {
            if (t.id() >= 0) {
                boolean indexes = !t.hasHiddenRowId() || !ctx.catalog().indexes(ctx.tx(), t.id()).isEmpty();
                rows.add(new Object[] {Catalog.schemaOf(t.name()), Catalog.bareName(t.name()), owner, null, indexes, false,
                        hasTriggers(ctx, t), false});
            }
        }
        return rows;
    }

    private static List<Object[]> pgViews(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String owner = Oids.roleName(ctx.catalog(), ctx.tx(), Oids.owner(ctx.catalog(), ctx.tx()));
        for (io.shaledb.sql.catalog.View v : ctx.catalog().views(ctx.tx())) {
            rows.add(new Object[] {Catalog.schemaOf(v.name()), Catalog.bareName(v.name()), owner, v.sql()});
        }
        return rows;
    }
}

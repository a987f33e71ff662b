package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL-standard views of {@code information_schema}: tables, columns, schemata, views,
 * key_column_usage, referential_constraints ({@code table_constraints} is the constraint
 * package's). Only user objects are listed, as PostgreSQL lists what the user may see of them;
 * all columns are text ({@code sql_identifier}, {@code yes_or_no}, {@code character_data}) except
 * the {@code cardinal_number} ones, which are integers.
 */
final class InformationSchema {
    private InformationSchema() {}

    static void register() {
        PgCatalog.define("information_schema.tables", InformationSchema::tables, "table_catalog text", "table_schema text",
                "table_name text", "table_type text", "self_referencing_column_name text", "reference_generation text",
                "user_defined_type_catalog text", "user_defined_type_schema text", "user_defined_type_name text",
                "is_insertable_into text", "is_typed text", "commit_action text");
        PgCatalog.define("information_schema.columns", InformationSchema::columns, "table_catalog text", "table_schema text",
                "table_name text", "column_name text", "ordinal_position int", "column_default text", "is_nullable text",
                "data_type text", "character_maximum_length int", "character_octet_length int", "numeric_precision int",
                "numeric_precision_radix int", "numeric_scale int", "datetime_precision int", "interval_type text",
                "interval_precision int", "character_set_catalog text", "character_set_schema text", "character_set_name text",
                "collation_catalog text", "collation_schema text", "collation_name text", "domain_catalog text",
                "domain_schema text", "domain_name text", "udt_catalog text", "udt_schema text", "udt_name text",
                "scope_catalog text", "scope_schema text", "scope_name text", "maximum_cardinality int", "dtd_identifier text",
                "is_self_referencing text", "is_identity text", "identity_generation text", "identity_start text",
                "identity_increment text", "identity_maximum text", "identity_minimum text", "identity_cycle text",
                "is_generated text", "generation_expression text", "is_updatable text");
        PgCatalog.define("information_schema.schemata", InformationSchema::schemata, "catalog_name text", "schema_name text",
                "schema_owner text", "default_character_set_catalog text", "default_character_set_schema text",
                "default_character_set_name text", "sql_path text");
        PgCatalog.define("information_schema.views", InformationSchema::views, "table_catalog text", "table_schema text",
                "table_name text", "view_definition text", "check_option text", "is_updatable text", "is_insertable_into text",
                "is_trigger_updatable text", "is_trigger_deletable text", "is_trigger_insertable_into text");
        PgCatalog.define("information_schema.key_column_usage", InformationSchema::keyColumnUsage, "constraint_catalog text",
                "constraint_schema text", "constraint_name text", "table_catalog text", "table_schema text", "table_name text",
                "column_name text", "ordinal_position int", "position_in_unique_constraint int");
        PgCatalog.define("information_schema.referential_constraints", InformationSchema::referentialConstraints,
                "constraint_catalog text", "constraint_schema text", "constraint_name text", "unique_constraint_catalog text",
                "unique_constraint_schema text", "unique_constraint_name text", "match_option text", "update_rule text",
                "delete_rule text");
    }

    private static List<Table> userTables(PgContext ctx) {
        return ctx.catalog().tables(ctx.tx()).stream().filter(t -> t.id() >= 0).toList();
    }

    private static List<Object[]> tables(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String db = PgContext.DATABASE;
        for (Table t : userTables(ctx)) {
            rows.add(new Object[] {db, Catalog.schemaOf(t.name()), Catalog.bareName(t.name()), "BASE TABLE", null, null, null, null,
                    null, "YES", "NO", null});
        }
        for (View v : ctx.catalog().views(ctx.tx())) {
            rows.add(new Object[] {db, Catalog.schemaOf(v.name()), Catalog.bareName(v.name()), "VIEW", null, null, null, null, null,
                    "NO", "NO", null});
        }
        return rows;
    }

    private static List<Object[]> columns(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String db = PgContext.DATABASE;
        for (Relations.Rel r : Relations.all(ctx)) {
            if (r.system() || (r.kind() != 'r' && r.kind() != 'v')) {
                continue;
            }
            for (int i = 0; i < r.columns().size(); i++) {
                Column c = r.columns().get(i);
                int typeOid = PgTypes.columnTypeOid(c.type(), c.maxLength());
                PgTypes.Type t = PgTypes.byOid(typeOid);
                SqlType type = Relations.sqlType(typeOid);
                boolean chars = type.isString();
                Integer maxLen = chars && c.maxLength() >= 0 ? c.maxLength() : null;
                Integer octets = chars ? (maxLen == null ? 1073741824 : maxLen * 4) : null;
                Integer precision = null;
                Integer radix = null;
                Integer scale = null;
                switch (type) {
                    case SMALLINT -> { precision = 16; radix = 2; scale = 0; }
                    case INTEGER -> { precision = 32; radix = 2; scale = 0; }
                    case BIGINT -> { precision = 64; radix = 2; scale = 0; }
                    case REAL -> { precision = 24; radix = 2; }
                    case DOUBLE -> { precision = 53; radix = 2; }
                    case NUMERIC -> {
                        radix = 10;
                        if (c.maxLength() >= 0) {
                            precision = Numerics.precision(c.maxLength());
                            scale = Numerics.scale(c.maxLength());
                        }
                    }
                    default -> { }
                }
                Integer datetime = switch (type) {
                    case DATE -> 0;
                    case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> c.maxLength() >= 0 ? c.maxLength() : 6;
                    default -> null;
                };
                String dataType = type.isArray() ? "ARRAY" : t == null ? "USER-DEFINED" : PgTypes.format(typeOid, null);
                String identity = c.identity() == 'a' ? "ALWAYS" : c.identity() == 'd' ? "BY DEFAULT" : null;
                String def = c.identity() != 0 || c.defaultExpr() == null || r.table() == null ? null
                        : ctx.defaults().apply(r.table(), c.defaultExpr());
                rows.add(new Object[] {db, r.schema(), r.name(), c.name(), i + 1, def,
                        c.notNull() ? "NO" : "YES", dataType, maxLen, octets, precision, radix, scale, datetime, null, null, null,
                        null, null, null, null, null, null, null, null, db, Schema.PG_CATALOG, t == null ? null : t.name(), null, null,
                        null, null, String.valueOf(i + 1), "NO", identity == null ? "NO" : "YES", identity, null, null, null, null,
                        identity == null ? null : "NO", "NEVER", null, r.kind() == 'r' ? "YES" : "NO"});
            }
        }
        return rows;
    }

    private static List<Object[]> schemata(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String owner = Oids.roleName(ctx.catalog(), ctx.tx(), Oids.owner(ctx.catalog(), ctx.tx()));
        for (String s : List.of("information_schema", Schema.PG_CATALOG, "pg_toast")) {
            rows.add(new Object[] {PgContext.DATABASE, s, owner, null, null, null, null});
        }
        rows.add(new Object[] {PgContext.DATABASE, Schema.PUBLIC, "pg_database_owner", null, null, null, null});
        for (Schema s : ctx.catalog().schemas(ctx.tx())) {
            if (!s.name().equals(Schema.PUBLIC) && !s.name().equals(Schema.PG_CATALOG)) {
                rows.add(new Object[] {PgContext.DATABASE, s.name(), owner, null, null, null, null});
            }
        }
        return rows;
    }

    private static List<Object[]> views(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (View v : ctx.catalog().views(ctx.tx())) {
            rows.add(new Object[] {PgContext.DATABASE, Catalog.schemaOf(v.name()), Catalog.bareName(v.name()), v.sql(), "NONE", "NO",
                    "NO", "NO", "NO", "NO"});
        }
        return rows;
    }

    private static List<Object[]> keyColumnUsage(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String db = PgContext.DATABASE;
        for (Table t : userTables(ctx)) {
            String schema = Catalog.schemaOf(t.name());
            for (Constraint k : constraints(ctx, t)) {
                if (k.type() == Constraint.CHECK) {
                    continue;
                }
                for (int i = 0; i < k.columns().size(); i++) {
                    Integer inUnique = null;
                    if (k.type() == Constraint.FOREIGN_KEY) {
                        inUnique = i + 1;
                        Table ref = ctx.catalog().tableById(ctx.tx(), k.refTableId());
                        Constraint key = ref == null ? null : referencedKey(ctx, ref, k.refColumns());
                        if (key != null) {
                            inUnique = key.columns().indexOf(k.refColumns().get(i)) + 1;
                        }
                    }
                    rows.add(new Object[] {db, schema, k.name(), db, schema, Catalog.bareName(t.name()), k.columns().get(i), i + 1,
                            inUnique});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> referentialConstraints(PgContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        String db = PgContext.DATABASE;
        for (Table t : userTables(ctx)) {
            for (Constraint k : constraints(ctx, t)) {
                if (k.type() != Constraint.FOREIGN_KEY) {
                    continue;
                }
                Table ref = ctx.catalog().tableById(ctx.tx(), k.refTableId());
                Constraint key = ref == null ? null : referencedKey(ctx, ref, k.refColumns());
                rows.add(new Object[] {db, Catalog.schemaOf(t.name()), k.name(), key == null ? null : db,
                        key == null ? null : Catalog.schemaOf(ref.name()), key == null ? null : key.name(),
                        k.matchType() == 'f' ? "FULL" : "NONE", rule(k.updateAction()), rule(k.deleteAction())});
            }
        }
        return rows;
    }

    private static String rule(char action) {
        return switch (action) {
            case 'r' -> "RESTRICT";
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    /** The table's constraints, its implicit primary key included. */
    private static List<Constraint> constraints(PgContext ctx, Table t) {
        List<Constraint> out = new ArrayList<>(ctx.catalog().constraints(ctx.tx(), t.id()));
        if (!t.hasHiddenRowId() && out.stream().noneMatch(k -> k.type() == Constraint.PRIMARY_KEY)) {
            out.add(io.shaledb.sql.constraint.ConstraintDdl.implicitPrimaryKey(t));
        }
        return out;
    }

    /** The PRIMARY KEY or UNIQUE constraint of {@code ref} over exactly {@code columns}, or null. */
    private static Constraint referencedKey(PgContext ctx, Table ref, List<String> columns) {
        for (Constraint k : constraints(ctx, ref)) {
            if (k.isKey() && new java.util.HashSet<>(k.columns()).equals(new java.util.HashSet<>(columns))) {
                return k;
            }
        }
        for (Index i : ctx.catalog().indexes(ctx.tx(), ref.id())) {
            if (i.unique()) {
                return null; // a unique index without a constraint: PostgreSQL leaves unique_constraint_* NULL
            }
        }
        return null;
    }
}

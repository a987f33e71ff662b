package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of the catalog relations this package computes: each is a name ({@code pg_class},
 * or {@code information_schema.tables}), PostgreSQL 15's columns (as far as clients read them)
 * and a function from a {@link PgContext} to its rows. The executor's system-view lookup asks
 * here after its own views (see {@code sql.exec.SystemViews}).
 *
 * <p>Column types: OIDs are {@code oid}; {@code name} and {@code "char"} columns are
 * {@code text} (they print alike, and text mixes with text literals in UNIONs and CASEs without
 * casts); {@code regproc} columns hold the function's OID; {@code oidvector} /
 * {@code int2vector} are text in their output form ({@code "23 25"}).
 *
 * <p>Each relation is a {@link Table} with a negative id so that its {@link Table#oid()} (below
 * 16384) is also its {@code pg_class.oid}.
 */
public final class PgCatalog {
    /** A catalog relation: its shape and how its rows are computed. */
    public record Relation(Table table, Function<PgContext, List<Object[]>> rows) {}

    private static final Map<String, Relation> BY_NAME = new LinkedHashMap<>();
    private static int nextId = -100;

    static {
        PgRelations.register();
        PgObjects.register();
        InformationSchema.register();
    }

    private PgCatalog() {}

    /**
     * Declares relation {@code name} with columns written {@code "name type"} (types: int, int2,
     * int8, real, text, bool, text[], int2[], int4[], timestamptz, oid, oid[], name, char). Rows
     * may give oid values as any number ({@link #rows} makes them the Long the type holds).
     */
    static void define(String name, Function<PgContext, List<Object[]>> rows, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            int space = c.indexOf(' ');
            cols.add(new Column(c.substring(0, space), type(c.substring(space + 1)), -1, false));
        }
        Integer fixed = Oids.CATALOG_TABLES.get(name);
        int id = fixed != null ? fixed - Table.FIRST_USER_OID : nextId--;
        BY_NAME.put(name, new Relation(new Table(id, name, cols, new int[0], "system"), rows));
    }

    private static SqlType type(String written) {
        return switch (written) {
            case "int" -> SqlType.INTEGER;
            case "int2" -> SqlType.SMALLINT;
            case "int8" -> SqlType.BIGINT;
            case "real" -> SqlType.REAL;
            case "text" -> SqlType.TEXT;
            case "bool" -> SqlType.BOOLEAN;
            case "text[]" -> SqlType.TEXT_ARRAY;
            case "int2[]" -> SqlType.INT2_ARRAY;
            case "int4[]" -> SqlType.INT4_ARRAY;
            case "timestamptz" -> SqlType.TIMESTAMPTZ;
            case "oid" -> SqlType.OID;
            case "regproc" -> SqlType.REGPROC;
            case "oid[]" -> SqlType.OID_ARRAY;
            case "name" -> SqlType.NAME;
            case "char" -> SqlType.CHAR;
            default -> throw new IllegalArgumentException("catalog column type " + written);
        };
    }

    /** The relation called {@code name} ({@code pg_class}, {@code information_schema.tables}), or null. */
    public static Table lookup(String name) {
        Relation r = BY_NAME.get(name);
        return r == null ? null : r.table();
    }

    /** Every relation of this package. */
    public static List<Table> tables() {
        return BY_NAME.values().stream().map(Relation::table).toList();
    }

    /** The rows of relation {@code name} as {@code ctx} sees the catalog. */
    public static List<Object[]> rows(String name, PgContext ctx) {
        Relation r = BY_NAME.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no catalog relation " + name);
        }
        List<Object[]> rows = r.rows().apply(ctx);
        List<Column> cols = r.table().columns();
        for (int i = 0; i < cols.size(); i++) {
            SqlType t = cols.get(i).type();
            if (t == SqlType.OID || t == SqlType.REGPROC) {
                for (Object[] row : rows) {
                    row[i] = row[i] == null ? null : Long.valueOf(((Number) row[i]).longValue() & 0xFFFF_FFFFL);
                }
            } else if (t == SqlType.OID_ARRAY) {
                for (Object[] row : rows) {
                    row[i] = row[i] == null ? null
                            : ((List<?>) row[i]).stream().map(v -> v == null ? null : ((Number) v).longValue()).toList();
                }
            }
        }
        return rows;
    }

    /** No rows (relations for features ShaleDB does not have: inheritance, policies, publications ...). */
    static List<Object[]> none(PgContext ctx) {
        return List.of();
    }
}

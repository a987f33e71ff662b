package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.pgcatalog.CatalogText;
import io.shaledb.sql.pgcatalog.Oids;
import io.shaledb.sql.pgcatalog.PgContext;
import io.shaledb.sql.pgcatalog.PgTypes;
import io.shaledb.sql.pgcatalog.Relations;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog functions psql and drivers call on the pg_catalog relations, over OIDs:
 *
 * <pre>
 *   format_type(type, typmod)            pg_get_userbyid(role)        pg_encoding_to_char(enc)
 *   pg_table_is_visible(rel)             pg_type_is_visible(type)     pg_function_is_visible(fn)
 *   pg_get_expr(expr, rel [, pretty])    pg_get_indexdef(idx [, col, pretty])
 *   pg_get_triggerdef(trg [, pretty])    pg_get_viewdef(view [, pretty])
 *   pg_get_function_arguments(fn)        pg_get_function_identity_arguments(fn)   pg_get_function_result(fn)
 *   pg_get_functiondef(fn)
 *   obj_description / col_description / shobj_description (always NULL: no COMMENT ON yet)
 *   pg_relation_size / pg_table_size / pg_indexes_size / pg_total_relation_size(rel)   pg_size_pretty(bytes)
 *   pg_partition_ancestors(rel)          (the relation itself: nothing is partitioned)
 *   pg_relation_is_publishable(rel)      pg_get_statisticsobjdef_columns(stx)   pg_get_function_sqlbody(fn) (NULL)
 *   pg_tablespace_location(spc) ('')     pg_statistics_obj_is_visible(stx)      getdatabaseencoding() (UTF8)
 * </pre>
 *
 * Each reads the catalog as the statement's transaction sees it ({@link StatementContext}); the
 * texts come from {@link CatalogText}, except default expressions, which are bound over their
 * table and deparsed here as PostgreSQL prints them.
 */
final class CatalogFunctions {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CatalogFunctions.class);

    /** Name -> result type, allowed argument counts (min, max). */
    private record Shape(SqlType result, int min, int max) {}

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("format_type", new Shape(SqlType.TEXT, 2, 2)),
            Map.entry("pg_get_userbyid", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_encoding_to_char", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_table_is_visible", new Shape(SqlType.BOOLEAN, 1, 1)),
            Map.entry("pg_type_is_visible", new Shape(SqlType.BOOLEAN, 1, 1)),
            Map.entry("pg_function_is_visible", new Shape(SqlType.BOOLEAN, 1, 1)),
            Map.entry("pg_get_expr", new Shape(SqlType.TEXT, 2, 3)),
            Map.entry("pg_get_indexdef", new Shape(SqlType.TEXT, 1, 3)),
            Map.entry("pg_get_triggerdef", new Shape(SqlType.TEXT, 1, 2)),
            Map.entry("pg_get_viewdef", new Shape(SqlType.TEXT, 1, 2)),
            Map.entry("pg_get_function_arguments", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_get_function_identity_arguments", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_get_function_result", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("obj_description", new Shape(SqlType.TEXT, 1, 2)),
            Map.entry("col_description", new Shape(SqlType.TEXT, 2, 2)),
            Map.entry("shobj_description", new Shape(SqlType.TEXT, 2, 2)),
            Map.entry("pg_relation_size", new Shape(SqlType.BIGINT, 1, 2)),
            Map.entry("pg_table_size", new Shape(SqlType.BIGINT, 1, 1)),
            Map.entry("pg_indexes_size", new Shape(SqlType.BIGINT, 1, 1)),
            Map.entry("pg_total_relation_size", new Shape(SqlType.BIGINT, 1, 1)),
            Map.entry("pg_size_pretty", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_partition_ancestors", new Shape(SqlType.REGCLASS, 1, 1)),
            Map.entry("pg_relation_is_publishable", new Shape(SqlType.BOOLEAN, 1, 1)),
            Map.entry("pg_get_statisticsobjdef_columns", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_get_function_sqlbody", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_tablespace_location", new Shape(SqlType.TEXT, 1, 1)),
            Map.entry("pg_statistics_obj_is_visible", new Shape(SqlType.BOOLEAN, 1, 1)),
            Map.entry("getdatabaseencoding", new Shape(SqlType.TEXT, 0, 0)),
            Map.entry("pg_get_functiondef", new Shape(SqlType.TEXT, 1, 1)));

    private static final java.util.regex.Pattern NEXTVAL = java.util.regex.Pattern.compile("nextval\\(('(?:[^']|'')*')\\)");

    private CatalogFunctions() {}

    /** {@code pg_partition_ancestors(rel)} in FROM: one row, the relation itself (nothing is partitioned). */
    static void registerTableFunctions() {
        TableFunctions.register("pg_partition_ancestors", (call, args, tick) -> {
            if (args.size() != 1) {
                throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
            }
            Bound rel = args.getFirst().type() == SqlType.UNKNOWN ? Binder.coerceUnknown(args.getFirst(), call.args().getFirst(),
                    SqlType.REGCLASS) : args.getFirst();
            io.shaledb.sql.exec.op.Operator op = new io.shaledb.sql.exec.op.Operator() {
                private boolean done;

                @Override
                public void open() {
                    done = false;
                }

                @Override
                public Object[] next() {
                    if (done) {
                        return null;
                    }
                    done = true;
                    Object v = rel.eval(new Object[0]);
                    return v == null ? null : new Object[] {((Number) v).longValue()};
                }

                @Override
                public void close() {
                    done = true;
                }
            };
            return new QueryPlanner.Planned(op, List.of(new io.shaledb.sql.ColumnInfo("relid", SqlType.REGCLASS)));
        });
    }

    static boolean handles(String name) {
        return SHAPES.containsKey(name);
    }

    static Bound bind(Expr.FunctionCall f, List<Bound> args, QueryPlanner planner) {
        Shape shape = SHAPES.get(f.name());
        List<SqlType> types = args.stream().map(Bound::type).toList();
        if (args.size() < shape.min() || args.size() > shape.max()) {
            throw Binder.noFunction(f, types);
        }
        List<Bound> typed = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Bound a = args.get(i);
            SqlType want = want(f.name(), i);
            if (a.type() == SqlType.UNKNOWN) {
                a = Binder.coerceUnknown(a, f.args().get(i), want);
            } else if (!accepts(want, a.type())) {
                throw Binder.noFunction(f, types);
            }
            typed.add(a);
        }
        if (f.name().equals("format_type")) { // not strict: a NULL modifier means "none given"
            typed.set(1, new Bound.Coalesce(List.of(typed.get(1), new Bound.Const(Integer.MIN_VALUE, typed.get(1).type())),
                    typed.get(1).type()));
        }
        Executor executor = planner == null ? null : planner.executor();
        String name = f.name();
        return new Bound.Volatile(name, typed, shape.result(), v -> call(name, v, executor));
    }

    /** The parameter types, as PostgreSQL declares them (relations as regclass, other objects as oid). */
    private static SqlType want(String name, int arg) {
        return switch (name) {
            case "format_type" -> arg == 0 ? SqlType.OID : SqlType.INTEGER;
            case "pg_get_expr" -> arg == 0 ? SqlType.TEXT : arg == 1 ? SqlType.OID : SqlType.BOOLEAN;
            case "pg_get_indexdef" -> arg == 0 ? SqlType.OID : arg == 1 ? SqlType.INTEGER : SqlType.BOOLEAN;
            case "pg_get_triggerdef", "pg_get_viewdef" -> arg == 1 ? SqlType.BOOLEAN : SqlType.OID;
            case "obj_description", "shobj_description" -> arg == 1 ? SqlType.TEXT : SqlType.OID;
            case "col_description" -> arg == 1 ? SqlType.INTEGER : SqlType.OID;
            case "pg_relation_size" -> arg == 1 ? SqlType.TEXT : SqlType.REGCLASS;
            case "pg_table_size", "pg_indexes_size", "pg_total_relation_size", "pg_partition_ancestors",
                 "pg_relation_is_publishable" -> SqlType.REGCLASS;
            case "pg_size_pretty" -> SqlType.BIGINT;
            case "pg_encoding_to_char" -> SqlType.INTEGER;
            default -> SqlType.OID;
        };
    }

    /** Whether an argument of type {@code have} is accepted for a parameter of type {@code want} (numbers for oids). */
    private static boolean accepts(SqlType want, SqlType have) {
        if (want == have || want == SqlType.TEXT && have.isString()) {
            return true;
        }
        boolean number = have.isNumeric() || have.isOidLike();
        return number && (want.isOidLike() || want == SqlType.INTEGER || want == SqlType.BIGINT);
    }

    private static long oid(Object v) {
        return ((Number) v).longValue();
    }

    private static Object call(String name, Object[] v, Executor executor) {
        Transaction tx = StatementContext.transaction();
        Catalog catalog = StatementContext.sequences().catalog();
        PgContext ctx = SystemViews.pgContext(catalog, tx);
        return switch (name) {
            case "format_type" -> {
                int mod = ((Number) v[1]).intValue();
                yield PgTypes.format(oid(v[0]), mod == Integer.MIN_VALUE ? null : mod);
            }
            case "pg_get_userbyid" -> {
                String n = Oids.roleName(catalog, tx, oid(v[0]));
                yield n != null ? n : "unknown (OID=" + oid(v[0]) + ")";
            }
            case "pg_encoding_to_char" -> ((Number) v[0]).intValue() == 6 ? "UTF8" : ((Number) v[0]).intValue() == 0 ? "SQL_ASCII" : "";
            case "pg_table_is_visible" -> CatalogText.tableVisible(ctx, oid(v[0]));
            case "pg_type_is_visible" -> PgTypes.byOid(oid(v[0])) != null ? Boolean.TRUE : null;
            case "pg_function_is_visible" -> CatalogText.functionVisible(ctx, oid(v[0]));
            case "pg_get_expr" -> {
                Relations.Rel r = Relations.byOid(ctx, oid(v[1]));
                String text = r == null || r.table() == null ? (String) v[0] : defaultText(r.table(), (String) v[0]);
                yield v.length > 2 && Boolean.TRUE.equals(v[2]) ? io.shaledb.sql.pgcatalog.PrettyExpr.of(text) : text;
            }
            case "pg_get_indexdef" -> CatalogText.indexDefinition(ctx, oid(v[0]), v.length > 1 ? ((Number) v[1]).intValue() : 0,
                    IndexViews::definition);
            case "pg_get_triggerdef" -> CatalogText.triggerDefinition(ctx, oid(v[0]), v.length > 1 && (Boolean) v[1]);
            case "pg_get_viewdef" -> CatalogText.viewDefinition(ctx, oid(v[0]));
            case "pg_get_function_arguments" -> CatalogText.functionArguments(ctx, oid(v[0]), true);
            case "pg_get_function_identity_arguments" -> CatalogText.functionArguments(ctx, oid(v[0]), false);
            case "pg_get_function_result" -> CatalogText.functionResult(ctx, oid(v[0]));
            case "pg_get_functiondef" -> CatalogText.functionDefinition(ctx, oid(v[0]));
            case "obj_description", "col_description", "shobj_description", "pg_get_statisticsobjdef_columns",
                 "pg_get_function_sqlbody" -> null;
            case "pg_relation_size" -> size(ctx, executor, oid(v[0]), 0);
            case "pg_table_size" -> size(ctx, executor, oid(v[0]), 1);
            case "pg_total_relation_size" -> size(ctx, executor, oid(v[0]), 2);
            case "pg_indexes_size" -> indexesSize(ctx, executor, oid(v[0]));
            case "pg_size_pretty" -> CatalogText.prettySize(((Number) v[0]).longValue());
            case "pg_partition_ancestors" -> oid(v[0]);
            case "pg_tablespace_location" -> ""; // the default tablespaces live in the data directory
            case "pg_statistics_obj_is_visible" -> null; // there are no extended statistics objects
            case "getdatabaseencoding" -> "UTF8";
            case "pg_relation_is_publishable" -> {
                Relations.Rel r = Relations.byOid(ctx, oid(v[0]));
                yield r != null && r.kind() == 'r' && !r.system();
            }
            default -> throw new IllegalStateException("catalog function " + name + " has no implementation");
        };
    }

    /**
     * {@code pg_get_expr(adbin, adrelid)}: a column default bound over its table and deparsed as
     * PostgreSQL prints it ({@code 'x'::text}, {@code nextval('s'::regclass)}); as written when it
     * does not bind.
     */
    static String defaultText(Table t, String text) {
        try {
            Binder.Scope scope = new Binder.Scope(t, new io.shaledb.sql.ast.Statement.TableRef(t.name(), null, 0));
            io.shaledb.sql.ast.Expr e = io.shaledb.sql.parser.Parser.parseExpression(text);
            Bound b = new Binder(scope, "DEFAULT").bind(e);
            if (b.type() == SqlType.UNKNOWN) { // a quoted literal takes the type of its column, as DEFAULT stores it
                for (io.shaledb.sql.catalog.Column c : t.columns()) {
                    if (text.equals(c.defaultExpr())) {
                        b = Binder.coerceUnknown(b, e, c.type());
                        break;
                    }
                }
            }
            String out = io.shaledb.sql.exec.explain.Deparser.stored((index, qualify, d) -> index < t.columns().size()
                    ? PlanHooks.ident(t.column(index).name()) : null).deparse(b);
            // nextval takes regclass in PostgreSQL, so its argument prints as a regclass literal
            out = NEXTVAL.matcher(out).replaceAll("nextval($1::regclass)");
            return out.contains("$") ? text : out;
        } catch (io.shaledb.sql.SqlException e) {
            log.debug("default {} shown as written: {}", text, e.getMessage());
            return text;
        }
    }

    /**
     * A relation's size as PostgreSQL would have it: {@code level} 0 the main fork (the rows'
     * pages), 1 with the TOAST table's index page of a table with a toastable column, 2 with the
     * indexes too. An index is its metapage plus its entries' pages.
     */
    private static long size(PgContext ctx, Executor executor, long relation, int level) {
        Relations.Rel r = Relations.byOid(ctx, relation);
        if (r == null || executor == null || r.system()) {
            return 0;
        }
        return switch (r.kind()) {
            case 'r' -> {
                long bytes = bytes(executor, ctx.tx(), r.table());
                boolean toastable = r.table().columns().stream().anyMatch(c -> {
                    io.shaledb.sql.pgcatalog.PgTypes.Type t = PgTypes.byOid(PgTypes.columnTypeOid(c.type(), c.maxLength()));
                    return t != null && t.storage() != 'p';
                });
                bytes += level >= 1 && toastable ? 8192 : 0;
                yield bytes + (level >= 2 ? indexesSize(ctx, executor, relation) : 0);
            }
            case 'i' -> 8192 + pages(liveRows(executor, ctx.tx(), r.table()), 16 + 8 * r.columns().size());
            case 'S' -> 8192;
            default -> 0;
        };
    }

    private static long indexesSize(PgContext ctx, Executor executor, long relation) {
        long bytes = 0;
        for (Relations.Rel r : Relations.all(ctx)) {
            if (r.kind() == 'i' && r.table() != null && r.table().oid() == relation) {
                bytes += size(ctx, executor, r.oid(), 0);
            }
        }
        return bytes;
    }

    private static long bytes(Executor executor, Transaction tx, Table t) {
        io.shaledb.sql.stats.RelationSize s = executor.statistics().size(tx, t);
        return pages(liveRows(executor, tx, t), s.width() + 28);
    }

    /** The rows counted live (ANALYZE's count when the writes since are unknown); not the planner's guess for a fresh table. */
    private static double liveRows(Executor executor, Transaction tx, Table t) {
        long live = executor.statistics().activity().of(t.id()).live();
        io.shaledb.sql.stats.RelationSize s = executor.statistics().size(tx, t);
        return s.analyzed() ? Math.max(s.tuples(), live) : live;
    }

    /** Whole 8 kB pages holding {@code tuples} rows of {@code width} bytes (0 for none). */
    private static long pages(double tuples, int width) {
        if (tuples <= 0) {
            return 0;
        }
        long perPage = Math.max(1, 8168 / Math.max(1, width));
        return (long) Math.ceil(tuples / perPage) * 8192;
    }
}

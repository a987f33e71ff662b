package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import io.shaledb.sql.catalog.View;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * The texts and answers of the catalog functions over OIDs ({@code pg_get_triggerdef},
 * {@code pg_get_function_arguments}, {@code pg_table_is_visible}, {@code pg_size_pretty} ...),
 * as PostgreSQL 15 prints them. The executor binds the calls ({@code sql.exec.CatalogFunctions}).
 */
public final class CatalogText {
    private CatalogText() {}

    /** Whether the relation is found by its bare name on the search path (system relations always are). */
    public static Boolean tableVisible(PgContext ctx, long oid) {
        Relations.Rel r = Relations.byOid(ctx, oid);
        if (r == null) {
            return null;
        }
        if (r.system()) {
            return r.schema().equals(Schema.PG_CATALOG);
        }
        String found = ctx.catalog().resolve(ctx.tx(), r.name());
        if (found == null && r.kind() == 'i') {
            return Schema.PUBLIC.equals(r.schema()); // indexes share the relation namespace in PostgreSQL only
        }
        return r.qualified().equals(found);
    }

    /** Whether the function is a built-in or lives in a schema of the search path. */
    public static Boolean functionVisible(PgContext ctx, long oid) {
        PgObjects.Proc p = PgObjects.proc(ctx, oid);
        if (p == null) {
            return null;
        }
        if (p.namespace() == Oids.PG_CATALOG || p.namespace() == Oids.PUBLIC) {
            return true;
        }
        for (String schema : io.shaledb.sql.catalog.SearchPath.current()) {
            if (Oids.namespace(ctx.catalog(), ctx.tx(), schema) == p.namespace()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code pg_get_indexdef(oid, column)}: the CREATE INDEX statement ({@code column} 0), or one
     * key column's text; {@code definition} renders the statement (the executor's pg_indexes text).
     */
    public static String indexDefinition(PgContext ctx, long oid, int column, BiFunction<Table, Index, String> definition) {
        Relations.Rel r = Relations.byOid(ctx, oid);
        if (r == null || r.index() == null) {
            return null;
        }
        if (column > 0) {
            if (column > r.index().columns().size()) {
                return column <= r.columns().size() ? r.columns().get(column - 1).name() : "";
            }
            Index.Key k = r.index().columns().get(column - 1);
            return k.isExpression() ? k.expression() : k.column();
        }
        return definition.apply(r.table(), r.index());
    }

    /**
     * {@code pg_get_triggerdef(oid, pretty)}: {@code CREATE TRIGGER t BEFORE INSERT OR UPDATE OF a
     * ON public.t FOR EACH ROW WHEN (cond) EXECUTE FUNCTION f('x')}; pretty leaves a visible table
     * unqualified. The WHEN condition is shown as written.
     */
    public static String triggerDefinition(PgContext ctx, long oid, boolean pretty) {
        Catalog catalog = ctx.catalog();
        for (Trigger tr : catalog.triggers(ctx.tx())) {
            if (Oids.user(tr.id()) != oid) {
                continue;
            }
            Table t = catalog.tableById(ctx.tx(), tr.tableId());
            Function fn = catalog.functionById(ctx.tx(), tr.functionId());
            if (t == null || fn == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder("CREATE TRIGGER ").append(ident(tr.name())).append(tr.before() ? " BEFORE " : " AFTER ");
            StringJoiner events = new StringJoiner(" OR ");
            if (tr.firesOn(Trigger.INSERT)) {
                events.add("INSERT");
            }
            if (tr.firesOn(Trigger.DELETE)) {
                events.add("DELETE");
            }
            if (tr.firesOn(Trigger.UPDATE)) {
                StringJoiner of = new StringJoiner(", ");
                tr.updateColumns().forEach(c -> of.add(ident(c)));
                events.add(tr.updateColumns().isEmpty() ? "UPDATE" : "UPDATE OF " + of);
            }
            sb.append(events).append(" ON ").append(relationName(ctx, t, pretty));
            sb.append(tr.forEachRow() ? " FOR EACH ROW" : " FOR EACH STATEMENT");
            if (tr.when() != null) {
                sb.append(" WHEN (").append(tr.when()).append(')');
            }
            StringJoiner args = new StringJoiner(", ");
            tr.args().forEach(a -> args.add("'" + a.replace("'", "''") + "'"));
            sb.append(" EXECUTE FUNCTION ").append(functionName(ctx, fn)).append('(').append(args).append(')');
            return sb.toString();
        }
        return null;
    }

    /** {@code pg_get_viewdef(oid)}: the view's query as written. */
    public static String viewDefinition(PgContext ctx, long oid) {
        for (View v : ctx.catalog().views(ctx.tx())) {
            if (Oids.user(v.id()) == oid) {
                return v.sql();
            }
        }
        return null;
    }

    /** {@code pg_get_function_arguments} ({@code a integer, b integer DEFAULT 1}); without defaults for the identity form. */
    public static String functionArguments(PgContext ctx, long oid, boolean defaults) {
        PgObjects.Proc p = PgObjects.proc(ctx, oid);
        if (p == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.argTypes().size(); i++) {
            StringBuilder a = new StringBuilder();
            String name = i < p.argNames().size() ? p.argNames().get(i) : "";
            if (!name.isEmpty()) {
                a.append(ident(name)).append(' ');
            }
            a.append(PgTypes.format(p.argTypes().get(i), null));
            String def = i < p.argDefaults().size() ? p.argDefaults().get(i) : null;
            if (defaults && def != null) {
                a.append(" DEFAULT ").append(def);
            }
            out.add(a.toString());
        }
        return String.join(", ", out);
    }

    /**
     * {@code pg_get_functiondef(oid)}: the CREATE OR REPLACE FUNCTION statement psql's {@code \sf}
     * shows ({@code public.add(a integer, b integer DEFAULT 1)}, RETURNS, LANGUAGE, volatility
     * unless volatile, the body between {@code $function$}).
     */
    public static String functionDefinition(PgContext ctx, long oid) {
        PgObjects.Proc p = PgObjects.proc(ctx, oid);
        if (p == null) {
            return null;
        }
        String schema = Oids.namespaceName(ctx.catalog(), ctx.tx(), p.namespace());
        String language = p.lang() == PgObjects.LANG_SQL ? "sql" : p.lang() == PgObjects.LANG_PLPGSQL ? "plpgsql" : "internal";
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE FUNCTION ").append(ident(schema)).append('.').append(ident(p.name()))
                .append('(').append(functionArguments(ctx, oid, true)).append(")\n RETURNS ")
                .append(PgTypes.format(p.resultType(), null)).append("\n LANGUAGE ").append(language).append('\n');
        if (p.volatility() == 'i') {
            sb.append(" IMMUTABLE\n");
        } else if (p.volatility() == 's') {
            sb.append(" STABLE\n");
        }
        return sb.append("AS $function$").append(p.source()).append("$function$\n").toString();
    }

    /** {@code pg_get_function_result}: the result type's name. */
    public static String functionResult(PgContext ctx, long oid) {
        PgObjects.Proc p = PgObjects.proc(ctx, oid);
        return p == null ? null : PgTypes.format(p.resultType(), null);
    }

    /** {@code pg_size_pretty(bytes)}: bytes below 10 kB, then kB, MB, GB, TB rounded half up, as PostgreSQL 15. */
    public static String prettySize(long size) {
        long limit = 10 * 1024;
        long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) {
            return size + " bytes";
        }
        size >>= 9; // one extra bit for rounding
        for (String unit : List.of("kB", "MB", "GB")) {
            if (Math.abs(size) < limit2) {
                return halfRounded(size) + " " + unit;
            }
            size >>= 10;
        }
        return halfRounded(size) + " TB";
    }

    private static long halfRounded(long x) {
        return (x + (x < 0 ? -1 : 1)) / 2;
    }

    private static String relationName(PgContext ctx, Table t, boolean pretty) {
        String bare = Catalog.bareName(t.name());
        if (pretty && t.name().equals(ctx.catalog().resolve(ctx.tx(), bare))) {
            return ident(bare);
        }
        return ident(Catalog.schemaOf(t.name())) + "." + ident(bare);
    }

    private static String functionName(PgContext ctx, Function fn) {
        String schema = Catalog.schemaOf(fn.name());
        String bare = ident(Catalog.bareName(fn.name()));
        return schema.equals(Schema.PUBLIC) ? bare : ident(schema) + "." + bare;
    }

    /** An identifier quoted when PostgreSQL would quote it. */
    static String ident(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$';
        }
        return plain && !io.shaledb.sql.parser.Keywords.isReserved(name) ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

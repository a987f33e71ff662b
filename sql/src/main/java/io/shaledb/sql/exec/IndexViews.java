package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.progress.IndexBuildProgress;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The rows of the index system views (declared in {@link SystemViews}):
 *
 * <pre>
 *   pg_indexes                     schemaname, tablename, indexname, tablespace, indexdef
 *   pg_index                       indexrelid, indrelid, indnatts, indnkeyatts, indisunique,
 *                                  indisprimary, indisvalid, indisready, indislive, indkey
 *   pg_stat_progress_create_index  one row per running CREATE INDEX [CONCURRENTLY]
 * </pre>
 *
 * Only secondary indexes are listed: a table's primary key is the order its rows are stored in,
 * not an index object, so PostgreSQL's {@code t_pkey} row has no counterpart here. An index a
 * failed CREATE INDEX CONCURRENTLY left behind shows {@code indisvalid = false}; it is ready
 * (writers maintain it) and live. {@code indexdef} is PostgreSQL's {@code pg_get_indexdef} text,
 * except that a partial index's predicate appears as written rather than re-deparsed.
 */
final class IndexViews {
    /** The database's OID in the progress view (PostgreSQL's first user database OID). */
    static final int DATABASE_OID = 16384;

    private IndexViews() {}

    static List<Object[]> rows(String view, SystemViews.Sources src) {
        return switch (view) {
            case "pg_indexes" -> indexes(src.catalog(), false);
            case "pg_index" -> indexes(src.catalog(), true);
            case "pg_stat_progress_create_index" -> progress(src.indexBuilds());
            default -> throw new IllegalArgumentException("no index view " + view);
        };
    }

    private static List<Object[]> indexes(Catalog catalog, boolean pgIndex) {
        Transaction tx = StatementContext.transaction();
        List<Object[]> rows = new ArrayList<>();
        for (Table t : catalog.tables(tx)) {
            for (Index i : catalog.indexes(tx, t.id())) {
                rows.add(pgIndex ? pgIndexRow(t, i) : new Object[] {Catalog.schemaOf(t.name()), Catalog.bareName(t.name()),
                        Catalog.bareName(i.name()), null, definition(t, i)});
            }
        }
        return rows;
    }

    private static Object[] pgIndexRow(Table t, Index i) {
        StringJoiner indkey = new StringJoiner(" ");
        for (Index.Key k : i.columns()) {
            indkey.add(String.valueOf(k.isExpression() ? 0 : t.columnIndex(k.column()) + 1));
        }
        for (String c : i.include()) {
            indkey.add(String.valueOf(t.columnIndex(c) + 1));
        }
        int keys = i.columns().size();
        return new Object[] {i.oid(), t.oid(), (short) (keys + i.include().size()), (short) keys, i.unique(), false,
                i.valid(), i.hasStorage(), true, indkey.toString()};
    }

    /** {@code CREATE UNIQUE INDEX u_email ON public.u USING btree (email)}, as pg_get_indexdef prints it. */
    static String definition(Table t, Index i) {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (i.unique()) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ").append(StringFunctions.quoteIdent(Catalog.bareName(i.name()))).append(" ON ")
                .append(StringFunctions.quoteIdent(Catalog.schemaOf(t.name()))).append('.')
                .append(StringFunctions.quoteIdent(Catalog.bareName(t.name())))
                .append(" USING ").append(i.method() == null ? "btree" : i.method()).append(" (");
        StringJoiner keys = new StringJoiner(", ");
        for (Index.Key k : i.columns()) {
            String key = !k.isExpression() ? StringFunctions.quoteIdent(k.column())
                    : io.shaledb.sql.parser.Parser.parseExpression(k.expression()) instanceof io.shaledb.sql.ast.Expr.FunctionCall
                    ? k.expression() : k.text(); // PostgreSQL leaves a function call unparenthesised
            if (k.descending()) {
                key += " DESC";
                if (!k.nullsFirst()) {
                    key += " NULLS LAST";
                }
            } else if (k.nullsFirst()) {
                key += " NULLS FIRST";
            }
            keys.add(key);
        }
        sb.append(keys).append(')');
        if (!i.include().isEmpty()) {
            StringJoiner include = new StringJoiner(", ", " INCLUDE (", ")");
            i.include().forEach(c -> include.add(StringFunctions.quoteIdent(c)));
            sb.append(include);
        }
        if (i.predicate() != null) {
            sb.append(" WHERE (").append(i.predicate()).append(')');
        }
        return sb.toString();
    }

    private static List<Object[]> progress(IndexBuildProgress.Registry builds) {
        List<Object[]> rows = new ArrayList<>();
        for (IndexBuildProgress p : builds.running()) {
            rows.add(p.row(DATABASE_OID, "shaledb"));
        }
        return rows;
    }
}

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
 * A table's primary key is listed as PostgreSQL lists it ({@code t_pkey}, unique, {@code
 * indisprimary}) although it has no storage of its own: it is the order the rows are stored in
 * (docs/architecture/indexes.md). Its OID is its constraint's, which pg_constraint's
 * {@code conindid} shows. An index a
 * failed CREATE INDEX CONCURRENTLY left behind shows {@code indisvalid = false}; it is ready
 * (writers maintain it) and live. {@code indexdef} is PostgreSQL's {@code pg_get_indexdef} text:
 * a partial index's predicate is bound and deparsed as PostgreSQL prints it; key expressions
 * appear as written.
 */
final class IndexViews {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexViews.class);
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
            if (!t.hasHiddenRowId() && t.id() >= 0) {
                Index pk = primaryKey(catalog, tx, t);
                rows.add(pgIndex ? pgIndexRow(t, pk, true) : new Object[] {Catalog.schemaOf(t.name()), Catalog.bareName(t.name()),
                        Catalog.bareName(pk.name()), null, definition(t, pk)});
            }
            for (Index i : catalog.indexes(tx, t.id())) {
                rows.add(pgIndex ? pgIndexRow(t, i, false) : new Object[] {Catalog.schemaOf(t.name()), Catalog.bareName(t.name()),
                        Catalog.bareName(i.name()), null, definition(t, i)});
            }
        }
        return rows;
    }

    /**
     * The primary key described as an index over the key columns (ascending, like the row keys),
     * named and numbered after its constraint.
     */
    private static Index primaryKey(Catalog catalog, Transaction tx, Table t) {
        io.shaledb.sql.catalog.Constraint k = primaryKeyConstraint(catalog, tx, t);
        List<Index.Key> keys = new ArrayList<>();
        for (int c : t.primaryKey()) {
            keys.add(new Index.Key(t.column(c).name(), false, false));
        }
        int id = k.oid() - Table.FIRST_USER_OID; // Index.oid() adds it back
        return new Index(id, k.name(), t.id(), true, "btree", keys, null, t.storageId(), List.of(), true, 0).withImmediate(!k.deferrable());
    }

    /** The table whose primary key is called {@code written} ([schema.]name; unqualified: any schema), or null. */
    static Table primaryKeyOwner(Catalog catalog, Transaction tx, String written) {
        String schema = written.indexOf('.') < 0 ? null : Catalog.schemaOf(written);
        String name = Catalog.bareName(written);
        for (Table t : catalog.tables(tx)) {
            if (!t.hasHiddenRowId() && t.id() >= 0 && (schema == null || Catalog.schemaOf(t.name()).equals(schema))
                    && primaryKeyConstraint(catalog, tx, t).name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The table's PRIMARY KEY constraint (the implicit one of a table made before constraints were stored). */
    static io.shaledb.sql.catalog.Constraint primaryKeyConstraint(Catalog catalog, Transaction tx, Table t) {
        for (io.shaledb.sql.catalog.Constraint k : catalog.constraints(tx, t.id())) {
            if (k.type() == io.shaledb.sql.catalog.Constraint.PRIMARY_KEY) {
                return k;
            }
        }
        return io.shaledb.sql.constraint.ConstraintDdl.implicitPrimaryKey(t);
    }

    private static Object[] pgIndexRow(Table t, Index i, boolean primary) {
        StringJoiner indkey = new StringJoiner(" ");
        for (Index.Key k : i.columns()) {
            indkey.add(String.valueOf(k.isExpression() ? 0 : t.columnIndex(k.column()) + 1));
        }
        for (String c : i.include()) {
            indkey.add(String.valueOf(t.columnIndex(c) + 1));
        }
        int keys = i.columns().size();
        StringJoiner collation = new StringJoiner(" ");
        StringJoiner option = new StringJoiner(" ");
        StringJoiner exprs = new StringJoiner(", ");
        for (Index.Key k : i.columns()) {
            int c = k.isExpression() ? -1 : t.columnIndex(k.column());
            collation.add(c >= 0 && t.column(c).type().isString() ? "100" : "0");
            option.add(String.valueOf((k.descending() ? 1 : 0) | (k.nullsFirst() ? 2 : 0)));
            if (k.isExpression()) {
                exprs.add(k.expression());
            }
        }
        return new Object[] {i.oid(), t.oid(), (short) (keys + i.include().size()), (short) keys, i.unique(), primary,
                i.valid(), i.hasStorage(), true, indkey.toString(), false, i.immediate(), false, false, false, collation.toString(), "",
                option.toString(), exprs.length() == 0 ? null : exprs.toString(), i.predicate(), false}; // after indkey: pgcat
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
            sb.append(" WHERE ").append(predicate(t, i.predicate()));
        }
        return sb.toString();
    }

    /**
     * A partial index's predicate as pg_get_indexdef prints it: bound over the table and deparsed
     * ({@code (status = ANY (ARRAY['a'::text, 'b'::text]))}); as written, in parentheses, when it
     * does not bind (the binding error surfaces where the index is used).
     */
    private static String predicate(Table t, String text) {
        try {
            Binder.Scope scope = new Binder.Scope(t, new io.shaledb.sql.ast.Statement.TableRef(t.name(), null, 0));
            Bound b = new Binder(scope, "index predicate").bindCondition(io.shaledb.sql.parser.Parser.parseExpression(text), "WHERE");
            String out = io.shaledb.sql.exec.explain.Deparser.stored((index, qualify, d) -> index < t.columns().size()
                    ? PlanHooks.ident(t.column(index).name()) : null).deparse(b);
            if (!out.contains("?") && !out.contains("$")) {
                return out.startsWith("(") && out.endsWith(")") ? out : "(" + out + ")";
            }
        } catch (io.shaledb.sql.SqlException e) {
            log.debug("index predicate {} shown as written: {}", text, e.getMessage());
        }
        return "(" + text + ")";
    }

    private static List<Object[]> progress(IndexBuildProgress.Registry builds) {
        List<Object[]> rows = new ArrayList<>();
        for (IndexBuildProgress p : builds.running()) {
            rows.add(p.row(DATABASE_OID, "shaledb"));
        }
        return rows;
    }
}

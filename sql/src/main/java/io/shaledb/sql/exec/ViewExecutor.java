package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE [OR REPLACE] VIEW, DROP VIEW, and the dependency rules views impose on other DDL, as in
 * PostgreSQL: a table, column or view a view uses cannot be dropped without {@code CASCADE}
 * (2BP01, one DETAIL line per dependent, depth first), and CASCADE drops the dependents too.
 *
 * <pre>
 *   DROP TABLE t          dependents(t): v (uses t) ── w (uses v)     x (uses t)
 *     RESTRICT  -> 2BP01  "view v depends on table t" / "view w depends on view v" / "view x depends on table t"
 *     CASCADE   -> drop w, v, x, then t
 * </pre>
 *
 * Views are catalog objects, so all of it is transactional like the rest of the DDL.
 */
final class ViewExecutor {
    private static final String CASCADE_HINT = "Use DROP ... CASCADE to drop the dependent objects too.";

    private final Executor executor;
    private final Catalog catalog;

    ViewExecutor(Executor executor, Catalog catalog) {
        this.executor = executor;
        this.catalog = catalog;
    }

    void create(Statement.CreateView c, Transaction tx, ResultSink sink) {
        String name = catalog.createName(tx, c.name().name(), c.name().pos() + 1);
        String bare = Catalog.bareName(name);
        View existing = catalog.view(tx, name);
        boolean system = Catalog.schemaOf(name).equals(io.shaledb.sql.catalog.Schema.PUBLIC) && SystemViews.lookup(bare) != null;
        if (existing == null && (catalog.relationExists(tx, name) || system)) {
            if (c.orReplace()) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + bare + "\" is not a view");
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + bare + "\" already exists");
        }
        if (existing != null && !c.orReplace()) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + bare + "\" already exists");
        }
        ViewDependencies deps = new ViewDependencies();
        QueryPlanner.Planned plan = new QueryPlanner(executor, tx).recording(deps).plan(c.query());
        if (c.columns().size() > plan.columns().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ColumnInfo col = plan.columns().get(i);
            names.add(i < c.columns().size() ? c.columns().get(i).name() : col.name());
            types.add(col.type().sqlName());
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + n + "\" specified more than once");
            }
        }
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute CREATE VIEW in a read-only transaction");
        }
        if (existing == null) {
            catalog.createView(tx, new View(catalog.allocateId(), name, names, types, c.sql(), deps.refs()));
        } else {
            checkReplacement(existing, names, types);
            catalog.replaceView(tx, existing, new View(existing.id(), name, names, types, c.sql(), deps.refs()));
        }
        sink.complete("CREATE VIEW");
    }

    /** CREATE OR REPLACE VIEW may only add columns at the end (PostgreSQL's rule, 42P16). */
    private static void checkReplacement(View old, List<String> names, List<String> types) {
        if (old.types().isEmpty()) {
            return; // migrated from a build that did not record column types
        }
        if (names.size() < old.columns().size()) {
            throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.columns().size(); i++) {
            if (!old.columns().get(i).equals(names.get(i))) {
                throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + old.columns().get(i) + "\" to \"" + names.get(i) + "\"", 0, null,
                        "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.", null);
            }
            if (!old.types().get(i).equals(types.get(i))) {
                throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + old.columns().get(i) + "\" from " + old.types().get(i) + " to " + types.get(i));
            }
        }
    }

    void drop(Statement.DropView d, Transaction tx, ResultSink sink) {
        List<View> doomed = new ArrayList<>();
        for (Ident name : d.names()) {
            String resolved = catalog.resolve(tx, name.name());
            View v = catalog.view(tx, resolved);
            if (v == null) {
                if (catalog.table(tx, resolved) != null) {
                    throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not a view", 0, null,
                            "Use DROP TABLE to remove a table.", null);
                }
                if (d.ifExists()) {
                    sink.notice("NOTICE", "00000", "view \"" + name.name() + "\" does not exist, skipping", null, null);
                    continue;
                }
                catalog.requireSchemaOf(tx, name.name());
                throw new SqlException(SqlState.UNDEFINED_TABLE, "view \"" + name.name() + "\" does not exist");
            }
            if (!doomed.contains(v)) {
                doomed.add(v);
            }
        }
        if (!doomed.isEmpty() && tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute DROP VIEW in a read-only transaction");
        }
        Set<Integer> dropping = new HashSet<>();
        doomed.forEach(v -> dropping.add(v.id()));
        List<View> all = new ArrayList<>();
        for (View v : doomed) {
            all.addAll(dependents(tx, v.id(), "view " + v.name(), d.cascade(), dropping));
        }
        all.addAll(doomed);
        dropAll(tx, all);
        sink.complete("DROP VIEW");
    }

    /**
     * The views that must go before the object with id {@code objectId} (called {@code what} in
     * messages, e.g. "table t") can: none, or an error (2BP01) unless {@code cascade}. Objects in
     * {@code alsoDropped} are being dropped by the same statement and do not count.
     * Returns the dependents, dependents of dependents first.
     */
    List<View> dependents(Transaction tx, int objectId, String what, boolean cascade, Set<Integer> alsoDropped) {
        List<String> detail = new ArrayList<>();
        LinkedHashSet<View> found = new LinkedHashSet<>();
        for (View v : direct(tx, objectId)) {
            if (!alsoDropped.contains(v.id())) {
                collect(tx, v, what, detail, found, alsoDropped);
            }
        }
        return resolve(detail, found, "cannot drop " + what + " because other objects depend on it", cascade);
    }

    /** The views that stand in the way of dropping column {@code column} of {@code table}; see {@link #dependents}. */
    List<View> columnDependents(Transaction tx, int tableId, String table, String column, boolean cascade) {
        String what = "column " + column + " of table " + table;
        List<String> detail = new ArrayList<>();
        LinkedHashSet<View> found = new LinkedHashSet<>();
        for (View v : catalog.views(tx).stream().filter(v -> v.usesColumn(tableId, column))
                .sorted(Comparator.comparingInt(View::id)).toList()) {
            collect(tx, v, what, detail, found, Set.of());
        }
        return resolve(detail, found, "cannot drop " + what + " because other objects depend on it", cascade);
    }

    private List<View> resolve(List<String> detail, LinkedHashSet<View> found, String message, boolean cascade) {
        if (!found.isEmpty() && !cascade) {
            throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message, 0, String.join("\n", detail),
                    CASCADE_HINT, null);
        }
        List<View> order = new ArrayList<>(found);
        java.util.Collections.reverse(order); // dependents of dependents first
        return order;
    }

    private void collect(Transaction tx, View v, String what, List<String> detail, Set<View> found, Set<Integer> alsoDropped) {
        detail.add("view " + v.name() + " depends on " + what);
        if (!found.add(v)) {
            return;
        }
        for (View w : direct(tx, v.id())) {
            if (!alsoDropped.contains(w.id())) {
                collect(tx, w, "view " + v.name(), detail, found, alsoDropped);
            }
        }
    }

    private List<View> direct(Transaction tx, int objectId) {
        return catalog.views(tx).stream().filter(v -> v.uses(objectId)).sorted(Comparator.comparingInt(View::id)).toList();
    }

    /** Drops {@code views} (already in a safe order), skipping any dropped before in this transaction. */
    void dropAll(Transaction tx, List<View> views) {
        Set<Integer> done = new HashSet<>();
        for (View v : views) {
            if (done.add(v.id()) && catalog.view(tx, v.name()) != null) {
                catalog.dropView(tx, catalog.view(tx, v.name()));
            }
        }
    }

    /** After RENAME COLUMN {@code from} TO {@code to} of table {@code tableId}: views keep showing the old name to their text. */
    void columnRenamed(Transaction tx, int tableId, String from, String to) {
        for (View v : catalog.views(tx)) {
            if (v.uses(tableId)) {
                View updated = v.withColumnRenamed(tableId, from, to);
                if (!updated.equals(v)) {
                    catalog.replaceView(tx, v, updated);
                }
            }
        }
    }
}

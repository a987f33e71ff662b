package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE SCHEMA, DROP SCHEMA [CASCADE] and ALTER SCHEMA RENAME. Schemas are catalog objects
 * (transactional like every DDL); the relations of schema {@code s} are those whose catalog name
 * is {@code s.name} (see {@link Catalog#resolve}).
 *
 * <pre>
 *   DROP SCHEMA s            s.t, s.v, s.q exist  ->  2BP01, DETAIL "table s.t depends on schema s" ...
 *   DROP SCHEMA s CASCADE    views on s.* (any schema) -> views of s -> tables of s (+ indexes,
 *                            owned sequences) -> sequences of s -> the schema row
 * </pre>
 */
final class SchemaExecutor {
    private final Executor executor;
    private final Catalog catalog;

    SchemaExecutor(Executor executor, Catalog catalog) {
        this.executor = executor;
        this.catalog = catalog;
    }

    void create(Statement.CreateSchema c, Transaction tx, ResultSink sink) {
        String name = c.name().name();
        if (catalog.schemaExists(tx, name)) {
            if (c.ifNotExists()) {
                sink.notice("NOTICE", "42P06", "schema \"" + name + "\" already exists, skipping", null, null);
                sink.complete("CREATE SCHEMA");
                return;
            }
            throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        if (name.startsWith("pg_")) {
            throw new SqlException(SqlState.RESERVED_NAME, "unacceptable schema name \"" + name + "\"", 0,
                    "The prefix \"pg_\" is reserved for system schemas.", null, null);
        }
        writable(tx, "CREATE SCHEMA");
        catalog.createSchema(tx, new Schema(catalog.allocateId(), name));
        sink.complete("CREATE SCHEMA");
    }

    void drop(Statement.DropSchema d, Transaction tx, ResultSink sink) {
        List<Schema> doomed = new ArrayList<>();
        for (Ident name : d.names()) {
            Schema sc = catalog.schema(tx, name.name());
            if (sc == null) {
                if (name.name().equals(Schema.PG_CATALOG)) {
                    throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema pg_catalog because it is "
                            + "required by the database system");
                }
                if (name.name().equals(Schema.PUBLIC)) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "dropping schema public is not supported");
                }
                if (d.ifExists()) {
                    sink.notice("NOTICE", "00000", "schema \"" + name.name() + "\" does not exist, skipping", null, null);
                    continue;
                }
                throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.name() + "\" does not exist");
            }
            if (!doomed.contains(sc)) {
                doomed.add(sc);
            }
        }
        if (!doomed.isEmpty()) {
            writable(tx, "DROP SCHEMA");
        }
        for (Schema sc : doomed) {
            List<String> detail = contents(tx, sc.name());
            if (!detail.isEmpty() && !d.cascade()) {
                throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + sc.name()
                        + " because other objects depend on it", 0, String.join("\n", detail),
                        "Use DROP ... CASCADE to drop the dependent objects too.", null);
            }
        }
        for (Schema sc : doomed) {
            dropContents(tx, sc.name());
            catalog.dropSchema(tx, sc);
        }
        sink.complete("DROP SCHEMA");
    }

    void rename(Statement.RenameSchema r, Transaction tx, ResultSink sink) {
        Schema sc = catalog.schema(tx, r.name().name());
        if (sc == null) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + r.name().name() + "\" does not exist");
        }
        if (catalog.schemaExists(tx, r.to().name())) {
            throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + r.to().name() + "\" already exists");
        }
        if (r.to().name().startsWith("pg_")) {
            throw new SqlException(SqlState.RESERVED_NAME, "unacceptable schema name \"" + r.to().name() + "\"", 0,
                    "The prefix \"pg_\" is reserved for system schemas.", null, null);
        }
        if (!catalog.relationsIn(tx, sc.name()).isEmpty()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "renaming a schema that contains relations is not supported yet");
        }
        writable(tx, "ALTER SCHEMA");
        catalog.dropSchema(tx, sc);
        catalog.createSchema(tx, new Schema(sc.id(), r.to().name()));
        sink.complete("ALTER SCHEMA");
    }

    /** PostgreSQL's DETAIL lines for the objects in {@code schema}, in creation order; owned sequences and indexes go with their tables. */
    private List<String> contents(Transaction tx, String schema) {
        record Item(int id, String line) {}
        List<Item> items = new ArrayList<>();
        for (String name : catalog.relationsIn(tx, schema)) {
            Table t = catalog.table(tx, name);
            View v = catalog.view(tx, name);
            Sequence q = catalog.sequence(tx, name);
            if (t != null) {
                items.add(new Item(t.id(), "table " + display(tx, name) + " depends on schema " + schema));
            } else if (v != null) {
                items.add(new Item(v.id(), "view " + display(tx, name) + " depends on schema " + schema));
            } else if (q != null && q.ownerTableId() == 0) {
                items.add(new Item(q.id(), "sequence " + display(tx, name) + " depends on schema " + schema));
            }
        }
        for (io.shaledb.sql.catalog.Function f : executor.routines().functionsIn(tx, schema)) {
            items.add(new Item(f.id(), "function " + schema + "." + executor.routines().describe(f)
                    + " depends on schema " + schema));
        }
        return items.stream().sorted(Comparator.comparingInt(Item::id)).map(Item::line).toList();
    }

    /** A relation's name as PostgreSQL's messages show it: bare when the search path finds it so, else qualified. */
    private String display(Transaction tx, String name) {
        String bare = Catalog.bareName(name);
        return name.equals(catalog.resolve(tx, bare)) ? bare : Catalog.schemaOf(name) + "." + bare;
    }

    private void dropContents(Transaction tx, String schema) {
        List<String> names = catalog.relationsIn(tx, schema);
        Set<Integer> dropping = new HashSet<>();
        for (String name : names) {
            Table t = catalog.table(tx, name);
            View v = catalog.view(tx, name);
            if (t != null) {
                dropping.add(t.id());
            } else if (v != null) {
                dropping.add(v.id());
            }
        }
        ViewExecutor views = executor.views();
        List<View> doomedViews = new ArrayList<>();
        for (String name : names) {
            Table t = catalog.table(tx, name);
            View v = catalog.view(tx, name);
            int id = t != null ? t.id() : v != null ? v.id() : -1;
            if (id >= 0) {
                doomedViews.addAll(views.dependents(tx, id, name, true, Set.of()));
            }
            if (v != null) {
                doomedViews.add(v);
            }
        }
        views.dropAll(tx, doomedViews);
        List<Table> doomedTables = new ArrayList<>();
        names.forEach(n -> {
            if (catalog.table(tx, n) != null) {
                doomedTables.add(catalog.table(tx, n));
            }
        });
        // their constraints, and foreign keys of other schemas' tables that reference them
        executor.constraintDdl().dropTables(tx, doomedTables, Set.copyOf(doomedTables.stream().map(Table::id).toList()), true);
        for (String name : names) {
            Table t = catalog.table(tx, name);
            if (t == null) {
                continue;
            }
            List<Sequence> owned = catalog.ownedSequences(tx, t.id());
            List<Index> indexes = catalog.indexes(tx, t.id());
            catalog.drop(tx, t);
            indexes.forEach(i -> catalog.dropIndex(tx, i));
            owned.forEach(q -> catalog.dropSequence(tx, q));
        }
        for (String name : names) {
            Sequence q = catalog.sequence(tx, name);
            if (q != null) {
                catalog.dropSequence(tx, q);
            }
            Index i = catalog.index(tx, name);
            if (i != null) {
                catalog.dropIndex(tx, i);
            }
        }
        for (io.shaledb.sql.catalog.Function f : executor.routines().functionsIn(tx, schema)) {
            executor.routines().dropWithTriggers(tx, f);
        }
    }

    private static void writable(Transaction tx, String command) {
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
        }
    }
}

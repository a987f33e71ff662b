package io.shaledb.sql.privileges;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.ObjectAcl;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import io.shaledb.txn.Transaction;

/**
 * The privilege checks that depend only on the statement and the catalog, run by the executor
 * before a statement ({@link #before}) and the ownership it records after one ({@link #after}):
 *
 * <pre>
 *   CREATE TABLE / VIEW / SEQUENCE   CREATE on the schema         -&gt; after: the creator owns it
 *   CREATE SCHEMA                    superuser (database CREATE)  -&gt; after: the creator owns it
 *   DROP / ALTER TABLE, CREATE INDEX ownership of the table ("must be owner of table t")
 *   TRUNCATE                         TRUNCATE on each table
 *   COPY t FROM / TO                 INSERT / SELECT on t
 *   CREATE TRIGGER                   TRIGGER on the table
 * </pre>
 *
 * Reads and writes of rows are checked where the planner and the DML executors meet each table
 * (see {@link AccessControl}). A name that does not resolve is left to the statement, which
 * reports it as it always did.
 */
public final class StatementChecks {
    private StatementChecks() {}

    public static void before(Catalog catalog, Statement s, Transaction tx) {
        AccessControl ac = AccessControl.current();
        if (ac == null || ac.superuser(ac.currentUser())) {
            return;
        }
        switch (s) {
            case Statement.CreateTable c -> requireCreateIn(catalog, tx, c.name());
            case Statement.CreateSequence c -> requireCreateIn(catalog, tx, c.name());
            case Statement.CreateView c -> {
                View existing = c.orReplace() ? catalog.view(tx, catalog.resolve(tx, c.name().name())) : null;
                if (existing != null) {
                    AccessControl.requireOwner('r', existing.id(), "view", existing.name());
                } else {
                    requireCreateIn(catalog, tx, c.name());
                }
            }
            case Statement.CreateSchema c ->
                    throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + Acl.DEFAULT_SUPERUSER);
            case Statement.DropTable d -> d.names().forEach(n -> ownerOfRelation(catalog, tx, n));
            case Statement.DropView d -> d.names().forEach(n -> ownerOfRelation(catalog, tx, n));
            case Statement.DropSequence d -> d.names().forEach(n -> ownerOfRelation(catalog, tx, n));
            case Statement.DropSchema d -> d.names().forEach(n -> {
                Schema sc = catalog.schema(tx, n.name());
                if (sc != null) {
                    AccessControl.requireOwner('n', sc.id(), "schema", n.name());
                }
            });
            case Statement.AlterTable a -> ownerOfRelation(catalog, tx, a.table());
            case Statement.CreateIndex c -> ownerOfRelation(catalog, tx, c.table());
            case Statement.DropIndex d -> d.names().forEach(n -> {
                Index i = catalog.index(tx, catalog.resolve(tx, n.name()));
                if (i != null) {
                    Table t = catalog.tableById(tx, i.tableId());
                    if (t != null && !ac.owns(ac.currentUser(), 'r', t.id())) {
                        throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of index " + Catalog.bareName(i.name()));
                    }
                }
            });
            case Statement.Truncate t -> t.tables().forEach(n -> {
                Table table = catalog.table(tx, catalog.resolve(tx, n.name()));
                if (table != null) {
                    AccessControl.requireTable(table, Privilege.TRUNCATE);
                }
            });
            case Statement.Copy c when c.table() != null -> {
                Table table = catalog.table(tx, catalog.resolve(tx, c.table().name()));
                if (table != null) {
                    AccessControl.requireTable(table, c.from() ? Privilege.INSERT : Privilege.SELECT);
                }
            }
            case Statement.CreateTrigger c -> {
                Table table = catalog.table(tx, catalog.resolve(tx, c.table().name()));
                if (table != null) {
                    AccessControl.requireTable(table, Privilege.TRIGGER);
                }
            }
            default -> { }
        }
    }

    /** Records the creator as the owner of what {@code s} created (only for a role that exists: see {@link AccessControl}). */
    public static void after(Catalog catalog, Statement s, Transaction tx) {
        switch (s) {
            case Statement.CreateTable c -> {
                Table t = catalog.table(tx, catalog.resolve(tx, c.name().name()));
                if (t != null && catalog.acl(tx, 'r', t.id()) == null) {
                    AccessControl.created('r', t.id());
                }
                ownSequences(catalog, tx, t);
            }
            case Statement.AlterTable a -> ownSequences(catalog, tx, catalog.table(tx, catalog.resolve(tx, a.table().name())));
            case Statement.CreateView c -> {
                View v = catalog.view(tx, catalog.resolve(tx, c.name().name()));
                if (v != null && catalog.acl(tx, 'r', v.id()) == null) {
                    AccessControl.created('r', v.id());
                }
            }
            case Statement.CreateSequence c -> {
                Sequence q = catalog.sequence(tx, catalog.resolve(tx, c.name().name()));
                if (q != null && catalog.acl(tx, 's', q.id()) == null) {
                    AccessControl.created('s', q.id());
                }
            }
            case Statement.CreateSchema c -> {
                Schema sc = catalog.schema(tx, c.name().name());
                if (sc != null && catalog.acl(tx, 'n', sc.id()) == null) {
                    AccessControl.created('n', sc.id());
                }
            }
            default -> { }
        }
    }

    /** A SERIAL or identity column's sequence belongs to its table's owner, as in PostgreSQL. */
    private static void ownSequences(Catalog catalog, Transaction tx, Table t) {
        if (t == null) {
            return;
        }
        ObjectAcl table = catalog.acl(tx, 'r', t.id());
        if (table == null || table.owner() == 0) {
            return;
        }
        for (Sequence q : catalog.ownedSequences(tx, t.id())) {
            ObjectAcl seq = catalog.acl(tx, 's', q.id());
            if (seq == null || seq.owner() != table.owner()) {
                catalog.putAcl(tx, seq == null ? new ObjectAcl('s', q.id(), table.owner(), null) : seq.withOwner(table.owner()));
            }
        }
    }

    private static void requireCreateIn(Catalog catalog, Transaction tx, Ident name) {
        String created = catalog.createName(tx, name.name());
        AccessControl.current().requireSchema(Catalog.schemaOf(created), Privilege.CREATE, name.pos() + 1);
    }

    private static void ownerOfRelation(Catalog catalog, Transaction tx, Ident name) {
        String resolved = catalog.resolve(tx, name.name());
        Table t = catalog.table(tx, resolved);
        if (t != null) {
            AccessControl.requireOwner('r', t.id(), "table", t.name());
            return;
        }
        View v = catalog.view(tx, resolved);
        if (v != null) {
            AccessControl.requireOwner('r', v.id(), "view", v.name());
            return;
        }
        Sequence q = catalog.sequence(tx, resolved);
        if (q != null) {
            AccessControl.requireOwner('s', q.id(), "sequence", q.name());
        }
    }
}

package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.AlterAction;
import io.shaledb.sql.ast.ConstraintDef;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.ConstraintAccess;
import io.shaledb.sql.parser.Lexer;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.parser.Token;
import io.shaledb.sql.parser.TokenKind;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Constraint DDL: the constraints of CREATE TABLE, ALTER TABLE ... ADD / DROP / VALIDATE /
 * RENAME CONSTRAINT, and what other DDL must do about constraints (DROP TABLE and TRUNCATE of a
 * referenced table, renamed and dropped columns, DROP INDEX of a constraint's index).
 *
 * <p>A UNIQUE constraint is a catalog {@link Constraint} plus the unique {@link Index} of the
 * same name that enforces it; a PRIMARY KEY is the table's row key plus its constraint object
 * (tables created before constraints existed have none, and are shown with a generated one).
 */
public final class ConstraintDdl {
    private final ConstraintAccess access;
    private final Catalog catalog;

    public ConstraintDdl(ConstraintAccess access) {
        this.access = access;
        this.catalog = access.catalog();
    }

    /** How ADD CONSTRAINT ... UNIQUE builds its index (the executor's CREATE UNIQUE INDEX path). */
    public interface IndexBuilder {
        /** {@code deferrable}: the index of a DEFERRABLE constraint, checked at statement end or COMMIT (not immediate). */
        void createUnique(Transaction tx, Table table, String name, List<String> columns, boolean deferrable);
    }

    // ------------------------------------------------------------------ CREATE TABLE

    /**
     * The constraints of a CREATE TABLE just made ({@code table} is pending in {@code tx}): the
     * primary key's constraint, UNIQUE with their indexes, CHECK, then FOREIGN KEY, named as
     * PostgreSQL names them.
     */
    public void createTable(Transaction tx, Table table, List<ConstraintDef> defs, IndexBuilder indexes) {
        Set<String> chosen = new HashSet<>();
        if (!table.hasHiddenRowId()) {
            ConstraintDef named = defs.stream().filter(d -> d.type() == 'p').findFirst().orElse(null);
            List<String> cols = new ArrayList<>();
            for (int c : table.primaryKey()) {
                cols.add(table.column(c).name());
            }
            String name = named != null && named.name() != null ? named.name().name() : indexName(tx, table, cols, "pkey", chosen);
            chosen.add(name);
            create(tx, table, key(tx, table, Constraint.PRIMARY_KEY, name, cols, named));
        }
        for (ConstraintDef d : defs) {
            if (d.type() == 'u') {
                chosen.add(addUnique(tx, table, d, indexes, chosen));
            }
        }
        for (ConstraintDef d : defs) {
            if (d.type() == 'c') {
                Constraint k = check(tx, table, d, chosen);
                chosen.add(k.name());
                create(tx, table, k);
            }
        }
        for (ConstraintDef d : defs) {
            if (d.type() == 'f') {
                Constraint k = foreignKey(tx, table, d, chosen);
                chosen.add(k.name());
                create(tx, table, k);
            }
        }
    }

    // ------------------------------------------------------------------ ALTER TABLE

    /**
     * ALTER TABLE's constraint actions on {@code table} (already replaced by the other actions of
     * the statement); ADD PRIMARY KEY has changed the table's key already, only its constraint
     * object is made here.
     */
    public void alter(Transaction tx, Table table, List<AlterAction> actions, IndexBuilder indexes) {
        Set<String> chosen = new HashSet<>();
        for (AlterAction a : actions) {
            switch (a) {
                case AlterAction.AddConstraint add -> chosen.add(add(tx, table, add.constraint(), indexes, chosen));
                case AlterAction.DropConstraint d -> drop(tx, table, d);
                case AlterAction.ValidateConstraint v -> validate(tx, table, v.name());
                case AlterAction.RenameConstraint r -> rename(tx, table, r.from(), r.to());
                default -> throw new IllegalStateException("not a constraint action: " + a);
            }
        }
    }

    private String add(Transaction tx, Table table, ConstraintDef d, IndexBuilder indexes, Set<String> chosen) {
        switch (d.type()) {
            case 'p' -> {
                List<String> cols = names(d.columns());
                String name = d.name() != null ? d.name().name() : indexName(tx, table, cols, "pkey", chosen);
                create(tx, table, key(tx, table, Constraint.PRIMARY_KEY, name, cols, d));
                return name;
            }
            case 'u' -> {
                return addUnique(tx, table, d, indexes, chosen);
            }
            case 'c' -> {
                Constraint k = check(tx, table, d, chosen);
                if (!d.notValid()) {
                    checkExistingRows(tx, table, k);
                }
                create(tx, table, k.withValidated(!d.notValid()));
                return k.name();
            }
            case 'f' -> {
                Constraint k = foreignKey(tx, table, d, chosen);
                Table parent = catalog.tableById(tx, k.refTableId());
                if (parent.id() != table.id()) {
                    catalog.lockExclusive(tx, parent); // no new parent rows change under the validation
                }
                if (!d.notValid()) {
                    checkExistingReferences(tx, table, k);
                }
                create(tx, table, k.withValidated(!d.notValid()));
                return k.name();
            }
            default -> throw new IllegalStateException("constraint type " + d.type());
        }
    }

    private void drop(Transaction tx, Table table, AlterAction.DropConstraint d) {
        Constraint k = catalog.constraint(tx, table.id(), d.name().name());
        if (k == null && d.name().name().equals(table.primaryKeyName()) && !table.hasHiddenRowId()) {
            k = implicitPrimaryKey(table);
        }
        if (k == null) {
            if (d.ifExists()) {
                return; // NOTICE: constraint does not exist, skipping
            }
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + d.name().name() + "\" of relation \""
                    + Catalog.bareName(table.name()) + "\" does not exist");
        }
        if (k.isKey()) {
            List<Constraint> dependents = dependentForeignKeys(tx, table, k);
            if (!dependents.isEmpty() && !d.cascade()) {
                Constraint fk = dependents.getFirst();
                throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop constraint " + k.name() + " on table "
                        + Catalog.bareName(table.name()) + " because other objects depend on it", 0,
                        "constraint " + fk.name() + " on table " + tableName(tx, fk.tableId()) + " depends on index " + k.name(),
                        "Use DROP ... CASCADE to drop the dependent objects too.", null);
            }
            if (k.type() == Constraint.PRIMARY_KEY) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "dropping a primary key is not supported yet");
            }
            for (Constraint fk : dependents) {
                catalog.dropConstraint(tx, fk);
            }
            Index index = catalog.index(tx, Catalog.qualify(Catalog.schemaOf(table.name()), k.name()));
            if (index != null) {
                catalog.dropIndex(tx, index);
            }
        }
        catalog.dropConstraint(tx, k);
    }

    private void validate(Transaction tx, Table table, Ident name) {
        Constraint k = catalog.constraint(tx, table.id(), name.name());
        if (k == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name.name() + "\" of relation \""
                    + Catalog.bareName(table.name()) + "\" does not exist");
        }
        if (k.type() != Constraint.CHECK && k.type() != Constraint.FOREIGN_KEY) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + k.name() + "\" of relation \""
                    + Catalog.bareName(table.name()) + "\" is not a foreign key or check constraint");
        }
        if (k.validated()) {
            return;
        }
        if (k.type() == Constraint.CHECK) {
            checkExistingRows(tx, table, k);
        } else {
            checkExistingReferences(tx, table, k);
        }
        catalog.replaceConstraint(tx, k, k.withValidated(true), table.name());
    }

    private void rename(Transaction tx, Table table, Ident from, Ident to) {
        Constraint k = catalog.constraint(tx, table.id(), from.name());
        if (k == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + from.name() + "\" for table \""
                    + Catalog.bareName(table.name()) + "\" does not exist");
        }
        if (catalog.constraint(tx, table.id(), to.name()) != null) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "constraint \"" + to.name() + "\" for relation \""
                    + Catalog.bareName(table.name()) + "\" already exists");
        }
        if (k.type() == Constraint.UNIQUE) {
            String schema = Catalog.schemaOf(table.name());
            Index index = catalog.index(tx, Catalog.qualify(schema, k.name()));
            if (index != null) {
                if (catalog.relationExists(tx, Catalog.qualify(schema, to.name()))) {
                    throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + to.name() + "\" already exists");
                }
                catalog.renameIndex(tx, index, index.withName(Catalog.qualify(schema, to.name())));
            }
        }
        catalog.replaceConstraint(tx, k, k.withName(to.name()), table.name());
    }

    // ------------------------------------------------------------------ other DDL

    /**
     * DROP TABLE of {@code doomed} (ids in {@code dropping}): foreign keys of other tables that
     * reference them are 2BP01 unless {@code cascade}, which drops those constraints; the tables'
     * own constraints go with them.
     */
    public void dropTables(Transaction tx, List<Table> doomed, Set<Integer> dropping, boolean cascade) {
        for (Table t : doomed) {
            List<Constraint> dependents = catalog.referencing(tx, t.id()).stream().filter(fk -> !dropping.contains(fk.tableId()))
                    .sorted(java.util.Comparator.comparingInt(Constraint::id)).toList();
            if (!dependents.isEmpty() && !cascade) {
                List<String> lines = new ArrayList<>();
                for (Constraint fk : dependents) {
                    lines.add("constraint " + fk.name() + " on table " + tableName(tx, fk.tableId()) + " depends on table "
                            + Catalog.bareName(t.name()));
                }
                throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + Catalog.bareName(t.name())
                        + " because other objects depend on it", 0, String.join("\n", lines),
                        "Use DROP ... CASCADE to drop the dependent objects too.", null);
            }
            for (Constraint fk : dependents) {
                catalog.dropConstraint(tx, fk);
            }
        }
        for (Table t : doomed) {
            for (Constraint k : catalog.constraints(tx, t.id())) {
                catalog.dropConstraint(tx, k);
            }
        }
    }

    /**
     * TRUNCATE of {@code tables}: with {@code cascade} the referencing tables are added (returned
     * list); without, a referencing table not truncated too is 0A000, as in PostgreSQL.
     */
    public List<Table> truncation(Transaction tx, List<Table> tables, boolean cascade) {
        List<Table> all = new ArrayList<>(tables);
        for (int i = 0; i < all.size(); i++) {
            Table t = all.get(i);
            for (Constraint fk : catalog.referencing(tx, t.id())) {
                if (all.stream().anyMatch(x -> x.id() == fk.tableId())) {
                    continue;
                }
                Table child = catalog.tableById(tx, fk.tableId());
                if (!cascade) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced in a foreign key constraint", 0,
                            "Table \"" + Catalog.bareName(child.name()) + "\" references \"" + Catalog.bareName(t.name()) + "\".",
                            "Truncate table \"" + Catalog.bareName(child.name()) + "\" at the same time, or use TRUNCATE ... CASCADE.", null);
                }
                all.add(child);
            }
        }
        return all;
    }

    /** DROP INDEX of the index of a UNIQUE constraint: 2BP01, as in PostgreSQL. */
    public void checkIndexDrop(Transaction tx, Index i) {
        Constraint k = catalog.constraint(tx, i.tableId(), Catalog.bareName(i.name()));
        if (k != null && k.type() == Constraint.UNIQUE) {
            String table = tableName(tx, i.tableId());
            throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + Catalog.bareName(i.name())
                    + " because constraint " + k.name() + " on table " + table + " requires it", 0, null,
                    "You can drop constraint " + k.name() + " on table " + table + " instead.", null);
        }
    }

    /**
     * After ALTER TABLE changed {@code original} into {@code updated}: constraints follow renamed
     * columns (matched by position, as indexes do) — in both the constrained and the referencing
     * tables — and go with dropped ones (2BP01 when a foreign key of another table depends on a
     * key that goes, unless {@code cascade}).
     */
    public void columnsChanged(Transaction tx, Table original, Table updated, boolean cascade) {
        boolean renamesOnly = updated.columns().size() == original.columns().size();
        for (Constraint k : new ArrayList<>(catalog.constraints(tx))) {
            boolean own = k.tableId() == original.id();
            boolean refs = k.type() == Constraint.FOREIGN_KEY && k.refTableId() == original.id();
            if (!own && !refs) {
                continue;
            }
            List<String> cols = own ? follow(k.columns(), original, updated, renamesOnly) : k.columns();
            List<String> refCols = refs ? follow(k.refColumns(), original, updated, renamesOnly) : k.refColumns();
            List<String> setCols = own ? follow(k.setColumns(), original, updated, renamesOnly) : k.setColumns();
            if (cols == null || refCols == null || setCols == null) {
                if (own && k.isKey()) {
                    List<Constraint> dependents = dependentForeignKeys(tx, original, k);
                    if (!dependents.isEmpty() && !cascade) {
                        throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column of table "
                                + Catalog.bareName(original.name()) + " because other objects depend on it", 0,
                                "constraint " + dependents.getFirst().name() + " on table " + tableName(tx, dependents.getFirst().tableId())
                                        + " depends on index " + k.name(), "Use DROP ... CASCADE to drop the dependent objects too.", null);
                    }
                    dependents.forEach(fk -> catalog.dropConstraint(tx, fk));
                }
                if (catalog.constraint(tx, k.tableId(), k.name()) != null) {
                    catalog.dropConstraint(tx, k);
                }
                continue;
            }
            String check = k.checkExpr();
            if (own && check != null && renamesOnly) {
                for (int i = 0; i < original.columns().size(); i++) {
                    String from = original.column(i).name();
                    String to = updated.column(i).name();
                    if (!from.equals(to)) {
                        check = renameIdentifier(check, from, to);
                    }
                }
            }
            if (!cols.equals(k.columns()) || !refCols.equals(k.refColumns()) || !setCols.equals(k.setColumns())
                    || !java.util.Objects.equals(check, k.checkExpr())) {
                catalog.replaceConstraint(tx, k, k.withColumns(cols, refCols, setCols, check), tableName(tx, k.tableId()));
            }
        }
    }

    /** {@code SET CONSTRAINTS}: resolves the names (42704 when unknown) and records the mode. */
    public void setConstraints(Transaction tx, List<Ident> names, boolean deferred) {
        List<Constraint> chosen = null;
        if (names != null) {
            chosen = new ArrayList<>();
            for (Ident n : names) {
                String bare = Catalog.bareName(n.name());
                List<Constraint> found = catalog.constraints(tx).stream().filter(k -> k.name().equals(bare)).toList();
                if (found.isEmpty()) {
                    throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + n.name() + "\" does not exist");
                }
                chosen.addAll(found);
            }
        }
        DeferredChecks.set(tx, chosen, deferred);
    }

    // ------------------------------------------------------------------ building constraints

    private Constraint key(Transaction tx, Table table, char type, String name, List<String> cols, ConstraintDef d) {
        for (String c : cols) {
            if (table.columnIndex(c) < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" named in key does not exist");
            }
        }
        return new Constraint(catalog.allocateId(), name, table.id(), type, cols, null, 0, List.of(), (char) 0, (char) 0, (char) 0,
                List.of(), d != null && d.deferrable(), d != null && d.deferred(), true, false);
    }

    /** UNIQUE: the constraint and its unique index (building it checks the existing rows: 23505). */
    private String addUnique(Transaction tx, Table table, ConstraintDef d, IndexBuilder indexes, Set<String> chosen) {
        List<String> cols = names(d.columns());
        Set<String> distinct = new LinkedHashSet<>(cols);
        if (distinct.size() != cols.size()) {
            String dup = cols.stream().filter(c -> cols.indexOf(c) != cols.lastIndexOf(c)).findFirst().orElseThrow();
            throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + dup + "\" appears twice in unique constraint");
        }
        String name = d.name() != null ? d.name().name() : indexName(tx, table, cols, "key", chosen);
        Constraint k = key(tx, table, Constraint.UNIQUE, name, cols, d);
        create(tx, table, k);
        indexes.createUnique(tx, table, Catalog.qualify(Catalog.schemaOf(table.name()), name), cols, k.deferrable());
        return name;
    }

    private Constraint check(Transaction tx, Table table, ConstraintDef d, Set<String> chosen) {
        if (d.deferrable()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "check constraints cannot be marked DEFERRABLE");
        }
        try {
            ConstraintAccess.bindCheck(table, d.checkExpr()); // unknown columns, non-boolean: fail now
        } catch (SqlException e) {
            // positions are in the CHECK text: point into the statement instead
            throw e.withPosition(e.position() > 0 ? e.position() + d.checkPos() : d.checkPos() + 1);
        }
        List<String> cols = new ArrayList<>(new LinkedHashSet<>(columnsOf(Parser.parseExpression(d.checkExpr()), table)));
        String name = d.name() != null ? d.name().name()
                : constraintName(tx, table, cols.size() == 1 ? cols : List.of(), "check", chosen);
        return new Constraint(catalog.allocateId(), name, table.id(), Constraint.CHECK, cols, d.checkExpr(), 0, List.of(),
                (char) 0, (char) 0, (char) 0, List.of(), false, false, true, d.noInherit());
    }

    private Constraint foreignKey(Transaction tx, Table table, ConstraintDef d, Set<String> chosen) {
        String refName = catalog.resolve(tx, d.refTable().name());
        Table parent = catalog.table(tx, refName);
        if (parent == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + d.refTable().name() + "\" does not exist");
        }
        List<String> cols = names(d.columns());
        for (String c : cols) {
            if (table.columnIndex(c) < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" referenced in foreign key constraint does not exist");
            }
        }
        List<String> refCols = names(d.refColumns());
        if (refCols.isEmpty()) {
            if (parent.hasHiddenRowId()) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "there is no primary key for referenced table \""
                        + Catalog.bareName(parent.name()) + "\"");
            }
            for (int c : parent.primaryKey()) {
                refCols.add(parent.column(c).name());
            }
            if (primaryKeyDeferrable(tx, parent)) {
                throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot use a deferrable primary key for referenced table \""
                        + Catalog.bareName(parent.name()) + "\"");
            }
        } else {
            for (String c : refCols) {
                if (parent.columnIndex(c) < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" referenced in foreign key constraint does not exist");
                }
            }
        }
        if (refCols.size() != cols.size()) {
            throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "number of referencing and referenced columns for foreign key disagree");
        }
        int key = d.refColumns().isEmpty() ? UNIQUE_KEY : uniqueKey(tx, parent, refCols);
        if (key == DEFERRABLE_KEY_ONLY) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot use a deferrable unique constraint for referenced table \""
                    + Catalog.bareName(parent.name()) + "\"");
        }
        if (key == NO_KEY) {
            throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys for referenced table \""
                    + Catalog.bareName(parent.name()) + "\"");
        }
        String name = d.name() != null ? d.name().name() : constraintName(tx, table, cols, "fkey", chosen);
        for (int i = 0; i < cols.size(); i++) {
            SqlType a = table.column(table.columnIndex(cols.get(i))).type();
            SqlType b = parent.column(parent.columnIndex(refCols.get(i))).type();
            if (!comparable(a, b)) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"" + name + "\" cannot be implemented", 0,
                        "Key columns \"" + cols.get(i) + "\" and \"" + refCols.get(i) + "\" are of incompatible types: "
                                + a.sqlName() + " and " + b.sqlName() + ".", null, null);
            }
        }
        List<String> setCols = names(d.setColumns());
        for (String c : setCols) {
            if (!cols.contains(c)) {
                throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "column \"" + c + "\" referenced in ON DELETE SET action must be part of foreign key");
            }
        }
        return new Constraint(catalog.allocateId(), name, table.id(), Constraint.FOREIGN_KEY, cols, null, parent.id(), refCols,
                d.matchType(), d.onUpdate(), d.onDelete(), setCols, d.deferrable(), d.deferred(), true, false);
    }

    private static boolean comparable(SqlType a, SqlType b) {
        return a == b || (a.isNumeric() && b.isNumeric()) || (a.isString() && b.isString());
    }

    private static final int NO_KEY = 0;
    private static final int UNIQUE_KEY = 1;
    private static final int DEFERRABLE_KEY_ONLY = 2;

    /**
     * Whether {@code cols} (as a set) are a primary key, UNIQUE constraint or plain unique index of
     * {@code parent}: {@link #UNIQUE_KEY}, or {@link #DEFERRABLE_KEY_ONLY} when only DEFERRABLE
     * ones match (which a foreign key cannot use, as in PostgreSQL), or {@link #NO_KEY}.
     */
    private int uniqueKey(Transaction tx, Table parent, List<String> cols) {
        Set<String> wanted = new HashSet<>(cols);
        boolean deferrable = false;
        if (!parent.hasHiddenRowId()) {
            Set<String> pk = new HashSet<>();
            for (int c : parent.primaryKey()) {
                pk.add(parent.column(c).name());
            }
            if (pk.equals(wanted) && pk.size() == cols.size()) {
                if (!primaryKeyDeferrable(tx, parent)) {
                    return UNIQUE_KEY;
                }
                deferrable = true;
            }
        }
        for (Index i : catalog.indexes(tx, parent.id())) {
            if (i.unique() && i.predicate() == null && i.columns().size() == cols.size()
                    && new HashSet<>(i.columns().stream().map(Index.Key::column).toList()).equals(wanted)) {
                if (i.immediate()) {
                    return UNIQUE_KEY;
                }
                deferrable = true;
            }
        }
        return deferrable ? DEFERRABLE_KEY_ONLY : NO_KEY;
    }

    private boolean primaryKeyDeferrable(Transaction tx, Table table) {
        return catalog.constraints(tx).stream().anyMatch(k -> k.tableId() == table.id() && k.type() == Constraint.PRIMARY_KEY
                && k.deferrable());
    }

    private void create(Transaction tx, Table table, Constraint k) {
        catalog.createConstraint(tx, k, table.name());
    }

    /** The FOREIGN KEYs of any table that rely on key constraint {@code k} of {@code table}. */
    private List<Constraint> dependentForeignKeys(Transaction tx, Table table, Constraint k) {
        Set<String> key = new HashSet<>(k.columns());
        return catalog.referencing(tx, table.id()).stream().filter(fk -> new HashSet<>(fk.refColumns()).equals(key)).toList();
    }

    // ------------------------------------------------------------------ validation of existing rows

    /** ADD / VALIDATE of a CHECK: 23514 "check constraint ... is violated by some row". */
    private void checkExistingRows(Transaction tx, Table table, Constraint k) {
        Bound b = ConstraintAccess.bindCheck(table, k.checkExpr());
        Relation rel = access.relation(table);
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                if (Boolean.FALSE.equals(ConstraintAccess.evalCheck(b, access.decode(table, s.current())))) {
                    throw new SqlException(SqlState.CHECK_VIOLATION, "check constraint \"" + k.name() + "\" of relation \""
                            + Catalog.bareName(table.name()) + "\" is violated by some row");
                }
            }
        }
    }

    /** ADD / VALIDATE of a FOREIGN KEY: every existing row's key must be present (23503 as for an INSERT). */
    private void checkExistingReferences(Transaction tx, Table table, Constraint k) {
        ForeignKeys fks = new ForeignKeys(access, null);
        Relation rel = access.relation(table);
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                fks.checkChild(tx, k, table, access.decode(table, s.current()));
            }
        }
    }

    // ------------------------------------------------------------------ names

    /** A generated name for an index-backed constraint: unique among relations (the index is one). */
    private String indexName(Transaction tx, Table table, List<String> cols, String label, Set<String> chosen) {
        String schema = Catalog.schemaOf(table.name());
        return ConstraintNames.choose(Catalog.bareName(table.name()), label.equals("pkey") ? List.of() : cols, label,
                n -> chosen.contains(n) || catalog.relationExists(tx, Catalog.qualify(schema, n)) || constraintNameUsed(tx, schema, n));
    }

    /** A generated CHECK / FOREIGN KEY name: unique among the constraints of the schema. */
    private String constraintName(Transaction tx, Table table, List<String> cols, String label, Set<String> chosen) {
        String schema = Catalog.schemaOf(table.name());
        return ConstraintNames.choose(Catalog.bareName(table.name()), cols, label,
                n -> chosen.contains(n) || constraintNameUsed(tx, schema, n));
    }

    private boolean constraintNameUsed(Transaction tx, String schema, String name) {
        for (Constraint k : catalog.constraints(tx)) {
            if (k.name().equals(name)) {
                Table t = catalog.tableById(tx, k.tableId());
                if (t != null && Catalog.schemaOf(t.name()).equals(schema)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String tableName(Transaction tx, int id) {
        Table t = catalog.tableById(tx, id);
        return t == null ? "?" : Catalog.bareName(t.name());
    }

    /** The constraint object a table made before constraints were stored has for its primary key. */
    public static Constraint implicitPrimaryKey(Table table) {
        List<String> cols = new ArrayList<>();
        for (int c : table.primaryKey()) {
            cols.add(table.column(c).name());
        }
        return new Constraint(-table.id(), table.primaryKeyName(), table.id(), Constraint.PRIMARY_KEY, cols, null, 0, List.of(),
                (char) 0, (char) 0, (char) 0, List.of(), false, false, true, false);
    }

    private static List<String> names(List<Ident> idents) {
        List<String> out = new ArrayList<>();
        idents.forEach(i -> out.add(i.name()));
        return out;
    }

    /** Follows {@code cols} of {@code original} into {@code updated}; null when one was dropped. */
    private static List<String> follow(List<String> cols, Table original, Table updated, boolean renamesOnly) {
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            int i = original.columnIndex(c);
            String now = i < 0 ? null : renamesOnly ? updated.column(i).name() : updated.columnIndex(c) >= 0 ? c : null;
            if (now == null) {
                return null;
            }
            out.add(now);
        }
        return out;
    }

    /** The table columns an expression reads, in order of first use. */
    private static List<String> columnsOf(Expr e, Table table) {
        List<String> out = new ArrayList<>();
        collect(e, table, out);
        return out;
    }

    private static void collect(Object node, Table table, List<String> out) {
        if (node instanceof Expr.ColumnRef c) {
            if (table.columnIndex(c.column()) >= 0) {
                out.add(c.column());
            }
            return;
        }
        if (node instanceof Record r) {
            for (var comp : r.getClass().getRecordComponents()) {
                try {
                    collect(comp.getAccessor().invoke(r), table, out);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException("cannot read " + comp.getName() + " of " + r.getClass().getSimpleName(), ex);
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                collect(o, table, out);
            }
        }
    }

    /** {@code sql} with every identifier token {@code from} replaced by {@code to} (quoted when it must be). */
    static String renameIdentifier(String sql, String from, String to) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Token t : Lexer.tokenize(sql)) {
            if ((t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENT) && t.text().equals(from)) {
                sb.append(sql, at, t.offset()).append(ConstraintText.quote(to));
                at = t.offset() + t.raw().length();
            }
        }
        return sb.append(sql.substring(at)).toString();
    }
}

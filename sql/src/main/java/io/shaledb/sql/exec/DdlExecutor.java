package io.shaledb.sql.exec;

import io.shaledb.sql.Engines;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.AlterAction;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.ast.SequenceOptions;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.sql.types.SqlType;
import java.util.Map;
import io.shaledb.sql.catalog.Table;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * CREATE TABLE, DROP TABLE, ALTER TABLE and TRUNCATE, run inside the session's transaction: each
 * computes the new table definition and hands it to the {@link Catalog}, which writes it as a
 * catalog row version and shows it to other sessions only once the transaction commits.
 *
 * <p>Row storage follows PostgreSQL: ADD COLUMN never touches rows (rows stored before it read
 * the column's {@link Column#missing} value); DROP COLUMN rewrites the rows into a fresh key space
 * and TRUNCATE starts an empty one, so both roll back by forgetting the new space, and the old one
 * is reclaimed after commit.
 */
final class DdlExecutor {
    private final Engines engines;
    private final Catalog catalog;
    private final Executor executor;

    private final IndexDdl indexDdl;

    /** See {@link IndexDdl#buildLegacyIndexes}. */
    void buildLegacyIndexes(io.shaledb.txn.TransactionManager txns) {
        indexDdl.buildLegacyIndexes(txns);
    }

    DdlExecutor(Engines engines, Catalog catalog, Executor executor) {
        this.indexDdl = new IndexDdl(catalog, executor);
        this.engines = engines;
        this.catalog = catalog;
        this.executor = executor;
    }

    void execute(Statement statement, Transaction tx, ResultSink sink) {
        switch (statement) {
            case Statement.CreateTable c -> createTable(c, tx, sink);
            case Statement.DropTable d -> dropTable(d, tx, sink);
            case Statement.AlterTable a -> alterTable(a, tx, sink);
            case Statement.Truncate t -> truncate(t, tx, sink);
            case Statement.CreateSequence c -> createSequence(c, tx, sink);
            case Statement.DropSequence d -> dropSequence(d, tx, sink);
            case Statement.CreateIndex c -> createIndex(c, tx, sink);
            case Statement.DropIndex d -> dropIndex(d, tx, sink);
            case Statement.Reindex r -> indexDdl.reindex(r, tx, sink, this::freeName);
            default -> throw new IllegalStateException("not DDL: " + statement);
        }
    }

    /**
     * {@code written} as the catalog name it means (unchanged when nothing has that name, so
     * messages show it as written); 3F000 when its schema does not exist, unless {@code ifExists}.
     */
    private Ident resolved(Transaction tx, Ident written, boolean ifExists) {
        if (!ifExists) {
            catalog.requireSchemaOf(tx, written.name());
        }
        String name = catalog.resolve(tx, written.name());
        if (name == null) {
            return new Ident("\u0001" + written.name(), written.pos()); // matches nothing
        }
        return new Ident(name, written.pos());
    }

    static void checkWritable(Transaction tx, String command) {
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
        }
    }

    // ------------------------------------------------------------------ CREATE / DROP

    private void createTable(Statement.CreateTable c, Transaction tx, ResultSink sink) {
        String name = catalog.createName(tx, c.name().name(), c.name().pos() + 1);
        if (catalog.relationExists(tx, name)) {
            if (c.ifNotExists()) {
                sink.notice("NOTICE", "42P07", "relation \"" + Catalog.bareName(name) + "\" already exists, skipping", null, null);
                sink.complete("CREATE TABLE");
                return;
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + Catalog.bareName(name) + "\" already exists");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Integer> serials = new ArrayList<>();
        for (Statement.ColumnDef cd : c.columns()) {
            if (!names.add(cd.name().name())) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + cd.name().name() + "\" specified more than once");
            }
            if (SERIALS.containsKey(cd.type().name()) || cd.identity() != 0) {
                if (cd.defaultExpr() != null && cd.identity() != 0) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "both default and identity specified for column \""
                            + cd.name().name() + "\" of table \"" + Catalog.bareName(name) + "\"");
                }
                if (cd.defaultExpr() != null) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                            + cd.name().name() + "\" of table \"" + Catalog.bareName(name) + "\"");
                }
                serials.add(columns.size());
                if (cd.identity() != 0) {
                    String t = cd.type().name();
                    if (!t.equals("int2") && !t.equals("int4") && !t.equals("int8")) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint");
                    }
                    columns.add(column(cd).withNotNull(true).withIdentity(cd.identity()));
                } else {
                    long serialMax = SERIALS.get(cd.type().name());
                    columns.add(new Column(cd.name().name(), serialMax == Integer.MAX_VALUE ? SqlType.INTEGER
                            : serialMax == Short.MAX_VALUE ? SqlType.SMALLINT : SqlType.BIGINT, -1, true));
                }
                continue;
            }
            columns.add(column(cd));
        }
        int[] pk = new int[c.primaryKey().size()];
        for (int i = 0; i < pk.length; i++) {
            Ident k = c.primaryKey().get(i);
            int idx = -1;
            for (int j = 0; j < columns.size(); j++) {
                if (columns.get(j).name().equals(k.name())) {
                    idx = j;
                }
            }
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + k.name() + "\" named in key does not exist",
                        c.primaryKeyPos() + 1);
            }
            for (int j = 0; j < i; j++) {
                if (pk[j] == idx) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + k.name()
                            + "\" appears twice in primary key constraint", c.primaryKeyPos() + 1);
                }
            }
            pk[i] = idx;
            SqlType keyType = columns.get(idx).type();
            if (keyType.isArray() || keyType == SqlType.JSONB) { // no order-preserving key encoding for them yet
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "columns of type " + keyType.sqlName()
                        + " cannot be part of a primary key yet", c.primaryKeyPos() + 1);
            }
            columns.set(idx, columns.get(idx).withNotNull(true));
        }
        String engineName = engines.defaultName();
        if (c.using() != null) {
            engineName = c.using().name();
            if (engines.get(engineName) == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "access method \"" + engineName + "\" does not exist",
                        c.using().pos() + 1, null, "Available: " + String.join(", ", new TreeSet<>(engines.all().keySet())) + ".", null);
            }
        }
        checkWritable(tx, "CREATE TABLE");
        int id = catalog.allocateId();
        for (int idx : serials) {
            // SERIAL: an owned sequence and DEFAULT nextval(...), as PostgreSQL expands it
            Statement.ColumnDef cd = c.columns().get(idx);
            String seqName = freeName(tx, name + "_" + cd.name().name() + "_seq");
            long max = cd.identity() != 0 ? IDENTITY_MAX.get(cd.type().name()) : SERIALS.get(cd.type().name());
            catalog.createSequence(tx, new Sequence(catalog.allocateId(), seqName, 1, 1, max, 1, 1, false, id, cd.name().name()));
            columns.set(idx, columns.get(idx).withDefault("nextval('" + seqName.replace("'", "''") + "')"));
        }
        Table created = new Table(id, name, columns, pk, engineName);
        catalog.create(tx, created);
        executor.constraintDdl().createTable(tx, created, c.constraints(), this::createUniqueIndex);
        sink.complete("CREATE TABLE");
    }

    /** SERIAL type names and the maximum of their sequence. */
    private static final Map<String, Long> SERIALS = Map.of("serial", (long) Integer.MAX_VALUE, "serial4", (long) Integer.MAX_VALUE,
            "bigserial", Long.MAX_VALUE, "serial8", Long.MAX_VALUE, "smallserial", (long) Short.MAX_VALUE,
            "serial2", (long) Short.MAX_VALUE);

    private static final Map<String, Long> IDENTITY_MAX = Map.of("int2", (long) Short.MAX_VALUE, "int4", (long) Integer.MAX_VALUE,
            "int8", Long.MAX_VALUE);

    /** {@code base}, or {@code base1}, {@code base2}, ... if taken (PostgreSQL's choice for implicit names). */
    private String freeName(Transaction tx, String base) {
        String candidate = base;
        for (int i = 1; catalog.relationExists(tx, candidate); i++) {
            candidate = base + i;
        }
        return candidate;
    }

    /** A column as defined, its DEFAULT checked against its type. */
    private static Column column(Statement.ColumnDef cd) {
        Types.Resolved type = Types.resolve(cd.type());
        Column col = new Column(cd.name().name(), type.type(), type.maxLength(), cd.notNull(), cd.defaultExpr(), null);
        if (cd.defaultExpr() != null) {
            ColumnDefaults.bind(col);
        }
        return col;
    }

    private void dropTable(Statement.DropTable d, Transaction tx, ResultSink sink) {
        List<Table> doomed = new ArrayList<>();
        for (Ident written : d.names()) {
            Ident name = resolved(tx, written, d.ifExists());
            Table t = catalog.table(tx, name.name());
            if (t == null && catalog.sequence(tx, name.name()) != null) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + written.name() + "\" is not a table", 0, null,
                        "Use DROP SEQUENCE to remove a sequence.", null);
            }
            if (t == null && catalog.view(tx, name.name()) != null) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + written.name() + "\" is not a table", 0, null,
                        "Use DROP VIEW to remove a view.", null);
            }
            if (t == null) {
                if (d.ifExists()) {
                    sink.notice("NOTICE", "00000", "table \"" + written.name() + "\" does not exist, skipping", null, null);
                    continue;
                }
                throw new SqlException(SqlState.UNDEFINED_TABLE, "table \"" + written.name() + "\" does not exist");
            }
            if (!doomed.contains(t)) {
                doomed.add(t);
            }
        }
        if (!doomed.isEmpty()) {
            checkWritable(tx, "DROP TABLE");
        }
        Set<Integer> dropping = new HashSet<>();
        doomed.forEach(t -> dropping.add(t.id()));
        executor.constraintDdl().dropTables(tx, doomed, dropping, d.cascade());
        List<io.shaledb.sql.catalog.View> views = new ArrayList<>();
        for (Table t : doomed) {
            views.addAll(executor.views().dependents(tx, t.id(), "table " + t.name(), d.cascade(), dropping));
        }
        executor.views().dropAll(tx, views);
        for (Table t : doomed) {
            List<Sequence> owned = catalog.ownedSequences(tx, t.id());
            for (Index i : catalog.indexes(tx, t.id())) {
                catalog.dropIndex(tx, i); // first: the index's entries live in the table's engine
            }
            catalog.drop(tx, t);
            for (Sequence q : owned) {
                catalog.dropSequence(tx, q);
            }
        }
        sink.complete("DROP TABLE");
    }

    // ------------------------------------------------------------------ TRUNCATE

    private void truncate(Statement.Truncate t, Transaction tx, ResultSink sink) {
        List<Table> tables = new ArrayList<>();
        for (Ident name : t.tables()) {
            Table table = catalog.table(tx, catalog.resolve(tx, name.name()));
            if (table == null) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name.name() + "\" does not exist");
            }
            if (!tables.contains(table)) {
                tables.add(table);
            }
        }
        checkWritable(tx, "TRUNCATE TABLE");
        tables = executor.constraintDdl().truncation(tx, tables, t.cascade());
        for (Table table : tables) {
            catalog.lockExclusive(tx, table);
            Table current = catalog.table(tx, table.name());
            Table truncated = current.withStorageId(catalog.allocateId());
            catalog.replace(tx, current, truncated);
            indexDdl.rebuildAll(tx, truncated, true);
            executor.statistics().truncated(tx, truncated);
            if (t.restartIdentity()) {
                // not undone by ROLLBACK (PostgreSQL's is transactional; see docs/architecture/transactional-ddl.md)
                catalog.ownedSequences(tx, current.id()).forEach(catalog.sequenceValues()::restart);
            }
        }
        sink.complete("TRUNCATE TABLE");
    }

    // ------------------------------------------------------------------ ALTER TABLE

    private void alterTable(Statement.AlterTable a, Transaction tx, ResultSink sink) {
        Table original = catalog.table(tx, catalog.resolve(tx, a.table().name()));
        if (original == null) {
            if (a.ifExists()) {
                sink.notice("NOTICE", "00000", "relation \"" + a.table().name() + "\" does not exist, skipping", null, null);
                sink.complete("ALTER TABLE");
                return;
            }
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + a.table().name() + "\" does not exist");
        }
        checkWritable(tx, "ALTER TABLE");
        catalog.lockExclusive(tx, original);
        original = catalog.table(tx, original.name()); // as it is now that nobody else can change it
        List<Column> columns = new ArrayList<>(original.columns());
        List<String> pkNames = new ArrayList<>();
        for (int c : original.primaryKey()) {
            pkNames.add(original.column(c).name());
        }
        String name = original.name();
        boolean rewrite = false;
        List<String> mustBeNonNull = new ArrayList<>();
        java.util.Map<String, Integer> statisticsTargets = new java.util.LinkedHashMap<>();
        List<AlterAction> constraintActions = new ArrayList<>();
        boolean cascade = false;
        for (AlterAction action : a.actions()) {
            switch (action) {
                case AlterAction.AddConstraint add when add.constraint().type() == 'p' -> {
                    // ADD PRIMARY KEY: the key becomes the row key, so the rows are rewritten under it
                    if (!pkNames.isEmpty()) {
                        throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                                + Catalog.bareName(name) + "\" are not allowed");
                    }
                    for (Ident k : add.constraint().columns()) {
                        int idx = indexOf(columns, k.name());
                        if (idx < 0) {
                            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + k.name() + "\" of relation \""
                                    + Catalog.bareName(name) + "\" does not exist");
                        }
                        if (!columns.get(idx).notNull()) {
                            mustBeNonNull.add(k.name());
                            columns.set(idx, columns.get(idx).withNotNull(true));
                        }
                        pkNames.add(k.name());
                    }
                    rewrite = true;
                    constraintActions.add(action);
                }
                case AlterAction.AddConstraint add -> constraintActions.add(add);
                case AlterAction.DropConstraint drop -> constraintActions.add(drop);
                case AlterAction.ValidateConstraint v -> constraintActions.add(v);
                case AlterAction.RenameConstraint r -> constraintActions.add(r);
                case AlterAction.AddColumn add -> {
                    Statement.ColumnDef cd = add.column();
                    if (indexOf(columns, cd.name().name()) >= 0) {
                        if (add.ifNotExists()) {
                            sink.notice("NOTICE", "42701", "column \"" + cd.name().name() + "\" of relation \"" + Catalog.bareName(name)
                                    + "\" already exists, skipping", null, null);
                            continue;
                        }
                        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + cd.name().name() + "\" of relation \""
                                + Catalog.bareName(name) + "\" already exists");
                    }
                    if (SERIALS.containsKey(cd.type().name()) || cd.identity() != 0) {
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "adding a serial or identity column is not supported yet");
                    }
                    if (cd.primaryKey()) {
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "adding a PRIMARY KEY column is not supported yet",
                                cd.primaryKeyPos() + 1);
                    }
                    Column col = column(cd);
                    Object missing = null;
                    if (col.defaultExpr() != null) {
                        // Evaluated once, like PostgreSQL's attmissingval (volatile defaults differ: see docs).
                        missing = ColumnDefaults.bind(col).eval(new Object[0]);
                    }
                    if (missing == null && col.notNull()) {
                        mustBeNonNull.add(col.name());
                    }
                    columns.add(col.withMissing(missing));
                }
                case AlterAction.DropColumn drop -> {
                    int idx = indexOf(columns, drop.column().name());
                    if (idx < 0) {
                        if (drop.ifExists()) {
                            sink.notice("NOTICE", "00000", "column \"" + drop.column().name() + "\" of relation \"" + Catalog.bareName(name)
                                    + "\" does not exist, skipping", null, null);
                            continue;
                        }
                        throw undefinedColumn(drop.column().name(), name);
                    }
                    if (pkNames.contains(drop.column().name())) {
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                                "dropping a primary-key column is not supported yet");
                    }
                    executor.views().dropAll(tx, executor.views().columnDependents(tx, original.id(), name,
                            drop.column().name(), drop.cascade()));
                    cascade |= drop.cascade();
                    columns.remove(idx);
                    rewrite = true;
                }
                case AlterAction.RenameColumn r -> {
                    int idx = indexOf(columns, r.from().name());
                    if (idx < 0) {
                        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + r.from().name() + "\" does not exist");
                    }
                    if (indexOf(columns, r.to().name()) >= 0) {
                        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + r.to().name() + "\" of relation \""
                                + Catalog.bareName(name) + "\" already exists");
                    }
                    int pkAt = pkNames.indexOf(r.from().name());
                    if (pkAt >= 0) {
                        pkNames.set(pkAt, r.to().name());
                    }
                    columns.set(idx, columns.get(idx).withName(r.to().name()));
                    executor.views().columnRenamed(tx, original.id(), r.from().name(), r.to().name());
                }
                case AlterAction.RenameTable r -> {
                    String to = Catalog.qualify(Catalog.schemaOf(original.name()), r.to().name());
                    if (catalog.relationExists(tx, to)) {
                        throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + r.to().name() + "\" already exists");
                    }
                    name = to;
                }
                case AlterAction.SetDefault sd -> {
                    int idx = indexOf(columns, sd.column().name());
                    if (idx < 0) {
                        throw undefinedColumn(sd.column().name(), name);
                    }
                    Column col = columns.get(idx).withDefault(sd.defaultExpr());
                    if (sd.defaultExpr() != null) {
                        ColumnDefaults.bind(col);
                    }
                    columns.set(idx, col);
                }
                case AlterAction.SetNotNull nn -> {
                    int idx = indexOf(columns, nn.column().name());
                    if (idx < 0) {
                        throw undefinedColumn(nn.column().name(), name);
                    }
                    if (!nn.notNull() && pkNames.contains(nn.column().name())) {
                        throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + nn.column().name()
                                + "\" is in a primary key");
                    }
                    if (nn.notNull() && !columns.get(idx).notNull()) {
                        mustBeNonNull.add(nn.column().name());
                    }
                    columns.set(idx, columns.get(idx).withNotNull(nn.notNull()));
                }
                case AlterAction.SetStatistics st -> {
                    if (indexOf(columns, st.column().name()) < 0) {
                        throw undefinedColumn(st.column().name(), name);
                    }
                    statisticsTargets.put(st.column().name(), st.target());
                }
            }
        }
        int[] pk = new int[pkNames.size()];
        for (int i = 0; i < pk.length; i++) {
            pk[i] = indexOf(columns, pkNames.get(i));
        }
        Table updated = original.withColumns(columns, pk).withName(name);
        if (!mustBeNonNull.isEmpty()) {
            // Without a rewrite the new definition reads the old rows (added columns as their missing value).
            checkNoNulls(tx, rewrite ? original : updated.withStorageId(original.storageId()), updated.name(), mustBeNonNull);
        }
        if (rewrite) {
            updated = updated.withStorageId(catalog.allocateId());
            TableRewrite.copy(executor, tx, original, updated, newPrimaryKeyName(a, updated));
        }
        catalog.replace(tx, original, updated);
        adjustIndexes(tx, original, updated);
        Table before = original;
        Table after = updated;
        executor.statistics().altered(tx, after, c -> columnNow(before, after, c), statisticsTargets);
        if (rewrite) {
            indexDdl.rebuildAll(tx, updated, false); // the rows moved to a new key space, maybe with new types
        }
        adjustOwnedSequences(tx, original, updated);
        executor.constraintDdl().columnsChanged(tx, original, updated, cascade);
        if (!constraintActions.isEmpty()) {
            executor.constraintDdl().alter(tx, updated, constraintActions, this::createUniqueIndex);
        }
        sink.complete("ALTER TABLE");
    }

    /** The name ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY gives the key (for its duplicate-key message). */
    private static String newPrimaryKeyName(Statement.AlterTable a, Table updated) {
        for (AlterAction action : a.actions()) {
            if (action instanceof AlterAction.AddConstraint add && add.constraint().type() == 'p' && add.constraint().name() != null) {
                return add.constraint().name().name();
            }
        }
        return updated.primaryKeyName();
    }

    /** The unique index of a UNIQUE constraint, built from the rows (23505 "could not create unique index" on a repeated key). */
    private void createUniqueIndex(Transaction tx, Table table, String name, List<String> columns, boolean deferrable) {
        if (catalog.relationExists(tx, name)) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + Catalog.bareName(name) + "\" already exists");
        }
        indexDdl.createUnique(tx, table, name, columns, deferrable);
    }

    /**
     * After ALTER TABLE: indexes follow renamed columns (matched by position in the old and new
     * column lists) and go with dropped ones, as in PostgreSQL.
     */
    private void adjustIndexes(Transaction tx, Table original, Table updated) {
        java.util.Map<String, String> renames = new java.util.HashMap<>();
        if (updated.columns().size() == original.columns().size()) {
            for (int c = 0; c < original.columns().size(); c++) {
                if (!original.column(c).name().equals(updated.column(c).name())) {
                    renames.put(original.column(c).name(), updated.column(c).name());
                }
            }
        }
        for (Index i : catalog.indexes(tx, original.id())) {
            List<Index.Key> keys = new ArrayList<>();
            List<String> include = new ArrayList<>();
            boolean dropped = false;
            for (Index.Key k : i.columns()) {
                if (k.isExpression()) {
                    // an expression is kept as text: a column renamed in it is renamed in the text
                    keys.add(new Index.Key(null, ColumnRename.apply(k.expression(), renames), k.descending(), k.nullsFirst()));
                    continue;
                }
                String now = columnNow(original, updated, k.column());
                dropped |= now == null;
                keys.add(new Index.Key(now, null, k.descending(), k.nullsFirst()));
            }
            for (String c : i.include()) {
                String now = columnNow(original, updated, c);
                dropped |= now == null;
                include.add(now);
            }
            String predicate = ColumnRename.apply(i.predicate(), renames);
            if (dropped) {
                catalog.dropIndex(tx, i);
            } else if (!keys.equals(i.columns()) || !include.equals(i.include()) || !java.util.Objects.equals(predicate, i.predicate())) {
                catalog.replaceIndex(tx, i, i.withColumns(keys).withInclude(include).withPredicate(predicate));
            }
        }
    }

    /** What column {@code name} of {@code original} is called in {@code updated}, or null when it was dropped. */
    private static String columnNow(Table original, Table updated, String name) {
        int col = original.columnIndex(name);
        if (updated.columns().size() == original.columns().size()) {
            return updated.column(col).name(); // no column dropped: positions are unchanged (renames only)
        }
        return updated.columnIndex(name) >= 0 ? name : null;
    }

    /** After ALTER TABLE: owned sequences follow renamed columns and are dropped with dropped ones, as in PostgreSQL. */
    private void adjustOwnedSequences(Transaction tx, Table original, Table updated) {
        for (Sequence q : catalog.ownedSequences(tx, original.id())) {
            int col = original.columnIndex(q.ownerColumn());
            String now = col < 0 ? null : updated.columns().size() == original.columns().size() ? updated.column(col).name()
                    : updated.columnIndex(q.ownerColumn()) >= 0 ? q.ownerColumn() : null;
            if (now == null) {
                catalog.dropSequence(tx, q);
            } else if (!now.equals(q.ownerColumn())) {
                catalog.replaceSequence(tx, q, q.withOwnerColumn(now));
            }
        }
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static SqlException undefinedColumn(String column, String table) {
        return new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + Catalog.bareName(table) + "\" does not exist");
    }

    /** SET NOT NULL / ADD COLUMN ... NOT NULL: every visible row must have a value (23502 otherwise). */
    private void checkNoNulls(Transaction tx, Table readAs, String tableName, List<String> columns) {
        Relation rel = executor.relation(readAs);
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                Object[] row = Executor.decode(readAs, s.current());
                for (String c : columns) {
                    int idx = readAs.columnIndex(c);
                    if (idx < 0 || row[idx] == null) {
                        throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + c + "\" of relation \""
                                + tableName + "\" contains null values");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ sequences

    private void createSequence(Statement.CreateSequence c, Transaction tx, ResultSink sink) {
        String name = catalog.createName(tx, c.name().name(), c.name().pos() + 1);
        if (catalog.relationExists(tx, name)) {
            if (c.ifNotExists()) {
                sink.notice("NOTICE", "42P07", "relation \"" + Catalog.bareName(name) + "\" already exists, skipping", null, null);
                sink.complete("CREATE SEQUENCE");
                return;
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + Catalog.bareName(name) + "\" already exists");
        }
        SequenceOptions o = c.options();
        long typeMin;
        long typeMax;
        String typeName;
        switch (o.asType() == null ? "int8" : o.asType()) {
            case "int2" -> { typeMin = Short.MIN_VALUE; typeMax = Short.MAX_VALUE; typeName = "smallint"; }
            case "int4" -> { typeMin = Integer.MIN_VALUE; typeMax = Integer.MAX_VALUE; typeName = "integer"; }
            case "int8" -> { typeMin = Long.MIN_VALUE; typeMax = Long.MAX_VALUE; typeName = "bigint"; }
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
        }
        long increment = o.increment() == null ? 1 : o.increment();
        if (increment == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long max = o.max() != null ? o.max() : increment > 0 ? typeMax : -1;
        long min = o.min() != null ? o.min() : increment > 0 ? 1 : typeMin;
        if (max < typeMin || max > typeMax) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + max + ") is out of range for sequence data type " + typeName);
        }
        if (min < typeMin || min > typeMax) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min + ") is out of range for sequence data type " + typeName);
        }
        if (min >= max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min + ") must be less than MAXVALUE (" + max + ")");
        }
        long start = o.start() != null ? o.start() : increment > 0 ? min : max;
        if (start < min) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start + ") cannot be less than MINVALUE (" + min + ")");
        }
        if (start > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start + ") cannot be greater than MAXVALUE (" + max + ")");
        }
        long cache = o.cache() == null ? 1 : o.cache();
        if (cache <= 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache + ") must be greater than zero");
        }
        checkWritable(tx, "CREATE SEQUENCE");
        catalog.createSequence(tx, new Sequence(catalog.allocateId(), name, increment, min, max, start, cache,
                Boolean.TRUE.equals(o.cycle()), 0, null));
        sink.complete("CREATE SEQUENCE");
    }

    private Table ownerOf(Transaction tx, Sequence q) {
        for (Table t : catalog.tables(tx)) {
            if (t.id() == q.ownerTableId()) {
                return t;
            }
        }
        return null;
    }

    private void dropSequence(Statement.DropSequence d, Transaction tx, ResultSink sink) {
        List<Sequence> doomed = new ArrayList<>();
        for (Ident written : d.names()) {
            Ident name = resolved(tx, written, d.ifExists());
            Sequence q = catalog.sequence(tx, name.name());
            if (q == null) {
                if (catalog.table(tx, name.name()) != null) {
                    throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + written.name() + "\" is not a sequence", 0, null,
                            "Use DROP TABLE to remove a table.", null);
                }
                if (d.ifExists()) {
                    sink.notice("NOTICE", "00000", "sequence \"" + written.name() + "\" does not exist, skipping", null, null);
                    continue;
                }
                throw new SqlException(SqlState.UNDEFINED_TABLE, "sequence \"" + written.name() + "\" does not exist");
            }
            if (!doomed.contains(q)) {
                doomed.add(q);
            }
        }
        if (!doomed.isEmpty()) {
            checkWritable(tx, "DROP SEQUENCE");
        }
        for (Sequence q : doomed) {
            Table owner = q.ownerTableId() == 0 ? null : ownerOf(tx, q);
            if (owner != null && owner.columnIndex(q.ownerColumn()) >= 0) {
                if (!d.cascade()) {
                    throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + q.name()
                            + " because other objects depend on it", 0, "default value for column " + q.ownerColumn()
                            + " of table " + owner.name() + " depends on sequence " + q.name(),
                            "Use DROP ... CASCADE to drop the dependent objects too.", null);
                }
                // CASCADE drops the column's default (NOTICE: drop cascades to default value for column ...)
                List<Column> columns = new ArrayList<>(owner.columns());
                int idx = owner.columnIndex(q.ownerColumn());
                columns.set(idx, columns.get(idx).withDefault(null).withIdentity((char) 0));
                catalog.replace(tx, owner, owner.withColumns(columns, owner.primaryKey()));
            }
            catalog.dropSequence(tx, q);
        }
        sink.complete("DROP SEQUENCE");
    }

    // ------------------------------------------------------------------ indexes (definitions only until issue 7)

    private void createIndex(Statement.CreateIndex c, Transaction tx, ResultSink sink) {
        indexDdl.create(c, tx, sink, this::freeName);
    }

    private void dropIndex(Statement.DropIndex d, Transaction tx, ResultSink sink) {
        List<Index> doomed = new ArrayList<>();
        for (Ident written : d.names()) {
            Ident name = resolved(tx, written, d.ifExists());
            Index i = catalog.index(tx, name.name());
            if (i == null) {
                if (catalog.relationExists(tx, name.name())) {
                    throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + written.name() + "\" is not an index", 0, null,
                            catalog.table(tx, name.name()) != null ? "Use DROP TABLE to remove a table."
                                    : "Use DROP SEQUENCE to remove a sequence.", null);
                }
                Table owner = IndexViews.primaryKeyOwner(catalog, tx, written.name());
                if (owner != null) { // the primary key, listed as an index (pg_indexes) but the table's row key
                    String key = Catalog.bareName(written.name());
                    String table = Catalog.bareName(owner.name());
                    throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + key + " because constraint "
                            + key + " on table " + table + " requires it", 0, null,
                            "You can drop constraint " + key + " on table " + table + " instead.", null);
                }
                if (d.ifExists()) {
                    sink.notice("NOTICE", "00000", "index \"" + written.name() + "\" does not exist, skipping", null, null);
                    continue;
                }
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + written.name() + "\" does not exist");
            }
            if (!doomed.contains(i)) {
                doomed.add(i);
            }
        }
        if (!doomed.isEmpty()) {
            checkWritable(tx, "DROP INDEX");
        }
        for (Index i : doomed) {
            executor.constraintDdl().checkIndexDrop(tx, i);
            Table owner = catalog.tableById(tx, i.tableId());
            if (owner != null) {
                catalog.lockAgainstDdl(tx, owner); // waits for a CREATE INDEX CONCURRENTLY on the table, not for writers
            }
            catalog.dropIndex(tx, i);
        }
        sink.complete("DROP INDEX");
    }
}

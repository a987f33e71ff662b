package io.shaledb.sql.constraint;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Table;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code pg_constraint}, {@code information_schema.table_constraints} and the value
 * of {@code pg_get_constraintdef(oid)}, computed from the catalog as a transaction sees it.
 * Column lists are as in PostgreSQL 15 (see {@link #PG_CONSTRAINT_COLUMNS}).
 */
public final class ConstraintViews {
    /** PostgreSQL's OID of schema public. */
    public static final int PUBLIC_NAMESPACE_OID = 2200;

    /** pg_constraint's columns: name and type name ("text", "integer", "boolean", "smallint[]"). */
    public static final List<String[]> PG_CONSTRAINT_COLUMNS = List.of(
            new String[] {"oid", "integer"}, new String[] {"conname", "text"}, new String[] {"connamespace", "integer"},
            new String[] {"contype", "text"}, new String[] {"condeferrable", "boolean"}, new String[] {"condeferred", "boolean"},
            new String[] {"convalidated", "boolean"}, new String[] {"conrelid", "integer"}, new String[] {"contypid", "integer"},
            new String[] {"conindid", "integer"}, new String[] {"confrelid", "integer"}, new String[] {"confupdtype", "text"},
            new String[] {"confdeltype", "text"}, new String[] {"confmatchtype", "text"}, new String[] {"conislocal", "boolean"},
            new String[] {"coninhcount", "integer"}, new String[] {"connoinherit", "boolean"}, new String[] {"conkey", "smallint[]"},
            new String[] {"confkey", "smallint[]"}, new String[] {"conparentid", "integer"});

    /** information_schema.table_constraints' columns (all text: PostgreSQL's sql_identifier / yes_or_no). */
    public static final List<String> TABLE_CONSTRAINTS_COLUMNS = List.of("constraint_catalog", "constraint_schema", "constraint_name",
            "table_catalog", "table_schema", "table_name", "constraint_type", "is_deferrable", "initially_deferred", "enforced",
            "nulls_distinct");

    private ConstraintViews() {}

    /** Every constraint {@code tx} sees with its table, the implicit ones of older tables' primary keys included. */
    private static List<Object[]> each(Catalog catalog, Transaction tx) {
        Map<Integer, Table> tables = new HashMap<>();
        catalog.tables(tx).forEach(t -> tables.put(t.id(), t));
        List<Object[]> out = new ArrayList<>();
        Map<Integer, Boolean> hasPk = new HashMap<>();
        for (Constraint k : catalog.constraints(tx)) {
            Table t = tables.get(k.tableId());
            if (t != null) {
                out.add(new Object[] {k, t});
                if (k.type() == Constraint.PRIMARY_KEY) {
                    hasPk.put(t.id(), true);
                }
            }
        }
        for (Table t : tables.values()) {
            if (!t.hasHiddenRowId() && !hasPk.containsKey(t.id())) {
                out.add(new Object[] {ConstraintDdl.implicitPrimaryKey(t), t});
            }
        }
        return out;
    }

    /** The OID of the unique index a foreign key's referenced columns are: the primary key's (its constraint's OID) or a unique index's. */
    private static int referencedIndex(Catalog catalog, Transaction tx, Table ref, List<String> columns) {
        List<String> pk = new ArrayList<>();
        for (int c : ref.primaryKey()) {
            pk.add(ref.column(c).name());
        }
        if (!ref.hasHiddenRowId() && new java.util.HashSet<>(pk).equals(new java.util.HashSet<>(columns))) {
            for (Constraint k : catalog.constraints(tx, ref.id())) {
                if (k.type() == Constraint.PRIMARY_KEY) {
                    return k.oid();
                }
            }
            return ConstraintDdl.implicitPrimaryKey(ref).oid();
        }
        for (var index : catalog.indexes(tx, ref.id())) {
            if (index.unique() && index.predicate() == null && index.columns().stream().allMatch(key -> !key.isExpression())
                    && new java.util.HashSet<>(index.columns().stream().map(key -> key.column()).toList())
                            .equals(new java.util.HashSet<>(columns))) {
                return index.oid();
            }
        }
        return ref.oid();
    }

    /** The rows of pg_constraint. */
    public static List<Object[]> pgConstraint(Catalog catalog, Transaction tx) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] e : each(catalog, tx)) {
            Constraint k = (Constraint) e[0];
            Table t = (Table) e[1];
            Table ref = k.refTableId() == 0 ? null : catalog.tableById(tx, k.refTableId());
            boolean fk = k.type() == Constraint.FOREIGN_KEY;
            int indexOid = 0;
            if (k.type() == Constraint.UNIQUE) {
                var index = catalog.index(tx, Catalog.qualify(Catalog.schemaOf(t.name()), k.name()));
                indexOid = index == null ? 0 : index.oid();
            } else if (k.type() == Constraint.PRIMARY_KEY) {
                indexOid = k.oid(); // the primary key's index (the table's row key) has its constraint's OID in pg_index
            } else if (fk && ref != null) {
                indexOid = referencedIndex(catalog, tx, ref, k.refColumns());
            }
            rows.add(new Object[] {k.oid(), k.name(), namespaceOid(catalog, tx, t), String.valueOf(k.type()), k.deferrable(),
                    k.deferred(), k.validated(), t.oid(), 0, indexOid, ref == null ? 0 : ref.oid(),
                    fk ? String.valueOf(k.updateAction()) : " ", fk ? String.valueOf(k.deleteAction()) : " ",
                    fk ? String.valueOf(k.matchType()) : " ", true, 0, k.noInherit(), attnums(t, k.columns()),
                    fk && ref != null ? attnums(ref, k.refColumns()) : null, 0});
        }
        return rows;
    }

    /** The rows of information_schema.table_constraints (NOT NULL columns appear as CHECK constraints, as in PostgreSQL). */
    public static List<Object[]> tableConstraints(Catalog catalog, Transaction tx, String database) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] e : each(catalog, tx)) {
            Constraint k = (Constraint) e[0];
            Table t = (Table) e[1];
            String schema = Catalog.schemaOf(t.name());
            String type = switch (k.type()) {
                case Constraint.PRIMARY_KEY -> "PRIMARY KEY";
                case Constraint.UNIQUE -> "UNIQUE";
                case Constraint.FOREIGN_KEY -> "FOREIGN KEY";
                default -> "CHECK";
            };
            rows.add(new Object[] {database, schema, k.name(), database, schema, Catalog.bareName(t.name()), type,
                    k.deferrable() ? "YES" : "NO", k.deferred() ? "YES" : "NO", "YES", k.type() == Constraint.UNIQUE ? "YES" : null});
        }
        for (Table t : catalog.tables(tx)) {
            String schema = Catalog.schemaOf(t.name());
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.column(i);
                if (c.notNull()) {
                    String name = namespaceOid(catalog, tx, t) + "_" + t.oid() + "_" + (i + 1) + "_not_null";
                    rows.add(new Object[] {database, schema, name, database, schema, Catalog.bareName(t.name()), "CHECK", "NO", "NO",
                            "YES", null});
                }
            }
        }
        return rows;
    }

    /** pg_get_constraintdef(oid): null for an OID that is no constraint. */
    public static String definition(Catalog catalog, Transaction tx, long oid) {
        for (Object[] e : each(catalog, tx)) {
            Constraint k = (Constraint) e[0];
            if (k.oid() == oid) {
                Table ref = k.refTableId() == 0 ? null : catalog.tableById(tx, k.refTableId());
                return ConstraintText.definition(k, (Table) e[1], ref);
            }
        }
        return null;
    }

    private static int namespaceOid(Catalog catalog, Transaction tx, Table t) {
        String schema = Catalog.schemaOf(t.name());
        if (schema.equals(Schema.PUBLIC)) {
            return PUBLIC_NAMESPACE_OID;
        }
        Schema s = catalog.schema(tx, schema);
        return s == null ? 0 : Table.FIRST_USER_OID + s.id();
    }

    private static List<Short> attnums(Table t, List<String> columns) {
        List<Short> out = new ArrayList<>();
        for (String c : columns) {
            out.add((short) (t.columnIndex(c) + 1));
        }
        return out;
    }
}

package io.shaledb.sql.catalog;

import java.util.List;

/**
 * A table constraint, PostgreSQL's {@code pg_constraint} row: CHECK ({@code 'c'}), FOREIGN KEY
 * ({@code 'f'}), PRIMARY KEY ({@code 'p'}) or UNIQUE ({@code 'u'}). NOT NULL stays a column
 * property ({@link Column#notNull()}), as in PostgreSQL 15.
 *
 * <p>Columns are named, not numbered (like {@link Index.Key}), so DROP COLUMN cannot shift them;
 * ALTER TABLE renames them along with the column. A PRIMARY KEY is the table's row key; a UNIQUE
 * constraint owns the unique {@link Index} of the same name.
 *
 * @param id the constraint's id (its OID is {@link Table#FIRST_USER_OID} + id)
 * @param name the constraint name (unique per table, never schema-qualified)
 * @param tableId the constrained table
 * @param type {@code 'c'}, {@code 'f'}, {@code 'p'} or {@code 'u'}
 * @param columns the constrained columns: key columns, FK referencing columns, or the columns a
 *     CHECK expression reads (in order of first use)
 * @param checkExpr the SQL text of a CHECK expression, else null
 * @param refTableId the referenced table of a FOREIGN KEY, else 0
 * @param refColumns the referenced columns of a FOREIGN KEY (same length as {@code columns})
 * @param matchType {@code 's'} MATCH SIMPLE or {@code 'f'} MATCH FULL (FOREIGN KEY only, else 0)
 * @param updateAction / deleteAction PostgreSQL's codes: {@code 'a'} NO ACTION, {@code 'r'}
 *     RESTRICT, {@code 'c'} CASCADE, {@code 'n'} SET NULL, {@code 'd'} SET DEFAULT (else 0)
 * @param setColumns the columns of {@code ON DELETE SET NULL / SET DEFAULT (cols)}; empty = all
 * @param deferrable DEFERRABLE
 * @param deferred INITIALLY DEFERRED
 * @param validated false for NOT VALID until VALIDATE CONSTRAINT
 * @param noInherit CHECK ... NO INHERIT (accepted; there is no inheritance)
 */
public record Constraint(int id, String name, int tableId, char type, List<String> columns, String checkExpr,
                         int refTableId, List<String> refColumns, char matchType, char updateAction, char deleteAction,
                         List<String> setColumns, boolean deferrable, boolean deferred, boolean validated, boolean noInherit) {

    public Constraint {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        setColumns = List.copyOf(setColumns);
    }

    public static final char CHECK = 'c';
    public static final char FOREIGN_KEY = 'f';
    public static final char PRIMARY_KEY = 'p';
    public static final char UNIQUE = 'u';

    /** The OID clients see. */
    public int oid() {
        return Table.FIRST_USER_OID + id;
    }

    public Constraint withName(String newName) {
        return new Constraint(id, newName, tableId, type, columns, checkExpr, refTableId, refColumns, matchType, updateAction,
                deleteAction, setColumns, deferrable, deferred, validated, noInherit);
    }

    public Constraint withValidated(boolean newValidated) {
        return new Constraint(id, name, tableId, type, columns, checkExpr, refTableId, refColumns, matchType, updateAction,
                deleteAction, setColumns, deferrable, deferred, newValidated, noInherit);
    }

    /** This constraint with its own and its referenced columns renamed (a column of either table was renamed). */
    public Constraint withColumns(List<String> newColumns, List<String> newRefColumns, List<String> newSetColumns, String newCheckExpr) {
        return new Constraint(id, name, tableId, type, newColumns, newCheckExpr, refTableId, newRefColumns, matchType, updateAction,
                deleteAction, newSetColumns, deferrable, deferred, validated, noInherit);
    }

    /** Whether this constraint is backed by a unique key (PRIMARY KEY or UNIQUE): an FK may reference it. */
    public boolean isKey() {
        return type == PRIMARY_KEY || type == UNIQUE;
    }
}

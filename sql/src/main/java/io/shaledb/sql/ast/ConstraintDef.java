package io.shaledb.sql.ast;

import io.shaledb.sql.ast.Statement.Ident;
import java.util.List;

/**
 * A constraint as written in CREATE TABLE (column or table form) or ALTER TABLE ... ADD.
 *
 * @param name the name given with {@code CONSTRAINT name}, or null (a name is then generated)
 * @param type {@code 'c'} CHECK, {@code 'f'} FOREIGN KEY, {@code 'p'} PRIMARY KEY, {@code 'u'} UNIQUE
 * @param columns the key / referencing columns; for a column constraint, that column
 * @param checkExpr the SQL text of a CHECK expression, else null
 * @param refTable the table after REFERENCES, else null
 * @param refColumns the columns after REFERENCES t, empty for "the primary key"
 * @param matchType {@code 's'} SIMPLE (default) or {@code 'f'} FULL
 * @param onUpdate / onDelete {@code 'a'} NO ACTION (default), {@code 'r'} RESTRICT, {@code 'c'}
 *     CASCADE, {@code 'n'} SET NULL, {@code 'd'} SET DEFAULT
 * @param setColumns the column list of {@code ON DELETE SET NULL (cols)}, else empty
 * @param columnLevel whether it was written as part of a column definition
 * @param pos the offset of the constraint's first token
 * @param checkPos the offset of a CHECK expression's text in the statement (errors point into it)
 */
public record ConstraintDef(Ident name, char type, List<Ident> columns, String checkExpr, Ident refTable, List<Ident> refColumns,
                            char matchType, char onUpdate, char onDelete, List<Ident> setColumns, boolean deferrable,
                            boolean deferred, boolean notValid, boolean noInherit, boolean columnLevel, int pos, int checkPos) {

    public ConstraintDef {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        setColumns = List.copyOf(setColumns);
    }

    /** This definition applied to {@code column} (a column constraint names its column only once parsed). */
    public ConstraintDef onColumn(Ident column) {
        return new ConstraintDef(name, type, List.of(column), checkExpr, refTable, refColumns, matchType, onUpdate, onDelete,
                setColumns, deferrable, deferred, notValid, noInherit, columnLevel, pos, checkPos);
    }
}

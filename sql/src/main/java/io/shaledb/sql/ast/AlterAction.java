package io.shaledb.sql.ast;

import io.shaledb.sql.ast.Statement.ColumnDef;
import io.shaledb.sql.ast.Statement.Ident;

/** One action of {@code ALTER TABLE}, as written. */
public sealed interface AlterAction {

    /** {@code ADD [COLUMN] [IF NOT EXISTS] column-definition}. */
    record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {}

    /** {@code DROP [COLUMN] [IF EXISTS] name [CASCADE | RESTRICT]}. */
    record DropColumn(Ident column, boolean ifExists, boolean cascade) implements AlterAction {}

    /** {@code RENAME [COLUMN] from TO to}. */
    record RenameColumn(Ident from, Ident to) implements AlterAction {}

    /** {@code RENAME TO name}. */
    record RenameTable(Ident to) implements AlterAction {}

    /** {@code ALTER [COLUMN] name SET DEFAULT expr} ({@code defaultExpr} its SQL text) or {@code DROP DEFAULT} (null). */
    record SetDefault(Ident column, String defaultExpr) implements AlterAction {}

    /** {@code ALTER [COLUMN] name SET NOT NULL} ({@code notNull} true) or {@code DROP NOT NULL}. */
    record SetNotNull(Ident column, boolean notNull) implements AlterAction {}

    /** {@code ALTER [COLUMN] name SET STATISTICS target} (-1: back to default_statistics_target). */
    record SetStatistics(Ident column, int target) implements AlterAction {}
    /** {@code ADD table-constraint [NOT VALID]}. */
    record AddConstraint(ConstraintDef constraint) implements AlterAction {}

    /** {@code DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]}. */
    record DropConstraint(Ident name, boolean ifExists, boolean cascade) implements AlterAction {}

    /** {@code VALIDATE CONSTRAINT name}. */
    record ValidateConstraint(Ident name) implements AlterAction {}

    /** {@code RENAME CONSTRAINT from TO to}. */
    record RenameConstraint(Ident from, Ident to) implements AlterAction {}
}

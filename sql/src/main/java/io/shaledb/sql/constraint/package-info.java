/**
 * SQL constraints as PostgreSQL 15 has them: CHECK, UNIQUE, PRIMARY KEY and FOREIGN KEY with its
 * referential actions — their DDL, their enforcement and the catalog views that show them.
 *
 * <pre>
 *   DDL                                      catalog                        DML (RowWriter)
 *   CREATE TABLE (..., CHECK, REFERENCES)    Constraint rows, kind 6        per row:  NOT NULL, CHECK  (TableConstraints.checkRow)
 *   ALTER TABLE ADD/DROP/VALIDATE/RENAME ──> ('c' 'o' (3, "tid/name"))  ──> per write: queue FK events
 *   ConstraintDdl (names, validation,        + unique Index for UNIQUE      finish(): ForeignKeys — check parent FOR KEY SHARE,
 *     dependencies of DROP / TRUNCATE)                                                 or NO ACTION / RESTRICT / CASCADE /
 *                                                                                      SET NULL / SET DEFAULT on the children
 *   pg_constraint, table_constraints,                                     COMMIT:   DeferredChecks (INITIALLY DEFERRED)
 *   pg_get_constraintdef  (ConstraintViews, ConstraintText)
 * </pre>
 *
 * <p>The idea: a constraint is a transactional catalog object like a table, so ADD CONSTRAINT
 * rolls back with its transaction and is durable with its commit; enforcement is attached to
 * the executor's single row-write path ({@code io.shaledb.sql.exec.RowWriter}), so every
 * statement that writes rows — INSERT, UPDATE, DELETE, their joined forms, ON CONFLICT, COPY,
 * and the referential actions themselves — checks the same constraints. Foreign-key work runs at
 * the end of the statement, as PostgreSQL's RI triggers do: the transaction first advances its
 * command counter (and, at READ COMMITTED, its snapshot), so the checks see the statement's own
 * rows and rows that concurrent transactions committed while this one waited for a row lock.
 *
 * <p>Referential actions write the referencing rows through a {@link
 * io.shaledb.sql.constraint.CascadeWriter} that the executor backs with a RowWriter of the
 * referencing table, so cascades recurse naturally (grandchildren, self-references).
 *
 * <p>UNIQUE constraints that are DEFERRABLE are checked late by {@link
 * io.shaledb.sql.constraint.UniqueRecheck}: their index holds {@code key ‖ row key} entries; a
 * key a statement wrote that another entry shares is checked at the end of the statement, or
 * queued in {@link io.shaledb.sql.constraint.DeferredChecks} with the deferred foreign-key checks
 * until COMMIT or SET CONSTRAINTS ... IMMEDIATE.
 */
package io.shaledb.sql.constraint;

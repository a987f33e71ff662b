/**
 * User-defined functions and triggers: PL/pgSQL (and single-SELECT {@code LANGUAGE sql} bodies)
 * compiled to a small tree and interpreted on top of the SQL engine.
 *
 * <h2>The idea</h2>
 *
 * PL/pgSQL is a thin procedural shell around SQL: every expression ({@code x > 0},
 * {@code NEW.price * 2}) is a {@code SELECT}, every embedded statement is SQL. So the language
 * here adds only control flow and variables, and hands everything else to the existing parser,
 * binder and executor. {@link io.shaledb.sql.plpgsql.PlParser} cuts the body into statements with
 * the SQL lexer and parses each expression and statement with the SQL parser, whose
 * {@link io.shaledb.sql.parser.ParamResolver} hook turns names of variables (and {@code NEW.col},
 * {@code OLD.col}) into {@code Expr.Param} nodes. At run time the
 * {@link io.shaledb.sql.plpgsql.Interpreter} executes an expression as a nested statement with
 * the current values bound as typed constants ({@link io.shaledb.sql.exec.QueryParams}): values
 * are bound, never spliced into SQL text.
 *
 * <pre>
 *   CREATE FUNCTION f() ... AS $$ BEGIN NEW.t := now(); INSERT INTO log VALUES (NEW.id); RETURN NEW; END $$
 *        │ RoutineDdl: compile now (42601 with positions in the CREATE text), store in the catalog (kind 7)
 *        ▼
 *   PlFunction: Block[ Assign(NEW.t, "select now()"), Sql(INSERT ... VALUES ($0)), Return(NEW) ]
 *                                                                         │ $0 = Slot Field(new, "id")
 *   DML ──RowWriter──TriggerFiring──Interpreter.callTrigger(frame: FOUND, TG_*, NEW, OLD, DECLAREd vars)
 *                                         │ each expression / statement: tx.advanceCommand(),  
 *                                         ▼ QueryParams.with(values) ─> Executor.execute(stmt, tx, collector)
 *                                     row to write / NULL (skip) / error + CONTEXT "PL/pgSQL function f() line 3 at ..."
 * </pre>
 *
 * <h2>Triggers</h2>
 *
 * {@link io.shaledb.sql.plpgsql.TriggerFiring} is created by each DML statement's
 * {@code RowWriter}, the single path of row writes, so INSERT, UPDATE, DELETE, their joined
 * forms, ON CONFLICT and COPY FROM all fire triggers the same way: BEFORE STATEMENT at once,
 * BEFORE ROW around each write, AFTER ROW queued and fired in order when the statement finishes,
 * then AFTER STATEMENT. A trigger's own statements are nested statements with their own writers,
 * so triggers cascade; {@link io.shaledb.sql.plpgsql.Interpreter#MAX_DEPTH} nested calls end in
 * 54001 "stack depth limit exceeded".
 *
 * <p>Functions and triggers are catalog objects (payload kinds 7 and 8, see
 * docs/formats/catalog.md), transactional like all DDL; compiled functions are cached by their
 * whole definition, so CREATE OR REPLACE simply compiles the new one. The supported language is
 * listed in docs/sql/plpgsql.md.
 */
package io.shaledb.sql.plpgsql;

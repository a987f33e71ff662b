package io.shaledb.sql.plpgsql;

import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import java.util.List;

/**
 * A compiled PL/pgSQL statement. Every statement knows its {@code line} in the function body
 * (line 1 is the one the body starts on, as in PostgreSQL's CONTEXT lines). Embedded SQL is
 * already parsed, with variable references turned into parameters ({@link Slots}).
 */
sealed interface PlNode {
    int line();

    /** An expression, compiled as {@code SELECT expr}; {@code text} as written, for CONTEXT lines. */
    record Expr(Query query, String text, int[] slots) {}

    /** Where an assignment or INTO writes: a variable, or a field of NEW / OLD. */
    sealed interface Target {
        /** The variable with frame index {@code index}. */
        record Var(int index, String name) implements Target {}

        /** {@code NEW.column} or {@code OLD.column}. */
        record Field(boolean isNew, String column) implements Target {}
    }

    /**
     * {@code [DECLARE ...] BEGIN ... [EXCEPTION WHEN ... THEN ...] END}: the declarations' defaults
     * run when the block starts; with handlers the body runs in a subtransaction.
     */
    record Block(int line, List<Declaration> declarations, List<PlNode> body, List<Handler> handlers, int beginLine)
            implements PlNode {}

    /**
     * {@code WHEN condition [OR ...] THEN body}: {@code codes} are SQLSTATEs (a class code ending in
     * {@code 000} matches its class) or {@code others}; the frame indexes of SQLSTATE and SQLERRM.
     */
    record Handler(List<String> codes, int sqlstate, int sqlerrm, List<PlNode> body) {}

    /** One declared variable; {@code init} null when it starts NULL. */
    record Declaration(int index, String name, boolean notNull, boolean constant, Expr init, int line) {}

    /** {@code target := expr}. */
    record Assign(int line, Target target, Expr value, String text) implements PlNode {}

    /**
     * {@code IF c THEN ... ELSIF c THEN ... ELSE ... END IF}; {@code otherwise} empty when absent.
     * A CASE statement compiles to one too ({@code what} "CASE"; without ELSE its otherwise is a
     * {@link CaseNotFound}).
     */
    record If(int line, List<Expr> conditions, List<List<PlNode>> branches, List<PlNode> otherwise, String what)
            implements PlNode {}

    /** A CASE statement without ELSE that no WHEN matched: 20000 "case not found". */
    record CaseNotFound(int line) implements PlNode {}

    /**
     * {@code RAISE level 'format', args USING option = expr, ...}; {@code level} is EXCEPTION,
     * WARNING, NOTICE, INFO, LOG or DEBUG; {@code format} null when the message comes from USING.
     */
    record Raise(int line, String level, String format, List<Expr> args, List<String> optionNames, List<Expr> optionValues)
            implements PlNode {}

    /** {@code RETURN [expr]}; {@code row} is 'n' for NEW, 'o' for OLD, 0 for an expression (or none). */
    record Return(int line, char row, Expr value) implements PlNode {}

    /**
     * An SQL statement; {@code into} the targets of {@code INTO} (empty without), {@code perform}
     * for PERFORM (results discarded), {@code text} as written for CONTEXT lines.
     */
    record Sql(int line, Statement statement, String text, List<Target> into, boolean strict, boolean perform, int[] slots)
            implements PlNode {}

    /** {@code GET [CURRENT] DIAGNOSTICS target = ROW_COUNT [, ...]}: the rows the last SQL statement processed. */
    record GetDiagnostics(int line, List<Target> targets) implements PlNode {}

    /** {@code NULL;} */
    record Null(int line) implements PlNode {}

    /** {@code [<<label>>] LOOP ... END LOOP} and {@code WHILE cond LOOP ... END LOOP} ({@code condition} null for LOOP). */
    record Loop(int line, String label, Expr condition, List<PlNode> body) implements PlNode {}

    /** {@code FOR i IN [REVERSE] low .. high [BY step] LOOP ... END LOOP}. */
    record ForRange(int line, String label, int var, boolean reverse, Expr low, Expr high, Expr step, List<PlNode> body)
            implements PlNode {}

    /** {@code EXIT [label] [WHEN cond]} ({@code exit}) or {@code CONTINUE [label] [WHEN cond]}. */
    record Exit(int line, boolean exit, String label, Expr when) implements PlNode {}
}

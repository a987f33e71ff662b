package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the procedural layer above the executor (PL/pgSQL functions and triggers, package
 * {@code sql.plpgsql}) offers it. The executor runs routine DDL, binds calls of user functions,
 * fires row triggers and routes notices only through this interface, so the dependency points one
 * way: {@code plpgsql} uses the executor to run its statements, and the executor knows routines
 * only as this contract, which {@link io.shaledb.sql.SqlDatabase} plugs in when it builds the
 * executor.
 *
 * <pre>
 *   SqlDatabase ──builds──> Executor(routines = factory.apply(executor))
 *                              │ CREATE FUNCTION / TRIGGER ──> routines.execute
 *                              │ Binder: f(x) not built in  ──> routines.bindCall
 *                              │ RowWriter                  ──> routines.rowTriggers
 *                              ▼
 *   plpgsql.PlpgsqlRoutines implements Routines ──runs nested statements──> Executor
 * </pre>
 */
public interface Routines {

    /** Runs CREATE/DROP FUNCTION, CREATE/DROP TRIGGER or ALTER TABLE ... ENABLE/DISABLE TRIGGER. */
    void execute(Statement statement, Transaction tx, ResultSink sink);

    /** The bound call of user function {@code name}, or null when no user function matches. */
    Bound bindCall(Transaction tx, String name, List<Bound> args, ArgBinder binder, int pos);

    /**
     * The triggers of {@code table} for one statement doing {@code events} (Trigger.INSERT and
     * friends), having fired its BEFORE STATEMENT triggers; null when the table has none enabled.
     * {@code updatedColumns}: the columns an UPDATE's SET list assigns (null: not known).
     */
    RowTriggers rowTriggers(Transaction tx, Table table, int events, BitSet updatedColumns);

    /** The functions of schema {@code schema} as {@code tx} sees them (for DROP SCHEMA). */
    List<Function> functionsIn(Transaction tx, String schema);

    /** {@code name(integer, text)}, as PostgreSQL names a function in messages. */
    String describe(Function f);

    /** Drops {@code f} and the triggers that use it (DROP ... CASCADE). */
    void dropWithTriggers(Transaction tx, Function f);

    /** Runs {@code body} with RAISE NOTICE and friends going to {@code client}. */
    <T> T withNotices(ResultSink client, Supplier<T> body);

    /** The binder's services a user-function call needs. */
    interface ArgBinder {
        /** Parses and binds a parameter's DEFAULT expression text. */
        Bound bind(String sql);

        /** Argument {@code index}, an untyped literal, as a constant of {@code type} (22P02 pointing at it). */
        Bound coerce(Bound arg, int index, SqlType type);
    }

    /** One statement's row triggers, driven by its {@code RowWriter}. */
    interface RowTriggers {
        /** BEFORE INSERT ROW: the row to write, or null to skip it. */
        Object[] beforeInsert(Object[] row);

        /** BEFORE UPDATE ROW: the new row to write, or null to skip it. */
        Object[] beforeUpdate(Object[] old, Object[] updated);

        /** BEFORE DELETE ROW: false to skip the delete. */
        boolean beforeDelete(Object[] old);

        /** Queues AFTER INSERT ROW. */
        void afterInsert(Object[] row);

        /** Queues AFTER UPDATE ROW. */
        void afterUpdate(Object[] old, Object[] updated);

        /** Queues AFTER DELETE ROW. */
        void afterDelete(Object[] old);

        /** Fires the queued AFTER ROW events in order, then the AFTER STATEMENT triggers. */
        void finish();
    }
}

package io.shaledb.sql.plpgsql;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.Routines;
import io.shaledb.txn.Transaction;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * PL/pgSQL as the executor's {@link Routines}: routine DDL ({@link RoutineDdl}), calls of user
 * functions ({@link UserFunctions}), row triggers ({@link TriggerFiring}) and notices
 * ({@link Notices}), for the one executor it was made for.
 */
public final class PlpgsqlRoutines implements Routines {
    private final Executor executor;
    private final RoutineDdl ddl;

    /** Created while {@code executor} is being constructed: it is asked for its catalog only later. */
    public PlpgsqlRoutines(Executor executor) {
        this.executor = executor;
        this.ddl = new RoutineDdl(executor);
    }

    @Override
    public void execute(Statement statement, Transaction tx, ResultSink sink) {
        ddl.execute(statement, tx, sink);
    }

    @Override
    public Bound bindCall(Transaction tx, String name, List<Bound> args, ArgBinder binder, int pos) {
        return UserFunctions.bind(executor, tx, name, args, binder, pos);
    }

    @Override
    public RowTriggers rowTriggers(Transaction tx, Table table, int events, BitSet updatedColumns) {
        return TriggerFiring.of(executor, tx, table, events, updatedColumns);
    }

    @Override
    public List<Function> functionsIn(Transaction tx, String schema) {
        return RoutineDdl.functionsIn(executor.catalog(), tx, schema);
    }

    @Override
    public String describe(Function f) {
        return RoutineDdl.describe(f);
    }

    @Override
    public void dropWithTriggers(Transaction tx, Function f) {
        RoutineDdl.dropWithTriggers(executor.catalog(), tx, f);
    }

    @Override
    public <T> T withNotices(ResultSink client, Supplier<T> body) {
        return Notices.to(client, body);
    }
}

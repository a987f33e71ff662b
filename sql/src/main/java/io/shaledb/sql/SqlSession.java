package io.shaledb.sql;

import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * One client's conversation with the database. Not thread-safe: a session runs one query at a
 * time, like a PostgreSQL backend.
 */
public interface SqlSession extends AutoCloseable {

    /**
     * Runs every statement of {@code sql} (a query string that may hold several statements
     * separated by semicolons), streaming each statement's results into {@code sink}.
     *
     * <p>As in PostgreSQL's simple query protocol, the whole string is parsed first: a syntax
     * error anywhere runs nothing. Otherwise statements run in order and the first error stops
     * the rest; results of earlier statements have already been delivered.
     *
     * @throws SqlException the error to report to the client
     */
    void execute(String sql, ResultSink sink);

    /**
     * Parses and analyses one statement for the extended query protocol (PostgreSQL's Parse):
     * {@code declaredTypes} are the parameter types the client named, {@link SqlType#UNKNOWN}
     * (or missing) where it left the choice to the server. Like Parse, this opens the implicit
     * transaction of the current batch, which {@link #sync()} ends.
     *
     * @throws SqlException a syntax error, an unknown table..., or 42601 for several statements
     */
    default Prepared prepare(String sql, List<SqlType> declaredTypes) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "prepared statements are not supported by this session");
    }

    /**
     * Runs a prepared statement with its parameters bound (PostgreSQL's Execute). {@code values[i]}
     * is the Java value of {@code $i+1} as typed by {@code types[i]}; a parameter of type
     * {@link SqlType#UNKNOWN} carries its text and is read like an untyped literal written in its
     * place. Outside a transaction block the statement runs in the batch's implicit transaction,
     * committed by {@link #sync()}; an error rolls it back (or fails the block).
     *
     * @throws SqlException the error to report; 0A000 "cached plan must not change result type"
     *     when DDL changed the shape of the result since {@link #prepare}
     */
    default void execute(Prepared statement, Object[] values, SqlType[] types, ResultSink sink) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "prepared statements are not supported by this session");
    }

    /**
     * The end of an extended-protocol batch (Sync): commits the implicit transaction the batch's
     * statements ran in, if one is open outside a transaction block.
     *
     * @throws SqlException when the commit fails (e.g. 40001, a deferred constraint)
     */
    default void sync() {}

    /**
     * Whether the session is inside a transaction block now, between queries; the protocol layer
     * reports it after every query. A session without transaction blocks is always idle.
     */
    default TransactionStatus transactionStatus() {
        return TransactionStatus.IDLE;
    }

    /**
     * Asks the running query, if any, to stop with 57014 at its next check (a lock wait or every
     * few hundred rows). Safe to call from any thread; does nothing when the session is idle.
     */
    default void cancel() {}

    /**
     * A run-time parameter from the client's startup packet ({@code application_name},
     * {@code TimeZone}, {@code extra_float_digits}...): set like SET, and what RESET returns to.
     *
     * @throws SqlException for an unknown parameter or a bad value (the connection is refused, as in PostgreSQL)
     */
    default void startupParameter(String name, String value) {}

    /**
     * The current values of the parameters PostgreSQL reports in ParameterStatus when they change
     * (application_name, TimeZone, DateStyle ...), by canonical name; the same map instance while
     * none changed, so a caller can compare cheaply after every statement.
     */
    default java.util.Map<String, String> reportedParameters() {
        return java.util.Map.of();
    }

    /**
     * The session's {@code idle_in_transaction_session_timeout} in milliseconds (0 = none): how long
     * the protocol layer waits for the next message while a transaction is open before it ends the
     * connection with FATAL 25P03.
     */
    default long idleInTransactionSessionTimeoutMillis() {
        return 0;
    }

    @Override
    void close();
}

package io.shaledb.sql;

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

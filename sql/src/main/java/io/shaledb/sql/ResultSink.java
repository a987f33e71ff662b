package io.shaledb.sql;

import java.util.List;

/**
 * Receives what a statement produces, in order: for a row-returning statement
 * {@link #columns}, then {@link #row} for each row, then {@link #complete}; for other statements
 * only {@link #complete}. An empty query string produces only {@link #emptyQuery}. This is the
 * shape of the PostgreSQL protocol's RowDescription / DataRow / CommandComplete, so a wire
 * protocol can stream results without buffering them.
 *
 * <p>COPY changes direction: {@code COPY ... FROM STDIN} calls {@link #copyIn} and then pulls the
 * client's data from the {@link CopyIn} it returns, row batches going into the table as they
 * arrive; {@code COPY ... TO STDOUT} calls {@link #copyOut} and pushes formatted rows into the
 * {@link CopyOut}. Either ends with {@link #complete} ({@code "COPY n"}) or an exception. A sink
 * that has no client stream to offer (an embedded caller) keeps the defaults, which refuse.
 */
public interface ResultSink {

    void columns(List<ColumnInfo> columns);

    /** One row; {@code values[i]} is the Java value of column i (see {@link io.shaledb.sql.types.SqlType}), null for SQL NULL. */
    void row(Object[] values);

    /** The command tag, e.g. {@code "SELECT 2"}, {@code "INSERT 0 2"}, {@code "CREATE TABLE"}. */
    void complete(String commandTag);

    void emptyQuery();

    /**
     * Thrown by {@link #row} to end a query early without an error: the client closed a portal it
     * had fetched only part of. {@link SqlSession#execute(Prepared, Object[], io.shaledb.sql.types.SqlType[], ResultSink)}
     * returns normally when a query ends this way; the transaction carries on.
     */
    final class Stop extends RuntimeException {
        public Stop() {
            super("the client closed the portal", null, false, false);
        }
    }

    /**
     * Thrown by a sink whose client has disconnected: the statement fails and its transaction rolls
     * back, as PostgreSQL's does when its client leaves, but it is no internal error (nothing is logged
     * as one).
     */
    class ClientGone extends RuntimeException {
        public ClientGone(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A message that does not end the statement (PostgreSQL's NoticeResponse): {@code severity}
     * {@code NOTICE}, {@code WARNING} or {@code INFO}, e.g. from PL/pgSQL's {@code RAISE NOTICE}.
     * A sink without a client to tell ignores it.
     */
    default void notice(String severity, String sqlState, String message, String detail, String hint) {
        // nowhere to send it
    }

    /**
     * A {@code COPY ... FROM STDIN} begins: asks the client for its data (CopyInResponse) and
     * returns the stream to read it from.
     */
    default CopyIn copyIn(CopyDescription description) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN is not supported by this client interface");
    }

    /** A {@code COPY ... TO STDOUT} begins (CopyOutResponse): returns where to write the data. */
    default CopyOut copyOut(CopyDescription description) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY TO STDOUT is not supported by this client interface");
    }
}

package io.shaledb.sql;

import java.util.List;

/**
 * Receives what a statement produces, in order: for a row-returning statement
 * {@link #columns}, then {@link #row} for each row, then {@link #complete}; for other statements
 * only {@link #complete}. An empty query string produces only {@link #emptyQuery}. This is the
 * shape of the PostgreSQL protocol's RowDescription / DataRow / CommandComplete, so a wire
 * protocol can stream results without buffering them.
 */
public interface ResultSink {

    void columns(List<ColumnInfo> columns);

    /** One row; {@code values[i]} is the Java value of column i (see {@link io.shaledb.sql.types.SqlType}), null for SQL NULL. */
    void row(Object[] values);

    /** The command tag, e.g. {@code "SELECT 2"}, {@code "INSERT 0 2"}, {@code "CREATE TABLE"}. */
    void complete(String commandTag);

    void emptyQuery();
}

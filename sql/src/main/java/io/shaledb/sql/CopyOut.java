package io.shaledb.sql;

/**
 * Where a {@code COPY ... TO STDOUT} writes its data, chunk by chunk (one row per chunk, as
 * PostgreSQL sends it). Obtained from {@link ResultSink#copyOut}; the statement's
 * {@link ResultSink#complete} ends the data.
 */
public interface CopyOut {

    void write(byte[] chunk);
}

package io.shaledb.sql;

/**
 * The data of a {@code COPY ... FROM STDIN}, pulled by the statement as the client sends it.
 * Obtained from {@link ResultSink#copyIn}; the chunks are an arbitrary split of the byte stream
 * (a row may span two chunks, a chunk may hold many rows).
 */
public interface CopyIn {

    /**
     * The next chunk, waiting for the client if need be; null once the client has said the data
     * is complete (CopyDone).
     *
     * @throws SqlException 57014 when the client aborted the copy (CopyFail), or 08006 when it went away
     */
    byte[] read();
}

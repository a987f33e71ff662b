/**
 * The PostgreSQL frontend/backend protocol, version 3.0, so that {@code psql}, pgjdbc and the
 * other PostgreSQL clients talk to ShaleDB unmodified.
 *
 * <h2>The idea</h2>
 *
 * A PostgreSQL client does not know it is not talking to PostgreSQL: it opens a TCP connection,
 * sends a startup packet, and from then on exchanges typed, length-prefixed messages. This
 * package is a translator between that conversation and {@link io.shaledb.sql.SqlSession}: a
 * {@code Query} message becomes one {@code execute(sql, sink)} call, and what the session pushes
 * into its {@link io.shaledb.sql.ResultSink} ({@code columns}, {@code row}, {@code complete},
 * {@code emptyQuery}) becomes RowDescription, DataRow, CommandComplete and EmptyQueryResponse
 * messages, streamed out as they are produced. Nothing here knows SQL.
 *
 * <h2>A conversation</h2>
 *
 * <pre>
 *  client                                        ShaleDB
 *    |--- SSLRequest (optional) ------------------->|
 *    |&lt;-- 'S' + TLS handshake, or 'N' (plain text) --|  (see the auth package)
 *    |--- StartupMessage 3.0 {user, database...} -->|  pg_hba.conf rule, password exchange
 *    |&lt;-- AuthenticationOk --------------------------|  SessionFactory.open(user, database, pid)
 *    |&lt;-- ParameterStatus x13 (server_version ...) --|
 *    |&lt;-- BackendKeyData (pid, secret) --------------|
 *    |&lt;-- ReadyForQuery 'I' -------------------------|
 *    |                                              |
 *    |--- Query "select 1; select * from missing" ->|  SqlSession.execute(sql, sink)
 *    |&lt;-- RowDescription ----------------------------|    sink.columns(...)
 *    |&lt;-- DataRow ... -------------------------------|    sink.row(...)   (batched, 32 KiB)
 *    |&lt;-- CommandComplete "SELECT 1" ----------------|    sink.complete(...)
 *    |&lt;-- ErrorResponse S,V,C=42P01,M,P=25 ---------|    throws SqlException
 *    |&lt;-- ReadyForQuery 'I' -------------------------|
 *    |--- Terminate ------------------------------->|  SqlSession.close()
 * </pre>
 *
 * <h2>The extended query protocol</h2>
 *
 * Drivers (pgjdbc by default, libpq's {@code PQexecParams}/{@code PQprepare}, pgbench
 * {@code -M extended|prepared}) split a query into Parse, Bind, Describe and Execute, pipelined
 * up to a Sync. {@link io.shaledb.pgwire.ExtendedQueryHandler} plays them against
 * {@link io.shaledb.sql.SqlSession#prepare} / {@code execute(prepared, values, types, sink)} /
 * {@code sync()}; the statements and portals live in {@link io.shaledb.pgwire.extended}, the
 * binary formats in {@link io.shaledb.pgwire.codec}.
 *
 * <pre>
 *  client                                        ShaleDB
 *    |--- Parse "s1" "SELECT v FROM kv WHERE id = $1" [int4] -->|  SqlSession.prepare: parse, infer types, describe
 *    |--- Describe S "s1" -------------------------->|
 *    |--- Sync ------------------------------------->|
 *    |&lt;-- ParseComplete ------------------------------|
 *    |&lt;-- ParameterDescription [int4] ---------------|
 *    |&lt;-- RowDescription (v text) / NoData ----------|
 *    |&lt;-- ReadyForQuery 'I' -------------------------|  Sync: implicit transaction committed
 *    |--- Bind "" &lt;- "s1" [$1 = 00 00 00 2A binary] [results: binary] -->|
 *    |--- Execute "" 0 ---------------------------->|  SqlSession.execute(prepared, values, types, sink)
 *    |--- Bind/Execute ... (pipelined) ------------>|  same implicit transaction until the Sync
 *    |--- Sync ------------------------------------->|
 *    |&lt;-- BindComplete, DataRow, CommandComplete "SELECT 1", BindComplete, ... ReadyForQuery
 *
 *    |--- Parse/Bind "" (fails: 42P01) ------------>|&lt;-- ErrorResponse
 *    |--- Execute, Bind, Query ... ---------------->|    discarded: PostgreSQL skips to the Sync
 *    |--- Sync ------------------------------------->|&lt;-- ReadyForQuery 'I' (the batch rolled back)
 * </pre>
 *
 * An Execute with a row limit answers PortalSuspended after that many rows; the portal keeps its
 * place until the next Execute, its Close, or the end of its transaction. Everything a batch runs
 * outside BEGIN is one implicit transaction ending at its Sync; any error rolls it back (or fails
 * the block) and the rest of the batch is discarded, so drivers that pipeline stay in step.
 *
 * <h2>COPY</h2>
 *
 * COPY is the one place where the client sends data in the middle of a query. The session asks
 * for it through the sink: {@code copyIn} answers CopyInResponse and returns a {@code CopyIn}
 * whose {@code read()} takes the next message from this connection's inbox on the worker thread,
 * so the statement pulls CopyData as it inserts and the inbox's backpressure (the event loop stops
 * reading at 64 queued messages) bounds what is buffered, whatever the size of the COPY.
 *
 * <pre>
 *  client                                        ShaleDB
 *    |--- Query "COPY t FROM STDIN" ------------->|  execute ... ResultSink.copyIn()
 *    |&lt;-- CopyInResponse ---------------------------|
 *    |--- CopyData, CopyData, ... ---------------->|    CopyIn.read() per chunk, rows inserted as they come
 *    |--- CopyDone (or CopyFail: 57014) ---------->|    read() returns null (or throws)
 *    |&lt;-- CommandComplete "COPY n" / ErrorResponse -|
 *    |&lt;-- ReadyForQuery -----------------------------|  (CopyData after an error is ignored)
 *
 *    |--- Query "COPY t TO STDOUT" -------------->|  ResultSink.copyOut()
 *    |&lt;-- CopyOutResponse, CopyData per row, CopyDone, CommandComplete "COPY n", ReadyForQuery
 * </pre>
 *
 * A client that disconnects mid-copy makes {@code read()} fail (08006), which fails the statement
 * and rolls its transaction back; Flush and Sync are ignored during a copy, any other message is
 * a protocol error, as in PostgreSQL. A COPY may be any statement of a multi-statement query.
 *
 * <h2>Threads</h2>
 *
 * <pre>
 *   socket --&gt; [event loop: FrontendDecoder] --FrontendMessage--&gt; [PgConnection.channelRead]
 *                                                                    | inbox (pauses reads at 64)
 *                                                                    v
 *                                      [platform thread "pgwire-PID": PgConnection.run]
 *                                       SqlSession.execute --&gt; BackendWriter --batches--&gt; socket
 * </pre>
 *
 * Netty's event loops only cut bytes into messages and move buffers; they never run SQL. Each
 * connection gets its own thread, which owns the session and plays the backend's half of
 * the protocol sequentially, like a PostgreSQL backend process. A statement that takes a minute
 * blocks that one thread and nothing else: there is no shared pool of statement threads
 * in which one slow query could queue up behind another. Backpressure runs both ways: the worker
 * waits while the socket is above its write watermark (a client that stops reading stalls only its
 * own query), and the event loop stops reading from a client whose worker is 64 messages behind.
 *
 * <h2>Hostile or broken clients</h2>
 *
 * The {@link io.shaledb.pgwire.FrontendDecoder} validates a message header (type byte, length
 * word) before it buffers the body, so a claimed length above the configured maximum is refused
 * after five bytes, with no allocation. Problems that leave the byte stream untrustworthy (bad
 * lengths, unknown message types, broken startup packets) end that one connection with a FATAL
 * ErrorResponse 08P01, delivered after the answers to everything the client sent before it.
 * Problems inside a well-framed Query (no terminator, invalid UTF-8) are an ordinary ERROR, as in
 * PostgreSQL, and the connection carries on. Exceptions the session did not mean to throw become
 * XX000 errors. Whatever happens, the connection's session is closed when its channel closes.
 *
 * <p>Every ReadyForQuery carries {@link io.shaledb.sql.SqlSession#transactionStatus()}, asked
 * after the query has run: 'I' outside a transaction block, 'T' inside one, 'E' inside a failed
 * one. That is how psql draws {@code =*>} and {@code =!>} and how drivers know to roll back.
 *
 * <h2>Not yet</h2>
 *
 * FunctionCall (fastpath) gets 0A000. (TLS, passwords and connection limits:
 * {@link io.shaledb.pgwire.auth}.) Also later: COPY in binary format.
 *
 * <h2>Settings and cancel</h2>
 *
 * The startup packet's parameters become the session's defaults ({@code SessionParameters}); a
 * reported one (application_name, TimeZone, DateStyle ...) that a statement changed goes out as
 * ParameterStatus right before the next ReadyForQuery, as in PostgreSQL 14+. A CancelRequest whose
 * process id and secret key match a connection asks that connection's running query to stop with
 * 57014; COPY works the same whether a Query or an Execute started it.
 */
package io.shaledb.pgwire;

/**
 * The protocol fuzzer: what a server exposed beyond localhost meets sooner or later.
 *
 * <h2>The idea</h2>
 *
 * A PostgreSQL server must survive any byte sequence a client can send: lengths that lie, message
 * types that do not exist, text that is not UTF-8, messages in an order no driver would use,
 * parameter counts a message cannot hold, startup packets that are garbage. {@link
 * io.shaledb.server.fuzz.MessageStreams} produces such streams from a seed (valid streams, random
 * ones, and valid ones mutated); {@link io.shaledb.server.fuzz.ProtocolFuzzTest} throws them at a
 * running server from several connections while a well-behaved session checks its own results.
 *
 * <pre>
 *   fuzz-0..2: connect, write stream in random pieces, drain answers, hang up (FIN or RST) --\
 *                                                                                         +--&gt; ShaleServer
 *   well-behaved: INSERT i; SELECT count, sum  (must be i, i(i+1)/2 every time) ---------/
 *
 *   afterwards: pg_stat_activity has 1 session, one pgwire- worker thread, heap back to its level,
 *               no XX000 and no Java exception text ever sent to a client, no ERROR/WARN in the server log
 *
 * Found so far: a client that left in the middle of a large result made the session log an
 * "internal error" with an incident number (the sink's ClientGoneException went through the
 * generic translation); it is now ResultSink.ClientGone, a plain 08006 for the statement.
 * </pre>
 *
 * The default build runs it for 15 seconds with a fixed seed; {@code -Pfuzz} runs 300 seconds with a
 * fresh seed, printed so that a failure can be replayed with {@code -Dfuzz.seed=...}.
 */
package io.shaledb.server.fuzz;

/**
 * The Redis protocol (RESP2, and RESP3 after {@code HELLO 3}) in front of the kv model, so that
 * redis-cli, Jedis, Lettuce and redis-benchmark work unmodified.
 *
 * <h2>A request's way</h2>
 * <pre>
 *   bytes ──> {@link io.shaledb.resp.RespDecoder} ──> List&lt;byte[]&gt; ──> inbox ──> LoopBatch task (same event loop)
 *             (event loop: framing, limits)                  │ key commands of every client read in this pass:
 *                                                            │   PipelineBatch = 1 core transaction, 1 commit
 *                                                            │ then each client's other commands in order
 *   bytes &lt;── one write per client &lt;── RespWriter buffer &lt;─────┘ replies (RESP2 or RESP3 form)
 *
 *   blocking pop, or a write under appendfsync always ──> queue ──> worker (virtual thread, may park)
 * </pre>
 *
 * The decoder frames both request forms — arrays of bulk strings and inline commands — and checks
 * every declared length against the limits (proto-max-bulk-len 512 MiB, multibulk count up to 2^31,
 * ten 16 KiB arguments before AUTH) before anything is allocated; malformed input produces Redis's
 * {@code -ERR Protocol error: ...} text and the connection closes, as Redis does. Commands run on
 * the event loop that read them, batched across that loop's clients into shared transactions
 * ({@code LoopBatch}, {@code PipelineBatch}); only those that may wait long — blocking pops, and
 * writes whose commit waits for the disk — go to the connection's virtual-thread worker
 * ({@code RespConnection} keeps the replies in order across the two).
 *
 * <h2>Commands</h2>
 * Each family registers itself in the {@link io.shaledb.resp.CommandTable} with Redis's arity
 * convention and flags ({@code ConnectionCommands}, {@code ServerCommands}, {@code KeyCommands},
 * {@code StringCommands}); a new family is a new class and one line in
 * {@code CommandTable.standard()}. Handlers only parse arguments the way Redis does (options
 * first, then numbers, so the same input gets the same error) and translate to
 * {@link io.shaledb.kv.KvDatabase} calls; errors are Redis's exact texts, from
 * {@link io.shaledb.kv.KvException} or {@code RespError}. Nothing model-specific lives here.
 * Families: {@code ListCommands}, {@code SetCommands}, {@code HashCommands},
 * {@code SortedSetCommands}, {@code SortedSetRangeCommands}, {@code SortedSetAlgebraCommands};
 * {@code CollectionScan} parses HSCAN/SSCAN/ZSCAN, {@code MultiPop} LMPOP/ZMPOP;
 * {@code BitCommands} (SETBIT ... BITFIELD, LCS), {@code SortCommands} (SORT, SORT_RO),
 * {@code KeyspaceCommands} (COPY, MOVE, RANDOMKEY) and {@code ClientCommands} (CLIENT LIST/INFO/KILL/UNBLOCK ...).
 *
 * <h2>Blocking commands</h2>
 * BLPOP and friends ({@code Blocking}) park the connection's virtual thread on a
 * {@link io.shaledb.kv.KvBlocking} waiter, holding no transaction, after flushing the replies
 * pipelined before them; a write to one of their keys, their timeout or the client's disconnect
 * ends the wait.
 */
package io.shaledb.resp;

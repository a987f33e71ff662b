package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's consecutive key commands as one core transaction instead of one each.
 *
 * <pre>
 *   queue: SET a 1 | SET b 2 | INCR c | GET a | SELECT 1 | ...
 *          └──────────── one batch ──────────┘  (SELECT is not a key command: it ends the run)
 *   KvStore.atomically(stripes of a, b, c):  SET ─ SET ─ INCR ─ GET  ─ one commit ─ 4 replies
 * </pre>
 *
 * A client that pipelines sends commands faster than they commit one by one; folding the ones
 * already waiting into one {@link io.shaledb.kv.KvStore#atomically} run pays the transaction
 * begin, the snapshot and the commit (its log record and, with appendfsync always, its fsync) once
 * per batch. Nothing a client can observe changes: its replies go out after the commit either
 * way, each command still runs under its own savepoint (an error is that command's reply and
 * undoes only it), and other clients see the batch's writes all at once — which Redis's single
 * thread guarantees nobody can tell from one at a time. Only plain key commands join a batch:
 * known, authenticated, right arity, not inside MULTI, flagged {@code write} or {@code readonly}
 * with their first key at a fixed position, and not blocking.
 */
final class PipelineBatch {
    private static final Logger log = LoggerFactory.getLogger(PipelineBatch.class);
    /** Commands per batch at most: bounds how long a batch holds its keys' stripes. */
    static final int MAX_COMMANDS = 64;

    /** Redis's blocking commands: they wait for other clients, so they never join a batch. */
    private static final Set<String> BLOCKING = Set.of("blpop", "brpop", "brpoplpush", "blmove", "blmpop",
            "bzpopmin", "bzpopmax", "bzmpop", "xread", "xreadgroup", "wait");

    private PipelineBatch() {}

    /** The command {@code args} runs, if it may join a batch; else null. */
    static Command batchable(CommandTable table, Client client, List<byte[]> args) {
        if (args.isEmpty() || client.multi().inMulti() || !AclCommands.unrestricted(client)
                || client.server().memoryLimit().over()) { // over maxmemory: each command is checked (and may evict) alone
            return null;
        }
        Command cmd = table.lookup(args.get(0));
        if (cmd == null || cmd.firstKey() <= 0 || !cmd.arityAllows(args.size()) || cmd.flags().contains("blocking")
                || BLOCKING.contains(cmd.name())) {
            return null;
        }
        return cmd.flags().contains("write") || cmd.flags().contains("readonly") ? cmd : null;
    }

    private record Item(Command cmd, Args args) {}

    /**
     * Runs {@code first} and the batchable commands queued right behind it as one batch; returns
     * false (having run nothing) when none is queued behind it, so the caller runs it alone.
     */
    @SuppressWarnings("unchecked")
    static boolean runFrom(RespServer server, Client client, Queue<Object> queue, Command firstCmd, Args first, RespWriter out) {
        if (!(queue.peek() instanceof List<?> next) || batchable(server.commands(), client, (List<byte[]>) next) == null) {
            return false;
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item(firstCmd, first));
        while (items.size() < MAX_COMMANDS && queue.peek() instanceof List<?> more) {
            Command cmd = batchable(server.commands(), client, (List<byte[]>) more);
            if (cmd == null) {
                break;
            }
            queue.poll();
            items.add(new Item(cmd, new Args((List<byte[]>) more)));
        }
        List<byte[]> keys = new ArrayList<>();
        for (Item i : items) {
            if (i.cmd().flags().contains("write")) {
                keys.addAll(TransactionCommands.lockKeys(i.cmd(), i.args()));
            }
        }
        ByteBuf buf = out.buffer();
        int mark = buf.writerIndex();
        try {
            client.store().atomically(client.dbIndex(), keys, false, () -> {
                for (Item i : items) {
                    server.countCommand();
                    RespConnection.invoke(i.cmd(), client, i.args(), out);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the commit failed: none of the batch's writes happened, so none may be acknowledged
            buf.writerIndex(mark);
            log.warn("resp client {}: a pipelined batch of {} commands failed to commit", client.id(), items.size(), e);
            String message = "ERR " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            for (int i = 0; i < items.size(); i++) {
                out.error(message);
            }
        }
        return true;
    }
}

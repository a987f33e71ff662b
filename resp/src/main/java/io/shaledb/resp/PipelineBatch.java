package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs consecutive key commands — a pipeline's, or those of several clients that arrived in one
 * pass of an event loop ({@link LoopBatch}) — as one core transaction instead of one each.
 *
 * <pre>
 *   client 1: SET a 1 | INCR c | SELECT 1 ...     client 2: GET a        client 3: HSET h f v
 *             └──── run ────┘  (SELECT is not a key command: it ends client 1's run)
 *   KvStore.atomically(stripes of a, c, h):  SET ─ INCR ─ GET ─ HSET  ─ one commit ─ each reply to its client
 * </pre>
 *
 * Clients send commands faster than they commit one by one; folding the ones already waiting into
 * one {@link io.shaledb.kv.KvStore#atomically} run pays the transaction begin, the snapshot and the
 * commit (its log record and, with appendfsync always, its fsync) once per batch. Nothing a client
 * can observe changes: replies go out after the commit either way, each command still runs under
 * its own savepoint (an error is that command's reply and undoes only it), and the batch holds the
 * stripes of every key its commands name — read or written — from before its snapshot until after
 * its commit, so it is equivalent to running its commands one after another at the commit instant,
 * as Redis's single thread would. Only plain key commands join a batch: known, authenticated, right
 * arity, not inside MULTI, flagged {@code write} or {@code readonly} with their first key at a fixed
 * position, and not blocking.
 */
final class PipelineBatch {
    private static final Logger log = LoggerFactory.getLogger(PipelineBatch.class);
    /** Commands one client contributes to a batch at most: bounds how long a batch holds its keys' stripes. */
    static final int MAX_COMMANDS = 64;

    /** Redis's blocking commands: they wait for other clients, so they never join a batch. */
    static final Set<String> BLOCKING = Set.of("blpop", "brpop", "brpoplpush", "blmove", "blmpop",
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

    /** One command of a batch, and where its reply goes. */
    record Item(Client client, Command cmd, Args args, RespWriter out) {}

    /**
     * Moves the batchable commands at the head of {@code queue} (at most {@link #MAX_COMMANDS})
     * into {@code into}, each with {@code client} and {@code out}; returns how many it moved.
     */
    @SuppressWarnings("unchecked")
    static int take(CommandTable table, Client client, Queue<Object> queue, RespWriter out, List<Item> into) {
        int n = 0;
        while (n < MAX_COMMANDS && queue.peek() instanceof List<?> next) {
            Command cmd = batchable(table, client, (List<byte[]>) next);
            if (cmd == null) {
                break;
            }
            queue.poll();
            into.add(new Item(client, cmd, new Args((List<byte[]>) next), out));
            n++;
        }
        return n;
    }

    /**
     * Runs {@code first} and the batchable commands queued right behind it as one batch, taking
     * them from {@code queue}; returns how many it took from the queue, or -1 (having run nothing)
     * when none is queued behind it, so the caller runs it alone.
     */
    @SuppressWarnings("unchecked")
    static int runFrom(RespServer server, Client client, Queue<Object> queue, Command firstCmd, Args first, RespWriter out) {
        if (!(queue.peek() instanceof List<?> next) || batchable(server.commands(), client, (List<byte[]>) next) == null) {
            return -1;
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item(client, firstCmd, first, out));
        int taken = take(server.commands(), client, queue, out, items);
        run(server, client.dbIndex(), items);
        return taken;
    }

    /**
     * Runs {@code items} (all of database {@code db}, one client's in a row) as one core
     * transaction. When the commit fails none of their writes happened, so none is acknowledged:
     * every item's reply is that error instead.
     */
    static void run(RespServer server, int db, List<Item> items) {
        List<byte[]> keys = new ArrayList<>();
        int[] marks = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            keys.addAll(keysOf(item.cmd(), item.args()));
            marks[i] = item.out().buffer().writerIndex();
        }
        try {
            server.store().atomically(db, keys, false, () -> {
                for (int i = 0; i < items.size(); ) {
                    int end = pushRunEnd(items, i);
                    if (end - i > 1) {
                        runPushes(server, items.subList(i, end));
                    } else {
                        Item item = items.get(i);
                        server.countCommand();
                        RespConnection.invoke(item.cmd(), item.client(), item.args(), item.out());
                    }
                    i = end;
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("resp: a batch of {} commands failed to commit", items.size(), e);
            String message = "ERR " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            RespWriter reset = null;
            for (int i = 0; i < items.size(); i++) {
                RespWriter out = items.get(i).out();
                if (out != reset) { // an out's first item in the batch: drop everything the batch wrote there
                    out.buffer().writerIndex(marks[i]);
                    reset = out;
                }
                out.error(message);
            }
        }
    }

    /**
     * Where the run of pushes starting at {@code from} ends (exclusive): LPUSH (or RPUSH) commands
     * of one key in a row — redis-benchmark's fifty clients pushing to one list, a pipeline of
     * pushes — which {@link #runPushes} turns into one push.
     */
    private static int pushRunEnd(List<Item> items, int from) {
        Command cmd = items.get(from).cmd();
        if (!cmd.name().equals("lpush") && !cmd.name().equals("rpush")) {
            return from + 1;
        }
        byte[] key = items.get(from).args().get(1);
        int end = from + 1;
        while (end < items.size() && items.get(end).cmd() == cmd && java.util.Arrays.equals(items.get(end).args().get(1), key)) {
            end++;
        }
        return end;
    }

    /**
     * Runs consecutive pushes to one list as one push of all their elements, in order — the same
     * list as pushing them one command at a time — and answers each command with the length the
     * list had right after its own elements (the final length less the elements pushed after
     * it). An error (WRONGTYPE) would have been every one of them's reply, and is.
     */
    private static void runPushes(RespServer server, List<Item> run) {
        Item first = run.get(0);
        List<byte[]> combined = new ArrayList<>();
        combined.add(first.args().get(0));
        combined.add(first.args().get(1));
        for (Item item : run) {
            combined.addAll(item.args().from(2));
            item.client().noteCommand(item.cmd(), item.args());
            server.countCommand();
        }
        RespWriter scratch = new RespWriter(io.netty.buffer.Unpooled.buffer(64));
        try {
            RespConnection.invoke(first.cmd(), first.client(), new Args(combined), scratch);
            ByteBuf reply = scratch.buffer();
            if (reply.getByte(0) != ':') {
                for (Item item : run) {
                    item.out().buffer().writeBytes(reply, 0, reply.readableBytes());
                }
                return;
            }
            long length = Long.parseLong(reply.toString(1, reply.readableBytes() - 3, java.nio.charset.StandardCharsets.US_ASCII));
            long after = combined.size() - 2;
            for (Item item : run) {
                after -= item.args().size() - 2;
                item.out().integer(length - after);
            }
        } finally {
            scratch.buffer().release();
        }
    }

    /**
     * The keys whose stripes a batched command needs: exactly its key positions for a {@code fast}
     * command (their key specs are fixed), else every argument from the first key on — a safe
     * over-approximation for commands whose keys move (ZUNIONSTORE's sources).
     */
    static List<byte[]> keysOf(Command cmd, Args args) {
        if (!cmd.flags().contains("fast") || cmd.step() <= 0 || cmd.lastKey() == 0) {
            return TransactionCommands.lockKeys(cmd, args);
        }
        int last = cmd.lastKey() > 0 ? cmd.lastKey() : args.size() + cmd.lastKey();
        if (cmd.firstKey() == last || cmd.firstKey() >= args.size()) {
            return cmd.firstKey() < args.size() ? List.of(args.get(cmd.firstKey())) : List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = cmd.firstKey(); i <= last && i < args.size(); i += cmd.step()) {
            keys.add(args.get(i));
        }
        return keys;
    }
}

package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.shaledb.kv.KvException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Commands run where they cost least: on the channel's event loop, once
 * the loop has read every ready socket ({@link LoopBatch}: the key commands of all the clients
 * read in that pass share one transaction, a pipeline's among them) and are answered with one
 * write per client, so an unpipelined command crosses no thread — unless a command may wait long: a blocking pop, or a write under
 * {@code appendfsync always} (whose commit waits for the disk, and should share that fsync with
 * other clients'). Such a command, and every command after it until the queue runs dry again, is
 * handed to the connection's worker, a virtual thread that may park.
 *
 * <pre>
 *   socket ─> RespDecoder ─> inbox ── after the loop's reads: LoopBatch runs it on the event loop ─> RespWriter ─> one flush
 *              (event loop)    │
 *                              └─ may wait? ─> queue ─> worker (virtual thread): run, flush when the queue is empty
 * </pre>
 *
 * Exactly one side owns the reply buffer at a time: the event loop while nothing is handed off
 * ({@link #handedOff} is zero), else the worker, which flushes its last reply before it gives the
 * buffer back by counting down, so replies keep the commands' order.
 *
 * <p>Backpressure both ways: reading stops while more than {@link #MAX_QUEUED} commands wait for
 * the worker, and while the channel's outbound buffer is above its high-water mark commands go to
 * the worker, which waits for it to drain (a client that pipelines without reading cannot make the
 * server buffer without bound).
 */
final class RespConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RespConnection.class);
    private static final int MAX_QUEUED = 1024;
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final Object CLOSED = new Object();
    /** How long the event loop waits for a handed-off blocking command to take its place in line. */
    private static final long SETTLE_WAIT_MILLIS = 200;

    private final RespServer server;
    private final Channel channel;
    private final Client client;
    /** This read's commands, run on the event loop at the end of the read (event loop only). */
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    /** Commands handed to the worker. */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Commands handed to the worker and not yet answered: while above zero the worker owns {@link #out}. */
    private final AtomicInteger handedOff = new AtomicInteger();
    private final Object writable = new Object();
    private RespWriter out;
    private Thread worker;
    /** Counted down when the handed-off blocking command has finished or queued on its keys. */
    private volatile CountDownLatch settling;
    /** QUIT or a protocol error was answered: later input is ignored (event loop only). */
    private boolean closing;
    /** This connection's commands wait for the loop's {@link LoopBatch} task (event loop only). */
    private boolean enlisted;
    private final LoopBatch loopBatch;

    RespConnection(RespServer server, Channel channel, long id) {
        this.server = server;
        this.channel = channel;
        this.loopBatch = server.loopBatch(channel.eventLoop());
        this.client = new Client(server, id, String.valueOf(channel.remoteAddress()));
    }

    Client client() {
        return client;
    }

    /** The server-side address of the connection (CLIENT LIST's {@code laddr=}). */
    String localAddress() {
        return String.valueOf(channel.localAddress()).replace("/", "");
    }

    /** Closes the connection (ACL DELUSER of its user). */
    void close() {
        channel.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        out = new RespWriter(channel.alloc().buffer(4096));
        client.flusher(this::flushBeforeBlocking);
        client.onQueued(this::settled);
        worker = Thread.ofVirtual().name("resp-client-" + client.id()).start(this::run);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (handedOff.get() == 0 && channel.isWritable() && runsOnEventLoop(msg)) {
            inbox.add(msg);
            return;
        }
        runInbox(); // the commands before this one go first (all of them may run here)
        if (closing) {
            return;
        }
        if (handedOff.get() == 0 && isBlocking(msg)) {
            // Take the blocking command's place in line now, as Redis would by running it: wait
            // (briefly) until the worker has either finished it or queued it on its keys, so a
            // push read after it serves it — and the clients blocked before it — in order.
            CountDownLatch settled = new CountDownLatch(1);
            settling = settled;
            handOff(msg);
            try {
                if (!settled.await(SETTLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    log.debug("resp client {}: blocking command not queued within {} ms; reading on", client.id(), SETTLE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        handOff(msg);
    }

    /** A blocking pop (BLPOP ...): it may park, so it runs on the worker. */
    private boolean isBlocking(Object msg) {
        return msg instanceof List<?> args && !args.isEmpty() && isBlocking(server.commands().lookup((byte[]) args.get(0)));
    }

    private static boolean isBlocking(Command cmd) {
        return cmd != null && (cmd.flags().contains("blocking") || PipelineBatch.BLOCKING.contains(cmd.name()));
    }

    /** The worker has finished a command or queued a blocking one on its keys (see {@link #channelRead}). */
    private void settled() {
        CountDownLatch l = settling;
        if (l != null) {
            settling = null;
            l.countDown();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!inbox.isEmpty() && !enlisted) {
            enlisted = true;
            loopBatch.enlist(this); // runs once the loop has read every ready socket
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * The {@link LoopBatch}'s first step: moves the batchable commands at the head of this read's
     * commands into {@code into}, unless this connection cannot run commands on the loop now.
     */
    int takeBatchable(List<PipelineBatch.Item> into) {
        if (closing || handedOff.get() > 0 || !channel.isWritable()) {
            return 0;
        }
        return PipelineBatch.take(server.commands(), client, inbox, out, into);
    }

    /** Whether commands read in this pass wait to run (after {@link #takeBatchable}: ones that cannot join). */
    boolean hasUnreadCommands() {
        return !inbox.isEmpty();
    }

    /** The {@link LoopBatch}'s last step: runs the rest of this read's commands and sends the replies. */
    void finishRead() {
        enlisted = false;
        runInbox();
        if (handedOff.get() == 0 && !closing) {
            flushNow();
            dropIfOverOutputLimit();
        }
    }

    /** client-output-buffer-limit on the event loop: a client over it is dropped with its unsent replies. */
    private boolean dropIfOverOutputLimit() {
        if (!server.outputLimits().enforced() || !overOutputLimit()) {
            return false;
        }
        closing = true;
        inbox.clear();
        channel.close();
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        inbox.clear();
        queue.add(CLOSED);
        client.disconnected();
        synchronized (writable) {
            writable.notifyAll();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (writable) {
            writable.notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("resp client {}: connection error, closing: {}", client.id(), cause.toString());
        ctx.close();
    }

    /**
     * Whether {@code msg} may run on the event loop: anything but a command that may park (blocking
     * pops) or wait for the disk (a write under appendfsync always, which the worker lets share an
     * fsync with other clients' commits).
     */
    private boolean runsOnEventLoop(Object msg) {
        if (!(msg instanceof List<?> args) || args.isEmpty()) {
            return true;
        }
        Command cmd = server.commands().lookup((byte[]) args.get(0));
        if (cmd == null) {
            return true;
        }
        if (isBlocking(cmd)) {
            return false;
        }
        return !server.store().durability().waitsForDisk() || cmd.flags().contains("readonly");
    }

    /** Runs this read's commands on the event loop, in order. */
    private void runInbox() {
        while (!inbox.isEmpty() && !closing) {
            if (!channel.isWritable()) {
                // the client does not read its replies: the worker waits for the socket to drain
                while (!inbox.isEmpty()) {
                    handOff(inbox.poll());
                }
                return;
            }
            runOne(inbox.poll(), inbox);
            if (client.closing()) {
                closing = true;
                inbox.clear();
                channel.writeAndFlush(out.swap(channel.alloc().buffer(0))).addListener(f -> channel.close());
                return;
            }
            if (dropIfOverOutputLimit()) {
                return;
            }
            if (out.buffer().readableBytes() > FLUSH_BYTES) {
                flushNow();
            }
        }
    }

    /**
     * Runs the decoded message {@code m}: a protocol error's reply, or the command with the
     * batchable ones queued right behind it in {@code rest} as one {@link PipelineBatch}. Returns
     * how many it took from {@code rest}.
     */
    @SuppressWarnings("unchecked")
    private int runOne(Object m, Queue<Object> rest) {
        if (m instanceof RespDecoder.ProtocolError e) {
            out.error("ERR " + e.message());
            client.closeAfterReply();
            return 0;
        }
        List<byte[]> args = (List<byte[]>) m;
        Command batchable = PipelineBatch.batchable(server.commands(), client, args);
        int taken = batchable == null ? -1 : PipelineBatch.runFrom(server, client, rest, batchable, new Args(args), out);
        if (taken < 0) {
            execute(new Args(args));
            return 0;
        }
        return taken;
    }

    private void handOff(Object msg) {
        handedOff.incrementAndGet();
        queue.add(msg);
        if (queue.size() > MAX_QUEUED) {
            channel.config().setAutoRead(false);
        }
    }

    /** Sends the replies written so far without waiting (the event loop's flush). */
    private void flushNow() {
        if (out.buffer().readableBytes() > 0) {
            channel.writeAndFlush(out.swap(channel.alloc().buffer(4096)));
        }
    }

    /** The worker: runs the handed-off commands in order, then gives the reply buffer back. */
    private void run() {
        try {
            while (true) {
                Object m = queue.take();
                if (m == CLOSED) {
                    return;
                }
                int taken = runOne(m, queue);
                settled();
                if (taken > 0) {
                    handedOff.addAndGet(-taken); // the commands the batch took from the queue are answered too
                }
                if (server.outputLimits().enforced() && overOutputLimit()) {
                    channel.close(); // Redis drops the client and its unsent replies at once
                    return;
                }
                if (client.closing()) {
                    channel.writeAndFlush(out.swap(channel.alloc().buffer(0))).addListener(f -> channel.close());
                    return;
                }
                boolean last = queue.isEmpty();
                if (last || out.buffer().readableBytes() > FLUSH_BYTES) {
                    flush();
                }
                if (!channel.config().isAutoRead() && queue.size() < MAX_QUEUED / 2) {
                    channel.config().setAutoRead(true);
                }
                handedOff.decrementAndGet(); // after the flush: at zero the event loop owns the buffer again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // CLOSED comes after channelInactive, after which the event loop never touches the buffer
            out.buffer().release();
            client.multi().close(server.store());
            server.unregister(this);
        }
    }

    private void flush() throws InterruptedException {
        if (out.buffer().readableBytes() == 0) {
            return;
        }
        channel.writeAndFlush(out.swap(channel.alloc().buffer(4096)));
        client.touch();
        synchronized (writable) {
            // with an output-buffer limit, replies pile up to it (and the client is dropped) as in Redis
            while (!channel.isWritable() && channel.isActive() && !server.outputLimits().enforced()) {
                writable.wait(100);
            }
        }
    }

    /** Whether the replies not yet written to the socket are over client-output-buffer-limit (the buffer's owner only). */
    private boolean overOutputLimit() {
        io.netty.channel.ChannelOutboundBuffer unwritten = channel.unsafe().outboundBuffer();
        long pending = out.buffer().readableBytes() + (unwritten == null ? 0 : unwritten.totalPendingWriteBytes());
        return server.outputLimits().exceeded(client, pending, System.currentTimeMillis());
    }

    /** Sends the replies of the commands before a blocking one, which may wait long (worker thread only). */
    private void flushBeforeBlocking() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void execute(Args args) {
        server.countCommand();
        Command cmd = server.commands().lookup(args.get(0));
        if (cmd == null) {
            out.error(unknownCommand(args));
            client.multi().flagError();
            return;
        }
        if (!client.authenticated() && !cmd.flags().contains("no-auth")) {
            TransactionCommands.reject(client, cmd, "NOAUTH Authentication required.", out);
            return;
        }
        if (!cmd.arityAllows(args.size())) {
            TransactionCommands.reject(client, cmd, "ERR wrong number of arguments for '" + cmd.name() + "' command", out);
            return;
        }
        String denied = AclCommands.unrestricted(client) ? null : AclCommands.denied(client, cmd, args);
        if (denied != null) {
            TransactionCommands.reject(client, cmd, denied, out);
            return;
        }
        String oom = server.memoryLimit().refusal(client, cmd);
        if (oom != null) {
            TransactionCommands.reject(client, cmd, oom, out);
            return;
        }
        if (client.multi().inMulti() && !TransactionCommands.runsInsideMulti(cmd)) {
            client.multi().queue(cmd, args);
            out.simple("QUEUED");
            return;
        }
        invoke(cmd, client, args, out);
    }

    /** Runs one command, its reply (or error reply, never a half-written one) into {@code out}. */
    static void invoke(Command cmd, Client client, Args args, RespWriter out) {
        ByteBuf buf = out.buffer();
        int mark = buf.writerIndex();
        client.noteCommand(cmd, args);
        try {
            cmd.handler().run(client, args, out);
        } catch (KvException | RespError e) {
            buf.writerIndex(mark);
            out.error(e.getMessage());
        } catch (RuntimeException e) {
            buf.writerIndex(mark);
            log.warn("resp client {}: command '{}' failed", client.id(), cmd.name(), e);
            out.error("ERR " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static String unknownCommand(Args args) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < args.size() && b.length() < 128; i++) {
            String s = new String(args.get(i), StandardCharsets.UTF_8);
            b.append('\'').append(s, 0, Math.min(s.length(), 128 - b.length())).append("' ");
        }
        String name = args.string(0);
        return "ERR unknown command '" + (name.length() > 128 ? name.substring(0, 128) : name)
                + "', with args beginning with: " + b;
    }
}

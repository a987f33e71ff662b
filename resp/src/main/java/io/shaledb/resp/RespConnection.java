package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.shaledb.kv.KvException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. The event loop only decodes and queues; a virtual thread per connection
 * runs the commands in order (they may wait for locks and for the disk) and writes their replies
 * into one buffer, flushed when the queue runs dry — so a pipeline of N commands costs one write.
 *
 * <pre>
 *   socket ─> RespDecoder ─> queue ─> worker: execute ─> RespWriter buffer ─> flush when queue empty
 *              (event loop)   (autoRead off when long)      (virtual thread)
 * </pre>
 *
 * Backpressure both ways: reading stops while more than {@link #MAX_QUEUED} commands wait, and the
 * worker stops executing while the channel's outbound buffer is above its high-water mark (a
 * client that pipelines without reading cannot make the server buffer without bound).
 */
final class RespConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RespConnection.class);
    private static final int MAX_QUEUED = 1024;
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final Object CLOSED = new Object();

    private final RespServer server;
    private final Channel channel;
    private final Client client;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object writable = new Object();
    private RespWriter out;
    private Thread worker;

    RespConnection(RespServer server, Channel channel, long id) {
        this.server = server;
        this.channel = channel;
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
        worker = Thread.ofVirtual().name("resp-client-" + client.id()).start(this::run);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queue.add(msg);
        if (queue.size() > MAX_QUEUED) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
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

    private void run() {
        try {
            while (true) {
                Object m = queue.take();
                if (m == CLOSED) {
                    return;
                }
                if (m instanceof RespDecoder.ProtocolError e) {
                    out.error("ERR " + e.message());
                    client.closeAfterReply();
                } else {
                    @SuppressWarnings("unchecked")
                    List<byte[]> args = (List<byte[]>) m;
                    Command batchable = PipelineBatch.batchable(server.commands(), client, args);
                    if (batchable == null || !PipelineBatch.runFrom(server, client, queue, batchable, new Args(args), out)) {
                        execute(new Args(args));
                    }
                }
                if (client.closing()) {
                    channel.writeAndFlush(out.swap(channel.alloc().buffer(0))).addListener(f -> channel.close());
                    return;
                }
                if (queue.isEmpty() || out.buffer().readableBytes() > FLUSH_BYTES) {
                    flush();
                }
                if (!channel.config().isAutoRead() && queue.size() < MAX_QUEUED / 2) {
                    channel.config().setAutoRead(true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
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
        synchronized (writable) {
            while (!channel.isWritable() && channel.isActive()) {
                writable.wait(100);
            }
        }
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

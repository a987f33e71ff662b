package io.shaledb.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL listener: accepts connections, speaks protocol 3.0 on them and hands each one a
 * {@link io.shaledb.sql.SqlSession} from the {@link SessionFactory}. See the package
 * documentation for the message flow.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgServer.class);

    /**
     * What we report as {@code server_version}. Clients read the leading number: libpq and psql
     * see 150000, pgjdbc 15.0; the parenthesis tells humans what they are talking to.
     */
    public static final String SERVER_VERSION = "15.0 (ShaleDB 0.1.0)";

    /** How long {@link #close()} waits for connection workers to finish closing their sessions. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final PgServerConfig config;
    private final SessionFactory sessions;
    private final io.shaledb.pgwire.auth.FrontDoor frontDoor;
    /** Connections past their startup packet and not yet closed: what max_connections limits. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final ConcurrentHashMap<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId;
    private final SecureRandom random = new SecureRandom();

    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;
    private volatile int boundPort = -1;
    private boolean started;
    private boolean closed;

    /** A server that trusts every client and offers no TLS (embedded use, protocol tests). */
    public PgServer(PgServerConfig config, SessionFactory sessions) {
        this(config, sessions, io.shaledb.pgwire.auth.FrontDoor.open());
    }

    /** A server that authenticates clients, offers TLS and limits connections as {@code frontDoor} says. */
    public PgServer(PgServerConfig config, SessionFactory sessions, io.shaledb.pgwire.auth.FrontDoor frontDoor) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.frontDoor = Objects.requireNonNull(frontDoor, "frontDoor");
        // Process ids look like PostgreSQL's (positive, a few digits) and are unique per server.
        this.nextProcessId = new AtomicInteger(10_000 + random.nextInt(50_000));
    }

    /**
     * Binds the listening socket.
     *
     * @throws IllegalStateException if already started or closed, or if the address cannot be
     *     bound (the message names host:port, the cause says why)
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        started = true;
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.workerThreads(), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PgConnection connection = register(ch);
                        ch.pipeline().addLast("decoder", new FrontendDecoder(config.maxMessageBytes()));
                        ch.pipeline().addLast("connection", connection);
                    }
                });
        String where = config.host() + ":" + config.port();
        ChannelFuture bind = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdownGroups();
            Throwable cause = bind.cause();
            throw new IllegalStateException("could not listen for PostgreSQL connections on " + where + ": "
                    + (cause == null ? "unknown error" : cause.getMessage()), cause);
        }
        serverChannel = bind.channel();
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("listening for PostgreSQL connections on {}:{}", config.host(), boundPort);
    }

    /** The bound port (useful with port 0); -1 before {@link #start()}. */
    public int port() {
        return boundPort;
    }

    public PgServerConfig config() {
        return config;
    }

    /**
     * Stops accepting, tells every client {@code FATAL 57P01} and closes it, waits (briefly) for
     * the connection workers to close their sessions, then stops the event loops. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                return;
            }
        }
        if (serverChannel == null) {
            return; // start() failed to bind and has already released everything
        }
        serverChannel.close().awaitUninterruptibly();
        for (PgConnection connection : connections.values()) {
            connection.terminate();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (PgConnection connection : connections.values()) {
            Thread worker = connection.worker();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (worker != null && left > 0) {
                try {
                    worker.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!connections.isEmpty()) {
            log.warn("{} connection(s) still busy in a statement at shutdown; their sessions close when it ends",
                    connections.size());
        }
        shutdownGroups();
        log.info("PostgreSQL listener on {}:{} closed", config.host(), boundPort);
    }

    /** Open connections (registered at accept, removed once their session is closed). */
    int connectionCount() {
        return connections.size();
    }

    SessionFactory sessions() {
        return sessions;
    }

    io.shaledb.pgwire.auth.FrontDoor frontDoor() {
        return frontDoor;
    }

    /** Takes one of the max_connections slots; false when all are taken (the client gets 53300). */
    boolean admit() {
        if (admitted.incrementAndGet() > frontDoor.maxConnections()) {
            admitted.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot {@link #admit()} took. */
    void release() {
        admitted.decrementAndGet();
    }

    private PgConnection register(Channel channel) {
        int processId;
        PgConnection connection;
        do {
            processId = nextProcessId.getAndUpdate(p -> p >= Integer.MAX_VALUE - 1 ? 10_000 : p + 1);
            connection = new PgConnection(this, channel, processId, random.nextInt());
        } while (connections.putIfAbsent(processId, connection) != null);
        return connection;
    }

    /**
     * A CancelRequest: asks the query running on connection {@code processId} to stop, when
     * {@code secretKey} matches the one that connection announced (anything else is ignored
     * silently, as PostgreSQL does, so a guess reveals nothing).
     */
    void cancel(int processId, int secretKey) {
        PgConnection target = connections.get(processId);
        if (target != null && target.secretKey() == secretKey) {
            target.cancelRunningQuery();
        }
    }

    void unregister(PgConnection connection) {
        connections.remove(connection.processId(), connection);
    }

    private void shutdownGroups() {
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}

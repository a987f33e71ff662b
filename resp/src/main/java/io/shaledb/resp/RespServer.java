package io.shaledb.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.shaledb.kv.KvStore;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis protocol listener: accepts connections and serves the kv model's commands on them.
 * See the package documentation for the request flow.
 */
public final class RespServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RespServer.class);

    private final RespServerConfig config;
    private final KvStore store;
    private final CommandTable commands = CommandTable.standard();
    private final AclUsers acl;
    private final RespSettings settings;
    private final MemoryLimit memoryLimit;
    private final OutputBufferLimits outputLimits = new OutputBufferLimits();
    private final ConcurrentHashMap<Long, RespConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final java.util.concurrent.atomic.LongAdder commandsProcessed = new java.util.concurrent.atomic.LongAdder();
    private final ConcurrentHashMap<io.netty.channel.EventLoop, LoopBatch> loopBatches = new ConcurrentHashMap<>();

    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;
    private volatile int boundPort = -1;
    private boolean started;
    private boolean closed;

    public RespServer(RespServerConfig config, KvStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.acl = new AclUsers(store, commands, config.requirePassword());
        this.memoryLimit = new MemoryLimit(store);
        this.settings = new RespSettings(this);
    }

    AclUsers acl() {
        return acl;
    }

    RespSettings settings() {
        return settings;
    }

    /** client-output-buffer-limit. */
    OutputBufferLimits outputLimits() {
        return outputLimits;
    }

    /** maxmemory and its policy. */
    MemoryLimit memoryLimit() {
        return memoryLimit;
    }

    /** ACL DELUSER: closes the other connections logged in as one of {@code users}, as Redis does. */
    void disconnectUsers(java.util.Collection<String> users, long exceptClientId) {
        for (RespConnection c : connections.values()) {
            if (c.client().id() != exceptClientId && users.contains(c.client().user())) {
                c.close();
            }
        }
    }

    /** Binds the listening socket; fails naming host:port when it cannot. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        started = true;
        // Linux's native epoll transport when it loads (fewer system calls and allocations per read than the JDK's selector)
        boolean epoll = !Boolean.getBoolean("shaledb.netty.nio") && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        ioGroup = new MultiThreadIoEventLoopGroup(config.workerThreads(), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 511)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        long id = nextClientId.getAndIncrement();
                        RespConnection connection = new RespConnection(RespServer.this, ch, id);
                        connections.put(id, connection);
                        ch.pipeline().addLast("activity", IdleClients.readTracker(connection.client()));
                        ch.pipeline().addLast("decoder", new RespDecoder(settings::maxBulkLength, () -> connection.client().authenticated()));
                        ch.pipeline().addLast("connection", connection);
                    }
                });
        String where = config.host() + ":" + config.port();
        ChannelFuture bind = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdownGroups();
            Throwable cause = bind.cause();
            throw new IllegalStateException("could not listen for Redis protocol connections on " + where + ": "
                    + (cause == null ? "unknown error" : cause.getMessage()), cause);
        }
        serverChannel = bind.channel();
        IdleClients idle = new IdleClients(settings::idleTimeoutSeconds);
        bossGroup.scheduleAtFixedRate(() -> idle.closeIdle(connections.values(), System.currentTimeMillis()),
                IdleClients.PERIOD_MILLIS, IdleClients.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("listening for Redis protocol connections on {}:{} ({} transport)", config.host(), boundPort, epoll ? "epoll" : "nio");
    }

    /** The bound port (useful with port 0); -1 before {@link #start()}. */
    public int port() {
        return boundPort;
    }

    /** The group-commit batcher of event loop {@code loop}, shared by its connections. */
    LoopBatch loopBatch(io.netty.channel.EventLoop loop) {
        return loopBatches.computeIfAbsent(loop, l -> new LoopBatch(this, l));
    }

    RespServerConfig config() {
        return config;
    }

    KvStore store() {
        return store;
    }

    CommandTable commands() {
        return commands;
    }

    /** CONFIG RESETSTAT: the INFO stats counters start again from zero. */
    void resetStats() {
        commandsProcessed.reset();
        store.resetStats();
    }

    void countCommand() {
        commandsProcessed.increment();
    }

    long commandsProcessed() {
        return commandsProcessed.sum();
    }

    long connectionsReceived() {
        return nextClientId.get() - 1;
    }

    int connectedClients() {
        return connections.size();
    }

    void unregister(RespConnection connection) {
        connections.remove(connection.client().id(), connection);
    }

    /** The open connections (CLIENT LIST, KILL, UNBLOCK), in no particular order. */
    java.util.Collection<RespConnection> connections() {
        return connections.values();
    }

    /** The open connection with client id {@code id}, or null. */
    RespConnection connection(long id) {
        return connections.get(id);
    }

    /** Stops accepting, closes every connection and the event loops. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started || serverChannel == null) {
                return;
            }
        }
        serverChannel.close().awaitUninterruptibly();
        shutdownGroups();
        log.info("Redis protocol listener on {}:{} closed", config.host(), boundPort);
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

package io.shaledb.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.shaledb.pgwire.BackendWriter.ClientGoneException;
import io.shaledb.pgwire.auth.ServerTls;
import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.CopyDescription;
import io.shaledb.sql.CopyIn;
import io.shaledb.sql.CopyOut;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.TransactionStatus;
import io.shaledb.sql.types.SqlType;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the last handler of its Netty pipeline (event-loop side) and the worker
 * that plays the backend's part of the protocol (its own platform thread).
 *
 * <pre>
 *  event loop                          |  worker (platform thread "pgwire-PID")
 *  FrontendDecoder -> channelRead ---->|  inbox.take() -> handle(message)
 *                     (pause reading   |      SqlSession.execute(sql, sink)
 *                      if inbox full)  |      sink -> BackendWriter -> writeAndFlush(batch)
 *  channelWritabilityChanged --------->|      (waits while the socket is backed up)
 *  channelInactive -> ChannelClosed -->|  closes the SqlSession, unregisters
 * </pre>
 *
 * <p>The worker is the only thread that touches the {@link SqlSession} and the
 * {@link BackendWriter}, so neither needs locking. A slow statement blocks only its own
 * thread; the event loops keep serving every other socket. The worker is a platform thread, not a
 * virtual one: waking a virtual thread that waits for the next query goes through the JDK's
 * unblocker thread and the carrier pool, one or two more thread wake-ups per round trip, which
 * doubled the latency of a {@code SELECT 1} (see docs/architecture/pgwire.md).
 */
final class PgConnection extends ChannelInboundHandlerAdapter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);

    /** PostgreSQL's authentication_timeout default: a client must finish its startup within a minute. */
    static final long STARTUP_TIMEOUT_SECONDS = 60;
    /** Stop reading from the socket when this many decoded messages wait for the worker... */
    private static final int INBOX_HIGH = 64;

    private final PgServer server;
    private final Channel channel;
    private final int processId;
    private final int secretKey;
    private final BackendWriter writer;

    private final ArrayDeque<FrontendMessage> inbox = new ArrayDeque<>();
    private boolean readingPaused;                    // guarded by inbox
    private volatile boolean startupDone;
    private ScheduledFuture<?> startupTimeout;
    private volatile Thread worker;

    // Worker-thread state.
    private volatile SqlSession session;
    private String user = "";
    private final ExtendedQueryHandler extended;
    private final SessionParameters parameters = new SessionParameters();
    /** The connection switched to TLS after an SSLRequest. */
    private boolean tls;
    /** The connection holds one of the server's max_connections slots. */
    private boolean admitted;

    PgConnection(PgServer server, Channel channel, int processId, int secretKey) {
        this.server = server;
        this.channel = channel;
        this.processId = processId;
        this.secretKey = secretKey;
        this.writer = new BackendWriter(channel);
        this.extended = new ExtendedQueryHandler(writer, () -> session, processId, WireCopyIn::new);
    }

    int processId() {
        return processId;
    }

    /** Asks this connection's running query, if any, to stop (57014). Safe from any thread. */
    void cancelRunningQuery() {
        SqlSession running = session;
        if (running != null) {
            running.cancel();
        }
    }

    int secretKey() {
        return secretKey;
    }

    Thread worker() {
        return worker;
    }

    // =====================================================================================
    // Event-loop side
    // =====================================================================================

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.debug("connection {} from {} opened", processId, remote());
        startupTimeout = ctx.executor().schedule(() -> {
            if (!startupDone && channel.isActive()) {
                log.info("client {} did not complete startup within {} s; closing", remote(), STARTUP_TIMEOUT_SECONDS);
                channel.close();
            }
        }, STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        worker = Thread.ofPlatform().daemon().name("pgwire-" + processId).start(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrontendMessage message) {
            offer(message);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writer.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.debug("connection {} from {} closed", processId, remote());
        if (startupTimeout != null) {
            startupTimeout.cancel(false);
        }
        cancelRunningQuery(); // a statement waiting for a lock need not wait for a client that left
        offer(new FrontendMessage.ChannelClosed());
        writer.signal();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} from {}: {}", processId, remote(), cause.toString());
        } else if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() instanceof javax.net.ssl.SSLException tlsFailure) {
            log.info("connection {} from {}: TLS failed: {}", processId, remote(), tlsFailure.getMessage());
        } else {
            log.warn("connection {} from {} failed; closing it", processId, remote(), cause);
        }
        ctx.close();
    }

    /** Server shutdown: tell the client why (between two whole messages) and close. Any thread. */
    void terminate() {
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            ByteBuf buf = channel.alloc().buffer(128);
            buf.writeByte('E');
            int lengthAt = buf.writerIndex();
            buf.writeInt(0);
            for (String[] f : new String[][] {{"S", "FATAL"}, {"V", "FATAL"}, {"C", PgError.ADMIN_SHUTDOWN},
                    {"M", "terminating connection due to administrator command"}}) {
                buf.writeByte(f[0].charAt(0));
                ByteBufUtil.writeUtf8(buf, f[1]);
                buf.writeByte(0);
            }
            buf.writeByte(0);
            buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
            channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        });
    }

    private void offer(FrontendMessage message) {
        synchronized (inbox) {
            inbox.addLast(message);
            if (inbox.size() >= INBOX_HIGH && !readingPaused) {
                readingPaused = true;
                channel.config().setAutoRead(false);
            }
            inbox.notifyAll();
        }
    }

    /** Takes the next message; resumes socket reads once the worker has caught up. */
    private FrontendMessage take() throws InterruptedException {
        synchronized (inbox) {
            while (inbox.isEmpty()) {
                if (readingPaused) {
                    readingPaused = false;
                    channel.config().setAutoRead(true);
                }
                inbox.wait();
            }
            return inbox.pollFirst();
        }
    }

    private boolean inboxIsEmpty() {
        synchronized (inbox) {
            return inbox.isEmpty();
        }
    }

    private SocketAddress remote() {
        return channel.remoteAddress();
    }

    // =====================================================================================
    // Worker side
    // =====================================================================================

    @Override
    public void run() {
        try {
            while (handle(nextMessage())) {
                if (inboxIsEmpty()) {
                    writer.flush();
                }
            }
        } catch (ClientGoneException e) {
            log.debug("connection {}: client went away while we were answering", processId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.warn("connection {} from {}: worker failed; closing the connection", processId, remote(), t);
        } finally {
            writer.flushWithoutWaiting();
            writer.discard();
            try {
                extended.closeAll();
            } catch (RuntimeException | Error e) {
                log.warn("connection {}: ending a paused portal failed", processId, e);
            }
            closeSession();
            channel.close();
            if (admitted) {
                server.release();
            }
            server.unregister(this);
        }
    }

    /** Plays one message; false ends the connection. */
    private boolean handle(FrontendMessage message) {
        return switch (message) {
            case FrontendMessage.SslRequest ignored -> {
                ServerTls serverTls = server.frontDoor().tls();
                if (serverTls != null && !tls) {
                    SslContext context;
                    try {
                        context = serverTls.await(); // made in the background since the server started
                    } catch (ServerTls.UnavailableException e) {
                        // the client, not authenticated yet, learns what failed; the log has where and why
                        log.info("connection {} from {}: refusing its SSLRequest, TLS is unavailable: {}", processId, remote(),
                                e.getMessage());
                        yield fatal(PgError.fatal(PgError.CONFIG_FILE_ERROR,
                                "TLS is unavailable: the server could not set up its certificate and key")
                                .withHint("The server log has the details."));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        yield false;
                    }
                    if (!startTls(context)) {
                        yield fatal(PgError.fatal(PgError.PROTOCOL_VIOLATION, "received unencrypted data after SSL request")
                                .withDetail("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack."));
                    }
                } else {
                    writer.refuseEncryption();
                    writer.flush();
                    resumeDecoding(FrontendDecoder::sslAnswered);
                }
                yield true;
            }
            case FrontendMessage.GssEncRequest ignored -> {
                writer.refuseEncryption();
                writer.flush();
                yield true;
            }
            case FrontendMessage.CancelRequest cancel -> {
                // PostgreSQL never answers a CancelRequest: act on it and close.
                log.debug("cancel request for backend {} from {}", cancel.processId(), remote());
                server.cancel(cancel.processId(), cancel.secretKey());
                yield false;
            }
            case FrontendMessage.Startup startup -> startup(startup);
            case FrontendMessage.Query query -> {
                if (extended.skipping()) {
                    yield true; // PostgreSQL discards everything but Sync after an extended-protocol error
                }
                extended.settleFor(query.sql());
                simpleQuery(query.sql());
                extended.simpleQueryRan();
                readyForQuery();
                yield true;
            }
            case FrontendMessage.Invalid invalid -> {
                if (extended.skipping()) {
                    yield true;
                }
                writer.errorResponse(invalid.error());
                readyForQuery();
                yield true;
            }
            case FrontendMessage.Sync ignored -> {
                extended.sync();
                readyForQuery();
                yield true;
            }
            case FrontendMessage.Flush ignored -> {
                writer.flush();
                yield true;
            }
            case FrontendMessage.Unsupported unsupported -> {
                unsupported(unsupported.type());
                yield true;
            }
            case FrontendMessage.Parse m -> extendedMessage(m);
            case FrontendMessage.Bind m -> extendedMessage(m);
            case FrontendMessage.Describe m -> extendedMessage(m);
            case FrontendMessage.Execute m -> extendedMessage(m);
            case FrontendMessage.Close m -> extendedMessage(m);
            case FrontendMessage.Malformed m -> extendedMessage(m);
            case FrontendMessage.CopyData ignored -> true;   // the rest of a COPY that failed: PostgreSQL ignores it
            case FrontendMessage.CopyDone ignored -> true;
            case FrontendMessage.CopyFail ignored -> true;
            case FrontendMessage.Terminate ignored -> {
                log.debug("connection {}: client sent Terminate", processId);
                yield false;
            }
            case FrontendMessage.Fatal fatal -> {
                if (fatal.legacyV2()) {
                    writer.legacyErrorResponse(fatal.error());
                } else {
                    writer.errorResponse(fatal.error());
                }
                writer.flush();
                yield false;
            }
            case FrontendMessage.PasswordMessage ignored -> fatal(PgError.fatal(PgError.PROTOCOL_VIOLATION,
                    "unexpected password message: no authentication is in progress"));
            case FrontendMessage.ChannelClosed ignored -> false;
        };
    }

    // ---- startup ----

    private boolean startup(FrontendMessage.Startup startup) {
        Map<String, String> parameters = startup.parameters();
        String requestedUser = parameters.get("user");
        if (requestedUser == null || requestedUser.isEmpty()) {
            return fatal(PgError.fatal(PgError.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet"));
        }
        user = requestedUser;
        String database = parameters.getOrDefault("database", "");
        if (database.isEmpty()) {
            database = user;
        }
        String clientEncoding = clientEncoding(parameters.get("client_encoding"));
        if (clientEncoding == null) {
            PgError error = PgError.fatal(PgError.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"client_encoding\": \"" + parameters.get("client_encoding") + "\"")
                    .withDetail("ShaleDB speaks UTF8 only.");
            return fatal(error);
        }
        if (!server.admit()) {
            log.info("connection {} from {}: max_connections ({}) reached", processId, remote(), server.frontDoor().maxConnections());
            return fatal(PgError.fatal(PgError.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
        }
        admitted = true;
        try {
            new ClientAuthentication(server.frontDoor(), channel.remoteAddress(), tls).authenticate(user, database,
                    new WireConversation());
        } catch (io.shaledb.pgwire.auth.AuthFailure f) {
            if (f.clientLeft()) {
                log.debug("connection {} from {}: client left during authentication", processId, remote());
                return false;
            }
            log.info("connection {} from {}: authentication of user {} failed: {}", processId, remote(), user, f.getMessage());
            return fatal(PgError.fatal(f.sqlState(), f.getMessage()));
        }
        resumeDecoding(FrontendDecoder::authenticated);
        try {
            session = server.sessions().open(user, database, processId);
            if (session == null) {
                throw new IllegalStateException("session factory returned null");
            }
        } catch (SqlException e) {
            log.info("connection {} from {}: could not open session for user {} database {}: {}",
                    processId, remote(), user, database, e.getMessage());
            return fatal(PgError.from(e, PgError.FATAL));
        } catch (RuntimeException e) {
            log.warn("connection {} from {}: session factory failed", processId, remote(), e);
            return fatal(PgError.internal(PgError.FATAL));
        }
        try {
            SessionParameters.applyStartup(session, parameters);
        } catch (SqlException e) {
            log.info("connection {} from {}: bad startup parameter: {}", processId, remote(), e.getMessage());
            return fatal(PgError.from(e, PgError.FATAL));
        }
        startupDone = true;
        if (startup.minorVersion() > 0 || !startup.protocolOptions().isEmpty()) {
            // PostgreSQL puts the whole version word here (3.0 = 196608), and libpq expects that.
            writer.negotiateProtocolVersion(3 << 16, startup.protocolOptions());
        }
        writer.authenticationOk();
        writer.parameterStatus("application_name", this.parameters.startupValue(session, "application_name",
                parameters.getOrDefault("application_name", "")));
        writer.parameterStatus("client_encoding", clientEncoding);
        writer.parameterStatus("DateStyle", this.parameters.startupValue(session, "DateStyle", "ISO, MDY"));
        writer.parameterStatus("default_transaction_read_only",
                this.parameters.startupValue(session, "default_transaction_read_only", "off"));
        writer.parameterStatus("in_hot_standby", "off");
        writer.parameterStatus("integer_datetimes", "on");
        writer.parameterStatus("IntervalStyle", this.parameters.startupValue(session, "IntervalStyle", "postgres"));
        io.shaledb.pgwire.auth.RoleDirectory.Credentials role = server.frontDoor().roles().lookup(user);
        // no privilege checks yet: a trusted name without a role may do everything a superuser may
        writer.parameterStatus("is_superuser", role == null || role.superuser() ? "on" : "off");
        writer.parameterStatus("server_encoding", "UTF8");
        writer.parameterStatus("server_version", PgServer.SERVER_VERSION);
        writer.parameterStatus("session_authorization", user);
        writer.parameterStatus("standard_conforming_strings", "on");
        writer.parameterStatus("TimeZone", this.parameters.startupValue(session, "TimeZone",
                parameters.getOrDefault("TimeZone", "Etc/UTC")));
        writer.backendKeyData(processId, secretKey);
        readyForQuery();
        writer.flush();
        log.debug("connection {} from {}: user {} database {} ready", processId, remote(), user, database);
        return true;
    }

    /**
     * Answers an SSLRequest with 'S' and puts TLS in front of the decoder. Both happen on the event
     * loop, the handler first with {@code startTls} so that the 'S' itself still goes out in clear:
     * the client sends its ClientHello only after reading it, so no byte can slip past unencrypted.
     */
    private boolean startTls(SslContext context) {
        writer.flush();
        boolean started = channel.eventLoop().submit(() -> {
            FrontendDecoder decoder = channel.pipeline().get(FrontendDecoder.class);
            if (decoder == null || decoder.bytesAfterSslRequest() > 0) {
                return false;
            }
            channel.pipeline().addFirst("tls", new io.netty.handler.ssl.SslHandler(context.newEngine(channel.alloc()), true));
            channel.writeAndFlush(channel.alloc().buffer(1).writeByte('S'));
            decoder.sslAnswered();
            return true;
        }).syncUninterruptibly().getNow();
        tls = started;
        return started;
    }

    /**
     * Moves the decoder on ({@code step}: after an 'N', or once authenticated) and lets it decode
     * what it has been holding: it is handed an empty read directly, since in front of it a TLS
     * handler would swallow one.
     */
    private void resumeDecoding(java.util.function.Consumer<FrontendDecoder> step) {
        channel.eventLoop().execute(() -> {
            FrontendDecoder decoder = channel.pipeline().get(FrontendDecoder.class);
            if (decoder != null && channel.isActive()) {
                step.accept(decoder);
                channel.config().setAutoRead(true);
                try {
                    decoder.channelRead(channel.pipeline().context(decoder), io.netty.buffer.Unpooled.EMPTY_BUFFER);
                } catch (Exception e) {
                    channel.pipeline().fireExceptionCaught(e);
                }
            }
        });
    }

    /** The authentication exchange's messages, on this connection's inbox and writer. */
    private final class WireConversation implements io.shaledb.pgwire.auth.Authenticator.Conversation {
        @Override
        public void request(int code, byte[] data) {
            writer.authenticationRequest(code, data);
            writer.flush();
        }

        @Override
        public byte[] response() throws io.shaledb.pgwire.auth.AuthFailure {
            FrontendMessage m;
            try {
                m = take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            return switch (m) {
                case FrontendMessage.PasswordMessage p -> p.body();
                case FrontendMessage.ChannelClosed ignored -> null;
                case FrontendMessage.Terminate ignored -> null;
                case FrontendMessage.Fatal f -> throw new io.shaledb.pgwire.auth.AuthFailure(f.error().code(), f.error().message());
                default -> throw new io.shaledb.pgwire.auth.AuthFailure(PgError.PROTOCOL_VIOLATION,
                        "expected password response, got message type " + typeOf(m));
            };
        }
    }

    /**
     * The next message; while a transaction is open and idle_in_transaction_session_timeout is set,
     * a client silent for longer gets FATAL 25P03 instead, as in PostgreSQL.
     */
    private FrontendMessage nextMessage() throws InterruptedException {
        SqlSession s = session;
        long timeout = s == null || s.transactionStatus() == TransactionStatus.IDLE ? 0 : s.idleInTransactionSessionTimeoutMillis();
        if (timeout <= 0) {
            return take();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        synchronized (inbox) {
            while (inbox.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.info("connection {} from {}: idle in transaction for {} ms; closing", processId, remote(), timeout);
                    return new FrontendMessage.Fatal(PgError.fatal(PgError.IDLE_IN_TRANSACTION_TIMEOUT,
                            "terminating connection due to idle-in-transaction timeout"), false);
                }
                if (readingPaused) {
                    readingPaused = false;
                    channel.config().setAutoRead(true);
                }
                inbox.wait(left);
            }
            return inbox.pollFirst();
        }
    }

    /** The client_encoding to report, or null if we cannot serve the requested one. */
    static String clientEncoding(String requested) {
        if (requested == null) {
            return "UTF8";
        }
        String normalized = requested.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (normalized) {
            case "UTF8", "UNICODE" -> "UTF8";
            // SQL_ASCII means "no conversion": the client takes our UTF-8 bytes as they are.
            case "SQLASCII" -> "SQL_ASCII";
            default -> null;
        };
    }

    private boolean fatal(PgError error) {
        writer.errorResponse(error);
        writer.flush();
        return false;
    }

    /** ReadyForQuery with the session's transaction status: 'I' idle, 'T' in a block, 'E' in a failed block. */
    private void readyForQuery() {
        SqlSession s = session;
        parameters.reportChanges(s, writer); // PostgreSQL 14+: changed reported settings go out right before ReadyForQuery
        writer.readyForQuery(s == null ? TransactionStatus.IDLE
                : Objects.requireNonNull(s.transactionStatus(), "SqlSession.transactionStatus() returned null"));
    }

    // ---- simple query ----

    private void simpleQuery(String sql) {
        WireSink sink = new WireSink();
        try {
            session.execute(sql, sink);
            if (!sink.answered) {
                // A string of nothing but blanks, semicolons or comments: PostgreSQL answers
                // EmptyQueryResponse, and clients wait for some answer before ReadyForQuery.
                writer.emptyQueryResponse();
            }
        } catch (ClientGoneException e) {
            throw e;
        } catch (SqlException e) {
            if (!channel.isActive()) {
                throw new ClientGoneException();
            }
            writer.abandonPartialMessage();
            writer.errorResponse(PgError.from(e, PgError.ERROR));
        } catch (RuntimeException | StackOverflowError e) {
            if (!channel.isActive()) {
                throw new ClientGoneException();
            }
            log.warn("connection {}: unexpected failure running a query", processId, e);
            writer.abandonPartialMessage();
            writer.errorResponse(PgError.internal(PgError.ERROR));
        }
    }

    /** A FunctionCall ('F') is a simple-protocol cycle of its own, refused. */
    private void unsupported(char type) {
        writer.errorResponse(PgError.error(PgError.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported"));
        readyForQuery();
    }

    /** Parse/Bind/Describe/Execute/Close: {@link ExtendedQueryHandler}; a channel gone mid-statement ends the worker. */
    private boolean extendedMessage(FrontendMessage m) {
        extended.handle(m);
        if (!channel.isActive()) {
            throw new ClientGoneException();
        }
        return true;
    }

    /**
     * The client's half of COPY FROM STDIN: CopyData chunks until CopyDone, taken from the inbox,
     * so the event loop's backpressure (reads pause while the inbox is full) bounds what is
     * buffered. Flush and Sync are ignored during a copy, as in PostgreSQL.
     */
    private final class WireCopyIn implements CopyIn {
        private boolean done;

        @Override
        public byte[] read() {
            while (!done) {
                FrontendMessage m;
                try {
                    m = take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw clientGone();
                }
                switch (m) {
                    case FrontendMessage.CopyData d -> {
                        if (d.data().length > 0) {
                            return d.data();
                        }
                    }
                    case FrontendMessage.CopyDone ignored -> done = true;
                    case FrontendMessage.CopyFail f -> {
                        done = true;
                        throw new SqlException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
                    }
                    case FrontendMessage.Flush ignored -> { }
                    case FrontendMessage.Sync ignored -> { }
                    case FrontendMessage.ChannelClosed ignored -> throw clientGone();
                    case FrontendMessage.Terminate ignored -> throw clientGone();
                    default -> {
                        done = true;
                        throw new SqlException(SqlState.PROTOCOL_VIOLATION,
                                String.format("unexpected message type 0x%02X during COPY from stdin", typeOf(m)));
                    }
                }
            }
            return null;
        }

        private SqlException clientGone() {
            done = true;
            // Leaves the inbox's ChannelClosed to end the connection once the statement has failed.
            offer(new FrontendMessage.ChannelClosed());
            return new SqlException(SqlState.CONNECTION_FAILURE, "unexpected EOF on client connection with an open transaction");
        }
    }

    private static int typeOf(FrontendMessage m) {
        return switch (m) {
            case FrontendMessage.Query ignored -> 'Q';
            case FrontendMessage.Invalid ignored -> 'Q';
            case FrontendMessage.Unsupported u -> u.type();
            case FrontendMessage.Parse ignored -> 'P';
            case FrontendMessage.Bind ignored -> 'B';
            case FrontendMessage.Describe ignored -> 'D';
            case FrontendMessage.Execute ignored -> 'E';
            case FrontendMessage.Close ignored -> 'C';
            case FrontendMessage.Malformed malformed -> malformed.type();
            default -> 0;
        };
    }

    private void closeSession() {
        SqlSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("connection {}: closing the SQL session failed", processId, e);
            }
        }
    }

    /** Streams one query's results onto the wire as the session produces them. */
    private final class WireSink implements ResultSink {
        private List<ColumnInfo> columns = List.of();
        /** Whether the statement produced any completion at all. */
        boolean answered;
        /** A COPY TO STDOUT is sending data: its CopyDone precedes the CommandComplete. */
        private boolean copyingOut;

        @Override
        public CopyIn copyIn(CopyDescription description) {
            writer.copyResponse(true, description.binary(), description.columns());
            writer.flush();
            return new WireCopyIn();
        }

        @Override
        public CopyOut copyOut(CopyDescription description) {
            writer.copyResponse(false, description.binary(), description.columns());
            copyingOut = true;
            return writer::copyData;
        }

        @Override
        public void columns(List<ColumnInfo> newColumns) {
            columns = List.copyOf(newColumns);
            writer.rowDescription(columns);
        }

        @Override
        public void notice(String severity, String sqlState, String message, String detail, String hint) {
            writer.noticeResponse(new PgError(severity, sqlState, message, detail, hint, 0, null));
        }

        @Override
        public void row(Object[] values) {
            String[] texts = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value != null) {
                    SqlType type = i < columns.size() ? columns.get(i).type() : null;
                    texts[i] = type == null ? String.valueOf(value) : type.toText(value);
                }
            }
            writer.dataRow(texts);
        }

        @Override
        public void complete(String commandTag) {
            if (copyingOut) {
                copyingOut = false;
                writer.copyDone();
            }
            columns = List.of();
            answered = true;
            writer.commandComplete(commandTag);
        }

        @Override
        public void emptyQuery() {
            answered = true;
            writer.emptyQueryResponse();
        }
    }
}

package io.shaledb.resp;

import io.shaledb.kv.KvBlocking;
import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvStore;

/** One connection's state: its id and name, selected database, protocol version and whether it has authenticated. */
final class Client {
    private final RespServer server;
    private final long id;
    private final String address;
    private volatile String name;
    /** The ACL user this connection is logged in as; null until AUTH when the default user needs a password. */
    private volatile String user;
    private volatile int db;
    private boolean closeAfterReply;
    private volatile KvBlocking.Waiter blockedOn;
    private volatile boolean disconnected;
    private Runnable flusher = () -> { };
    private Runnable onQueued = () -> { };
    /** When this client last sent a request or got a reply (ms since the epoch), for CONFIG timeout. */
    private volatile long lastInteraction = System.currentTimeMillis();
    /** Since when this client's unsent replies are at or above the soft output-buffer limit (0: they are not). */
    private long softLimitSince;
    private final TransactionCommands.State multi = new TransactionCommands.State();
    private final long createdMillis = System.currentTimeMillis();
    /**
     * What CLIENT LIST shows: the last command. Plain fields: written by the thread running this
     * client's commands (one at a time), read racily by CLIENT LIST.
     */
    private String lastCommand = "NULL";
    private long lastCommandMillis = createdMillis;
    private volatile int protocol = 2;
    private volatile boolean noEvict;

    Client(RespServer server, long id, String address) {
        this.server = server;
        this.id = id;
        this.address = address;
        this.user = server.acl().autoLoginUser();
    }

    RespServer server() {
        return server;
    }

    KvStore store() {
        return server.store();
    }

    KvDatabase db() {
        return server.store().database(db);
    }

    int dbIndex() {
        return db;
    }

    void select(int index) {
        db = index;
    }

    long id() {
        return id;
    }

    String address() {
        return address;
    }

    String name() {
        return name;
    }

    void name(String n) {
        name = n;
    }

    boolean authenticated() {
        return user != null;
    }

    String user() {
        return user;
    }

    /** AUTH succeeded as {@code name}. */
    void login(String name) {
        user = name;
    }

    /** MULTI/EXEC/WATCH state. */
    TransactionCommands.State multi() {
        return multi;
    }

    /** QUIT, or a protocol error: the connection closes once the reply is sent. */
    void closeAfterReply() {
        closeAfterReply = true;
    }

    boolean closing() {
        return closeAfterReply;
    }

    /** How the connection sends the replies written so far (a command about to block calls it). */
    void flusher(Runnable r) {
        flusher = r;
    }

    void flushReplies() {
        flusher.run();
    }

    /** What runs when this connection's blocking command has queued on its keys (the connection waits for it). */
    void onQueued(Runnable r) {
        onQueued = r;
    }

    /** The blocking command has taken its place in line on its keys. */
    void queuedAsBlocked() {
        onQueued.run();
    }

    /** The waiter of the blocking command this connection runs (null: none); cancelled at once if the client is gone. */
    void blockedOn(KvBlocking.Waiter w) {
        blockedOn = w;
        if (w != null && disconnected) {
            w.cancel();
        }
    }

    /** The client sent a request or was sent replies: it is not idle. */
    void touch() {
        lastInteraction = System.currentTimeMillis();
    }

    long lastInteractionMillis() {
        return lastInteraction;
    }

    long softLimitSince() {
        return softLimitSince;
    }

    void softLimitSince(long millis) {
        softLimitSince = millis;
    }

    /** Notes the command about to run, for CLIENT LIST's {@code cmd=} and {@code idle=}. */
    void noteCommand(Command cmd, Args args) {
        lastCommand = ClientCommands.fullName(cmd, args);
        lastCommandMillis = System.currentTimeMillis();
    }

    String lastCommand() {
        return lastCommand;
    }

    long lastCommandMillis() {
        return lastCommandMillis;
    }

    long createdMillis() {
        return createdMillis;
    }

    /** HELLO switched the protocol (CLIENT LIST's {@code resp=}). */
    void protocol(int version) {
        protocol = version;
    }

    int protocol() {
        return protocol;
    }

    /** CLIENT NO-EVICT (kept and reported: nothing evicts clients here). */
    void noEvict(boolean on) {
        noEvict = on;
    }

    boolean noEvict() {
        return noEvict;
    }

    /** Whether a blocking command of this connection is waiting (CLIENT LIST's flag {@code b}). */
    boolean blocked() {
        return blockedOn != null;
    }

    /**
     * CLIENT UNBLOCK: ends the wait of this connection's blocking command as if it timed out, or
     * with an UNBLOCKED error; false when it is not blocked.
     */
    boolean unblock(boolean withError) {
        KvBlocking.Waiter w = blockedOn;
        return w != null && w.unblock(withError);
    }

    /** The connection closed: a blocked command gives up. */
    void disconnected() {
        disconnected = true;
        KvBlocking.Waiter w = blockedOn;
        if (w != null) {
            w.cancel();
        }
    }
}

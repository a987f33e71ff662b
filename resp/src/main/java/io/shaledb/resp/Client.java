package io.shaledb.resp;

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
    private final TransactionCommands.State multi = new TransactionCommands.State();

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
}

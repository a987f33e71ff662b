package io.shaledb.resp;

import io.shaledb.kv.Durability;
import io.shaledb.kv.KvStore;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.time.Duration;

/** A RESP server on a fresh in-memory kv store, on a free port. */
final class TestServer implements AutoCloseable {
    final MemoryEngine engine = new MemoryEngine();
    final TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
    final KvStore store;
    final RespServer server;

    TestServer() {
        this(null);
    }

    TestServer(String password) {
        this(password, Durability.EVERYSEC); // the server's default: commands run on the event loops
    }

    /** Under {@code always} writes run on connections' worker threads, else on the event loops. */
    TestServer(String password, Durability durability) {
        store = new KvStore(txns, engine, durability);
        RespServerConfig config = RespServerConfig.defaults().withPort(0).withRequirePassword(password);
        server = new RespServer(new RespServerConfig(config.host(), 0, password, config.maxBulkLength(), 2), store);
        server.start();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        store.close();
        txns.close();
        engine.close();
    }
}

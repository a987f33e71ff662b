package io.shaledb.resp;

import io.shaledb.kv.Durability;
import io.shaledb.kv.KvStore;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A RESP server on a fresh kv store, on a free port. The engines underneath follow
 * {@code -Dshaledb.resp.test.engine}: {@code memory} (the default: one in-memory engine), or
 * {@code btree} / {@code lsm} as in a durable server — a B+Tree holding the commit log and the
 * keys in the named engine, in a temporary directory. The build runs the suite once more with
 * {@code lsm} (resp's pom, execution {@code kv-on-lsm}), so every command family is also checked
 * with its rows and its commit records in two logs.
 */
final class TestServer implements AutoCloseable {
    private final Path dir;
    private final StorageEngine catalog;
    /** The engine holding the keys. */
    final StorageEngine engine;
    final TransactionManager txns;
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
        String kind = System.getProperty("shaledb.resp.test.engine", "memory");
        if (kind.equals("memory")) {
            dir = null;
            catalog = new MemoryEngine();
            engine = catalog;
        } else {
            try {
                dir = Files.createTempDirectory("shaledb-resp-" + kind);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            catalog = BTreeEngine.open(dir.resolve("btree"));
            engine = switch (kind) {
                case "btree" -> catalog;
                case "lsm" -> LsmEngine.open(dir.resolve("lsm"));
                default -> throw new IllegalArgumentException("shaledb.resp.test.engine: memory, btree or lsm, not " + kind);
            };
        }
        txns = TransactionManager.open(catalog, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
        store = new KvStore(txns, engine, durability);
        RespServerConfig config = RespServerConfig.defaults().withPort(0).withRequirePassword(password);
        server = new RespServer(new RespServerConfig(config.host(), 0, password, config.maxBulkLength(), 2), store);
        server.start();
    }

    int port() {
        return server.port();
    }

    /** Waits (at most 10 s, then fails) until exactly {@code n} commands are blocked. */
    void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (store.blocking().blockedCommands() != n) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("waiting for " + n + " blocked commands, " + store.blocking().blockedCommands() + " are");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
        txns.close();
        if (engine != catalog) {
            engine.close();
        }
        catalog.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}

package io.shaledb.server;

import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.kv.KvStore;
import io.shaledb.pgwire.PgServer;
import io.shaledb.pgwire.PgServerConfig;
import io.shaledb.pgwire.auth.ServerTls;
import io.shaledb.resp.RespServer;
import io.shaledb.resp.RespServerConfig;
import io.shaledb.sql.Engines;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.storage.StorageEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ShaleDB: a locked data directory, a storage engine, the SQL database on it and the
 * PostgreSQL protocol listener in front. {@link #start} brings them up bottom to top and
 * {@link #close} takes them down top to bottom, so no client is served by a closed engine.
 */
public final class ShaleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShaleServer.class);

    private final ServerConfig config;
    private final DataDirectory dataDirectory;
    private final List<StorageEngine> engines;
    private final SqlDatabase database;
    private final PgServer pgServer;
    /** The PostgreSQL listener's TLS context, made in the background; null when TLS is off. */
    private final ServerTls tls;
    /** The key-value model and its Redis protocol listener; null when {@code respPort} is -1. */
    private final KvStore kvStore;
    private final RespServer respServer;

    private ShaleServer(ServerConfig config, DataDirectory dataDirectory, List<StorageEngine> engines, SqlDatabase database,
                        PgServer pgServer, ServerTls tls, KvStore kvStore, RespServer respServer) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.engines = engines;
        this.database = database;
        this.pgServer = pgServer;
        this.tls = tls;
        this.kvStore = kvStore;
        this.respServer = respServer;
    }

    /** Starts a server; on failure everything already started is closed again. */
    public static ShaleServer start(ServerConfig config) {
        return start(config, RealFileSystem.INSTANCE);
    }

    /**
     * Starts a server whose engine does all its file I/O through {@code fs} (tests pass a
     * crash-simulating file system). The data directory lock is always a real file.
     */
    static ShaleServer start(ServerConfig config, FileSystem fs) {
        DataDirectory dir = DataDirectory.open(config.dataDir());
        List<StorageEngine> opened = new ArrayList<>();
        ServerTls tls = null;
        SqlDatabase database = null;
        PgServer pgStarted = null;
        KvStore kv = null;
        RespServer resp = null;
        try {
            // first, so that key generation and the JDK's TLS start-up overlap with opening the engines
            tls = FrontDoorSetup.startTls(config, dir.root());
            Engines engines = openEngines(config, fs, dir.root(), opened);
            database = new SqlDatabase(engines, io.shaledb.txn.TxnOptions.defaults(), dir.root());
            SqlDatabase db = database;
            PgServerConfig pgConfig = new PgServerConfig(config.host(), config.pgPort(), config.maxMessageBytes(),
                    PgServerConfig.defaults().workerThreads());
            PgServer pg = new PgServer(pgConfig, (user, databaseName, pid) -> db.openSession(pid, user),
                    FrontDoorSetup.build(config, dir.root(), db, tls));
            pg.start();
            pgStarted = pg;
            if (config.respPort() >= 0) {
                StorageEngine kvEngine = KvPlacement.choose(engines, config.resp().kvEngine(), dir.root());
                kv = new KvStore(database.transactions(), kvEngine, config.appendfsync());
                resp = new RespServer(new RespServerConfig(config.host(), config.respPort(), config.requirePass(),
                        RespServerConfig.DEFAULT_MAX_BULK_LENGTH, RespServerConfig.defaults().workerThreads()), kv);
                resp.start();
            }
            if (tls != null) {
                tls.awaitFiles(); // a first start's server.crt is there when it says ready (usually made long before)
            }
            ShaleServer server = new ShaleServer(config, dir, List.copyOf(opened), database, pg, tls, kv, resp);
            log.info("ShaleDB ready: data directory {}, engines {} (default {}), PostgreSQL protocol on {}:{}{}", dir.root(),
                    engines.all().keySet(), engines.defaultName(), config.host(), pg.port(),
                    resp == null ? "" : ", Redis protocol on " + config.host() + ":" + resp.port() + " (appendfsync "
                            + config.appendfsync().configName() + ", keys in the " + kv.engineName() + " engine)");
            return server;
        } catch (RuntimeException e) {
            List<AutoCloseable> toClose = new ArrayList<>();
            toClose.add(resp);
            toClose.add(kv);
            toClose.add(pgStarted);
            toClose.add(database);
            toClose.addAll(opened.reversed());
            toClose.add(tls);
            toClose.add(dir);
            closeAll(e, toClose.toArray(AutoCloseable[]::new));
            throw e;
        }
    }

    /**
     * A durable server opens both durable engines: the catalog always lives in the B+Tree (so it
     * stays put whatever {@code --engine} says on a later start), and {@code --engine} only picks
     * where tables without {@code USING} go. A memory server has only the memory engine.
     */
    private static Engines openEngines(ServerConfig config, FileSystem fs, Path root, List<StorageEngine> opened) {
        if (!config.engine().durable()) {
            StorageEngine memory = config.engine().open(fs, root, config);
            opened.add(memory);
            log.warn("storage engine '{}' keeps data in memory only: it is lost when the server stops", memory.name());
            return new Engines(memory.name(), Map.of(memory.name(), memory));
        }
        Map<String, StorageEngine> byName = new LinkedHashMap<>();
        for (EngineKind kind : List.of(EngineKind.BTREE, EngineKind.LSM)) {
            StorageEngine engine = kind.open(fs, root, config);
            opened.add(engine);
            byName.put(kind.sqlName(), engine);
        }
        return new Engines(EngineKind.BTREE.sqlName(), config.engine().sqlName(), byName);
    }

    public int pgPort() {
        return pgServer.port();
    }

    /** The Redis protocol port, or -1 when that listener is off. */
    public int respPort() {
        return respServer == null ? -1 : respServer.port();
    }

    public ServerConfig config() {
        return config;
    }

    public SqlDatabase database() {
        return database;
    }

    /**
     * Stops the listener, then the database, the engine and the directory lock, in that order. A
     * layer that fails to close is logged and the rest are still closed: shutdown never stops half way.
     */
    @Override
    public void close() {
        log.info("ShaleDB shutting down");
        boolean clean = true;
        List<AutoCloseable> layers = new ArrayList<>();
        if (respServer != null) {
            layers.add(respServer);
            layers.add(kvStore);
        }
        layers.add(pgServer);
        layers.add(database);
        layers.addAll(engines.reversed());
        if (tls != null) {
            layers.add(tls); // waits for a certificate still being written into the data directory
        }
        layers.add(dataDirectory);
        for (AutoCloseable c : layers) {
            try {
                c.close();
            } catch (Exception e) {
                clean = false;
                log.error("error while closing {} during shutdown", c.getClass().getSimpleName(), e);
            }
        }
        log.info(clean ? "ShaleDB stopped" : "ShaleDB stopped with errors (see above)");
    }

    private static void closeAll(RuntimeException primary, AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }
}

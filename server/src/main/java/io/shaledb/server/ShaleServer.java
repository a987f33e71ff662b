package io.shaledb.server;

import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.pgwire.PgServer;
import io.shaledb.pgwire.PgServerConfig;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.storage.StorageEngine;
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
    private final StorageEngine engine;
    private final SqlDatabase database;
    private final PgServer pgServer;

    private ShaleServer(ServerConfig config, DataDirectory dataDirectory, StorageEngine engine, SqlDatabase database, PgServer pgServer) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.engine = engine;
        this.database = database;
        this.pgServer = pgServer;
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
        StorageEngine engine = null;
        SqlDatabase database = null;
        try {
            engine = config.engine().open(fs, dir.root());
            if (!config.engine().durable()) {
                log.warn("storage engine '{}' keeps data in memory only: it is lost when the server stops", engine.name());
            }
            database = new SqlDatabase(engine);
            SqlDatabase db = database;
            PgServerConfig pgConfig = new PgServerConfig(config.host(), config.pgPort(), config.maxMessageBytes(),
                    PgServerConfig.defaults().workerThreads());
            PgServer pg = new PgServer(pgConfig, (user, databaseName) -> db.openSession());
            pg.start();
            ShaleServer server = new ShaleServer(config, dir, engine, database, pg);
            log.info("ShaleDB ready: data directory {}, engine {}, PostgreSQL protocol on {}:{}", dir.root(), engine.name(),
                    config.host(), pg.port());
            return server;
        } catch (RuntimeException e) {
            closeAll(e, database, engine, dir);
            throw e;
        }
    }

    public int pgPort() {
        return pgServer.port();
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
        for (AutoCloseable c : new AutoCloseable[] {pgServer, database, engine, dataDirectory}) {
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

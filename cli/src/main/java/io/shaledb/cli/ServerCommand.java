package io.shaledb.cli;

import io.shaledb.server.EngineKind;
import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shale server}: runs a server in the foreground until interrupted (Ctrl-C or SIGTERM). */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {"Start a ShaleDB server in the foreground.", "Stop it with Ctrl-C (SIGTERM); it shuts down cleanly."})
final class ServerCommand implements Callable<Integer> {

    private static volatile boolean runningServer;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory, created if missing (default: ${DEFAULT-VALUE}).")
    Path dataDir = ServerConfig.DEFAULT_DATA_DIR;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--pg-port", paramLabel = "PORT", description = "PostgreSQL protocol port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int pgPort = ServerConfig.DEFAULT_PG_PORT;

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "Largest protocol message a client may send (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes = ServerConfig.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = {"Storage engine of tables created without USING: btree, lsm or memory (default: btree).",
                "btree and lsm are both always available to CREATE TABLE ... USING; memory runs the whole server in memory."})
    EngineKind engine = ServerConfig.DEFAULT_ENGINE;

    @Option(names = "--lsm-memtable-size", paramLabel = "BYTES",
            description = "Size at which the LSM engine flushes its memtable to an SSTable (default: ${DEFAULT-VALUE}).")
    long lsmMemtableBytes = ServerConfig.DEFAULT_LSM_MEMTABLE_BYTES;

    @Option(names = "--ssl", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Offer TLS to clients that send SSLRequest (default: on; --no-ssl turns it off).",
                "Without --ssl-cert/--ssl-key a self-signed pair is generated into the data directory on first start."})
    boolean ssl = true;

    @Option(names = "--ssl-cert", paramLabel = "FILE", description = "PEM certificate (chain) for TLS; needs --ssl-key.")
    Path sslCert;

    @Option(names = "--ssl-key", paramLabel = "FILE", description = "PEM PKCS#8 private key (unencrypted) for TLS.")
    Path sslKey;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most client sessions open at once; the next gets FATAL 53300 (default: ${DEFAULT-VALUE}).")
    int maxConnections = ServerConfig.Security.DEFAULTS.maxConnections();

    @Option(names = "--resp-port", paramLabel = "PORT",
            description = "Redis protocol (RESP) port; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    int respPort = ServerConfig.DEFAULT_RESP_PORT;

    @Option(names = "--appendfsync", paramLabel = "MODE",
            description = "When a Redis-protocol write is on disk: always, everysec or no (default: everysec).")
    String appendfsync = ServerConfig.DEFAULT_APPENDFSYNC.configName();

    @Option(names = "--kv-engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = {"Engine holding the Redis-protocol keys of a new data directory: btree or lsm (default: btree).",
                "Later starts find the keys where they are; naming the other engine is refused."})
    EngineKind kvEngine;

    @Option(names = "--requirepass", paramLabel = "PASSWORD",
            description = "Password Redis clients must AUTH with (default: none).")
    String requirePass;

    /** Engine names as SQL spells them: btree, lsm, memory. */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<EngineKind> {
        @Override
        public EngineKind convert(String value) {
            for (EngineKind kind : EngineKind.values()) {
                if (kind.sqlName().equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown engine '" + value + "': use btree, lsm or memory");
        }
    }

    static boolean isRunningServer() {
        return runningServer;
    }

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes,
                    new ServerConfig.Security(ssl, sslCert, sslKey, maxConnections),
                    new ServerConfig.Resp(respPort, io.shaledb.kv.Durability.parse(appendfsync), requirePass, kvEngine));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("shale server: " + e.getMessage());
            return 2;
        }
        ShaleServer server;
        try {
            server = ShaleServer.start(config);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("shale server: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "shale-shutdown"));
        runningServer = true;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

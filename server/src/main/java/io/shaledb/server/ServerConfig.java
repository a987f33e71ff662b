package io.shaledb.server;

import io.shaledb.kv.Durability;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a server needs to start.
 *
 * @param dataDir the data directory; created if missing
 * @param host the address the protocol listeners bind
 * @param pgPort the PostgreSQL protocol port (0 picks a free one)
 * @param maxMessageBytes the largest protocol message a client may send
 * @param engine the storage engine of tables created without {@code USING}
 * @param lsmMemtableBytes the LSM engine's memtable size: it is flushed to an SSTable when full
 * @param security TLS and connection limits of the PostgreSQL listener (see docs/security.md)
 * @param resp the Redis protocol listener (see docs/architecture/kv.md)
 */
public record ServerConfig(Path dataDir, String host, int pgPort, int maxMessageBytes, EngineKind engine, long lsmMemtableBytes,
                           Security security, Resp resp) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PG_PORT = 5433;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;
    public static final Path DEFAULT_DATA_DIR = Path.of("shale-data");
    public static final EngineKind DEFAULT_ENGINE = EngineKind.BTREE;
    public static final long DEFAULT_LSM_MEMTABLE_BYTES = 64L << 20;
    public static final int DEFAULT_RESP_PORT = 6380;
    public static final Durability DEFAULT_APPENDFSYNC = Durability.EVERYSEC;

    /**
     * The listener's TLS and limits.
     *
     * @param tls whether SSLRequest is answered 'S' (with {@code sslCert}/{@code sslKey}, or a
     *     self-signed pair generated into the data directory on first start when both are null)
     * @param sslCert PEM certificate (chain), or null
     * @param sslKey PEM PKCS#8 private key, unencrypted, or null
     * @param maxConnections PostgreSQL's max_connections
     */
    public record Security(boolean tls, Path sslCert, Path sslKey, int maxConnections) {
        /** No TLS, 100 connections: what embedded servers and tests get from {@link ServerConfig#defaults()}. */
        public static final Security DEFAULTS = new Security(false, null, null, 100);

        public Security {
            if ((sslCert == null) != (sslKey == null)) {
                throw new IllegalArgumentException("--ssl-cert and --ssl-key must be given together");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("--max-connections must be at least 1, got " + maxConnections);
            }
        }
    }

    /**
     * The Redis protocol listener.
     *
     * @param port the RESP port (0 picks a free one, -1 disables the listener)
     * @param appendfsync when a Redis-protocol write is on disk: always, everysec or no
     * @param requirePass the Redis default user's password; null when AUTH is not required
     * @param kvEngine the engine holding the keys (btree or lsm); null: the one already holding
     *     them, or btree in a new data directory. A data directory's keys stay in the engine that
     *     first held them: naming the other one is refused at start.
     */
    public record Resp(int port, Durability appendfsync, String requirePass, EngineKind kvEngine) {
        /** No listener: what embedded servers and tests get (many run side by side). */
        public static final Resp DISABLED = new Resp(-1, DEFAULT_APPENDFSYNC, null, null);

        public Resp {
            Objects.requireNonNull(appendfsync, "appendfsync");
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("--resp-port must be between 0 and 65535 (or -1: off), got " + port);
            }
            if (kvEngine == EngineKind.MEMORY) {
                throw new IllegalArgumentException("--kv-engine must be btree or lsm (--engine memory keeps everything in memory)");
            }
        }

        /** A listener whose keys stay where they are (btree in a new data directory). */
        public Resp(int port, Durability appendfsync, String requirePass) {
            this(port, appendfsync, requirePass, null);
        }
    }

    /**
     * A configuration with {@link Security#DEFAULTS} and without the Redis protocol listener
     * ({@code shale server} turns it on at {@link #DEFAULT_RESP_PORT}).
     */
    public ServerConfig(Path dataDir, String host, int pgPort, int maxMessageBytes, EngineKind engine, long lsmMemtableBytes) {
        this(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, Security.DEFAULTS, Resp.DISABLED);
    }

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(resp, "resp");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(engine, "engine");
        if (pgPort < 0 || pgPort > 65535) {
            throw new IllegalArgumentException("--pg-port must be between 0 and 65535, got " + pgPort);
        }
        if (lsmMemtableBytes < 64 * 1024) {
            throw new IllegalArgumentException("the LSM memtable must be at least 64 KiB, got " + lsmMemtableBytes);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maximum message size must be at least 1024 bytes, got " + maxMessageBytes);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PG_PORT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_ENGINE, DEFAULT_LSM_MEMTABLE_BYTES);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(dir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, security, resp);
    }

    public ServerConfig withPgPort(int port) {
        return new ServerConfig(dataDir, host, port, maxMessageBytes, engine, lsmMemtableBytes, security, resp);
    }

    public ServerConfig withEngine(EngineKind kind) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, kind, lsmMemtableBytes, security, resp);
    }

    public ServerConfig withLsmMemtableBytes(long bytes) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, bytes, security, resp);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(dataDir, newHost, pgPort, maxMessageBytes, engine, lsmMemtableBytes, security, resp);
    }

    public ServerConfig withSecurity(Security newSecurity) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, newSecurity, resp);
    }

    public ServerConfig withResp(int port, Durability fsync, String password) {
        return withResp(new Resp(port, fsync, password));
    }

    public ServerConfig withResp(Resp newResp) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, security, newResp);
    }

    /** The Redis protocol port; -1 when the listener is off. */
    public int respPort() {
        return resp.port();
    }

    public Durability appendfsync() {
        return resp.appendfsync();
    }

    public String requirePass() {
        return resp.requirePass();
    }
}

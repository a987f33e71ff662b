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
 * @param respPort the Redis protocol port (0 picks a free one, -1 disables the listener)
 * @param appendfsync when a Redis-protocol write is on disk: always, everysec or no
 * @param requirePass the Redis default user's password; null when AUTH is not required
 */
public record ServerConfig(Path dataDir, String host, int pgPort, int maxMessageBytes, EngineKind engine, long lsmMemtableBytes,
                           int respPort, Durability appendfsync, String requirePass) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PG_PORT = 5433;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;
    public static final Path DEFAULT_DATA_DIR = Path.of("shale-data");
    public static final EngineKind DEFAULT_ENGINE = EngineKind.BTREE;
    public static final long DEFAULT_LSM_MEMTABLE_BYTES = 64L << 20;
    public static final int DEFAULT_RESP_PORT = 6380;
    public static final Durability DEFAULT_APPENDFSYNC = Durability.EVERYSEC;

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(appendfsync, "appendfsync");
        if (respPort < -1 || respPort > 65535) {
            throw new IllegalArgumentException("--resp-port must be between 0 and 65535 (or -1: off), got " + respPort);
        }
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

    /**
     * A configuration without the Redis protocol listener (tests run many servers side by side;
     * {@code shale server} turns it on at {@link #DEFAULT_RESP_PORT}).
     */
    public ServerConfig(Path dataDir, String host, int pgPort, int maxMessageBytes, EngineKind engine, long lsmMemtableBytes) {
        this(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, -1, DEFAULT_APPENDFSYNC, null);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PG_PORT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_ENGINE, DEFAULT_LSM_MEMTABLE_BYTES);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(dir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, respPort, appendfsync, requirePass);
    }

    public ServerConfig withPgPort(int port) {
        return new ServerConfig(dataDir, host, port, maxMessageBytes, engine, lsmMemtableBytes, respPort, appendfsync, requirePass);
    }

    public ServerConfig withEngine(EngineKind kind) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, kind, lsmMemtableBytes, respPort, appendfsync, requirePass);
    }

    public ServerConfig withLsmMemtableBytes(long bytes) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, bytes, respPort, appendfsync, requirePass);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(dataDir, newHost, pgPort, maxMessageBytes, engine, lsmMemtableBytes, respPort, appendfsync, requirePass);
    }

    public ServerConfig withResp(int port, Durability fsync, String password) {
        return new ServerConfig(dataDir, host, pgPort, maxMessageBytes, engine, lsmMemtableBytes, port, fsync, password);
    }
}

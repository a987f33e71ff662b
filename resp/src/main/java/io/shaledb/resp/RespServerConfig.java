package io.shaledb.resp;

import java.util.Objects;

/**
 * Settings of the Redis protocol listener.
 *
 * @param host address to bind
 * @param port port (0 picks a free one)
 * @param requirePassword the default user's password (Redis's {@code requirepass}); null: no AUTH needed
 * @param maxBulkLength Redis's {@code proto-max-bulk-len}: the longest bulk string a client may send
 * @param workerThreads Netty I/O threads
 */
public record RespServerConfig(String host, int port, String requirePassword, long maxBulkLength, int workerThreads) {
    public static final int DEFAULT_PORT = 6380;
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;

    public RespServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--resp-port must be between 0 and 65535, got " + port);
        }
        if (maxBulkLength < 1024 * 1024) {
            throw new IllegalArgumentException("proto-max-bulk-len must be at least 1 MiB, got " + maxBulkLength);
        }
    }

    public static RespServerConfig defaults() {
        return new RespServerConfig("127.0.0.1", DEFAULT_PORT, null, DEFAULT_MAX_BULK_LENGTH,
                Integer.getInteger("shaledb.resp.threads", Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    public RespServerConfig withPort(int p) {
        return new RespServerConfig(host, p, requirePassword, maxBulkLength, workerThreads);
    }

    public RespServerConfig withRequirePassword(String password) {
        return new RespServerConfig(host, port, password, maxBulkLength, workerThreads);
    }
}

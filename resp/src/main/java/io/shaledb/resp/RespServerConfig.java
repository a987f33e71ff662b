package io.shaledb.resp;

import java.util.Objects;

/**
 * Settings of the Redis protocol listener.
 *
 * @param host address to bind
 * @param port port (0 picks a free one)
 * @param requirePassword the default user's password (Redis's {@code requirepass}); null: no AUTH needed
 * @param maxBulkLength Redis's {@code proto-max-bulk-len}: the longest bulk string a client may send
 * @param workerThreads Netty event loops, which run the commands (see {@code RespConnection}). One by
 *     default: commands of different clients then run in the order they arrived, as on Redis's
 *     single thread — a push sent right after two clients' blocking pops serves the first of them,
 *     an EXEC sent before a write of its watched key commits first. More
 *     ({@code -Dshaledb.resp.threads=N}) run clients in parallel but drop that cross-client order.
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
                Integer.getInteger("shaledb.resp.threads", 1));
    }

    public RespServerConfig withPort(int p) {
        return new RespServerConfig(host, p, requirePassword, maxBulkLength, workerThreads);
    }

    public RespServerConfig withRequirePassword(String password) {
        return new RespServerConfig(host, port, password, maxBulkLength, workerThreads);
    }
}

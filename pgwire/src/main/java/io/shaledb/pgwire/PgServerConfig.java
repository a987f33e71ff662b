package io.shaledb.pgwire;

/**
 * How the PostgreSQL listener is set up.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; 0 picks an ephemeral port (see {@link PgServer#port()})
 * @param maxMessageBytes the largest frontend message accepted, counting its 4-byte length word;
 *     a message that claims more is refused from its header alone, before any of its body is
 *     buffered, and the connection is closed with a FATAL 08P01 error
 * @param workerThreads Netty event-loop threads doing socket I/O and message framing; 0 means
 *     Netty's default (twice the cores). SQL never runs on these threads: every connection runs
 *     its statements on its own thread
 */
public record PgServerConfig(String host, int port, int maxMessageBytes, int workerThreads) {

    /** PostgreSQL's own default port is 5432; ShaleDB listens next door so both can run side by side. */
    public static final int DEFAULT_PORT = 5433;

    /** 64 MiB: large enough for big INSERT scripts, small enough that one client cannot hog the heap. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /** The smallest sensible limit: a message header plus room for a short query. */
    static final int MIN_MAX_MESSAGE_BYTES = 1024;

    public PgServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least " + MIN_MAX_MESSAGE_BYTES + ": " + maxMessageBytes);
        }
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must be >= 0 (0 = Netty default): " + workerThreads);
        }
    }

    /** 127.0.0.1:5433, 64 MiB messages, one I/O thread per core. */
    public static PgServerConfig defaults() {
        return new PgServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public PgServerConfig withHost(String newHost) {
        return new PgServerConfig(newHost, port, maxMessageBytes, workerThreads);
    }

    public PgServerConfig withPort(int newPort) {
        return new PgServerConfig(host, newPort, maxMessageBytes, workerThreads);
    }

    public PgServerConfig withMaxMessageBytes(int newMax) {
        return new PgServerConfig(host, port, newMax, workerThreads);
    }

    public PgServerConfig withWorkerThreads(int newThreads) {
        return new PgServerConfig(host, port, maxMessageBytes, newThreads);
    }
}

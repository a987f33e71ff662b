package io.shaledb.resp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway real {@code redis-server} (Debian's redis-server package) on a free port, for
 * differential tests; {@link #available()} says whether one is installed.
 */
final class RedisPeer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisPeer.class);
    static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;

    static boolean available() {
        boolean ok = Files.isExecutable(BINARY);
        if (!ok) {
            log.warn("SKIPPING: {} is not installed (apt-get install -y redis-server): no comparison with real Redis", BINARY);
        }
        return ok;
    }

    RedisPeer(Path dir, String... extraArgs) throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
        cmd.addAll(List.of(extraArgs));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (RawClient c = new RawClient(port)) {
                if ("PONG".equals(c.call("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}

package io.shaledb.bench.txn;

import io.shaledb.server.EngineKind;
import io.shaledb.testkit.server.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ShaleDB server in a child JVM, started through the same entry point as {@code bin/shale server}
 * ({@code io.shaledb.cli.Main server --data-dir D --pg-port P --engine E}; the bench jar bundles the
 * CLI) on a fresh data directory that {@link #close()} deletes. Commits are durable: the engines'
 * write-ahead logs default to {@code SyncMode.SYNC}, a commit returns once its record is fsynced.
 *
 * <p>{@link ServerProcess} starts children with test-friendly JVM flags (512 MB heap, Serial GC, C1
 * only); a benchmark wants the JVM a user gets, so they are overridden here: full tiered JIT, the
 * default collector (G1) and a fixed heap.
 */
public final class ShaleServer implements BenchServer {
    private static final Logger log = LoggerFactory.getLogger(ShaleServer.class);

    /** The engines worth comparing with PostgreSQL: the durable ones. */
    public static final List<String> ENGINES = Arrays.stream(EngineKind.values())
            .filter(EngineKind::durable).map(EngineKind::sqlName).toList();

    private final String engine;
    private final String heap;
    private final Path root;
    private final ServerProcess process;
    /** Stops the child if this JVM exits without {@link #close()} (Ctrl-C): it would outlive us. */
    private final Thread shutdownHook;
    private boolean closed;

    private ShaleServer(String engine, String heap, Path root, ServerProcess process) {
        this.engine = engine;
        this.heap = heap;
        this.root = root;
        this.process = process;
        this.shutdownHook = new Thread(this::stopAtExit, "shale-bench-stop-" + engine);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server whose default engine is {@code engine} in a new directory under {@code parent}.
     *
     * @param heap the child's {@code -Xmx}, e.g. {@code "2g"}
     */
    /** Environment variable with extra JVM options for the server's child JVM (space-separated), e.g. to profile it. */
    public static final String SERVER_OPTS_ENV = "SHALE_BENCH_SERVER_OPTS";

    public static ShaleServer start(String engine, String heap, Path parent) throws IOException {
        String e = parseEngine(engine);
        Files.createDirectories(parent);
        Path root = Files.createTempDirectory(parent, "shale-bench-txn-" + e + "-");
        try {
            ServerProcess.Builder builder = ServerProcess.builder(root.resolve("data"))
                    .jvmArg("-XX:TieredStopAtLevel=4")
                    .jvmArg("-XX:-UseSerialGC")
                    .jvmArg("-XX:+UseG1GC")
                    .jvmArg("-Xms" + heap)
                    .jvmArg("-Xmx" + heap);
            // e.g. SHALE_BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=/tmp/server.jfr,settings=profile
            String extra = System.getenv(SERVER_OPTS_ENV);
            if (extra != null && !extra.isBlank()) {
                for (String arg : extra.trim().split("\\s+")) {
                    builder.jvmArg(arg);
                }
            }
            ServerProcess process = builder.args("--engine", e).start();
            return new ShaleServer(e, heap, root, process);
        } catch (RuntimeException failed) {
            IOException io = new IOException("could not start a ShaleDB server (engine " + e + ") in " + root + ": "
                    + failed.getMessage(), failed);
            try {
                deleteTree(root);
            } catch (IOException cleanup) {
                io.addSuppressed(cleanup);
            }
            throw io;
        }
    }

    /** {@code btree} or {@code lsm}; anything else is a usage error. */
    public static String parseEngine(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(n)) {
            throw new IllegalArgumentException("unknown ShaleDB engine '" + name + "'; one of " + ENGINES);
        }
        return n;
    }

    @Override
    public String name() {
        return "shaledb-" + engine;
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", process.pgPort(), "postgres", "postgres");
    }

    @Override
    public String describe() {
        return "ShaleDB server (`server --engine " + engine + "`) in a child JVM, -Xmx" + heap
                + ", G1, WAL SyncMode.SYNC (each commit fsynced, group commit)";
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String logTail(int maxChars) {
        return BenchServer.tail(process.log(), maxChars);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            log.debug("JVM is shutting down; the hook stops {}", name());
        }
        try {
            process.stop();
        } finally {
            deleteTree(root);
        }
    }

    private synchronized void stopAtExit() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop();
        try {
            deleteTree(root);
        } catch (IOException e) {
            log.warn("could not delete {} at exit: {}", root, e.toString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

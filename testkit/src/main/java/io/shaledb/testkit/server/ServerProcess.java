package io.shaledb.testkit.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ShaleDB server running in a child JVM, started through the same command-line entry point as
 * {@code bin/shale server}, so tests go through the real front door and can kill it with
 * {@code SIGKILL} to simulate a crash.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.builder(dataDir).start()) {
 *     psql(server.pgPort(), "SELECT 1");
 *     server.kill();          // kill -9
 *     server.restart();       // same data directory, same port
 * }
 * }</pre>
 *
 * The child's stdout and stderr go to {@code server.log} in the data directory's parent so a
 * failing test can show them ({@link #log()}).
 */
public final class ServerProcess implements AutoCloseable {

    /** The class whose {@code main} is the {@code shale} command. */
    public static final String DEFAULT_MAIN_CLASS = "io.shaledb.cli.Main";

    private final Builder spec;
    private final int pgPort;
    private final Path logFile;
    private Process process;

    private ServerProcess(Builder spec, int pgPort) {
        this.spec = spec;
        this.pgPort = pgPort;
        this.logFile = spec.dataDir.toAbsolutePath().getParent().resolve(spec.dataDir.getFileName() + "-server.log");
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public int pgPort() {
        return pgPort;
    }

    public Path dataDir() {
        return spec.dataDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The server's output so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    /** {@code kill -9}: no shutdown hooks, no flushing. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** {@code kill -TERM}: the server's shutdown hook runs. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** Starts the server again on the same data directory and port. */
    public ServerProcess restart() {
        if (isAlive()) {
            stop();
        }
        launch();
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(spec.jvmArgs);
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(spec.mainClass);
        cmd.add("server");
        cmd.add("--data-dir");
        cmd.add(spec.dataDir.toAbsolutePath().toString());
        cmd.add("--pg-port");
        cmd.add(Integer.toString(pgPort));
        if (spec.mainClass.equals(DEFAULT_MAIN_CLASS) && !spec.extraArgs.contains("--ssl")) {
            // Like PostgreSQL's peers in the benchmarks (ssl = off), and no certificate to generate per
            // test directory; a test that wants TLS passes --ssl.
            cmd.add("--no-ssl");
        }
        if (!spec.extraArgs.contains("--resp-port")) {
            cmd.add("--resp-port"); // tests run side by side: never the fixed default port
            cmd.add("0");
        }
        cmd.addAll(spec.extraArgs);
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start server: " + cmd, e);
        }
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + spec.startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with code " + process.exitValue()
                        + " before listening on port " + pgPort + "; its output:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", pgPort), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not listen on port " + pgPort + " within "
                + spec.startTimeout + "; its output:\n" + log());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
    }

    /** Surefire hides the real class path behind a manifest jar; it publishes the real one here. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    /** What to start. */
    public static final class Builder {
        private final Path dataDir;
        private String mainClass = DEFAULT_MAIN_CLASS;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private final List<String> extraArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private int pgPort;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** Extra arguments after {@code server --data-dir D --pg-port P}. */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder pgPort(int port) {
            this.pgPort = port;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public ServerProcess start() {
            ServerProcess server = new ServerProcess(this, pgPort != 0 ? pgPort : FreePorts.pick());
            server.launch();
            return server;
        }
    }

    @Override
    public String toString() {
        return "ServerProcess[pid=" + (process == null ? "-" : process.pid()) + ", pg=127.0.0.1:" + pgPort
                + ", data=" + spec.dataDir + File.separator + "]";
    }
}

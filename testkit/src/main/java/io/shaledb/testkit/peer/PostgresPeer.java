package io.shaledb.testkit.peer;

import io.shaledb.testkit.server.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway real PostgreSQL cluster for tests and benchmarks: {@code initdb} into a temporary
 * directory, {@code pg_ctl start} on a free port of 127.0.0.1 with trust authentication, and on
 * {@link #close()} {@code pg_ctl stop -m immediate} and the directory deleted.
 *
 * <pre>{@code
 * try (PostgresPeer pg = PostgresPeer.start()) {
 *     Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
 * }
 * PostgresPeer.builder().setting("fsync", "on").setting("max_connections", "200").start();
 * }</pre>
 *
 * <p>The binaries are looked up in {@code -Dpostgres.bin}, then {@code PATH}, then
 * {@code /usr/local/bin}, then {@code /usr/lib/postgresql/<version>/bin} (newest first), which is
 * where Debian's {@code postgresql} package puts them. PostgreSQL refuses to run as root, so when
 * the JVM is root every command runs as the {@code postgres} user through {@code runuser -u
 * postgres --}, and the temporary directory is handed to that user.
 *
 * <p>Unless overridden, the cluster runs with {@code fsync=off}: its data is thrown away anyway. A
 * benchmark comparing durable commits passes {@code setting("fsync", "on")}.
 */
public final class PostgresPeer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresPeer.class);

    /** System property naming a directory holding initdb, pg_ctl and postgres. */
    public static final String BIN_PROPERTY = "postgres.bin";
    /** The database user the cluster is initialised with. */
    public static final String USER = "postgres";

    private static final List<String> BINARIES = List.of("initdb", "pg_ctl", "postgres");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final List<String> runAs;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresPeer(Path binDir, Path root, List<String> runAs, int port) {
        this.binDir = binDir;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.runAs = runAs;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietlyAtExit, "postgres-peer-stop-" + port);
    }

    /** Starts a cluster with the default settings; fails when PostgreSQL is not installed. */
    public static PostgresPeer start() throws IOException {
        return builder().start();
    }

    /**
     * Starts a cluster with the default settings, or logs a loud warning saying what is missing and
     * returns empty when PostgreSQL is not installed here. A cluster that is installed but fails to
     * start is an error, not a reason to skip.
     */
    public static Optional<PostgresPeer> startIfAvailable() throws IOException {
        return builder().startIfAvailable();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The directory holding initdb, pg_ctl and postgres, if PostgreSQL is installed. */
    public static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(BIN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        candidates.add(Path.of("/usr/local/bin"));
        candidates.addAll(debianVersionDirs());
        return candidates.stream().filter(PostgresPeer::hasAllBinaries).findFirst();
    }

    /** What is missing for {@link #start()} to work here, or empty when nothing is. */
    public static Optional<String> whatIsMissing() {
        if (findBinaries().isEmpty()) {
            return Optional.of("the PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed: looked in -D"
                    + BIN_PROPERTY + ", PATH, /usr/local/bin and /usr/lib/postgresql/*/bin. Install them with"
                    + " `apt-get install postgresql` (Debian 12 puts them in /usr/lib/postgresql/15/bin; the"
                    + " postgresql-client package has only psql) or point -D" + BIN_PROPERTY + " at their directory");
        }
        if (isRoot() && (runuser().isEmpty() || !userExists(USER))) {
            return Optional.of("this JVM runs as root, which PostgreSQL refuses; running it as the '" + USER
                    + "' user needs runuser (util-linux) and that user (created by `apt-get install postgresql`)");
        }
        return Optional.empty();
    }

    public int port() {
        return port;
    }

    /** A pgjdbc URL for {@code database} on this cluster ({@code "postgres"} always exists). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser to connect as (trust authentication: any password or none). */
    public String user() {
        return USER;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The major version of the running binaries, from {@code postgres --version}. */
    public int majorVersion() throws IOException {
        String out = run(List.of(binDir.resolve("postgres").toString(), "--version")).strip();
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        for (String word : out.split("\\s+")) {
            if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
                return Integer.parseInt(word.split("\\.")[0]);
            }
        }
        throw new IOException("cannot read a version from `postgres --version`: " + out);
    }

    /** The server's log so far (startup problems, slow statements, errors). */
    public String serverLog() {
        Path file = root.resolve("server.log");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    /** Stops the cluster ({@code pg_ctl stop -m immediate}) and deletes its directory. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            log.debug("JVM is shutting down; the hook stops PostgreSQL on port {}", port);
        }
        try {
            stop();
        } finally {
            deleteTree(root);
        }
    }

    @Override
    public String toString() {
        return "PostgresPeer[127.0.0.1:" + port + ", " + dataDir + "]";
    }

    private void stop() throws IOException {
        run(command(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        log.info("PostgreSQL on port {} stopped", port);
    }

    private synchronized void stopQuietlyAtExit() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
            deleteTree(root);
        } catch (IOException | RuntimeException e) {
            log.warn("could not stop PostgreSQL on port {} at JVM exit: {}", port, e.toString());
        }
    }

    /** After a failed start: stops whatever did start and deletes the directory. */
    private void abandon(IOException cause) {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop();
            }
            deleteTree(root);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void initdb() throws IOException {
        run(command(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    private void writeSettings(Map<String, String> settings) throws IOException {
        StringBuilder conf = new StringBuilder("\n# written by PostgresPeer\n");
        settings.forEach((k, v) -> conf.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        Files.writeString(dataDir.resolve("postgresql.conf"), conf.toString(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private void pgCtlStart() throws IOException {
        run(command(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", root.resolve("server.log").toString(),
                "-w", "-t", "60", "start"));
        awaitTcp();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        log.info("PostgreSQL started on 127.0.0.1:{} (data {})", port, dataDir);
    }

    private void awaitTcp() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IOException("PostgreSQL reported ready but 127.0.0.1:" + port + " does not accept connections; log:\n"
                + serverLog(), last);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(runAs);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command to completion; its output on success, an exception carrying it otherwise. */
    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p));
        try {
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + COMMAND_TIMEOUT + ": " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + String.join(" ", cmd), e);
        }
        String output = out.join();
        if (p.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", cmd) + "` exited " + p.exitValue() + ":\n" + output);
        }
        return output;
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasAllBinaries(Path dir) {
        return BINARIES.stream().allMatch(b -> Files.isExecutable(dir.resolve(b)));
    }

    private static List<Path> debianVersionDirs() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString())).reversed())
                    .map(v -> v.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base, e);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Optional<Path> runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static boolean userExists(String name) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (IOException e) {
            return false;
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

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL", e);
        }
    }

    /** Server settings for the cluster to start with. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
            settings.put("fsync", "off");
        }

        /**
         * A server setting, as {@code postgres -c name=value} would give it (written to the
         * cluster's {@code postgresql.conf}); a later call for the same name wins.
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Settings in {@code -c} form: {@code "fsync=on"}, {@code "max_connections=200"}. */
        public Builder settings(String... nameEqualsValue) {
            for (String s : nameEqualsValue) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a setting is name=value, got '" + s + "'");
                }
                setting(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
            }
            return this;
        }

        /** Starts the cluster; fails with what is missing when PostgreSQL is not installed. */
        public PostgresPeer start() throws IOException {
            Optional<String> missing = whatIsMissing();
            if (missing.isPresent()) {
                throw new IOException("cannot start PostgreSQL: " + missing.get());
            }
            Path binDir = findBinaries().orElseThrow();
            List<String> runAs = isRoot()
                    ? List.of(runuser().orElseThrow().toString(), "-u", USER, "--")
                    : List.of();
            IOException lastFailure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                Path root = Files.createTempDirectory("postgres-peer-");
                if (isRoot()) {
                    UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
                    Files.setOwner(root, owner);
                }
                PostgresPeer peer = new PostgresPeer(binDir, root, runAs, FreePorts.pick());
                try {
                    peer.initdb();
                    Map<String, String> all = new LinkedHashMap<>();
                    all.put("listen_addresses", "127.0.0.1");
                    all.put("port", Integer.toString(peer.port));
                    all.put("unix_socket_directories", root.toString());
                    all.putAll(settings);
                    peer.writeSettings(all);
                    peer.pgCtlStart();
                    return peer;
                } catch (IOException e) {
                    // most likely another process took the port between pick() and bind: try another
                    lastFailure = new IOException(e.getMessage() + "\nserver log:\n" + peer.serverLog(), e);
                    log.warn("PostgreSQL did not start on port {} (attempt {} of {}): {}", peer.port, attempt,
                            START_ATTEMPTS, e.getMessage());
                    peer.abandon(lastFailure);
                }
            }
            throw lastFailure;
        }

        /** Like {@link #start()}, but logs a loud warning and returns empty when PostgreSQL is absent. */
        public Optional<PostgresPeer> startIfAvailable() throws IOException {
            Optional<String> missing = whatIsMissing();
            if (missing.isPresent()) {
                String bar = "!".repeat(100);
                log.warn("\n{}\n!!! SKIPPING the comparison with real PostgreSQL: {}\n{}", bar, missing.get(), bar);
                return Optional.empty();
            }
            return Optional.of(start());
        }
    }
}

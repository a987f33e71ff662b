package io.shaledb.bench.txn;

import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The transaction benchmark: PostgreSQL and one ShaleDB server per engine, started side by side on
 * this machine, the same {@code accounts} table loaded into each, then every workload at every
 * isolation level run by pgbench against each server in turn. Each server first warms up on every
 * workload ({@link #warmUp}). A cell is: {@code VACUUM accounts},
 * a warm-up run (discarded), the measured run, {@code VACUUM accounts} again (so no server is left
 * with background work while another is measured). The servers take turns within each cell, so
 * drift of the machine during the run spreads over all of them instead of favouring one.
 *
 * <p>A cell whose pgbench run fails (a client aborted on an error that is not a serialization
 * failure or deadlock, a crash) is recorded with the server's error text and the suite goes on;
 * the report lists such errors under the tables. Both servers are stopped and every directory
 * deleted when {@link #run()} returns or throws.
 */
public final class TxnSuite {

    /**
     * The suite's knobs.
     *
     * @param workloads the scripts to run, in order
     * @param levels isolation levels each workload runs at
     * @param engines ShaleDB engines to start a server for ({@code btree}, {@code lsm})
     * @param rows accounts loaded into each server
     * @param hotRows accounts the contended workloads pick from
     * @param clients pgbench {@code -c}
     * @param threads pgbench {@code -j}
     * @param warmupSeconds pgbench {@code -T} of the discarded run before each measured one, and of
     *     each workload's run in a server's warm-up before its first cell; 0 for none
     * @param seconds pgbench {@code -T} of each measured run
     * @param maxTries pgbench {@code --max-tries}: tries of a transaction that hits 40001 or 40P01
     * @param serverHeap {@code -Xmx} of each ShaleDB server JVM
     * @param pgbench the pgbench binary, or null to look for one
     * @param pgSettings extra PostgreSQL settings, {@code name=value}
     * @param dir parent of the ShaleDB data directories and the scripts
     */
    public record Config(List<TxnWorkload> workloads, List<Isolation> levels, List<String> engines, int rows,
                         int hotRows, int clients, int threads, int warmupSeconds, int seconds, int maxTries,
                         String serverHeap, Path pgbench, List<String> pgSettings, Path dir) {
        public Config {
            workloads = List.copyOf(workloads);
            pgSettings = List.copyOf(pgSettings);
            for (String setting : pgSettings) {
                require(setting.indexOf('=') > 0, "a PostgreSQL setting is name=value, got '" + setting + "'");
            }
            levels = List.copyOf(levels);
            engines = engines.stream().map(ShaleServer::parseEngine).distinct().toList();
            require(!workloads.isEmpty() && !levels.isEmpty() && !engines.isEmpty(),
                    "need at least one workload, isolation level and engine");
            require(rows >= 1 && hotRows >= 1, "--rows and --hot-rows must be at least 1");
            require(clients >= 1 && threads >= 1 && threads <= clients, "need 1 <= --threads <= --clients");
            require(seconds >= 1 && warmupSeconds >= 0, "--seconds must be at least 1 and --warmup-seconds at least 0");
            require(maxTries >= 1, "--max-tries must be at least 1");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** One server's numbers for one workload at one level: a result, or the error that stopped it. */
    public record Cell(TxnWorkload workload, Isolation level, String server, PgbenchResult result, String error) {
        public boolean ok() {
            return result != null;
        }
    }

    /** A server of the run and how it was set up. */
    public record ServerInfo(String name, String description) {}

    /** Everything measured, in run order. */
    public record Results(Config config, String pgbenchVersion, List<ServerInfo> servers, List<Cell> cells,
                          Duration elapsed) {
        public Optional<Cell> cell(TxnWorkload w, Isolation level, String server) {
            return cells.stream().filter(c -> c.workload() == w && c.level() == level && c.server().equals(server))
                    .findFirst();
        }

        public List<Cell> errors() {
            return cells.stream().filter(c -> !c.ok()).toList();
        }
    }

    private final Config config;
    private final PrintStream progress;

    public TxnSuite(Config config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** What this machine lacks for the suite to run (pgbench 15+, a PostgreSQL server), or empty. */
    public static Optional<String> whatIsMissing(Config config) {
        Optional<Path> exe = Pgbench.find(config.pgbench());
        if (exe.isEmpty()) {
            return Optional.of(config.pgbench() != null ? config.pgbench() + " is not an executable pgbench"
                    : "pgbench is not installed (looked in PATH, /usr/bin and /usr/lib/postgresql/*/bin;"
                            + " apt-get install postgresql-client-15, or give --pgbench)");
        }
        try {
            String version = Pgbench.version(exe.get());
            if (Pgbench.majorVersion(version) < Pgbench.MIN_MAJOR_VERSION) {
                return Optional.of(exe.get() + " is " + version + "; the benchmark needs pgbench "
                        + Pgbench.MIN_MAJOR_VERSION + " or newer (--max-tries, failure counts)");
            }
        } catch (IOException e) {
            return Optional.of("cannot run " + exe.get() + ": " + e.getMessage());
        }
        return PostgresPeer.whatIsMissing();
    }

    public Results run() throws IOException {
        Path exe = Pgbench.find(config.pgbench()).orElseThrow(() -> new IOException(whatIsMissing(config).orElse("no pgbench")));
        String pgbenchVersion = Pgbench.version(exe);
        long started = System.nanoTime();
        Files.createDirectories(config.dir());
        Path root = Files.createTempDirectory(config.dir(), "shale-bench-txn-");
        List<BenchServer> servers = new ArrayList<>();
        Throwable failure = null;
        try {
            Pgbench pgbench = new Pgbench(exe, root);
            progress.println("starting PostgreSQL (fsync on) and ShaleDB " + config.engines() + " ...");
            servers.add(PostgresServer.start(config.pgSettings()));
            for (String engine : config.engines()) {
                servers.add(ShaleServer.start(engine, config.serverHeap(), root));
            }
            for (BenchServer s : servers) {
                long t = System.nanoTime();
                AccountsTable.load(s.endpoint(), config.rows());
                progress.printf(Locale.ROOT, "%-14s loaded %,d accounts in %.1f s%n", s.name(), config.rows(),
                        (System.nanoTime() - t) / 1e9);
            }
            List<Cell> cells = runCells(pgbench, root, servers);
            List<ServerInfo> infos = servers.stream().map(s -> new ServerInfo(s.name(), s.describe())).toList();
            return new Results(config, pgbenchVersion, infos, cells, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            closeAll(servers, root, failure);
        }
    }

    private List<Cell> runCells(Pgbench pgbench, Path root, List<BenchServer> servers) throws IOException {
        for (TxnWorkload w : config.workloads()) {
            for (Isolation level : config.levels()) {
                Files.writeString(script(root, w, level), w.script(level, config.rows(), config.hotRows()),
                        StandardCharsets.UTF_8);
            }
        }
        if (config.warmupSeconds() > 0) {
            for (BenchServer s : servers) {
                warmUp(pgbench, root, s);
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (TxnWorkload w : config.workloads()) {
            for (Isolation level : config.levels()) {
                for (BenchServer s : servers) {
                    Cell cell = runCell(pgbench, script(root, w, level), w, level, s);
                    cells.add(cell);
                    progress.printf(Locale.ROOT, "%-14s %-18s %-16s %s%n", s.name(), w.label(), level.label(),
                            cell.ok() ? cell.result() : "ERROR: " + cell.error());
                }
            }
        }
        return cells;
    }

    private static Path script(Path root, TxnWorkload w, Isolation level) {
        return root.resolve(w.cliName() + "-" + level.sql().replace(' ', '-') + ".sql");
    }

    /**
     * Before its first cell, a server runs every workload once (at the first level) for the warm-up
     * time: the JIT of ShaleDB's JVM compiles the paths of all of them (lock waits, retries,
     * deadlock detection), PostgreSQL fills its caches. A failure here is only printed: the cell
     * that runs the same script fails again and records the error.
     */
    private void warmUp(Pgbench pgbench, Path root, BenchServer s) {
        for (TxnWorkload w : config.workloads()) {
            try {
                pgbench.run(s.endpoint(), script(root, w, config.levels().getFirst()), config.clients(), config.threads(),
                        config.warmupSeconds(), config.maxTries());
                AccountsTable.vacuum(s.endpoint());
            } catch (IOException e) {
                progress.printf("%-14s warm-up with %s failed: %s%n", s.name(), w.label(), e.getMessage());
            }
        }
        progress.printf("%-14s warmed up%n", s.name());
    }

    private Cell runCell(Pgbench pgbench, Path script, TxnWorkload w, Isolation level, BenchServer s) {
        if (!s.isAlive()) {
            return new Cell(w, level, s.name(), null, "the server is no longer running; its log ends:\n" + s.logTail(3000));
        }
        try {
            AccountsTable.vacuum(s.endpoint());
            if (config.warmupSeconds() > 0) {
                pgbench.run(s.endpoint(), script, config.clients(), config.threads(), config.warmupSeconds(),
                        config.maxTries());
            }
            PgbenchResult r = pgbench.run(s.endpoint(), script, config.clients(), config.threads(), config.seconds(),
                    config.maxTries());
            AccountsTable.vacuum(s.endpoint());
            return new Cell(w, level, s.name(), r, null);
        } catch (IOException e) {
            String error = e instanceof Pgbench.PgbenchException p && !p.serverErrors().isBlank() ? p.serverErrors()
                    : e.getMessage();
            if (!s.isAlive()) {
                error += "\nthe server exited; its log ends:\n" + s.logTail(3000);
            }
            return new Cell(w, level, s.name(), null, error);
        }
    }

    /** Stops every server and deletes {@code root}; problems join {@code failure} or are thrown. */
    private static void closeAll(List<BenchServer> servers, Path root, Throwable failure) throws IOException {
        IOException first = null;
        for (BenchServer s : servers.reversed()) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                IOException io = new IOException("could not stop " + s.name() + ": " + e.getMessage(), e);
                if (failure != null) {
                    failure.addSuppressed(io);
                } else if (first == null) {
                    first = io;
                } else {
                    first.addSuppressed(io);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else if (first == null) {
                first = e;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

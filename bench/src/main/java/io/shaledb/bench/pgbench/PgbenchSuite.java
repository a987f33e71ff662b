package io.shaledb.bench.pgbench;

import io.shaledb.bench.txn.BenchServer;
import io.shaledb.bench.txn.Endpoint;
import io.shaledb.bench.txn.Pgbench;
import io.shaledb.bench.txn.PgbenchResult;
import io.shaledb.bench.txn.PostgresServer;
import io.shaledb.bench.txn.ShaleServer;
import io.shaledb.bench.txn.TxnSuite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench's own benchmark, unmodified, against PostgreSQL 15 and a ShaleDB server in one run:
 * {@code pgbench -i -s N} on each, then for every script (TPC-B, select-only) and query mode, a
 * warm-up run and a measured run on each server in turn, then the balance check on each.
 */
public final class PgbenchSuite {

    /** A built-in script of pgbench. */
    public enum Script {
        TPCB("TPC-B (sort of)", List.of()),
        SELECT_ONLY("select only (-S)", List.of("-S"));

        private final String label;
        private final List<String> options;

        Script(String label, List<String> options) {
            this.label = label;
            this.options = options;
        }

        public String label() {
            return label;
        }

        public static Script parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "tpcb", "tpc-b", "tpcb-like" -> TPCB;
                case "select-only", "s", "-s" -> SELECT_ONLY;
                default -> throw new IllegalArgumentException("unknown pgbench script '" + name + "'; one of tpcb, select-only");
            };
        }
    }

    /**
     * @param scale pgbench {@code -i -s}
     * @param scripts built-in scripts to run
     * @param modes pgbench {@code -M}: simple, extended, prepared
     * @param clients {@code -c}
     * @param threads {@code -j}
     * @param warmupSeconds {@code -T} of the discarded run before each measured one (0 for none)
     * @param seconds {@code -T} of each measured run
     * @param serverHeap {@code -Xmx} of the ShaleDB server JVM
     * @param pgbench the binary, or null to look for one
     * @param dir parent of the ShaleDB data directory
     */
    public record Config(int scale, List<Script> scripts, List<String> modes, int clients, int threads, int warmupSeconds,
                         int seconds, String serverHeap, Path pgbench, Path dir) {
        public Config {
            scripts = List.copyOf(scripts);
            modes = List.copyOf(modes);
            for (String m : modes) {
                if (!List.of("simple", "extended", "prepared").contains(m)) {
                    throw new IllegalArgumentException("unknown query mode '" + m + "'; one of simple, extended, prepared");
                }
            }
            if (scale < 1 || clients < 1 || threads < 1 || threads > clients || seconds < 1 || warmupSeconds < 0
                    || scripts.isEmpty() || modes.isEmpty()) {
                throw new IllegalArgumentException("need --scale >= 1, 1 <= --threads <= --clients, --seconds >= 1,"
                        + " --warmup-seconds >= 0 and at least one script and mode");
            }
        }
    }

    /** One measured run, or the error that stopped it. */
    public record Cell(Script script, String mode, String server, PgbenchResult result, String error) {
        public boolean ok() {
            return result != null;
        }
    }

    /** {@code pgbench -i}'s time and, afterwards, whether the four sums of the TPC-B tables agree. */
    public record ServerReport(String name, String description, String initSummary, Balances balances) {}

    /** sum(abalance), sum(delta) of the history, sum(bbalance), sum(tbalance), history rows. */
    public record Balances(long accounts, long history, long branches, long tellers, long historyRows) {
        public boolean consistent() {
            return accounts == history && history == branches && branches == tellers;
        }
    }

    public record Results(Config config, String pgbenchVersion, List<ServerReport> servers, List<Cell> cells,
                          Duration elapsed) {
        public Optional<Cell> cell(Script s, String mode, String server) {
            return cells.stream().filter(c -> c.script() == s && c.mode().equals(mode) && c.server().equals(server)).findFirst();
        }

        /** Failed runs and inconsistent balances, as sentences; empty when everything held. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            cells.stream().filter(c -> !c.ok()).forEach(c -> p.add(c.server() + " " + c.script().label() + " -M " + c.mode()
                    + ": " + c.error()));
            cells.stream().filter(c -> c.ok() && c.result().failed() > 0).forEach(c -> p.add(c.server() + " "
                    + c.script().label() + " -M " + c.mode() + ": " + c.result().failed() + " failed transactions"));
            servers.stream().filter(s -> s.balances() == null || !s.balances().consistent())
                    .forEach(s -> p.add(s.name() + ": balances inconsistent: " + s.balances()));
            return p;
        }
    }

    private static final Pattern INIT_DONE = Pattern.compile("done in [^\\n]*");

    private final Config config;
    private final PrintStream progress;

    public PgbenchSuite(Config config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** What this machine lacks (pgbench 15+, PostgreSQL server binaries), or empty. */
    public static Optional<String> whatIsMissing(Config config) {
        return TxnSuite.whatIsMissing(new TxnSuite.Config(List.of(io.shaledb.bench.txn.TxnWorkload.UNCONTENDED),
                List.of(io.shaledb.bench.txn.Isolation.READ_COMMITTED), List.of("btree"), 1, 1, 1, 1, 0, 1, 1, "1g",
                config.pgbench(), List.of(), config.dir()));
    }

    public Results run() throws IOException {
        Path exe = Pgbench.find(config.pgbench()).orElseThrow(() -> new IOException(whatIsMissing(config).orElse("no pgbench")));
        String version = Pgbench.version(exe);
        long started = System.nanoTime();
        Files.createDirectories(config.dir());
        Path root = Files.createTempDirectory(config.dir(), "shale-bench-pgbench-");
        List<BenchServer> servers = new ArrayList<>();
        try {
            Pgbench pgbench = new Pgbench(exe, root);
            progress.println("starting PostgreSQL (fsync on, synchronous_commit on) and ShaleDB (btree) ...");
            servers.add(PostgresServer.start(List.of()));
            servers.add(ShaleServer.start("btree", config.serverHeap(), root));
            List<String> inits = new ArrayList<>();
            for (BenchServer s : servers) {
                Pgbench.Output out = pgbench.exec(s.endpoint(), List.of("-i", "-s", Integer.toString(config.scale()), "-q"), 3600);
                Matcher m = INIT_DONE.matcher(out.stderr() + out.stdout());
                String summary = m.find() ? m.group() : "(no summary)";
                inits.add(summary);
                progress.printf(Locale.ROOT, "%-14s pgbench -i -s %d: %s%n", s.name(), config.scale(), summary);
            }
            List<Cell> cells = new ArrayList<>();
            for (Script script : config.scripts()) {
                for (String mode : config.modes()) {
                    for (BenchServer s : servers) {
                        Cell c = runCell(pgbench, script, mode, s);
                        cells.add(c);
                        progress.printf(Locale.ROOT, "%-14s %-18s -M %-9s %s%n", s.name(), script.label(), mode,
                                c.ok() ? c.result() : "ERROR: " + c.error());
                    }
                }
            }
            List<ServerReport> reports = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                BenchServer s = servers.get(i);
                reports.add(new ServerReport(s.name(), s.describe(), inits.get(i), balances(s.endpoint())));
            }
            return new Results(config, version, reports, cells, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            for (BenchServer s : servers.reversed()) {
                try {
                    s.close();
                } catch (IOException e) {
                    progress.println("could not stop " + s.name() + ": " + e.getMessage());
                }
            }
            deleteTree(root);
        }
    }

    /**
     * A warm-up run (discarded) and the measured run, both with {@code -n}: pgbench neither vacuums
     * nor truncates the history before them, so the balance check at the end covers every TPC-B
     * transaction since {@code -i} (which vacuumed all four tables).
     */
    private Cell runCell(Pgbench pgbench, Script script, String mode, BenchServer s) {
        try {
            if (config.warmupSeconds() > 0) {
                pgbench.exec(s.endpoint(), options(script, mode, config.warmupSeconds()), config.warmupSeconds() + 300L);
            }
            Pgbench.Output out = pgbench.exec(s.endpoint(), options(script, mode, config.seconds()), config.seconds() + 300L);
            return new Cell(script, mode, s.name(), PgbenchResult.parse(out.stdout()), null);
        } catch (IOException | IllegalArgumentException e) {
            String error = e instanceof Pgbench.PgbenchException p && !p.serverErrors().isBlank() ? p.serverErrors() : e.getMessage();
            return new Cell(script, mode, s.name(), null, error);
        }
    }

    private List<String> options(Script script, String mode, int seconds) {
        List<String> o = new ArrayList<>(script.options);
        o.addAll(List.of("-n", "-M", mode, "-c", Integer.toString(config.clients()), "-j", Integer.toString(config.threads()),
                "-T", Integer.toString(seconds)));
        return o;
    }

    /** The check of the TPC-B tables: every transaction added its delta to all four. */
    static Balances balances(Endpoint to) throws IOException {
        try (Connection c = DriverManager.getConnection(to.jdbcUrl(), to.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts),"
                        + " (SELECT coalesce(sum(delta), 0) FROM pgbench_history), (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches),"
                        + " (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers), (SELECT count(*) FROM pgbench_history)")) {
            rs.next();
            return new Balances(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        } catch (SQLException e) {
            throw new IOException("balance check on " + to + ": " + e.getMessage(), e);
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

package io.shaledb.bench;

import io.shaledb.bench.commit.CommitSuite;
import io.shaledb.bench.compare.CompareReport;
import io.shaledb.bench.compare.CompareSettings;
import io.shaledb.bench.compare.CompareSuite;
import io.shaledb.bench.engine.EngineSuite;
import io.shaledb.bench.engine.StoreKind;
import io.shaledb.bench.engine.Workload;
import io.shaledb.bench.pgbench.PgbenchReport;
import io.shaledb.bench.pgbench.PgbenchSuite;
import io.shaledb.bench.query.QueryData;
import io.shaledb.bench.query.QueryReport;
import io.shaledb.bench.query.QuerySuite;
import io.shaledb.bench.txn.Isolation;
import io.shaledb.bench.txn.TxnReport;
import io.shaledb.bench.txn.TxnSuite;
import io.shaledb.bench.txn.TxnWorkload;
import io.shaledb.wal.SyncMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/shale-bench.jar (peers|commits|engines|txn|query|all) [options]}: runs the
 * benchmarks (JMH trials in forked JVMs; servers in child processes for {@code txn}) and prints a
 * markdown report on stdout; progress goes to stderr. See {@code docs/benchmarks.md}.
 */
@Command(name = "shale-bench", mixinStandardHelpOptions = true,
        description = "ShaleDB benchmarks, side by side with H2 MVStore, SQLite, RocksDB and PostgreSQL.",
        subcommands = {BenchMain.Engines.class, BenchMain.Commits.class, BenchMain.Compare.class, BenchMain.Txn.class,
                BenchMain.PgbenchCommand.class, BenchMain.Query.class, BenchMain.All.class, CommandLine.HelpCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests: no {@code System.exit}). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
        // A bad store or workload name is a usage error, not a crash.
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("shale-bench: " + e.getMessage());
                cmd.usage(cmd.getErr());
                return cmd.getCommandSpec().exitCodeOnInvalidInput();
            }
            throw e;
        });
        return cl.execute(args);
    }

    /** Options every subcommand has. */
    static final class Common {
        @Option(names = "--profile", defaultValue = "quick",
                description = "quick or full preset sizes (all: ~6 min or ~20-25 min; engines alone: ~1-1.5 or ~6 min; txn alone: ~2.5 or ~8 min; query alone: ~2-3 or ~10 min); other options override it. Default: ${DEFAULT-VALUE}")
        Profile profile;

        @Option(names = "--dir", description = "Parent directory of the benchmark data (on the disk to measure). Default: java.io.tmpdir")
        Path dir;

        Profile profile() {
            return profile;
        }

        Path dir() {
            return dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    /** Options of the JMH engine suite; unset numbers come from the profile. */
    static final class EngineOptions {
        @Option(names = "--stores", split = ",", description = "Stores to run. Default: all of shaledb-btree,h2-mvstore,sqlite")
        List<String> stores;

        @Option(names = "--workloads", split = ",",
                description = "Workloads: point-get, random-put, sequential-put, range-scan, durable-put. Default: all")
        List<String> workloads;

        @Option(names = "--keys", description = "Keys loaded before measuring (quick 100000, full 1000000)")
        Integer keys;

        @Option(names = "--durable-keys", defaultValue = "10000", description = "Keys loaded for durable-put. Default: ${DEFAULT-VALUE}")
        int durableKeys;

        @Option(names = "--cache-mb", defaultValue = "512", description = "Cache budget of every store, MiB. Default: ${DEFAULT-VALUE}")
        int cacheMb;

        @Option(names = "--heap", defaultValue = "2g", description = "Heap of each forked benchmark JVM. Default: ${DEFAULT-VALUE}")
        String heap;

        @Option(names = "--warmup-iterations", description = "JMH warm-up iterations per trial (quick 1, full 2)")
        Integer warmupIterations;

        @Option(names = "--iterations", description = "JMH measured iterations per trial (quick 2, full 5)")
        Integer iterations;

        @Option(names = "--iteration-seconds", description = "Seconds per JMH iteration (quick 1, full 2)")
        Integer iterationSeconds;

        @Option(names = "--forks", defaultValue = "1", description = "Forked JVMs per trial. Default: ${DEFAULT-VALUE}")
        int forks;

        EngineSuite.Config config(Common common) {
            Profile p = common.profile();
            List<StoreKind> s = stores == null ? List.of(StoreKind.values())
                    : stores.stream().map(StoreKind::parse).toList();
            List<Workload> w = workloads == null ? List.of(Workload.values())
                    : workloads.stream().map(Workload::parse).toList();
            return new EngineSuite.Config(s, w, orElse(keys, p.keys), durableKeys, cacheMb,
                    orElse(warmupIterations, p.warmupIterations), orElse(iterations, p.iterations),
                    orElse(iterationSeconds, p.iterationSeconds), forks, heap, common.dir());
        }
    }

    /** Options of the durable-commit suite. */
    static final class CommitOptions {
        @Option(names = "--committers", split = ",", defaultValue = "1,8,64",
                description = "Concurrent committer counts. Default: ${DEFAULT-VALUE}")
        List<Integer> committers;

        @Option(names = "--commit-seconds", description = "Measured seconds per commit run (quick 2, full 5)")
        Double commitSeconds;

        @Option(names = "--commit-warmup-seconds", description = "Warm-up seconds per commit run (quick 0.5, full 1)")
        Double commitWarmupSeconds;

        @Option(names = "--wal-sync", defaultValue = "SYNC",
                description = "ShaleDB WAL sync mode for the commit runs: SYNC or GROUP_DELAY. Default: ${DEFAULT-VALUE}")
        SyncMode walSync;

        CommitSuite.Config config(Common common) {
            Profile p = common.profile();
            Duration duration = commitSeconds == null ? p.commitDuration : seconds(commitSeconds);
            Duration warmup = commitWarmupSeconds == null ? p.commitWarmup : seconds(commitWarmupSeconds);
            return new CommitSuite.Config(committers, warmup, duration, walSync, common.dir());
        }
    }

    /** Options of the B-Tree vs LSM (and RocksDB) comparison; unset numbers come from the profile. */
    static final class CompareOptions {
        @Option(names = "--stores", split = ",", description = "Stores to compare, in this order. Default: shaledb-btree,shaledb-lsm,rocksdb")
        List<String> stores;

        @Option(names = "--keys", description = "Keys of the main data set: loaded in random order, read, scanned, churned (quick 500000, full 3000000)")
        Integer keys;

        @Option(names = "--sequential-keys", description = "Keys put in key order into an empty store (quick 500000, full 3000000)")
        Integer sequentialKeys;

        @Option(names = "--gets", description = "Point gets of each kind, hits and misses (quick 500000, full 2000000)")
        Integer gets;

        @Option(names = "--scans", description = "Range scans of 10-100 rows (quick 50000, full 200000)")
        Integer scans;

        @Option(names = "--churn-writes", description = "Writes of the update churn: overwrites, deletes and re-inserts at constant size (quick 500000, full 3000000)")
        Integer churnWrites;

        @Option(names = "--warmup-keys", description = "Keys of the unmeasured warm-up of each store; 0 for none (quick 50000, full 100000)")
        Integer warmupKeys;

        @Option(names = "--cache-mb", description = "Cache of every store, MiB: B+Tree buffer pool, LSM block caches. Default: ${DEFAULT-VALUE}")
        int cacheMb = 128;

        @Option(names = "--memtable-mb", description = "Memtable size of both LSMs, MiB (quick 8, full 16)")
        Integer memtableMb;

        @Option(names = "--level1-mb", description = "L1 target size of both LSMs, MiB; each level below is 10x (quick 32, full 64)")
        Integer level1Mb;

        @Option(names = "--sst-mb", description = "SSTable size compaction cuts at, both LSMs, MiB (quick 8, full 16)")
        Integer sstMb;

        @Option(names = "--sync",
                description = "WAL sync of all three stores: OFF (sync every 200 ms in the background) or SYNC (every write synced: "
                        + "bounded by the disk's sync rate, so give small sizes, e.g. --keys 20000 --sequential-keys 20000 --churn-writes 20000). Default: ${DEFAULT-VALUE}")
        SyncMode sync = SyncMode.OFF;

        @Option(names = "--seed", description = "Seed of the values and the random choices. Default: ${DEFAULT-VALUE}")
        long seed = 42;

        @Option(names = "--keep-data", description = "Leave the data directories behind for inspection (their path is printed)")
        boolean keepData;

        CompareSuite.Config config(Common common) {
            boolean full = common.profile() == Profile.FULL;
            List<String> s = stores != null ? stores : List.of("shaledb-btree", "shaledb-lsm", "rocksdb");
            CompareSettings settings = new CompareSettings((long) cacheMb << 20,
                    (long) orElse(memtableMb, full ? 16 : 8) << 20, (long) orElse(level1Mb, full ? 64 : 32) << 20,
                    (long) orElse(sstMb, full ? 16 : 8) << 20, sync);
            return new CompareSuite.Config(s, orElse(keys, full ? 3_000_000 : 500_000),
                    orElse(sequentialKeys, full ? 3_000_000 : 500_000), orElse(gets, full ? 2_000_000 : 500_000),
                    orElse(scans, full ? 200_000 : 50_000), orElse(churnWrites, full ? 3_000_000 : 500_000),
                    orElse(warmupKeys, full ? 100_000 : 50_000), settings, common.dir(), seed, keepData);
        }
    }

    /**
     * Options of the pgbench transaction suite; unset durations come from the profile. Field
     * initialisers, not {@code defaultValue}, so that {@code new TxnOptions()} (what {@code all}
     * uses) has the same defaults as the command line.
     */
    static final class TxnOptions {
        @Option(names = "--workloads", split = ",", description = "Workloads: uncontended, contended, transfer. Default: all")
        List<String> workloads = List.of("uncontended", "contended", "transfer");

        @Option(names = "--levels", split = ",",
                description = "Isolation levels: read-committed, repeatable-read, serializable. Default: all")
        List<String> levels = List.of("read-committed", "repeatable-read", "serializable");

        @Option(names = "--engines", split = ",", description = "ShaleDB engines, one server each: btree, lsm. Default: btree")
        List<String> engines = List.of("btree");

        @Option(names = "--rows", description = "Accounts loaded into each server. Default: ${DEFAULT-VALUE}")
        int rows = 100_000;

        @Option(names = "--hot-rows", description = "Accounts the contended workloads pick from. Default: ${DEFAULT-VALUE}")
        int hotRows = 10;

        @Option(names = "--clients", description = "pgbench -c. Default: ${DEFAULT-VALUE}")
        int clients = 4;

        @Option(names = "--threads", description = "pgbench -j. Default: ${DEFAULT-VALUE}")
        int threads = 2;

        @Option(names = "--seconds", description = "pgbench -T of each measured run (quick 5, full 20)")
        Integer seconds;

        @Option(names = "--warmup-seconds", description = "pgbench -T of the warm-up before each measured run, and of each workload in a server's initial warm-up (quick 1, full 5)")
        Integer warmupSeconds;

        @Option(names = "--max-tries", description = "pgbench --max-tries: tries of a transaction failing with 40001/40P01. Default: ${DEFAULT-VALUE}")
        int maxTries = 10;

        @Option(names = "--server-heap", description = "-Xmx of each ShaleDB server JVM. Default: ${DEFAULT-VALUE}")
        String serverHeap = "2g";

        @Option(names = "--pgbench", description = "The pgbench binary (15 or newer). Default: found on PATH, /usr/bin, /usr/lib/postgresql/*/bin")
        Path pgbench;

        @Option(names = "--pg-setting", paramLabel = "NAME=VALUE",
                description = "An extra PostgreSQL setting (repeatable), e.g. deadlock_timeout=10ms. fsync=on and synchronous_commit=on are always set")
        List<String> pgSettings = List.of();

        TxnSuite.Config config(Common common) {
            Profile p = common.profile();
            return new TxnSuite.Config(workloads.stream().map(TxnWorkload::parse).toList(),
                    levels.stream().map(Isolation::parse).toList(), engines, rows, hotRows, clients, threads,
                    orElse(warmupSeconds, p.txnWarmupSeconds), orElse(seconds, p.txnSeconds), maxTries, serverHeap,
                    pgbench, pgSettings, common.dir());
        }
    }

    /**
     * Options of the query suite; unset sizes and counts come from the profile. Field initialisers,
     * not {@code defaultValue}, so that {@code new QueryOptions()} (what {@code all} uses) has the
     * same defaults as the command line.
     */
    static final class QueryOptions {
        @Option(names = "--users", description = "Rows of users (quick 5000, full 20000)")
        Integer users;

        @Option(names = "--orders", description = "Rows of orders; order_items gets ~2.5x as many (quick 50000, full 200000)")
        Integer orders;

        @Option(names = "--products", description = "Rows of products (quick 1000, full 2000)")
        Integer products;

        @Option(names = "--warmup-seconds", description = "Seconds each server runs each query untimed first, at least once "
                + "(the JIT of ShaleDB's JVM; quick 1, full 3)")
        Double warmupSeconds;

        @Option(names = "--iterations", description = "Timed executions of each query per server, at most (quick 30, full 200)")
        Integer iterations;

        @Option(names = "--max-seconds-per-query", description = "Timing of a query on a server stops after this long, "
                + "whatever the count (quick 5, full 20)")
        Integer maxSeconds;

        @Option(names = "--verify-draws", description = "Parameter draws per query whose answers are compared. Default: ${DEFAULT-VALUE}")
        int verifyDraws = 3;

        @Option(names = "--queries", split = ",", description = "Run only these queries (names as in the report). Default: all")
        List<String> queries = List.of();

        @Option(names = "--explain", description = "Also print EXPLAIN (ANALYZE, BUFFERS) of every query on every server "
                + "(plain EXPLAIN, or the error, where a server does not support it)")
        boolean explain;

        @Option(names = "--no-postgres", description = "Run ShaleDB alone (latencies only, no ratios, no check of the answers)")
        boolean noPostgres;

        @Option(names = "--engine", description = "The ShaleDB server's engine: btree or lsm. Default: ${DEFAULT-VALUE}")
        String engine = "btree";

        @Option(names = "--server-heap", description = "-Xmx of the ShaleDB server JVM. Default: ${DEFAULT-VALUE}")
        String serverHeap = "2g";

        @Option(names = "--pg-setting", paramLabel = "NAME=VALUE",
                description = "An extra PostgreSQL setting (repeatable), e.g. jit=off. fsync=on and synchronous_commit=on are always set")
        List<String> pgSettings = List.of();

        @Option(names = "--query-timeout", description = "Seconds after which one execution is cancelled and the query "
                + "marked failed on that server. Default: ${DEFAULT-VALUE}")
        int queryTimeout = 600;

        @Option(names = "--seed", description = "Seed of the data and the parameters. Default: ${DEFAULT-VALUE}")
        long seed = 42;

        @Option(names = "--protocol", description = "simple (pgjdbc preferQueryMode=simple, parameters inlined) or extended"
                + " (pgjdbc defaults; the point lookups as prepared statements with parameters). Default: ${DEFAULT-VALUE}")
        String protocol = "simple";

        QuerySuite.Config config(Common common) {
            boolean full = common.profile() == Profile.FULL;
            for (String setting : pgSettings) {
                if (setting.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("a PostgreSQL setting is name=value, got '" + setting + "'");
                }
            }
            QueryData.Sizes sizes = new QueryData.Sizes(orElse(users, full ? 20_000 : 5_000),
                    orElse(orders, full ? 200_000 : 50_000), orElse(products, full ? 2_000 : 1_000));
            Duration warmup = warmupSeconds != null ? seconds(warmupSeconds) : Duration.ofSeconds(full ? 3 : 1);
            return new QuerySuite.Config(sizes, warmup, orElse(iterations, full ? 200 : 30),
                    Duration.ofSeconds(orElse(maxSeconds, full ? 20 : 5)), verifyDraws, explain, !noPostgres, engine,
                    serverHeap, pgSettings, Duration.ofSeconds(queryTimeout), queries, seed, common.dir(), protocol);
        }
    }

    @Command(name = "peers", mixinStandardHelpOptions = true,
            description = "JMH micro-benchmarks of the B+Tree vs H2 MVStore and SQLite: point get, random/sequential put, range scan, durable put, per store.")
    static final class Engines implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            Report report = new Report(System.out, spec, common);
            report.engines(engine.config(common));
            return 0;
        }
    }

    @Command(name = "commits", mixinStandardHelpOptions = true,
            description = "Durable single-key commits from 1/8/64 threads vs the one-thread append+fdatasync ceiling.")
    static final class Commits implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin CommitOptions commit;

        @Override
        public Integer call() throws Exception {
            Report report = new Report(System.out, spec, common);
            report.commits(commit.config(common));
            return 0;
        }
    }

    @Command(name = "engines", mixinStandardHelpOptions = true,
            description = {"B-Tree vs LSM: random and sequential puts, point gets (hits and misses), range scans and "
                    + "update churn on shaledb-btree, shaledb-lsm and rocksdb, with throughput and write, space and read "
                    + "amplification. Same data, same options, one process, the real disk.",
                    "Markdown report on stdout (and --out FILE), progress bar on stderr."})
    static final class Compare implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin CompareOptions compare;

        @Option(names = "--out", description = "Also write the comparison's markdown section to this file")
        Path out;

        @Override
        public Integer call() throws Exception {
            CompareSuite.Config config = compare.config(common);
            Report report = new Report(System.out, spec, common);
            report.compare(config, out);
            return 0;
        }
    }

    @Command(name = "txn", mixinStandardHelpOptions = true,
            description = {"Transactions over the PostgreSQL protocol: the same pgbench scripts (uncontended and contended "
                    + "updates, a hot transfer) at READ COMMITTED, REPEATABLE READ and SERIALIZABLE against PostgreSQL 15 "
                    + "(fsync on) and a ShaleDB server, one run on this machine: tps, ShaleDB ÷ PostgreSQL, failed and "
                    + "retried transactions. Needs pgbench 15+ and the PostgreSQL server binaries.",
                    "Exits 1 if a run failed (the report shows the server's error)."})
    static final class Txn implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin TxnOptions txn;

        @Override
        public Integer call() throws Exception {
            TxnSuite.Config config = txn.config(common);
            Optional<String> missing = TxnSuite.whatIsMissing(config);
            if (missing.isPresent()) {
                spec.commandLine().getErr().println("shale-bench txn: cannot run: " + missing.get());
                return 1;
            }
            Report report = new Report(System.out, spec, common);
            return report.txn(config) ? 0 : 1;
        }
    }

    @Command(name = "pgbench", mixinStandardHelpOptions = true,
            description = {"pgbench's own benchmark, unmodified: pgbench -i -s N on PostgreSQL 15 and on a ShaleDB server "
                    + "(fsync and synchronous commit on both), then the TPC-B-like script and -S (select only) on each in turn: "
                    + "tps, ShaleDB ÷ PostgreSQL against the 0.6× target, and the balance check afterwards. "
                    + "Needs pgbench 15+ and the PostgreSQL server binaries.",
                    "Exits 1 if a run failed, a transaction failed or the balances disagree."})
    static final class PgbenchCommand implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--scale", description = "pgbench -i -s. Default: ${DEFAULT-VALUE}")
        int scale = 10;

        @Option(names = "--scripts", split = ",", description = "tpcb, select-only. Default: both")
        List<String> scripts = List.of("tpcb", "select-only");

        @Option(names = "--modes", split = ",", description = "pgbench -M: simple, extended, prepared. Default: simple")
        List<String> modes = List.of("simple");

        @Option(names = "--clients", description = "pgbench -c. Default: ${DEFAULT-VALUE}")
        int clients = 4;

        @Option(names = "--threads", description = "pgbench -j. Default: ${DEFAULT-VALUE}")
        int threads = 2;

        @Option(names = "--seconds", description = "pgbench -T of each measured run. Default: ${DEFAULT-VALUE}")
        int seconds = 30;

        @Option(names = "--warmup-seconds", description = "pgbench -T of the discarded run before each measured one. Default: ${DEFAULT-VALUE}")
        int warmupSeconds = 10;

        @Option(names = "--server-heap", description = "-Xmx of the ShaleDB server JVM. Default: ${DEFAULT-VALUE}")
        String serverHeap = "2g";

        @Option(names = "--pgbench", description = "The pgbench binary (15 or newer). Default: found on PATH, /usr/bin, /usr/lib/postgresql/*/bin")
        Path pgbench;

        @Override
        public Integer call() throws Exception {
            PgbenchSuite.Config config = new PgbenchSuite.Config(scale,
                    scripts.stream().map(PgbenchSuite.Script::parse).toList(), modes, clients, threads, warmupSeconds,
                    seconds, serverHeap, pgbench, common.dir());
            Optional<String> missing = PgbenchSuite.whatIsMissing(config);
            if (missing.isPresent()) {
                spec.commandLine().getErr().println("shale-bench pgbench: cannot run: " + missing.get());
                return 1;
            }
            new Report(System.out, spec, common);
            PgbenchSuite.Results r = new PgbenchSuite(config, System.err).run();
            System.out.print(PgbenchReport.render(r));
            System.out.flush();
            return r.problems().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = {"Queries against PostgreSQL 15: the same shop (users, orders, order_items, products) loaded by COPY "
                    + "into a ShaleDB server and a throwaway PostgreSQL 15 (fsync and synchronous_commit on), the same indexes, "
                    + "ANALYZE and VACUUM; then point lookups, range scans, the seed's query, 3-way joins, aggregates and top-N, "
                    + "each checked to answer the same on both and timed on each: p50 and mean latency, PostgreSQL ÷ ShaleDB, "
                    + "and their geometric mean against the target of 0.7.",
                    "Without PostgreSQL installed (or with --no-postgres) ShaleDB runs alone.",
                    "Exits 1 if a query failed or the answers differed."})
    static final class Query implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin QueryOptions query;

        @Override
        public Integer call() throws Exception {
            QuerySuite.Config config = query.config(common);
            Report report = new Report(System.out, spec, common);
            return report.query(config) ? 0 : 1;
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true,
            description = {"peers, then commits, then engines, then txn, then query (at the profile's sizes), in one report.",
                    "txn is skipped, with a note in the report, where pgbench or PostgreSQL is not installed; query then runs ShaleDB alone."})
    static final class All implements Callable<Integer> {
        @Mixin Common common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin EngineOptions engine;
        @Mixin CommitOptions commit;

        @Option(names = "--compare-out", description = "Also write the compare section's markdown to this file")
        Path compareOut;

        @Override
        public Integer call() throws Exception {
            Report report = new Report(System.out, spec, common);
            report.engines(engine.config(common));
            report.commits(commit.config(common));
            report.compare(new CompareOptions().config(common), compareOut);
            TxnSuite.Config txn = new TxnOptions().config(common);
            Optional<String> missing = TxnSuite.whatIsMissing(txn);
            boolean ok = true;
            if (missing.isPresent()) {
                report.skipped("Transactions over the PostgreSQL protocol", missing.get());
            } else {
                ok = report.txn(txn);
            }
            ok &= report.query(new QueryOptions().config(common));
            return ok ? 0 : 1;
        }
    }

    /** Prints the report: a header once, then each suite's section as it finishes. */
    static final class Report {
        private final PrintStream out;

        Report(PrintStream out, CommandLine.Model.CommandSpec spec, Common common) {
            this.out = out;
            Runtime rt = Runtime.getRuntime();
            out.println("# ShaleDB benchmarks");
            out.println();
            out.println("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            out.println("- command: `java -jar bench/target/shale-bench.jar " + String.join(" ", args) + "` (profile "
                    + common.profile().name().toLowerCase(java.util.Locale.ROOT) + ")");
            out.println("- machine: " + rt.availableProcessors() + " CPUs, " + (rt.maxMemory() >> 20) + " MiB max heap (runner), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            out.println("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            out.println("- data directory parent: " + common.dir().toAbsolutePath());
            out.println();
        }

        void engines(EngineSuite.Config config) throws Exception {
            EngineSuite.Results r = new EngineSuite(config, System.err).run();
            out.println("## Storage engines (JMH, ops/s, one thread)");
            out.println();
            out.printf("%,d keys of %d bytes with %d-byte values (durable put: %,d keys), %d MiB cache per store; "
                            + "JMH %d × %d s warm-up, %d × %d s measured, %d fork(s) per trial. "
                            + "± is JMH's 99.9%% confidence half-width.%n%n",
                    config.keys(), io.shaledb.bench.engine.Dataset.KEY_BYTES, io.shaledb.bench.engine.Dataset.VALUE_BYTES,
                    config.durableKeys(), config.cacheMb(), config.warmupIterations(), config.iterationSeconds(),
                    config.iterations(), config.iterationSeconds(), config.forks());
            out.println(EngineSuite.table(r));
            out.println("What a put does in each store:");
            out.println();
            out.println(EngineSuite.durabilityTable(config));
            out.flush();
        }

        void compare(CompareSuite.Config config, Path file) throws Exception {
            CompareSuite.Results r = new CompareSuite(config, System.err).run();
            String section = CompareReport.render(r);
            out.print(section);
            out.flush();
            if (file != null) {
                try {
                    Files.writeString(file, section);
                } catch (IOException e) {
                    throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
        }

        /** Runs the transaction suite and prints its section; false if any of its runs failed. */
        boolean txn(TxnSuite.Config config) throws Exception {
            TxnSuite.Results r = new TxnSuite(config, System.err).run();
            out.print(TxnReport.render(r));
            out.flush();
            return r.errors().isEmpty();
        }

        /** Runs the query suite and prints its section; false if a query failed or the answers differed. */
        boolean query(QuerySuite.Config config) throws Exception {
            QuerySuite.Results r = new QuerySuite(config, System.err).run();
            out.print(QueryReport.render(r));
            out.flush();
            return r.invalid().isEmpty();
        }

        void skipped(String section, String why) {
            out.println("## " + section);
            out.println();
            out.println("**Skipped**: " + why);
            out.println();
            out.flush();
            System.err.println("!!! skipped " + section + ": " + why);
        }

        void commits(CommitSuite.Config config) throws Exception {
            CommitSuite.Results r = new CommitSuite(config, CommitSuite.defaultTargets(), System.err).run();
            out.println("## Durable commits (single-key, each acknowledged only once on disk)");
            out.println();
            out.printf("Committers %s, %.1f s warm-up and %.1f s measured per run; ceiling = mean of the two "
                            + "one-thread 4 KiB append + fdatasync runs = %s/s.%n%n",
                    config.committers(), config.warmup().toMillis() / 1000.0, config.duration().toMillis() / 1000.0,
                    MarkdownTable.count(r.ceiling()));
            out.println(CommitSuite.table(r));
            for (String v : CommitSuite.verdicts(r)) {
                out.println("- " + v);
            }
            out.println();
            out.flush();
        }
    }

    static int orElse(Integer v, int dflt) {
        return v != null ? v : dflt;
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}

package io.shaledb.bench.query;

import io.shaledb.bench.txn.BenchServer;
import io.shaledb.bench.txn.PostgresServer;
import io.shaledb.bench.txn.ShaleServer;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;

/**
 * The query benchmark: a ShaleDB server and (when installed) a throwaway PostgreSQL 15 get the same
 * shop ({@link QueryData}) through COPY, the same secondary indexes, {@code ANALYZE} and
 * {@code VACUUM}; then every query of {@link BenchQuery#all} is checked to give the same answer on
 * both and timed on each, the servers taking turns in rounds. Statements a server does not support
 * (ShaleDB is still gaining {@code ANALYZE}, index data, ...) are recorded, not fatal; a query that
 * fails or answers differently is reported and left out of the geometric mean.
 *
 * <p>Both servers and the data files are deleted when {@link #run()} returns or throws.
 */
public final class QuerySuite {

    /** The reference every ratio divides by, when it runs. */
    public static final String REFERENCE = "postgresql";
    /** The target: geometric mean of PostgreSQL latency ÷ ShaleDB latency. */
    public static final double TARGET = 0.7;
    /** Distinct parameter draws per query that the timed iterations cycle through. */
    static final int DRAWS = 64;
    /** Rounds in which the servers take turns timing a query. */
    static final int ROUNDS = 4;

    /**
     * The suite's knobs.
     *
     * @param sizes rows of the shop's tables
     * @param warmup how long each server runs each query untimed before the timed executions (at
     *     least once): a JVM server needs its JIT to compile the paths a query takes
     * @param iterations timed executions of each query on each server (at most; see {@code maxPerQuery})
     * @param maxPerQuery a server stops timing a query after this long, whatever the count:
     *     ShaleDB's scans may take seconds each
     * @param verifyDraws parameter draws compared between the servers per query (1 for a query without parameters)
     * @param explain print {@code EXPLAIN} (with {@code ANALYZE} where supported) of every query on every server
     * @param postgres run PostgreSQL 15 next to ShaleDB; without it there are no ratios and no verification
     * @param engine the ShaleDB server's default engine ({@code btree} or {@code lsm})
     * @param serverHeap {@code -Xmx} of the ShaleDB server JVM
     * @param pgSettings extra PostgreSQL settings, {@code name=value}
     * @param queryTimeout one execution taking longer is cancelled and the query marked failed on that server
     * @param queries names of the queries to run, or empty for all
     * @param seed seed of the data and the parameter draws
     * @param dir parent of the data files and the ShaleDB data directory
     */
    public record Config(QueryData.Sizes sizes, Duration warmup, int iterations, Duration maxPerQuery, int verifyDraws,
                         boolean explain, boolean postgres, String engine, String serverHeap, List<String> pgSettings,
                         Duration queryTimeout, List<String> queries, long seed, Path dir, String protocol) {
        /** The simple query protocol, parameters inlined (the default). */
        public Config(QueryData.Sizes sizes, Duration warmup, int iterations, Duration maxPerQuery, int verifyDraws,
                      boolean explain, boolean postgres, String engine, String serverHeap, List<String> pgSettings,
                      Duration queryTimeout, List<String> queries, long seed, Path dir) {
            this(sizes, warmup, iterations, maxPerQuery, verifyDraws, explain, postgres, engine, serverHeap, pgSettings,
                    queryTimeout, queries, seed, dir, "simple");
        }

        public Config {
            if (!protocol.equals("simple") && !protocol.equals("extended")) {
                throw new IllegalArgumentException("--protocol is simple or extended, got '" + protocol + "'");
            }
            pgSettings = List.copyOf(pgSettings);
            queries = List.copyOf(queries);
            engine = ShaleServer.parseEngine(engine);
            if (warmup.isNegative() || iterations < 1 || verifyDraws < 1) {
                throw new IllegalArgumentException("need --warmup-seconds >= 0, --iterations >= 1 and --verify-draws >= 1");
            }
            if (maxPerQuery.isNegative() || maxPerQuery.isZero() || queryTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("--max-seconds-per-query and --query-timeout must be positive");
            }
            List<String> known = queryNames();
            for (String name : queries) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown query '" + name + "'; one of " + known);
                }
            }
        }
    }

    /** A server of the run and how it was set up. */
    public record ServerInfo(String name, String description) {}

    /** One table loaded into one server. */
    public record Load(String server, String table, long rows, Duration elapsed) {}

    /** A setup statement on one server: how long it took, or the error it gave (SQLSTATE, message). */
    public record Step(String server, String sql, Duration elapsed, String sqlState, String error) {
        public boolean ok() {
            return error == null;
        }

        /** {@code 0A000}: the server says it does not support this yet. */
        public boolean unsupported() {
            return "0A000".equals(sqlState);
        }
    }

    /** Latency of one query on one server, microseconds. */
    public record Latency(int iterations, double p50, double mean, double p99, double max) {
        static Latency of(Histogram h) {
            return new Latency((int) h.getTotalCount(), h.getValueAtPercentile(50), h.getMean(), h.getValueAtPercentile(99),
                    h.getMaxValue());
        }
    }

    /**
     * One query's outcome.
     *
     * @param example the first draw's SQL text
     * @param rows rows of the first draw's answer (from the reference when it ran)
     * @param latency per server that ran it without error, in run order
     * @param errors per server whose execution failed: the message
     * @param mismatch how an answer differed from the reference's, or null
     * @param explain per server: the plan text, or why there is none
     */
    public record QueryResult(BenchQuery query, String example, int rows, Map<String, Latency> latency,
                              Map<String, String> errors, String mismatch, Map<String, String> explain) {
        /** PostgreSQL p50 ÷ ShaleDB p50, or empty when either is missing or the answers differed. */
        public Optional<Double> ratio(String shale) {
            Latency pg = latency.get(REFERENCE);
            Latency s = latency.get(shale);
            if (pg == null || s == null || mismatch != null || !errors.isEmpty() || s.p50() <= 0) {
                return Optional.empty();
            }
            return Optional.of(pg.p50() / s.p50());
        }
    }

    /** Everything measured. */
    public record Results(Config config, Instant anchor, String shaleName, List<ServerInfo> servers, List<Load> loads,
                          List<Step> steps, List<QueryResult> queries, String postgresSkipped, String postgresSettings,
                          Duration elapsed) {
        public boolean hasReference() {
            return servers.stream().anyMatch(s -> s.name().equals(REFERENCE));
        }

        /** Geometric mean of the valid ratios, or empty when there is none. */
        public Optional<Double> geometricMean() {
            List<Double> ratios = queries.stream().filter(q -> q.query().inMean())
                    .flatMap(q -> q.ratio(shaleName).stream()).toList();
            if (ratios.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Math.exp(ratios.stream().mapToDouble(Math::log).sum() / ratios.size()));
        }

        /** Queries whose answers differ between the servers or that failed on one of them. */
        public List<QueryResult> invalid() {
            return queries.stream().filter(q -> q.mismatch() != null || !q.errors().isEmpty()).toList();
        }
    }

    /** A running server with the one connection the suite uses. */
    private record Target(BenchServer server, Connection connection) {
        String name() {
            return server.name();
        }
    }

    private final Config config;
    private final PrintStream progress;

    public QuerySuite(Config config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Why PostgreSQL cannot run here, or empty when it can. */
    public static Optional<String> postgresMissing() {
        return PostgresPeer.whatIsMissing();
    }

    public Results run() throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(config.dir());
        Path root = Files.createTempDirectory(config.dir(), "shale-bench-query-");
        List<BenchServer> servers = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Throwable failure = null;
        try {
            QueryData data = new QueryData(config.sizes(), Instant.now(), config.seed());
            progress.printf(Locale.ROOT, "writing the data (%,d users, %,d orders, %,d products) ...%n",
                    config.sizes().users(), config.sizes().orders(), config.sizes().products());
            List<QueryData.TableFile> files = data.write(root.resolve("data"));
            String skipped = null;
            if (config.postgres()) {
                Optional<String> missing = postgresMissing();
                if (missing.isEmpty()) {
                    progress.println("starting PostgreSQL (fsync on, synchronous_commit on) ...");
                    servers.add(PostgresServer.start(config.pgSettings()));
                } else {
                    skipped = missing.get();
                    progress.println("!!! PostgreSQL is not available, ShaleDB runs alone: " + skipped);
                }
            } else {
                skipped = "not requested (--no-postgres)";
            }
            progress.println("starting ShaleDB (" + config.engine() + ") ...");
            ShaleServer shale = ShaleServer.start(config.engine(), config.serverHeap(), root);
            servers.add(shale);
            for (BenchServer s : servers) {
                targets.add(new Target(s, connect(s)));
            }
            List<Load> loads = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            for (Target t : targets) {
                loads.addAll(load(t, files));
                steps.addAll(prepare(t));
            }
            String settings = null;
            for (Target t : targets) {
                if (t.name().equals(REFERENCE)) {
                    settings = postgresSettings(t);
                }
            }
            List<QueryResult> results = new ArrayList<>();
            for (BenchQuery q : selected(data)) {
                results.add(measure(q, targets));
            }
            List<ServerInfo> infos = servers.stream().map(s -> new ServerInfo(s.name(), s.describe())).toList();
            return new Results(config, data.anchor(), shale.name(), infos, loads, steps, results, skipped, settings,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            closeAll(targets, servers, root, failure);
        }
    }

    private List<BenchQuery> selected(QueryData data) {
        List<BenchQuery> all = BenchQuery.all(data);
        if (config.queries().isEmpty()) {
            return all;
        }
        return all.stream().filter(q -> config.queries().contains(q.name())).toList();
    }

    /** The names of the fixed query set, for the command line's help and checks. */
    public static List<String> queryNames() {
        return BenchQuery.all(new QueryData(new QueryData.Sizes(1, 1, 10), Instant.EPOCH, 0)).stream()
                .map(BenchQuery::name).toList();
    }

    private Connection connect(BenchServer s) throws IOException {
        var e = s.endpoint();
        try {
            Connection c = DriverManager.getConnection(e.jdbcUrl(config.protocol()), e.user(), "");
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            return c;
        } catch (SQLException x) {
            throw new IOException("cannot connect to " + s.name() + " at " + e + ": " + describe(x), x);
        }
    }

    /** The PostgreSQL settings that shape these plans, as one line for the report. */
    private static String postgresSettings(Target t) throws IOException {
        String sql = "SELECT current_setting('jit'), pg_jit_available(), current_setting('work_mem'),"
                + " current_setting('shared_buffers'), current_setting('max_parallel_workers_per_gather')";
        try (Statement st = t.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return "jit " + rs.getString(1) + " (JIT compiler " + (rs.getBoolean(2) ? "available" : "not installed")
                    + "), work_mem " + rs.getString(3) + ", shared_buffers " + rs.getString(4)
                    + ", max_parallel_workers_per_gather " + rs.getString(5);
        } catch (SQLException e) {
            throw new IOException("reading PostgreSQL's settings: " + describe(e), e);
        }
    }

    /** Creates the tables and COPYs every file in; any failure here is fatal (nothing to measure). */
    private List<Load> load(Target t, List<QueryData.TableFile> files) throws IOException {
        List<Load> loads = new ArrayList<>();
        try (Statement st = t.connection().createStatement()) {
            for (String table : List.of("order_items", "orders", "products", "users")) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String ddl : QueryData.schema()) {
                st.execute(ddl);
            }
            var copy = t.connection().unwrap(PGConnection.class).getCopyAPI();
            for (QueryData.TableFile f : files) {
                long t0 = System.nanoTime();
                long n;
                try (InputStream in = Files.newInputStream(f.file())) {
                    n = copy.copyIn(f.copySql(), in, 1 << 16);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                if (n != f.rows()) {
                    throw new IOException(t.name() + ": COPY " + f.table() + " reported " + n + " rows, expected " + f.rows());
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + f.table())) {
                    long counted = rs.next() ? rs.getLong(1) : -1;
                    if (counted != f.rows()) {
                        throw new IOException(t.name() + ": " + f.table() + " has " + counted + " rows after COPY, expected " + f.rows());
                    }
                }
                progress.printf(Locale.ROOT, "%-14s COPY %-12s %,10d rows in %6.1f s%n", t.name(), f.table(), n,
                        took.toNanos() / 1e9);
                loads.add(new Load(t.name(), f.table(), n, took));
            }
        } catch (SQLException e) {
            throw new IOException("loading the data into " + t.name() + ": " + describe(e), e);
        }
        return loads;
    }

    /** Indexes, ANALYZE and VACUUM: each statement's time or error is recorded, none is fatal. */
    private List<Step> prepare(Target t) {
        List<String> statements = new ArrayList<>(QueryData.indexes());
        statements.addAll(QueryData.maintenance());
        List<Step> steps = new ArrayList<>();
        for (String sql : statements) {
            long t0 = System.nanoTime();
            try (Statement st = t.connection().createStatement()) {
                st.execute(sql);
                steps.add(new Step(t.name(), sql, Duration.ofNanos(System.nanoTime() - t0), null, null));
            } catch (SQLException e) {
                steps.add(new Step(t.name(), sql, Duration.ofNanos(System.nanoTime() - t0), e.getSQLState(),
                        firstLine(e.getMessage())));
                progress.printf("!!! %s cannot run `%s`: %s%n", t.name(), sql, describe(e));
            }
        }
        return steps;
    }

    /** Verifies, then times one query on every server, then (if asked) explains it. */
    private QueryResult measure(BenchQuery q, List<Target> targets) {
        List<String> texts = q.texts(config.seed(), DRAWS);
        Map<String, String> errors = new LinkedHashMap<>();
        String mismatch = null;
        int rows = -1;
        int draws = q.constant() ? 1 : Math.min(config.verifyDraws(), DRAWS);
        for (int d = 0; d < draws && mismatch == null; d++) {
            ResultRows reference = null;
            String referenceName = null;
            for (Target t : targets) {
                if (errors.containsKey(t.name())) {
                    continue;
                }
                try {
                    ResultRows answer = answer(t, texts.get(d));
                    if (reference == null) {
                        reference = answer;
                        referenceName = t.name();
                        if (d == 0) {
                            rows = answer.rows().size();
                        }
                    } else {
                        Optional<String> diff = reference.difference(answer, q.totalOrder());
                        if (diff.isPresent()) {
                            mismatch = t.name() + " vs " + referenceName + " on `" + texts.get(d) + "`: " + diff.get();
                            progress.println("!!! RESULTS DIFFER for " + q.name() + ": " + mismatch);
                        }
                    }
                } catch (SQLException e) {
                    errors.put(t.name(), describe(e));
                    progress.printf("!!! %s failed %s: %s%n", t.name(), q.name(), describe(e));
                }
            }
        }
        Map<String, Latency> latency = time(q, targets, texts, errors);
        Map<String, String> explain = new LinkedHashMap<>();
        if (config.explain()) {
            for (Target t : targets) {
                explain.put(t.name(), explain(t, texts.getFirst()));
            }
        }
        return new QueryResult(q, texts.getFirst(), rows, latency, errors, mismatch, explain);
    }

    private ResultRows answer(Target t, String sql) throws SQLException {
        try (Statement st = t.connection().createStatement()) {
            st.setQueryTimeout((int) config.queryTimeout().toSeconds());
            try (ResultSet rs = st.executeQuery(sql)) {
                return ResultRows.read(rs);
            }
        }
    }

    /**
     * Warms each server up on the query, then times it in {@value #ROUNDS} rounds in which the
     * servers take turns, each running its share of the executions (and of the time cap) per
     * round: a machine that gets busier or quieter while a query is measured then weighs on every
     * server alike. Each execution is the full round trip with every row fetched. A server whose
     * execution fails is dropped from the query with its error in {@code errors}.
     */
    private Map<String, Latency> time(BenchQuery q, List<Target> targets, List<String> texts, Map<String, String> errors) {
        List<List<Object>> params = q.parameterized() == null ? List.of() : q.parameterized().draws(config.seed(), texts.size());
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (Target t : targets) {
            if (!errors.containsKey(t.name())) {
                histograms.put(t.name(), new Histogram(3_600_000_000L, 3));
                position.put(t.name(), 0);
            }
        }
        int perRound = Math.max(1, (config.iterations() + ROUNDS - 1) / ROUNDS);
        long roundNanos = config.maxPerQuery().toNanos() / ROUNDS;
        for (int round = -1; round < ROUNDS; round++) {
            for (Target t : targets) {
                Histogram h = histograms.get(t.name());
                if (h == null || errors.containsKey(t.name()) || (round >= 0 && h.getTotalCount() >= config.iterations())) {
                    continue;
                }
                try (Statement st = t.connection().createStatement();
                        PreparedStatement ps = prepared(q, t)) {
                    st.setQueryTimeout((int) config.queryTimeout().toSeconds());
                    Executor run = ps == null ? j -> execute(st, texts.get(j % texts.size()))
                            : j -> execute(ps, params.get(j % params.size()));
                    int i = position.get(t.name());
                    long start = System.nanoTime();
                    if (round < 0) {      // the warm-up
                        for (long n = 0; n == 0 || System.nanoTime() - start < config.warmup().toNanos(); n++) {
                            run.execute(i++);
                        }
                    } else {
                        long limit = Math.min(perRound, config.iterations() - h.getTotalCount());
                        for (long n = 0; n < limit && (n == 0 || System.nanoTime() - start < roundNanos); n++) {
                            long t0 = System.nanoTime();
                            run.execute(i++);
                            h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        }
                    }
                    position.put(t.name(), i);
                } catch (SQLException e) {
                    errors.put(t.name(), describe(e));
                    progress.printf("!!! %s failed %s while timing: %s%n", t.name(), q.name(), describe(e));
                }
            }
        }
        Map<String, Latency> latency = new LinkedHashMap<>();
        histograms.forEach((name, h) -> {
            if (!errors.containsKey(name)) {
                Latency l = Latency.of(h);
                latency.put(name, l);
                progress.printf(Locale.ROOT, "%-14s %-20s p50 %10.3f ms  mean %10.3f ms  (%d runs)%n", name, q.name(),
                        l.p50() / 1000, l.mean() / 1000, l.iterations());
            }
        });
        return latency;
    }

    /** One timed execution of draw {@code i}. */
    @FunctionalInterface
    private interface Executor {
        void execute(int i) throws SQLException;
    }

    /**
     * With {@code --protocol extended}, a query with a parameterized form runs as one
     * PreparedStatement per server (pgjdbc turns it into a named server-side statement after
     * its fifth use, then sends only Bind/Execute); null otherwise.
     */
    private PreparedStatement prepared(BenchQuery q, Target t) throws SQLException {
        if (!config.protocol().equals("extended") || q.parameterized() == null) {
            return null;
        }
        PreparedStatement ps = t.connection().prepareStatement(q.parameterized().sql());
        ps.setQueryTimeout((int) config.queryTimeout().toSeconds());
        return ps;
    }

    private static void execute(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int p = 0; p < params.size(); p++) {
            ps.setObject(p + 1, params.get(p));
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // as below
            }
        }
    }

    private static void execute(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                // pgjdbc has already read the whole answer; walking it is the client's share of the work
            }
        }
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)} of the query, falling back to plain {@code EXPLAIN} where
     * the options are not supported; the error text when neither is.
     */
    private String explain(Target t, String sql) {
        String first = null;
        for (String prefix : List.of("EXPLAIN (ANALYZE, BUFFERS) ", "EXPLAIN ")) {
            try (Statement st = t.connection().createStatement()) {
                st.setQueryTimeout((int) config.queryTimeout().toSeconds());
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery(prefix + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return (first == null ? "" : "(" + prefix.strip() + "; with options: " + first + ")\n") + plan;
            } catch (SQLException e) {
                if (first == null) {
                    first = describe(e);
                } else {
                    return "no plan: " + describe(e);
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The server's message without pgjdbc's "Position:" and "Hint:" lines, and the SQLSTATE. */
    static String describe(SQLException e) {
        return firstLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void closeAll(List<Target> targets, List<BenchServer> servers, Path root, Throwable failure)
            throws IOException {
        List<Exception> problems = new ArrayList<>();
        for (Target t : targets) {
            try {
                t.connection().close();
            } catch (SQLException e) {
                problems.add(e);
            }
        }
        for (BenchServer s : servers.reversed()) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                problems.add(new IOException("could not stop " + s.name() + ": " + e.getMessage(), e));
            }
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            problems.add(e);
        }
        if (problems.isEmpty()) {
            return;
        }
        if (failure != null) {
            problems.forEach(failure::addSuppressed);
            return;
        }
        IOException first = problems.getFirst() instanceof IOException io ? io
                : new IOException(problems.getFirst().getMessage(), problems.getFirst());
        problems.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }
}

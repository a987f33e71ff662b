package io.shaledb.testkit.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the list-append workload against a live PostgreSQL-protocol server and records the
 * history for {@link HistoryChecker}.
 *
 * <pre>{@code
 * ListAppendWorkload w = new ListAppendWorkload(() -> DriverManager.getConnection(url, "u", ""),
 *         ListAppendWorkload.Config.defaults("SERIALIZABLE"));
 * w.setUp();
 * ListAppendWorkload.Result r = w.run();
 * r.checkSerializable().assertValid();
 * }</pre>
 *
 * The table is {@code hist (k int primary key, v text)} with one row per key, {@code v = ''}. An
 * append is {@code update hist set v = v || ',' || 'e' where k = K}; a read {@code select v from
 * hist where k = K}; a range read {@code select k, v from hist where k >= A and k <= B}. Each client
 * has its own connection (autocommit on, explicit {@code BEGIN ISOLATION LEVEL ...} and
 * {@code COMMIT}, literal SQL text, so pgjdbc's {@code preferQueryMode=simple} is enough) and runs
 * random transactions of 1 to {@code maxOpsPerTxn} micro-ops over a few keys until the duration is
 * up. Any error aborts the transaction (ROLLBACK, then go on); SQLSTATE 40001 and 40P01 are the
 * expected ones under contention, anything else is collected as unexpected. A broken connection
 * during COMMIT makes the outcome unknown. After the run every key is read once more: the final
 * state.
 */
public final class ListAppendWorkload {
    private static final Logger log = LoggerFactory.getLogger(ListAppendWorkload.class);

    /** SQLSTATEs that a correct database may return under contention. */
    public static final Set<String> EXPECTED_SQLSTATES = Set.of("40001", "40P01");
    /** A run stops early once this many unexpected errors piled up: the server clearly cannot run it. */
    private static final int MAX_UNEXPECTED_ERRORS = 100;
    /** How many unexpected errors a result keeps, word for word. */
    private static final int SHOWN_UNEXPECTED_ERRORS = 10;

    /** Opens a new connection to the server under test. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /**
     * @param clients concurrent clients, each with its own connection
     * @param duration how long the clients start new transactions
     * @param keys the key space {@code 0..keys-1}: small, for contention
     * @param maxOpsPerTxn transactions have 1 to this many micro-ops
     * @param isolationLevel as SQL spells it: {@code SERIALIZABLE}, {@code REPEATABLE READ}, ...
     * @param seed for the clients' random choices (client p uses {@code seed + p})
     * @param table the table's name
     * @param hangTimeout how long after {@code duration} a client may still be busy before the run fails
     */
    public record Config(int clients, Duration duration, int keys, int maxOpsPerTxn, String isolationLevel, long seed,
            String table, Duration hangTimeout) {

        public Config {
            if (clients < 1 || keys < 1 || maxOpsPerTxn < 1) {
                throw new IllegalArgumentException("clients, keys and maxOpsPerTxn must be positive: " + clients + ", " + keys
                        + ", " + maxOpsPerTxn);
            }
            if (!table.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("table name must be a plain lower-case identifier: " + table);
            }
        }

        /** 6 clients, 3 seconds, 8 keys, up to 5 micro-ops, a random seed. */
        public static Config defaults(String isolationLevel) {
            return new Config(6, Duration.ofSeconds(3), 8, 5, isolationLevel, new Random().nextLong(), "hist", Duration.ofSeconds(30));
        }

        public Config withClients(int n) {
            return new Config(n, duration, keys, maxOpsPerTxn, isolationLevel, seed, table, hangTimeout);
        }

        public Config withDuration(Duration d) {
            return new Config(clients, d, keys, maxOpsPerTxn, isolationLevel, seed, table, hangTimeout);
        }

        public Config withKeys(int n) {
            return new Config(clients, duration, n, maxOpsPerTxn, isolationLevel, seed, table, hangTimeout);
        }

        public Config withSeed(long s) {
            return new Config(clients, duration, keys, maxOpsPerTxn, isolationLevel, s, table, hangTimeout);
        }
    }

    /**
     * What a run produced.
     *
     * @param config what ran
     * @param history every transaction and the final state
     * @param abortsBySqlState aborted transactions per SQLSTATE of their error
     * @param unexpectedErrors the first few errors whose SQLSTATE is not in {@link #EXPECTED_SQLSTATES}
     * @param unexpectedErrorCount how many such errors there were in all
     * @param elapsed wall time of the run
     */
    public record Result(Config config, History history, Map<String, Integer> abortsBySqlState, List<String> unexpectedErrors,
            int unexpectedErrorCount, Duration elapsed) {

        public long count(Txn.Outcome outcome) {
            return history.transactions().stream().filter(t -> t.outcome() == outcome).count();
        }

        public CheckReport checkSerializable() {
            return HistoryChecker.checkSerializable(history);
        }

        public CheckReport checkSnapshotIsolation() {
            return HistoryChecker.checkSnapshotIsolation(history);
        }

        @Override
        public String toString() {
            return "list-append at " + config.isolationLevel() + " (" + config.clients() + " clients, " + config.keys()
                    + " keys, seed " + config.seed() + "): " + history.transactions().size() + " transactions in "
                    + elapsed.toMillis() + " ms, " + count(Txn.Outcome.COMMITTED) + " committed, "
                    + count(Txn.Outcome.ABORTED) + " aborted " + abortsBySqlState + ", " + count(Txn.Outcome.UNKNOWN)
                    + " unknown" + (unexpectedErrorCount == 0 ? ""
                            : "; " + unexpectedErrorCount + " unexpected errors, the first: " + String.join(" | ", unexpectedErrors));
        }
    }

    private final ConnectionFactory connections;
    private final Config config;
    private final AtomicInteger nextTxnId = new AtomicInteger(1);
    private final List<Txn> transactions = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> aborts = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger unexpectedCount = new AtomicInteger();
    private final AtomicBoolean giveUp = new AtomicBoolean();

    public ListAppendWorkload(ConnectionFactory connections, Config config) {
        this.connections = connections;
        this.config = config;
    }

    /** (Re)creates the table with one empty list per key. */
    public void setUp() throws SQLException {
        try (Connection c = connections.open(); Statement st = c.createStatement()) {
            st.execute("drop table if exists " + config.table());
            st.execute("create table " + config.table() + " (k int primary key, v text)");
            StringBuilder insert = new StringBuilder("insert into " + config.table() + " values ");
            for (int k = 0; k < config.keys(); k++) {
                insert.append(k == 0 ? "" : ", ").append("(").append(k).append(", '')");
            }
            st.execute(insert.toString());
        }
    }

    /** Runs the clients for the configured duration, then reads the final state. */
    public Result run() throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.duration().toNanos();
        List<Client> clients = new ArrayList<>();
        for (int p = 0; p < config.clients(); p++) {
            clients.add(new Client(p, connections.open(), deadline));
        }
        clients.forEach(Thread::start);
        long hangDeadline = deadline + config.hangTimeout().toNanos();
        for (Client client : clients) {
            client.join(Math.max(1, (hangDeadline - System.nanoTime()) / 1_000_000));
        }
        List<String> stuck = clients.stream().filter(Thread::isAlive).map(c -> c.getName() + " in " + c.current).toList();
        if (!stuck.isEmpty()) {
            clients.forEach(Client::abortConnection);
            throw new IllegalStateException("clients still busy " + config.hangTimeout().toSeconds()
                    + " s after the run should have ended (a hang or a lost wake-up in the server?): " + stuck);
        }
        for (Client client : clients) {
            if (client.failure != null) {
                throw new IllegalStateException(client.getName() + " failed outside any transaction", client.failure);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Txn> sorted = new ArrayList<>(transactions);
        sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
        Result result = new Result(config, new History(sorted, readFinalState()), new TreeMap<>(aborts), List.copyOf(unexpected),
                unexpectedCount.get(), elapsed);
        log.info("{}", result);
        return result;
    }

    private Map<Integer, List<String>> readFinalState() throws SQLException {
        Map<Integer, List<String>> state = new TreeMap<>();
        try (Connection c = connections.open(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select k, v from " + config.table() + " order by k")) {
            while (rs.next()) {
                state.put(rs.getInt(1), parse(rs.getString(2)));
            }
        }
        return state;
    }

    /** {@code ",a,b"} → [a, b]; anything else is kept as-is so the checker reports it as garbage. */
    static List<String> parse(String v) {
        if (v == null) {
            return List.of("<null>");
        }
        if (v.isEmpty()) {
            return List.of();
        }
        String body = v.startsWith(",") ? v.substring(1) : v;
        return Arrays.asList(body.split(",", -1));
    }

    private void recordUnexpected(String what) {
        int n = unexpectedCount.incrementAndGet();
        if (n <= SHOWN_UNEXPECTED_ERRORS) {
            unexpected.add(what);
        }
        if (n >= MAX_UNEXPECTED_ERRORS && giveUp.compareAndSet(false, true)) {
            log.warn("giving up after {} unexpected errors, the first: {}", n, unexpected.getFirst());
        }
    }

    /** {@code 40001: ERROR: could not serialize access ...}, on one line. */
    private static String describe(SQLException e) {
        return e.getSQLState() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " ");
    }

    private static boolean connectionLost(Connection c, SQLException e) {
        try {
            return (e.getSQLState() != null && e.getSQLState().startsWith("08")) || c.isClosed();
        } catch (SQLException probe) {
            return true;
        }
    }

    /** One client: its own connection and random stream, running transactions until the deadline. */
    private final class Client extends Thread {
        private final int process;
        private final Random random;
        private final long deadline;
        private Connection connection;
        private int elementCounter;
        volatile String current = "(idle)";
        volatile Throwable failure;

        Client(int process, Connection connection, long deadline) {
            super("list-append-p" + process);
            this.process = process;
            this.random = new Random(config.seed() + process);
            this.connection = connection;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                while (System.nanoTime() < deadline && !giveUp.get()) {
                    transactions.add(transaction());
                }
            } catch (SQLException | RuntimeException e) {
                failure = e;
                log.error("{} failed", getName(), e);
            } finally {
                abortConnection();
            }
        }

        void abortConnection() {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("{}: closing the connection failed: {}", getName(), describe(e));
            }
        }

        private Txn transaction() throws SQLException {
            int id = nextTxnId.getAndIncrement();
            long begin = System.nanoTime();
            List<MicroOp> ops = new ArrayList<>();
            boolean committing = false;
            try (Statement st = connection.createStatement()) {
                exec(st, "BEGIN ISOLATION LEVEL " + config.isolationLevel());
                for (int n = 1 + random.nextInt(config.maxOpsPerTxn()); n > 0; n--) {
                    microOp(st, ops);
                }
                committing = true;
                exec(st, "COMMIT");
                return new Txn(id, process, Txn.Outcome.COMMITTED, ops, null, begin, System.nanoTime());
            } catch (SQLException e) {
                String state = String.valueOf(e.getSQLState());
                if (!EXPECTED_SQLSTATES.contains(state)) {
                    recordUnexpected(getName() + " T" + id + " " + current + ": " + describe(e));
                }
                Txn.Outcome outcome = Txn.Outcome.ABORTED;
                if (connectionLost(connection, e)) {
                    log.info("{}: connection lost {}: {}", getName(), committing ? "during COMMIT" : "in a transaction", describe(e));
                    connection.close();
                    connection = connections.open();
                    outcome = committing ? Txn.Outcome.UNKNOWN : Txn.Outcome.ABORTED;
                } else {
                    rollback();
                }
                if (outcome == Txn.Outcome.ABORTED) {
                    aborts.merge(state, 1, Integer::sum);
                }
                return new Txn(id, process, outcome, ops, describe(e), begin, System.nanoTime());
            } finally {
                current = "(idle)";
            }
        }

        private void rollback() throws SQLException {
            try (Statement st = connection.createStatement()) {
                exec(st, "ROLLBACK");
            } catch (SQLException e) {
                recordUnexpected(getName() + " ROLLBACK: " + describe(e));
                if (connectionLost(connection, e)) {
                    connection.close();
                    connection = connections.open();
                }
            }
        }

        private void microOp(Statement st, List<MicroOp> ops) throws SQLException {
            int key = random.nextInt(config.keys());
            int dice = random.nextInt(100);
            String t = config.table();
            if (dice < 45) {
                String element = process + "_" + elementCounter++;
                ops.add(new MicroOp.Append(key, element));
                int updated = update(st, "update " + t + " set v = v || ',' || '" + element + "' where k = " + key);
                if (updated != 1) {
                    // the row always exists: the checker will report the append as lost
                    log.warn("{}: append of {} to key {} updated {} rows", getName(), element, key, updated);
                }
            } else if (dice < 85) {
                List<String> seen = null;
                try (ResultSet rs = query(st, "select v from " + t + " where k = " + key)) {
                    seen = rs.next() ? parse(rs.getString(1)) : List.of("<no row>");
                } finally {
                    ops.add(new MicroOp.Read(key, seen));
                }
            } else {
                int high = Math.min(config.keys() - 1, key + random.nextInt(3));
                Map<Integer, List<String>> seen = null;
                try (ResultSet rs = query(st, "select k, v from " + t + " where k >= " + key + " and k <= " + high)) {
                    Map<Integer, List<String>> rows = new TreeMap<>();
                    while (rs.next()) {
                        rows.put(rs.getInt(1), parse(rs.getString(2)));
                    }
                    seen = rows;
                } finally {
                    ops.add(new MicroOp.RangeRead(key, high, seen));
                }
            }
        }

        private void exec(Statement st, String sql) throws SQLException {
            current = sql;
            st.execute(sql);
        }

        private int update(Statement st, String sql) throws SQLException {
            current = sql;
            return st.executeUpdate(sql);
        }

        private ResultSet query(Statement st, String sql) throws SQLException {
            current = sql;
            return st.executeQuery(sql);
        }
    }
}

package io.shaledb.testkit.multisession;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named session of a script: its own pgjdbc connection, driven by its own thread so that a
 * statement waiting for a lock blocks only that thread.
 *
 * <p>Statements go through pgjdbc's query executor as simple-protocol queries rather than through
 * {@link java.sql.Statement}, because JDBC hides the command tag: a test must see whether
 * {@code COMMIT} answered {@code COMMIT} or {@code ROLLBACK}. The connection stays in auto-commit
 * mode and the driver never adds a {@code BEGIN}: scripts send their own.
 */
final class Session implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /** Type OIDs psql right-aligns: int2, int4, int8, oid, float4, float8, money, numeric. */
    private static final Set<Integer> NUMERIC_OIDS = Set.of(21, 23, 20, 26, 700, 701, 790, 1700);
    private static final int FLAGS = QueryExecutor.QUERY_EXECUTE_AS_SIMPLE | QueryExecutor.QUERY_SUPPRESS_BEGIN
            | QueryExecutor.QUERY_NO_BINARY_TRANSFER;

    private final String name;
    private final Connection connection;
    private final QueryExecutor executor;
    private final ExecutorService thread;

    Session(String name, Connection connection) throws SQLException {
        this.name = name;
        this.connection = connection;
        connection.setAutoCommit(true);
        this.executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "session-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    String name() {
        return name;
    }

    /** Sends {@code sql} from this session's thread; the future completes when the server has answered. */
    Future<StepOutcome> submit(String sql) {
        return thread.submit(() -> execute(sql));
    }

    /** The server process id of this session (from BackendKeyData), as pg_stat_activity shows it. */
    int backendPid() throws SQLException {
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    /**
     * Whether the server reports the backend {@code pid} as waiting for a lock (pg_stat_activity's
     * {@code wait_event_type = 'Lock'}). Runs on the calling thread: only for a session that is
     * otherwise idle, such as the runner's admin session.
     */
    boolean reportsLockWait(int pid) throws SQLException {
        try (var st = connection.prepareStatement("select wait_event_type from pg_stat_activity where pid = " + pid);
             var rs = st.executeQuery()) {
            return rs.next() && "Lock".equals(rs.getString(1));
        }
    }

    /** Asks the server to cancel whatever this session is running (a PostgreSQL cancel request). */
    void cancel() throws SQLException {
        connection.unwrap(PGConnection.class).cancelQuery();
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            thread.shutdownNow();
            try {
                if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("session {}: its thread did not stop within 5 s of closing the connection", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private StepOutcome execute(String sql) {
        Collector collector = new Collector();
        try {
            Query query = executor.createSimpleQuery(sql);
            executor.execute(query, query.createParameterList(), collector, 0, 0, FLAGS);
        } catch (SQLException e) {
            // the collector already holds errors the server sent; this is the driver's own failure
            if (collector.results.stream().noneMatch(r -> r instanceof StepOutcome.Error)) {
                collector.handleError(e);
            }
        }
        return new StepOutcome(collector.results, false);
    }

    /** Collects what the server answered, in order; never throws. */
    private static final class Collector extends ResultHandlerBase {
        final List<StepOutcome.Result> results = new ArrayList<>();

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            List<String> names = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            for (Field f : fields) {
                names.add(f.getColumnLabel());
                numeric.add(NUMERIC_OIDS.contains(f.getOID()));
            }
            List<String[]> rows = new ArrayList<>();
            for (Tuple t : tuples) {
                String[] cells = new String[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    byte[] v = t.get(i);
                    cells[i] = v == null ? null : new String(v, StandardCharsets.UTF_8);
                }
                rows.add(cells);
            }
            results.add(new StepOutcome.Rows(names, numeric, rows));
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            results.add(new StepOutcome.Tag(status));
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            ServerErrorMessage m = warning instanceof PSQLWarning w ? w.getServerErrorMessage() : null;
            results.add(m != null
                    ? new StepOutcome.Notice(m.getSeverity(), m.getSQLState(), m.getMessage())
                    : new StepOutcome.Notice("WARNING", warning.getSQLState(), warning.getMessage()));
        }

        @Override
        public void handleError(SQLException error) {
            ServerErrorMessage m = error instanceof PSQLException p ? p.getServerErrorMessage() : null;
            results.add(m != null
                    ? new StepOutcome.Error(m.getSQLState(), m.getMessage())
                    : new StepOutcome.Error(error.getSQLState() == null ? "?????" : error.getSQLState(),
                            "client: " + error.getMessage()));
        }

        @Override
        public void handleCompletion() {
            // errors are results here, not exceptions
        }
    }
}

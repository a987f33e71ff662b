package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.TransactionStatus;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.TransactionStatement;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.storage.CorruptDataException;
import io.shaledb.storage.EngineStoppedException;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session: parses a whole query string, then runs its statements in order, each inside a
 * transaction, with PostgreSQL's transaction-block rules.
 *
 * <pre>
 *            BEGIN                         error
 *   idle ───────────────> in block ─────────────────> failed (25P02 for everything
 *    ^  \                   |  COMMIT / ROLLBACK        |      but ROLLBACK [TO])
 *    |   \ statement        v                           |
 *    |    └─> implicit ──> idle  <──────────────────────┘ ROLLBACK / COMMIT
 *    |        (one per query string: all its statements commit together or not at all)
 * </pre>
 *
 * Outside a block, the statements of one query string share one implicit transaction, committed
 * when the string ends; an error rolls all of them back. {@code BEGIN} turns the current
 * implicit transaction into an explicit block. Inside a block an error leaves the transaction
 * failed — its locks held — until ROLLBACK, or ROLLBACK TO a savepoint, which revives it.
 */
public final class Session implements SqlSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Numbers internal errors so a client's report can be matched with the server log. */
    private static final java.util.concurrent.atomic.AtomicLong INCIDENTS = new java.util.concurrent.atomic.AtomicLong();

    /** What the session is doing, as pg_stat_activity's {@code state} says it. */
    public enum Activity {
        IDLE("idle"), ACTIVE("active"), IDLE_IN_TRANSACTION("idle in transaction"),
        IDLE_IN_FAILED_TRANSACTION("idle in transaction (aborted)");

        private final String pgName;

        Activity(String pgName) {
            this.pgName = pgName;
        }

        public String pgName() {
            return pgName;
        }
    }

    private final Executor executor;
    private final int pid;
    private final Consumer<Session> onClose;
    private final SessionSettings settings = new SessionSettings();
    private final SessionSequences sequences;
    private final Instant backendStart = Instant.now();

    /** A transaction context is open (implicit or explicit): settings are saved, SETs roll back with it. */
    private boolean inTransaction;
    /** Its MVCC transaction, created by the first statement that reads or writes data (or a SAVEPOINT). */
    private Transaction tx;
    /** Inside BEGIN ... COMMIT (rather than an implicit transaction). */
    private boolean explicit;
    /** The explicit block met an error: only ROLLBACK [TO SAVEPOINT] or COMMIT are accepted. */
    private boolean failed;
    /** Statements run in the current transaction; the first takes the snapshot. */
    private int statementsRun;
    /** Settings as they were when the transaction began, and at each open savepoint (newest first). */
    private SessionSettings.Saved savedAtBegin;
    private final Deque<NamedSave> savedAtSavepoints = new ArrayDeque<>();

    private record NamedSave(String name, SessionSettings.Saved saved) {}

    private volatile boolean running;
    private volatile String currentQuery = "";
    private volatile Instant queryStart;
    private volatile Instant xactStart;
    private volatile boolean cancelRequested;
    private volatile long deadlineNanos;
    private volatile boolean closed;
    /** Who logged in; who SET SESSION AUTHORIZATION made the session user; the role of SET ROLE (null: none). */
    private String authenticatedUser = io.shaledb.sql.privileges.Acl.DEFAULT_SUPERUSER;
    private String sessionUser = authenticatedUser;
    private String role;

    public Session(Executor executor, int pid, Consumer<Session> onClose) {
        this.executor = executor;
        this.pid = pid;
        this.onClose = onClose;
        this.sequences = new SessionSequences(executor.catalog());
        settings.transactionContext(new SessionSettings.TransactionContext() {
            @Override
            public boolean snapshotTaken() {
                return statementsRun > 0;
            }

            @Override
            public boolean inSubtransaction() {
                return !savedAtSavepoints.isEmpty();
            }

            @Override
            public boolean inTransactionBlock() {
                return explicit;
            }
        });
    }

    public int pid() {
        return pid;
    }

    /** Sets who logged in (the protocol's user name); privileges are checked for this role. */
    public void user(String name) {
        authenticatedUser = name;
        sessionUser = name;
        role = null;
    }

    /** The session user, as {@code session_user} and pg_stat_activity's usename show it. */
    public String sessionUser() {
        return sessionUser;
    }

    @Override
    public void execute(String sql, ResultSink client) {
        ResultSink sink = ClientMessages.filter(client, settings);
        if (closed) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "session is closed");
        }
        currentQuery = sql;
        queryStart = Instant.now();
        running = true;
        try {
            List<Statement> statements = Parser.parse(sql);
            if (statements.isEmpty()) {
                sink.emptyQuery();
                return;
            }
            SettingFunctions.with(settings, () -> {
                for (Statement s : statements) {
                    runStatement(s, statements.size() > 1, sink);
                }
                return null;
            });
            if (inTransaction && !explicit) {
                commitTransaction();
            }
        } catch (SqlException e) {
            statementFailed();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            statementFailed();
            throw translate(e, sql);
        } finally {
            running = false;
        }
    }

    private void runStatement(Statement s, boolean multiStatement, ResultSink sink) {
        runStatement(s, multiStatement, sink, null);
    }

    /** Runs {@code s}, or with a {@code body}, runs that in {@code s}'s statement context instead (describing it). */
    private void runStatement(Statement s, boolean multiStatement, ResultSink sink,
                              java.util.function.Consumer<Transaction> body) {
        if (s instanceof TransactionStatement ts) {
            transactionControl(ts, sink);
            return;
        }
        if (failed) {
            throw abortedBlock();
        }
        if (s instanceof Statement.Vacuum v) {
            if (explicit || multiStatement) {
                throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
            }
            VacuumOptions.of(v).checkCombinations();
            executor.vacuum(v, sink);
            return;
        }
        if (s instanceof Statement.CreateIndex ci && ci.concurrently() && (explicit || multiStatement)) {
            throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (s instanceof Statement.Reindex ri && ri.concurrently() && (explicit || multiStatement)) {
            throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "REINDEX CONCURRENTLY cannot run inside a transaction block");
        }
        beginTransaction();
        if (s instanceof Statement.SessionStatement ss) {
            settings.execute(ss, sink);
            return;
        }
        Transaction t = transaction();
        statementsRun++;
        StatementSettings ss = settings.statementSettings();
        long timeout = ss.statementTimeoutMillis();
        deadlineNanos = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : 0;
        cancelRequested = false;
        boolean writes = s instanceof Statement.Insert || s instanceof Statement.InsertOverriding || s instanceof Statement.Update || s instanceof Statement.Delete
                || s instanceof Statement.Select sel && !sel.locking().isEmpty()
                || s instanceof Statement.CreateTable || s instanceof Statement.DropTable
                || s instanceof Statement.AlterTable || s instanceof Statement.Truncate
                || s instanceof Statement.CreateSequence || s instanceof Statement.DropSequence
                || s instanceof Statement.CreateIndex || s instanceof Statement.DropIndex || s instanceof Statement.Reindex
                || s instanceof Statement.CreateView || s instanceof Statement.DropView
                || s instanceof Statement.CreateSchema || s instanceof Statement.DropSchema || s instanceof Statement.RenameSchema
                || s instanceof Statement.RoleStatement
                || s instanceof Statement.PrivilegeStatement && !(s instanceof Statement.SetRole)
                || s instanceof Statement.Copy c && c.from() || s instanceof Statement.Analyze
                || s instanceof Statement.CreateFunction || s instanceof Statement.DropFunction
                || s instanceof Statement.CreateTrigger || s instanceof Statement.DropTrigger || s instanceof Statement.EnableTrigger
                || s instanceof Statement.Explain e && ExplainExecutor.writes(e);
        t.beginStatement(this::cancelled, ss.lockTimeoutMillis() * 1_000_000, writes && body == null);
        // now() is the transaction's start, statement_timestamp() this statement's; timestamptz shows in TimeZone
        io.shaledb.sql.types.ObjectNames.install(new CatalogObjectNames(executor.catalog(), t));
        DateTimes.install(new DateTimes.Context(ss.timeZone(), DateTimes.fromInstant(xactStart),
                DateTimes.fromInstant(Instant.now())));
        io.shaledb.sql.exec.spill.WorkMem workMem = new io.shaledb.sql.exec.spill.WorkMem(ss.workMemBytes(),
                ss.hashMemMultiplier(), executor.tempFiles(), ss.logTempFilesKb(), ss.maintenanceWorkMemBytes());
        io.shaledb.sql.plan.CostModel costs = ss.costs();
        io.shaledb.sql.catalog.SearchPath.with(ss.searchPath(), () -> io.shaledb.sql.exec.spill.WorkMem.run(workMem,
                () -> StatementContext.with(t, sequences, () -> executor.routines().withNotices(sink,
                        () -> io.shaledb.sql.plan.CostModel.with(costs, () -> io.shaledb.sql.plan.PlannerSwitches.with(
                                ss.switches(),
                                () -> Decorrelator.with(ss.subqueryDecorrelation(), () -> io.shaledb.sql.exec.join.JoinSettings.with(
                                        ss.joins(), () -> {
            io.shaledb.sql.privileges.AccessControl access = new io.shaledb.sql.privileges.AccessControl(executor.catalog(), t,
                    sessionUser, role != null ? role : sessionUser);
            io.shaledb.sql.privileges.AccessControl.with(access, () -> {
            if (body != null) {
                body.accept(t);
            } else if (s instanceof Statement.SetRole sr) {
                setRole(sr, t, sink);
            } else if (s instanceof Statement.PrivilegeStatement ps) {
                new io.shaledb.sql.privileges.PrivilegeExecutor(access).execute(ps, sink);
            } else if (s instanceof Statement.Analyze a) {
                executor.statistics().analyze(a, t, sink, settings.defaultStatisticsTarget());
            } else if (s instanceof Statement.RoleStatement r) {
                new io.shaledb.sql.roles.RoleExecutor(executor.catalog()).execute(r, t, sink, settings.get("password_encryption"));
            } else {
                executor.execute(s, t, sink);
            }
            return null;
            });
            return null;
        }))))))));
    }

    /** SET ROLE / SET SESSION AUTHORIZATION and their resets, with PostgreSQL's permission rules. */
    private void setRole(Statement.SetRole sr, Transaction t, ResultSink sink) {
        io.shaledb.sql.catalog.Catalog catalog = executor.catalog();
        io.shaledb.sql.catalog.Role target = null;
        if (sr.role() != null) {
            target = catalog.role(t, sr.role().name());
            if (target == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + sr.role().name() + "\" does not exist");
            }
        }
        if (sr.sessionAuthorization()) {
            io.shaledb.sql.catalog.Role me = catalog.role(t, authenticatedUser);
            if (target != null && !target.name().equals(authenticatedUser) && me != null && !me.superuser()) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization");
            }
            sessionUser = target == null ? authenticatedUser : target.name();
            role = null;
        } else {
            if (target != null && !io.shaledb.sql.privileges.AccessControl.mayBecome(catalog, t, sessionUser, target)) {
                throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"" + target.name() + "\"");
            }
            role = target == null ? null : target.name();
        }
        sink.complete(sr.reset() ? "RESET" : "SET");
    }

    // ------------------------------------------------------------------ extended query protocol

    @Override
    public io.shaledb.sql.Prepared prepare(String sql, List<io.shaledb.sql.types.SqlType> declaredTypes) {
        if (closed) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "session is closed");
        }
        try {
            return ExtendedQueries.prepare(sql, declaredTypes, (s, body) -> runStatement(s, false, ExtendedQueries.NO_SINK, body),
                    executor);
        } catch (SqlException e) {
            statementFailed();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            statementFailed();
            throw translate(e, sql);
        }
    }

    @Override
    public void execute(io.shaledb.sql.Prepared statement, Object[] values, io.shaledb.sql.types.SqlType[] types,
                        ResultSink client) {
        ResultSink sink = ClientMessages.filter(client, settings);
        if (closed) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "session is closed");
        }
        PreparedQuery q = (PreparedQuery) statement;
        if (q.isEmpty()) {
            sink.emptyQuery();
            return;
        }
        currentQuery = q.sql();
        queryStart = Instant.now();
        running = true;
        try {
            ResultSink checked = ExtendedQueries.shapeChecked(q, sink);
            QueryParams.with(new QueryParams.Values(values, types), () -> SettingFunctions.with(settings, () -> {
                runStatement(q.statement(), false, checked);
                return null;
            }));
        } catch (ResultSink.Stop stop) {
            // the client closed a portal it had read part of: the query ends, not as a failure
        } catch (SqlException e) {
            statementFailed();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            statementFailed();
            throw translate(e, q.sql());
        } finally {
            running = false;
        }
    }

    @Override
    public void sync() {
        if (inTransaction && !explicit) {
            try {
                commitTransaction();
            } catch (SqlException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e, "COMMIT");
            }
        }
    }

    /** Opens a transaction context if none is open: an implicit one unless BEGIN made it explicit. */
    private void beginTransaction() {
        if (!inTransaction) {
            inTransaction = true;
            savedAtBegin = settings.save();
            settings.beginTransaction();
            xactStart = Instant.now();
        }
    }

    /** The MVCC transaction, started on first use with the transaction's characteristics. */
    private Transaction transaction() {
        beginTransaction();
        if (tx == null) {
            tx = executor.transactions().begin(settings.transactionIsolation(), settings.transactionReadOnly(), pid);
        }
        return tx;
    }

    /** After an error: an implicit transaction rolls back; an explicit block becomes failed. */
    private void statementFailed() {
        if (explicit) {
            failed = true;
        } else if (inTransaction) {
            rollbackTransaction();
        }
    }

    /** Commits the transaction context; a serialization failure at commit rolls it back and is thrown. */
    private void commitTransaction() {
        Transaction t = tx;
        try {
            if (t != null) {
                try {
                    io.shaledb.sql.constraint.DeferredChecks.beforeCommit(t); // DEFERRABLE INITIALLY DEFERRED foreign keys
                } catch (RuntimeException e) {
                    t.rollback(); // a deferred check failed: the transaction rolls back with its error
                    throw e;
                }
                t.commit();
            }
            endTransaction(false);
        } catch (RuntimeException e) {
            endTransaction(true);
            throw e;
        }
    }

    private void rollbackTransaction() {
        Transaction t = tx;
        try {
            if (t != null) {
                t.rollback();
            }
        } finally {
            endTransaction(true);
        }
    }

    private void endTransaction(boolean rolledBack) {
        if (rolledBack && savedAtBegin != null) {
            settings.restore(savedAtBegin); // PostgreSQL undoes the SETs of a rolled-back transaction
        }
        settings.endTransaction();
        tx = null;
        inTransaction = false;
        explicit = false;
        failed = false;
        statementsRun = 0;
        savedAtBegin = null;
        savedAtSavepoints.clear();
        xactStart = null;
    }

    // ------------------------------------------------------------------ transaction control

    private void transactionControl(TransactionStatement ts, ResultSink sink) {
        switch (ts) {
            case Statement.Commit c -> {
                boolean wasFailed = failed;
                SessionSettings.TransactionCharacteristics chars = settings.transactionCharacteristics();
                if (c.chain() && !explicit) {
                    throw chainOutsideBlock("COMMIT");
                }
                if (wasFailed) {
                    rollbackTransaction();
                } else if (inTransaction) {
                    commitTransaction();
                }
                sink.complete(wasFailed ? "ROLLBACK" : "COMMIT");
                if (c.chain()) {
                    chain(chars);
                }
            }
            case Statement.Rollback r -> {
                SessionSettings.TransactionCharacteristics chars = settings.transactionCharacteristics();
                if (r.chain() && !explicit) {
                    throw chainOutsideBlock("ROLLBACK");
                }
                if (inTransaction) {
                    rollbackTransaction();
                }
                sink.complete("ROLLBACK");
                if (r.chain()) {
                    chain(chars);
                }
            }
            case Statement.Begin b -> {
                if (failed) {
                    throw abortedBlock();
                }
                if (!explicit) { // inside a block PostgreSQL only warns "there is already a transaction in progress"
                    beginTransaction();
                    explicit = true;
                    settings.applyTransactionModes(b.modes());
                }
                sink.complete(b.startTransaction() ? "START TRANSACTION" : "BEGIN");
            }
            case Statement.Savepoint sp -> {
                requireBlock("SAVEPOINT");
                if (failed) {
                    throw abortedBlock();
                }
                transaction().savepoint(sp.name().name());
                executor.catalog().savepoint(tx, sp.name().name());
                io.shaledb.sql.constraint.DeferredChecks.savepoint(tx, sp.name().name());
                savedAtSavepoints.push(new NamedSave(sp.name().name(), settings.save()));
                sink.complete("SAVEPOINT");
            }
            case Statement.ReleaseSavepoint rs -> {
                requireBlock("RELEASE SAVEPOINT");
                if (failed) {
                    throw abortedBlock();
                }
                String name = rs.name().name();
                requireSavepoint(name).release(name);
                executor.catalog().release(tx, name);
                io.shaledb.sql.constraint.DeferredChecks.release(tx, name);
                while (!savedAtSavepoints.pop().name().equals(name)) {
                    // discard the savepoints released with it
                }
                sink.complete("RELEASE");
            }
            case Statement.RollbackToSavepoint rt -> {
                requireBlock("ROLLBACK TO SAVEPOINT");
                String name = rt.name().name();
                requireSavepoint(name).rollbackTo(name);
                executor.catalog().rollbackTo(tx, name);
                io.shaledb.sql.constraint.DeferredChecks.rollbackTo(tx, name);
                while (!savedAtSavepoints.peek().name().equals(name)) {
                    savedAtSavepoints.pop();
                }
                settings.restore(savedAtSavepoints.peek().saved());
                failed = false;
                sink.complete("ROLLBACK");
            }
            case Statement.SetTransaction st -> {
                if (failed) {
                    throw abortedBlock();
                }
                if (explicit) { // outside a block PostgreSQL only warns and does nothing
                    settings.applyTransactionModes(st.modes());
                }
                sink.complete("SET");
            }
            case Statement.SetSessionCharacteristics sc -> {
                if (failed) {
                    throw abortedBlock();
                }
                settings.applySessionCharacteristics(sc.modes());
                sink.complete("SET");
            }
        }
    }

    /** AND CHAIN: a new block with the same characteristics as the one that just ended. */
    private void chain(SessionSettings.TransactionCharacteristics chars) {
        beginTransaction();
        explicit = true;
        settings.beginTransaction(chars);
    }

    private static SqlException chainOutsideBlock(String command) {
        return new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " AND CHAIN can only be used in transaction blocks");
    }

    private void requireBlock(String command) {
        if (!explicit) {
            throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
        }
    }

    private Transaction requireSavepoint(String name) {
        if (tx == null || !tx.hasSavepoint(name)) {
            throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
        }
        return tx;
    }

    private static SqlException abortedBlock() {
        return new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    // ------------------------------------------------------------------ state for views and the wire

    @Override
    public long idleInTransactionSessionTimeoutMillis() {
        return settings.idleInTransactionSessionTimeoutMillis();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return failed ? TransactionStatus.FAILED : explicit ? TransactionStatus.IN_TRANSACTION : TransactionStatus.IDLE;
    }

    public Activity activity() {
        if (running) {
            return Activity.ACTIVE;
        }
        if (failed) {
            return Activity.IDLE_IN_FAILED_TRANSACTION;
        }
        return explicit ? Activity.IDLE_IN_TRANSACTION : Activity.IDLE;
    }

    public String currentQuery() {
        return currentQuery;
    }

    public Instant queryStart() {
        return queryStart;
    }

    public Instant xactStart() {
        return xactStart;
    }

    public Instant backendStart() {
        return backendStart;
    }

    /** The running transaction's id, or 0. */
    public long xid() {
        Transaction t = tx;
        return t == null ? 0 : t.xid();
    }

    @Override
    public void startupParameter(String name, String value) {
        settings.startupParameter(name, value);
    }

    @Override
    public java.util.Map<String, String> reportedParameters() {
        return settings.reportedParameters();
    }

    /** Asks the running statement to stop at its next check (57014). Safe from any thread. */
    @Override
    public void cancel() {
        cancelRequested = true;
    }

    private boolean cancelled() {
        long d = deadlineNanos;
        return cancelRequested || (d != 0 && System.nanoTime() - d > 0);
    }

    // ------------------------------------------------------------------ settings

    /** This session's run-time parameters (SET / SHOW). */
    public SessionSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ errors

    /** Any failure below, as the SQL error the client sees. */
    private SqlException translate(Throwable e, String sql) {
        if (e instanceof TransactionException te) {
            return transactionError(te);
        }
        if (e instanceof ResultSink.ClientGone gone) { // not ours to log: the connection reports the departure
            return new SqlException(SqlState.CONNECTION_FAILURE, gone.getMessage(), 0, null, null, e);
        }
        if (e instanceof CorruptDataException) {
            LOG.error("corrupt data met while running: {}", abbreviate(sql), e);
            return new SqlException(SqlState.DATA_CORRUPTED, e.getMessage(), 0, null, null, e);
        }
        if (e instanceof UncheckedIOException u) {
            return storageError(u, sql);
        }
        // The client gets no Java text: the log has it, under a number the client is told.
        long incident = INCIDENTS.incrementAndGet();
        LOG.error("internal error (incident {}) running query: {}", incident, sql, e);
        return new SqlException(SqlState.INTERNAL_ERROR, "internal error", 0, "while running: " + abbreviate(sql),
                "The server log has the details under incident " + incident + ".", e);
    }

    private SqlException transactionError(TransactionException e) {
        return switch (e.kind()) {
            case SERIALIZATION_FAILURE -> new SqlException(SqlState.SERIALIZATION_FAILURE, e.getMessage(), 0, e.detail(),
                    "The transaction might succeed if retried.", e);
            case DEADLOCK -> new SqlException(SqlState.DEADLOCK_DETECTED, "deadlock detected", 0, e.detail(),
                    "See server log for query details.", e);
            case LOCK_NOT_AVAILABLE -> new SqlException(SqlState.LOCK_NOT_AVAILABLE, e.getMessage(), 0, e.detail(), null, e);
            case LOCK_TIMEOUT -> new SqlException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout", 0,
                    e.detail(), null, e);
            case CANCELLED -> new SqlException(SqlState.QUERY_CANCELED, cancelRequested
                    ? "canceling statement due to user request" : "canceling statement due to statement timeout", 0, null, null, e);
            case DUPLICATE_KEY -> new SqlException(SqlState.UNIQUE_VIOLATION, e.getMessage(), 0, e.detail(), null, e);
            case READ_ONLY -> new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, e.getMessage(), 0, null, null, e);
        };
    }

    /**
     * An I/O failure below, by its root cause: a full disk is 53100 as in PostgreSQL, anything else
     * 58030. When the engine has stopped itself (fail-stop after the failure, possibly met first by
     * a background write), the hint says a restart recovers. Nothing of the statement was committed.
     */
    private static SqlException storageError(UncheckedIOException e, String sql) {
        boolean diskFull = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                diskFull = true;
            }
        }
        String hint = e instanceof EngineStoppedException
                ? "The storage engine stopped itself after an I/O failure; restart the server to recover." : null;
        LOG.error("storage failure while running: {}", abbreviate(sql), e);
        String message = diskFull ? "could not write to the database: No space left on device"
                : "storage I/O error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        return new SqlException(diskFull ? SqlState.DISK_FULL : SqlState.IO_ERROR, message, 0, e.getMessage(), hint, e);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (inTransaction) {
                rollbackTransaction(); // an abrupt disconnect: nothing uncommitted survives, locks go
            }
        } finally {
            onClose.accept(this);
        }
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import io.shaledb.storage.CorruptDataException;
import io.shaledb.storage.EngineStoppedException;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
    private final Instant backendStart = Instant.now();

    private Transaction tx;
    /** Inside BEGIN ... COMMIT (rather than an implicit transaction). */
    private boolean explicit;
    /** The explicit block met an error: only ROLLBACK [TO SAVEPOINT] or COMMIT are accepted. */
    private boolean failed;
    /** Statements run in the current block; SET TRANSACTION must come before the first. */
    private int blockStatements;
    /** The level and access mode the block's transaction will start with (BEGIN / SET TRANSACTION). */
    private IsolationLevel blockIsolation;
    private Boolean blockReadOnly;

    private volatile boolean running;
    private volatile String currentQuery = "";
    private volatile Instant queryStart;
    private volatile Instant xactStart;
    private volatile boolean cancelRequested;
    private volatile long deadlineNanos;
    private volatile boolean closed;

    public Session(Executor executor, int pid, Consumer<Session> onClose) {
        this.executor = executor;
        this.pid = pid;
        this.onClose = onClose;
    }

    public int pid() {
        return pid;
    }

    @Override
    public void execute(String sql, ResultSink sink) {
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
            for (Statement s : statements) {
                runStatement(s, sink);
            }
            if (tx != null && !explicit) {
                finishImplicit(true);
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

    private void runStatement(Statement s, ResultSink sink) {
        if (s instanceof Statement.SessionStatement ss) {
            if (failed) {
                throw abortedBlock();
            }
            settings.execute(ss, sink);
            return;
        }
        if (failed) {
            throw abortedBlock();
        }
        Transaction t = transaction();
        blockStatements++;
        long timeout = settingMillis("statement_timeout");
        deadlineNanos = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : 0;
        cancelRequested = false;
        t.beginStatement(this::cancelled, settingMillis("lock_timeout") * 1_000_000);
        StatementContext.with(t, () -> {
            executor.execute(s, t, sink);
            return null;
        });
    }

    /** The session's transaction, started on first use with the block's (or the default) settings. */
    private Transaction transaction() {
        if (tx == null) {
            IsolationLevel level = blockIsolation != null ? blockIsolation : defaultIsolation();
            boolean readOnly = blockReadOnly != null ? blockReadOnly : "on".equals(setting("default_transaction_read_only"));
            tx = executor.transactions().begin(level, readOnly, pid);
            xactStart = Instant.now();
        }
        return tx;
    }

    /** After an error: an implicit transaction rolls back; an explicit block becomes failed. */
    private void statementFailed() {
        if (explicit) {
            failed = true;
        } else if (tx != null) {
            tx.rollback();
            tx = null;
            resetBlock();
        }
    }

    private void finishImplicit(boolean commit) {
        Transaction t = tx;
        tx = null;
        resetBlock();
        if (commit) {
            t.commit();
        } else {
            t.rollback();
        }
    }

    private void resetBlock() {
        explicit = false;
        failed = false;
        blockStatements = 0;
        blockIsolation = null;
        blockReadOnly = null;
        xactStart = null;
    }

    // ------------------------------------------------------------------ transaction control

    /** BEGIN / START TRANSACTION. Inside a block PostgreSQL only warns; so do we (without the warning). */
    public void begin(IsolationLevel level, Boolean readOnly, ResultSink sink) {
        if (failed) {
            throw abortedBlock();
        }
        if (!explicit) {
            explicit = true;
            if (tx == null) {
                blockStatements = 0;
                xactStart = Instant.now();
            }
            if (level != null || readOnly != null) {
                setTransaction(level, readOnly);
            }
        }
        sink.complete("BEGIN");
    }

    /** COMMIT / END: commits; a failed block rolls back instead (tag ROLLBACK), as in PostgreSQL. */
    public void commit(ResultSink sink) {
        boolean wasFailed = failed;
        Transaction t = tx;
        tx = null;
        resetBlock();
        if (t != null) {
            if (wasFailed) {
                t.rollback();
            } else {
                t.commit();
            }
        }
        sink.complete(wasFailed ? "ROLLBACK" : "COMMIT");
    }

    public void rollback(ResultSink sink) {
        Transaction t = tx;
        tx = null;
        resetBlock();
        if (t != null) {
            t.rollback();
        }
        sink.complete("ROLLBACK");
    }

    public void savepoint(String name, ResultSink sink) {
        requireBlock("SAVEPOINT");
        if (failed) {
            throw abortedBlock();
        }
        transaction().savepoint(name);
        sink.complete("SAVEPOINT");
    }

    public void releaseSavepoint(String name, ResultSink sink) {
        requireBlock("RELEASE SAVEPOINT");
        if (failed) {
            throw abortedBlock();
        }
        requireSavepoint(name).release(name);
        sink.complete("RELEASE");
    }

    public void rollbackToSavepoint(String name, ResultSink sink) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        requireSavepoint(name).rollbackTo(name);
        failed = false;
        sink.complete("ROLLBACK");
    }

    /** SET TRANSACTION: only before the block's first query. */
    public void setTransaction(IsolationLevel level, Boolean readOnly) {
        if (!explicit) {
            return; // PostgreSQL: WARNING "SET TRANSACTION can only be used in transaction blocks"
        }
        if (level != null && blockStatements > 0) {
            throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (level != null) {
            blockIsolation = level;
        }
        if (readOnly != null) {
            blockReadOnly = readOnly;
        }
        if (tx != null && blockStatements == 0) {
            tx.rollback(); // created by a SAVEPOINT; nothing ran in it yet
            tx = null;
        }
    }

    private void requireBlock(String command) {
        if (!explicit) {
            throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
        }
    }

    private Transaction requireSavepoint(String name) {
        if (tx == null || !tx.hasSavepoint(name)) {
            failed = true;
            throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
        }
        return tx;
    }

    private static SqlException abortedBlock() {
        return new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    // ------------------------------------------------------------------ state for views and the wire

    /** The isolation level SHOW transaction_isolation reports now. */
    public IsolationLevel currentIsolation() {
        if (tx != null) {
            return tx.isolation();
        }
        return blockIsolation != null ? blockIsolation : defaultIsolation();
    }

    public boolean inBlock() {
        return explicit;
    }

    public boolean inFailedBlock() {
        return failed;
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

    /** Asks the running statement to stop at its next check (57014). */
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

    private IsolationLevel defaultIsolation() {
        String v = setting("default_transaction_isolation");
        if (v != null) {
            for (IsolationLevel l : IsolationLevel.values()) {
                if (l.pgName().equals(v)) {
                    return l;
                }
            }
        }
        return IsolationLevel.READ_COMMITTED;
    }

    /** The value of setting {@code name}, or null where this build does not define it. */
    private String setting(String name) {
        try {
            return settings.get(name);
        } catch (SqlException e) {
            if (e.state() == SqlState.UNDEFINED_OBJECT) {
                return null;
            }
            throw e;
        }
    }

    /** A duration setting in milliseconds (0 when unset or disabled). */
    private long settingMillis(String name) {
        String v = setting(name);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ errors

    /** Any failure below, as the SQL error the client sees. */
    private SqlException translate(Throwable e, String sql) {
        if (e instanceof TransactionException te) {
            return transactionError(te);
        }
        if (e instanceof CorruptDataException) {
            LOG.error("corrupt data met while running: {}", abbreviate(sql), e);
            return new SqlException(SqlState.DATA_CORRUPTED, e.getMessage(), 0, null, null, e);
        }
        if (e instanceof UncheckedIOException u) {
            return storageError(u, sql);
        }
        LOG.error("internal error running query: {}", sql, e);
        return new SqlException(SqlState.INTERNAL_ERROR, "internal error: " + e, 0, "while running: " + abbreviate(sql), null, e);
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
        Transaction t = tx;
        tx = null;
        if (t != null) {
            t.rollback(); // an abrupt disconnect: nothing uncommitted survives, locks go
        }
        onClose.accept(this);
    }
}

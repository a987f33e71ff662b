package io.shaledb.sql.exec;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import io.shaledb.storage.CorruptDataException;
import io.shaledb.storage.EngineStoppedException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session: parses a whole query string, then runs its statements in order. Each statement
 * commits on its own (no transactions yet), so when statement 3 fails, statements 1 and 2 stay
 * done; PostgreSQL would roll the whole implicit transaction back.
 */
public final class Session implements SqlSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Executor executor;
    private final SessionSettings settings = new SessionSettings();
    private volatile boolean closed;

    public Session(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(String sql, ResultSink sink) {
        if (closed) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "session is closed");
        }
        try {
            List<Statement> statements = Parser.parse(sql);
            if (statements.isEmpty()) {
                sink.emptyQuery();
                return;
            }
            for (Statement s : statements) {
                if (s instanceof Statement.SessionStatement ss) {
                    settings.execute(ss, sink);
                } else {
                    executor.execute(s, sink);
                }
            }
        } catch (SqlException e) {
            throw e;
        } catch (CorruptDataException e) {
            LOG.error("corrupt data met while running: {}", abbreviate(sql), e);
            throw new SqlException(SqlState.DATA_CORRUPTED, e.getMessage(), 0, null, null, e);
        } catch (UncheckedIOException e) {
            throw storageError(e, sql);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("internal error running query: {}", sql, e);
            throw new SqlException(SqlState.INTERNAL_ERROR, "internal error: " + e, 0,
                    "while running: " + abbreviate(sql), null, e);
        }
    }

    /** This session's run-time parameters (SET / SHOW). */
    public SessionSettings settings() {
        return settings;
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
        closed = true;
    }
}

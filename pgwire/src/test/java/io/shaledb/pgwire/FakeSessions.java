package io.shaledb.pgwire;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.TransactionStatus;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the SQL engine that knows a handful of canned statements, so the protocol can be
 * tested on its own. Statements are separated by ';' (no quoting rules). Understood:
 *
 * <pre>
 *   select 1                 one INTEGER column "?column?", one row
 *   select * from people     five typed columns (INTEGER, TEXT, DOUBLE, BOOLEAN, BIGINT), NULLs in row 2
 *   generate N               N rows of (n INTEGER, label TEXT)
 *   generate N then fail     N rows, then 22012 division by zero mid-result
 *   sleep MS                 sleeps, then "SELECT 0" with no columns
 *   wait for gate            blocks until the test opens {@code gate}
 *   set ...                  "SET" (pgjdbc sends SET application_name / extra_float_digits)
 *   create table ...         "CREATE TABLE"
 *   insert ...               "INSERT 0 1"
 *   select * from missing    42P01 with the position of "missing"
 *   fail with detail         23505 with detail and hint
 *   notice then fail         a NOTICE, then P0001 with a CONTEXT line (a PL/pgSQL RAISE)
 *   boom                     an IllegalStateException (not a SqlException)
 *   begin / commit / rollback  "BEGIN" / "COMMIT" / "ROLLBACK", moving the transaction status to T / I / I
 *   fail transaction         22012; a session in a transaction block goes to the failed status E
 *   anything containing the word "bogus" anywhere: a syntax error before anything runs
 * </pre>
 *
 * A database named "nope" cannot be opened.
 */
final class FakeSessions implements SessionFactory {
    static final int PEOPLE_OID = 16384;

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicLong rowsProduced = new AtomicLong();
    /** "wait for gate" blocks until this opens; {@link #blocked} counts statements that reached it. */
    volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    final AtomicInteger blocked = new AtomicInteger();
    final java.util.Queue<String> statementsSeen = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public SqlSession open(String user, String database, int processId) {
        if (database.equals("nope")) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "database \"nope\" does not exist");
        }
        opened.incrementAndGet();
        return new Session();
    }

    int live() {
        return opened.get() - closed.get();
    }

    private final class Session implements SqlSession {
        private boolean isClosed;
        private TransactionStatus status = TransactionStatus.IDLE;

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            if (isClosed) {
                throw new IllegalStateException("session used after close");
            }
            if (sql.isBlank()) {
                sink.emptyQuery();
                return;
            }
            int bogus = sql.indexOf("bogus");
            if (bogus >= 0) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"bogus\"", bogus + 1);
            }
            int start = 0;
            List<int[]> statements = new ArrayList<>();
            for (int i = 0; i <= sql.length(); i++) {
                if (i == sql.length() || sql.charAt(i) == ';') {
                    statements.add(new int[] {start, i});
                    start = i + 1;
                }
            }
            for (int[] range : statements) {
                String raw = sql.substring(range[0], range[1]);
                String statement = raw.strip();
                if (!statement.isEmpty()) {
                    int offset = range[0] + raw.indexOf(statement);
                    run(statement, offset, sql, sink);
                }
            }
        }

        private void run(String statement, int offset, String sql, ResultSink sink) {
            String lower = statement.toLowerCase();
            if (lower.equals("notice then fail")) {
                sink.notice("NOTICE", "00000", "checking 1", null, null);
                throw new SqlException(SqlState.RAISE_EXCEPTION, "negative v: -1", 0, null, "use a positive number", null)
                        .withContext("PL/pgSQL function chk() line 6 at RAISE");
            }
            if (lower.equals("select 1")) {
                sink.columns(List.of(new ColumnInfo("?column?", SqlType.INTEGER)));
                sink.row(new Object[] {1});
                sink.complete("SELECT 1");
            } else if (lower.equals("select * from people")) {
                sink.columns(List.of(
                        new ColumnInfo("id", SqlType.INTEGER, PEOPLE_OID, (short) 1),
                        new ColumnInfo("name", SqlType.TEXT, PEOPLE_OID, (short) 2),
                        new ColumnInfo("score", SqlType.DOUBLE, PEOPLE_OID, (short) 3),
                        new ColumnInfo("active", SqlType.BOOLEAN, PEOPLE_OID, (short) 4),
                        new ColumnInfo("big", SqlType.BIGINT, PEOPLE_OID, (short) 5)));
                sink.row(new Object[] {1, "alice", 1.5, true, 10_000_000_000L});
                sink.row(new Object[] {2, null, null, null, null});
                sink.row(new Object[] {3, "zoë 🐘", -0.25, false, -1L});
                sink.complete("SELECT 3");
            } else if (lower.startsWith("generate ")) {
                String[] words = lower.split("\\s+");
                long n = Long.parseLong(words[1]);
                sink.columns(List.of(new ColumnInfo("n", SqlType.INTEGER), new ColumnInfo("label", SqlType.TEXT)));
                for (int i = 1; i <= n; i++) {
                    sink.row(new Object[] {i, "row " + i});
                    rowsProduced.incrementAndGet();
                }
                if (lower.endsWith("then fail")) {
                    throw new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
                }
                sink.complete("SELECT " + n);
            } else if (lower.equals("wait for gate")) {
                blocked.incrementAndGet();
                try {
                    if (!gate.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new SqlException(SqlState.INTERNAL_ERROR, "gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.complete("SELECT 0");
            } else if (lower.startsWith("sleep ")) {
                try {
                    Thread.sleep(Long.parseLong(lower.substring(6).strip()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.complete("SELECT 0");
            } else if (lower.startsWith("set ")) {
                statementsSeen.add(statement);
                sink.complete("SET");
            } else if (lower.startsWith("create table")) {
                sink.complete("CREATE TABLE");
            } else if (lower.startsWith("insert")) {
                sink.complete("INSERT 0 1");
            } else if (lower.equals("select * from missing")) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"missing\" does not exist",
                        sql.indexOf("missing", offset) + 1);
            } else if (lower.equals("fail with detail")) {
                throw new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"people_pkey\"",
                        0, "Key (id)=(1) already exists.", "Pick another id.", null);
            } else if (lower.equals("begin") || lower.equals("commit") || lower.equals("rollback")) {
                status = lower.equals("begin") ? TransactionStatus.IN_TRANSACTION : TransactionStatus.IDLE;
                sink.complete(lower.toUpperCase(java.util.Locale.ROOT));
            } else if (lower.equals("fail transaction")) {
                if (status == TransactionStatus.IN_TRANSACTION) {
                    status = TransactionStatus.FAILED;
                }
                throw new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
            } else if (lower.equals("boom")) {
                throw new IllegalStateException("boom");
            } else {
                String word = statement.split("\\s+")[0];
                throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"", offset + 1);
            }
        }

        @Override
        public void close() {
            if (!isClosed) {
                isClosed = true;
                closed.incrementAndGet();
            }
        }
    }
}

package io.shaledb.bench.statement;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process per-statement floor: {@link SqlSession#execute} of tiny statements on an
 * in-memory database, without the wire protocol, so that parse, bind, plan, transaction begin and
 * commit, and result delivery are all that is measured (average time per statement).
 *
 * <ul>
 *   <li>{@link #selectOne}: {@code SELECT 1 AS one}, the floor itself.
 *   <li>{@link #pkLookup}: {@code SELECT ... FROM orders WHERE id = <literal>}, a primary-key lookup
 *       in a table of {@link #rows} rows, a different literal every call (as the query benchmark
 *       sends them).
 *   <li>{@link #emailLookup}: a lookup through a unique secondary index on a text column.
 * </ul>
 * Run: {@code java -cp bench/target/shale-bench.jar org.openjdk.jmh.Main StatementBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StatementBenchmark {

    /** Rows in {@code orders} (and a tenth as many users). */
    @Param("20000")
    public int rows;

    private final SplittableRandom random = new SplittableRandom(7);
    private MemoryEngine engine;
    private SqlDatabase db;
    private SqlSession session;

    @Setup
    public void setUp() {
        engine = new MemoryEngine();
        db = new SqlDatabase(engine);
        session = db.openSession();
        int users = Math.max(1, rows / 10);
        run("CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text NOT NULL, country text NOT NULL)");
        run("CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL, status text NOT NULL, "
                + "amount numeric(10,2) NOT NULL, created_at timestamptz NOT NULL)");
        run("INSERT INTO users SELECT g, 'user' || g || '@example.org', 'name' || g, 'C' || (g % 20) "
                + "FROM generate_series(1, " + users + ") g");
        run("INSERT INTO orders SELECT g, 1 + g % " + users + ", 'delivered', (g % 2000) + 0.5, "
                + "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, " + rows + ") g");
        run("CREATE UNIQUE INDEX users_email_key ON users (email)");
        run("ANALYZE");
    }

    @TearDown
    public void tearDown() {
        session.close();
        db.close();
        engine.close();
    }

    /** {@code SELECT 1 AS one}; returns its row (JMH consumes it). */
    @Benchmark
    public Object[] selectOne() {
        return lastRow("SELECT 1 AS one");
    }

    /** A primary-key lookup of a random existing order; returns its row. */
    @Benchmark
    public Object[] pkLookup() {
        return lastRow("SELECT id, user_id, status, amount, created_at FROM orders WHERE id = " + (1 + random.nextInt(rows)));
    }

    /** A unique-index lookup of a random existing user by e-mail; returns its row. */
    @Benchmark
    public Object[] emailLookup() {
        return lastRow("SELECT id, name, country FROM users WHERE email = 'user"
                + (1 + random.nextInt(Math.max(1, rows / 10))) + "@example.org'");
    }

    private void run(String sql) {
        session.execute(sql, new LastRow());
    }

    private Object[] lastRow(String sql) {
        LastRow sink = new LastRow();
        session.execute(sql, sink);
        return sink.row;
    }

    /** Keeps the statement's last row (the benchmarks' statements return one). */
    private static final class LastRow implements ResultSink {
        Object[] row;

        @Override
        public void columns(List<ColumnInfo> columns) {
        }

        @Override
        public void row(Object[] values) {
            row = values;
        }

        @Override
        public void complete(String commandTag) {
        }

        @Override
        public void emptyQuery() {
        }
    }
}

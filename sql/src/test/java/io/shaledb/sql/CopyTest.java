package io.shaledb.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.memory.MemoryEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** COPY through the {@link ResultSink} seam, without a wire: data in, rows out, errors, atomicity. */
class CopyTest {
    private final SqlDatabase db = new SqlDatabase(new MemoryEngine());
    private final SqlSession s = db.openSession();

    @AfterEach
    void close() {
        s.close();
        db.close();
    }

    /** A client: feeds COPY FROM STDIN from chunks, collects COPY TO STDOUT data, tags and rows. */
    private static final class Client implements ResultSink {
        final Deque<byte[]> input = new ArrayDeque<>();
        final StringBuilder output = new StringBuilder();
        final List<String> tags = new ArrayList<>();
        final List<List<Object>> rows = new ArrayList<>();
        CopyDescription announced;
        RuntimeException failAtEnd;

        Client data(String... chunks) {
            for (String c : chunks) {
                input.add(c.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        @Override
        public void columns(List<ColumnInfo> columns) {}

        @Override
        public void row(Object[] values) {
            rows.add(java.util.Arrays.asList(values));
        }

        @Override
        public void complete(String commandTag) {
            tags.add(commandTag);
        }

        @Override
        public void emptyQuery() {}

        @Override
        public CopyIn copyIn(CopyDescription description) {
            announced = description;
            return () -> {
                if (input.isEmpty() && failAtEnd != null) {
                    throw failAtEnd;
                }
                return input.poll();
            };
        }

        @Override
        public CopyOut copyOut(CopyDescription description) {
            announced = description;
            return chunk -> output.append(new String(chunk, StandardCharsets.UTF_8));
        }
    }

    private Client run(String sql, Consumer<Client> setup) {
        Client c = new Client();
        setup.accept(c);
        s.execute(sql, c);
        return c;
    }

    private Client run(String sql) {
        return run(sql, c -> { });
    }

    private long count(String table) {
        return (Long) run("SELECT count(*) FROM " + table).rows.getFirst().getFirst();
    }

    private SqlException copyError(String sql, String... chunks) {
        try {
            run(sql, c -> c.data(chunks));
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    @Test
    void rowsArriveInAnyChunkingAndComeBackOut() {
        run("CREATE TABLE t (id int PRIMARY KEY, name text, ok boolean, x double precision)");
        Client in = run("COPY t (id, name, ok) FROM STDIN (FORMAT csv, HEADER match)",
                c -> c.data("id,name,o", "k\n1,\"a,", "b\",true\n2,,f\n3,\"\",", "t"));
        assertThat(in.tags).containsExactly("COPY 3");
        assertThat(in.announced).isEqualTo(new CopyDescription(false, 3));
        Client out = run("COPY t TO STDOUT");
        assertThat(out.output).hasToString("1\ta,b\tt\t\\N\n2\t\\N\tf\t\\N\n3\t\tt\t\\N\n");
        assertThat(out.tags).containsExactly("COPY 3");
        assertThat(run("COPY (SELECT id * 10, name FROM t WHERE id > 1) TO STDOUT WITH CSV").output)
                .hasToString("20,\n30,\"\"\n");
    }

    @Test
    void csvForceNotNullAndForceNull() {
        run("CREATE TABLE f (a text, b text)");
        run("COPY f FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NULL (b))", c -> c.data(",\"\"\n"));
        assertThat(run("SELECT a IS NULL, a, b IS NULL FROM f").rows).containsExactly(List.of(false, "", true));
    }

    @Test
    void errorsCarryPostgresContextAndLeaveNothingBehind() {
        run("CREATE TABLE e (id int PRIMARY KEY, name varchar(3) NOT NULL)");
        SqlException bad = copyError("COPY e FROM STDIN", "1\tabc\n2\tabcd\n");
        assertThat(bad.state()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
        assertThat(bad.context()).isEqualTo("COPY e, line 2, column name: \"abcd\"");
        SqlException header = copyError("COPY e FROM STDIN (HEADER match)", "id\tnom\n");
        assertThat(header.getMessage()).isEqualTo("column name mismatch in header line field 2: got \"nom\", expected \"name\"");
        assertThat(copyError("COPY e FROM STDIN (HEADER match)", "id\n").getMessage())
                .isEqualTo("wrong number of fields in header line: got 1, expected 2");
        SqlException quote = copyError("COPY e FROM STDIN (FORMAT csv)", "1,\"abc\n");
        assertThat(quote.getMessage()).isEqualTo("unterminated CSV quoted field");
        assertThat(quote.context()).isEqualTo("COPY e, line 1");
        SqlException dup = copyError("COPY e FROM STDIN", "1\ta\n1\tb\n");
        assertThat(dup.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
        assertThat(dup.detail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(count("e")).isZero();
        assertThat(copyError("COPY e (id, id) FROM STDIN").state()).isEqualTo(SqlState.DUPLICATE_COLUMN);
        assertThat(copyError("COPY e FROM PROGRAM 'cat'").state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
    }

    @Test
    void aClientAbortFailsTheCopyAndTheDataAfterTheEndMarkerIsIgnored() {
        run("CREATE TABLE a (id int PRIMARY KEY)");
        assertThatThrownBy(() -> run("COPY a FROM STDIN", c -> {
            c.data("1\n2\n");
            c.failAtEnd = new SqlException(SqlState.QUERY_CANCELED, "COPY from stdin failed: changed my mind");
        })).hasMessage("COPY from stdin failed: changed my mind");
        assertThat(count("a")).isZero();
        assertThat(run("COPY a FROM STDIN", c -> c.data("1\n\\.\n", "garbage\n")).tags).containsExactly("COPY 1");
    }

    @Test
    void copyFollowsTransactionBlocksAndMultiStatementStrings() {
        run("CREATE TABLE b (id int PRIMARY KEY)");
        run("BEGIN");
        run("COPY b FROM STDIN", c -> c.data("1\n"));
        run("SAVEPOINT s");
        run("COPY b FROM STDIN", c -> c.data("2\n"));
        run("ROLLBACK TO s");
        assertThatThrownBy(() -> run("COPY b FROM STDIN", c -> c.data("x\n"))).hasMessageContaining("invalid input syntax");
        assertThatThrownBy(() -> run("SELECT 1")).hasMessageContaining("current transaction is aborted");
        run("ROLLBACK TO s");
        run("COMMIT");
        assertThat(count("b")).isEqualTo(1);
        Client multi = run("INSERT INTO b VALUES (5); COPY b FROM STDIN; COPY b TO STDOUT", c -> c.data("6\n"));
        assertThat(multi.tags).containsExactly("INSERT 0 1", "COPY 1", "COPY 3");
        assertThat(multi.output).hasToString("1\n5\n6\n");
        assertThatThrownBy(() -> run("INSERT INTO b VALUES (7); COPY b FROM STDIN", c -> c.data("1\n")))
                .hasMessageContaining("duplicate key");
        assertThat(count("b")).isEqualTo(3); // the implicit transaction took the INSERT with it
        run("SET default_transaction_read_only = on");
        assertThat(copyError("COPY b FROM STDIN").getMessage()).isEqualTo("cannot execute COPY FROM in a read-only transaction");
    }

    @Test
    void aSinkWithoutAClientStreamRefuses() {
        s.execute("CREATE TABLE r (id int)", new Client());
        ResultSink plain = new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void complete(String commandTag) {}

            @Override
            public void emptyQuery() {}
        };
        assertThatThrownBy(() -> s.execute("COPY r FROM STDIN", plain)).hasMessage("COPY FROM STDIN is not supported by this client interface");
        assertThatThrownBy(() -> s.execute("COPY r TO STDOUT", plain)).hasMessage("COPY TO STDOUT is not supported by this client interface");
    }
}

package io.shaledb.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code psql} binary against the server on the fake engine. The expected texts were
 * produced by the same psql against PostgreSQL 15 holding the same data, so they pin down that
 * psql cannot tell the difference. (psql's default sslmode=prefer also exercises SSLRequest.)
 */
class PsqlTest {
    private static final Path PSQL = Path.of(System.getProperty("psql.path", "/usr/bin/psql"));

    private static PgServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() {
        assumeTrue(Files.isExecutable(PSQL),
                "\n\n*** psql not found at " + PSQL + ": SKIPPING the psql compatibility tests."
                        + " Install postgresql-client (or pass -Dpsql.path=...) to run them. ***\n");
        server = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), new FakeSessions());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exitCode, String stdout, String stderr) {}

    private Run psql(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-h", "127.0.0.1",
                "-p", Integer.toString(server.port()), "-U", "tester", "-d", "test"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        pb.environment().put("PGAPPNAME", "psql-test");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql hung; stderr so far: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheUsualAlignedTable() throws Exception {
        Run run = psql("-c", "select * from people");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                 id |  name  | score | active |     big    \s
                ----+--------+-------+--------+-------------
                  1 | alice  |   1.5 | t      | 10000000000
                  2 |        |       |        |           \s
                  3 | zoë 🐘 | -0.25 | f      |          -1
                (3 rows)

                """);
    }

    @Test
    void noticesAndContextLinesReachPsqlAsFromPostgres() throws Exception {
        Run run = psql("-c", "notice then fail");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("""
                NOTICE:  checking 1
                ERROR:  negative v: -1
                HINT:  use a positive number
                CONTEXT:  PL/pgSQL function chk() line 6 at RAISE
                """);
    }

    @Test
    void errorShowsLineAndCaretFromThePosition() throws Exception {
        Run run = psql("-c", "select * from missing");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("""
                ERROR:  relation "missing" does not exist
                LINE 1: select * from missing
                                      ^
                """);
    }

    @Test
    void runsAFileOfSeveralStatements() throws Exception {
        Path script = tmp.resolve("script.sql");
        Files.writeString(script, """
                select 1;
                create table t (a int);
                insert into t values (1);
                select * from people;
                select * from missing;
                select 1;
                """);
        Run run = psql("-f", script.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                 ?column?\s
                ----------
                        1
                (1 row)

                CREATE TABLE
                INSERT 0 1
                 id |  name  | score | active |     big    \s
                ----+--------+-------+--------+-------------
                  1 | alice  |   1.5 | t      | 10000000000
                  2 |        |       |        |           \s
                  3 | zoë 🐘 | -0.25 | f      |          -1
                (3 rows)

                 ?column?\s
                ----------
                        1
                (1 row)

                """);
        assertThat(run.stderr()).isEqualTo("""
                psql:%s:5: ERROR:  relation "missing" does not exist
                LINE 1: select * from missing;
                                      ^
                """.formatted(script));

        Run stopping = psql("-v", "ON_ERROR_STOP=1", "-f", script.toString());
        assertThat(stopping.exitCode()).isEqualTo(3);
    }

    @Test
    void severalStatementsInOneCommandAndEmptyQuery() throws Exception {
        Run run = psql("-c", "create table t (a int); insert into t values (1); select 1");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).isEqualTo("""
                CREATE TABLE
                INSERT 0 1
                 ?column?\s
                ----------
                        1
                (1 row)

                """);
        Run empty = psql("-c", ";");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stderr()).isEmpty();
    }

    @Test
    void unknownDatabaseIsAFatalConnectError() throws Exception {
        Run run = psql("-d", "nope", "-c", "select 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("FATAL:  database \"nope\" does not exist");
    }

    @Test
    void sslRequireIsRefusedBecauseWeAnswerN() throws Exception {
        Run run = psql("-d", "sslmode=require dbname=test", "-c", "select 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("server does not support SSL");
    }
}

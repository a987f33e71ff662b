package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shale sql} against a launched server: -c commands, a piped script in a child JVM, meta-commands, errors. */
class SqlShellTest {
    @TempDir
    static Path tmp;

    static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.builder(tmp.resolve("data")).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run sql(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("sql", "-p", String.valueOf(server.pgPort()), "-U", "shale"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void commandsPrintPsqlsTablesTagsAndErrors() {
        Run r = sql("-c", "CREATE TABLE shell_t (id int PRIMARY KEY, name text, ok boolean)",
                "-c", "INSERT INTO shell_t VALUES (1, 'apple', true), (22, 'kiwi', false)",
                "-c", "SELECT * FROM shell_t ORDER BY id; UPDATE shell_t SET ok = true WHERE id = 22");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                CREATE TABLE
                INSERT 0 2
                 id | name  | ok\s
                ----+-------+----
                  1 | apple | t
                 22 | kiwi  | f
                (2 rows)

                UPDATE 1
                """);
        Run bad = sql("-c", "SELECT * FROM nosuch");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).isEqualTo("ERROR:  42P01: relation \"nosuch\" does not exist\n");
    }

    @Test
    void metaCommandsExpandedTimingAndDescribe() {
        sql("-c", "CREATE TABLE shell_d (id int PRIMARY KEY, label varchar(10))");
        Run x = sql("-c", "\\x", "-c", "SELECT 1 AS id, 'abc' AS name");
        assertThat(x.out()).isEqualTo("""
                Expanded display is on.
                -[ RECORD 1 ]
                id   | 1
                name | abc

                """);
        Run t = sql("-c", "\\timing", "-c", "SELECT 1 AS one");
        assertThat(t.out()).startsWith("Timing is on.\n one \n-----\n   1\n(1 row)\n\nTime: ").endsWith(" ms\n");
        Run dt = sql("-c", "\\dt");
        assertThat(dt.out()).contains("List of relations").contains(" public | shell_d").contains("(");
        Run d = sql("-c", "\\d shell_d");
        assertThat(d.out()).contains("Table \"public.shell_d\"").contains(" id ").contains("integer").contains(" label ");
        Run unknown = sql("-c", "\\nonsense");
        assertThat(unknown.out()).startsWith("invalid command \\nonsense");
    }

    @Test
    void aPipedScriptRunsInAChildJvmWithMultiLineStatementsAndKeepsGoingAfterErrors() throws Exception {
        String script = """
                CREATE TABLE shell_s (
                    id int PRIMARY KEY,   -- a comment; with a semicolon
                    body text
                );
                INSERT INTO shell_s VALUES (1, 'semi;colon'), (2, $$dollar;quoted$$);
                SELECT nosuch FROM shell_s;
                SELECT body FROM shell_s
                 ORDER BY id;
                \\q
                SELECT 'not reached';
                """;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.shaledb.cli.Main", "sql",
                "-p", String.valueOf(server.pgPort())).redirectErrorStream(false).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                CREATE TABLE
                INSERT 0 2
                ERROR:  42703: column "nosuch" does not exist
                     body     \s
                ---------------
                 semi;colon
                 dollar;quoted
                (2 rows)

                """);
    }
}

package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.client.Psql;
import io.shaledb.testkit.server.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/shale} itself, run after packaging: JDK discovery, help, option errors, and a server
 * started the way a user starts it, queried with psql and stopped with SIGTERM.
 */
class LauncherIT {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    static final Path SHALE = ROOT.resolve("bin/shale");

    @TempDir
    Path tmp;

    record Run(int exit, String out) {}

    Run shale(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SHALE.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("SHALE_SKIP_BUILD", "1"); // the jar was just built by this very Maven run
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = shale(tmp, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: shale").contains("server").contains("Start a ShaleDB server");
    }

    @Test
    void serverHelpListsItsOptionsAndDefaults() throws Exception {
        Run r = shale(tmp, "server", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--data-dir=DIR").contains("shale-data").contains("--pg-port=PORT").contains("5433")
                .contains("--host=ADDRESS").contains("127.0.0.1");
    }

    @Test
    void versionNamesShaleDb() throws Exception {
        Run r = shale(tmp, "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("ShaleDB 0.");
    }

    @Test
    void badOptionsFailWithAClearMessage() throws Exception {
        Run r = shale(tmp, "server", "--pg-port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("--pg-port must be between 0 and 65535, got 70000");
        Run unknown = shale(tmp, "serve");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("Unmatched argument");
    }

    @Test
    void serverStartsWithDefaultDataDirectoryServesPsqlAndStopsOnSigterm() throws Exception {
        int port = FreePorts.pick();
        Path log = tmp.resolve("server.log");
        Process p = startServer(port, log);
        try {
            assertThat(tmp.resolve("shale-data")).isDirectory();
            assumeTrue(Psql.available(), "psql is not installed");
            Psql.Result r = new Psql(port).with("-A", "-t").command("CREATE TABLE l (a int); INSERT INTO l VALUES (7); SELECT a * 6 FROM l")
                    .assertSuccess();
            assertThat(r.stdout()).isEqualTo("CREATE TABLE\nINSERT 0 1\n42\n");
        } finally {
            p.destroy(); // SIGTERM: bin/shale exec'd java, so the JVM's shutdown hook runs
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("ShaleDB ready").contains("ShaleDB stopped");
    }

    @Test
    void dataSurvivesKillDashNineAndRestartThroughPsql() throws Exception {
        assumeTrue(Psql.available(), "psql is not installed");
        int port = FreePorts.pick();
        Process first = startServer(port, tmp.resolve("first.log"));
        try {
            new Psql(port).command("CREATE TABLE durable (id int PRIMARY KEY, note text); "
                    + "INSERT INTO durable VALUES (1, 'committed before the crash'), (2, 'me too')").assertSuccess();
        } finally {
            first.destroyForcibly(); // kill -9: no shutdown hook, no checkpoint
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Process second = startServer(port, tmp.resolve("second.log"));
        try {
            Psql.Result r = new Psql(port).command("SELECT * FROM durable ORDER BY id").assertSuccess();
            assertThat(r.stdout()).isEqualTo("""
                     id |            note           \s
                    ----+----------------------------
                      1 | committed before the crash
                      2 | me too
                    (2 rows)

                    """);
        } finally {
            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void inspectShowsTheTreeOfAStoppedServer() throws Exception {
        int port = FreePorts.pick();
        Process p = startServer(port, tmp.resolve("inspect.log"));
        try {
            assumeTrue(Psql.available(), "psql is not installed");
            new Psql(port).command("CREATE TABLE shape (id int PRIMARY KEY); INSERT INTO shape VALUES (1), (2), (3)").assertSuccess();
            Run whileRunning = shale(tmp, "inspect", "btree", "shale-data");
            assertThat(whileRunning.exit()).isEqualTo(1);
            assertThat(whileRunning.out()).contains("in use by another ShaleDB server");
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Run r = shale(tmp, "inspect", "btree", "shale-data");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("btree.data").contains("height          1").contains("fill factor").contains("average fanout");
        Run missing = shale(tmp, "inspect", "btree", "no-such-dir");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).contains("no btree engine in no-such-dir");
    }

    private Process startServer(int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SHALE.toString(), "server", "--pg-port", Integer.toString(port), "--resp-port", "0")
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHALE_SKIP_BUILD", "1");
        Process p = pb.start();
        awaitPort(port, p, log);
        return p;
    }

    private static void awaitPort(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("bin/shale server exited early:\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("bin/shale server did not listen on " + port + ":\n" + Files.readString(log));
    }
}

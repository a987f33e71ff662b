package io.shaledb.testkit.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code psql} binary against a server, as a user would: {@code psql -X -h
 * 127.0.0.1 -p PORT -c SQL} or {@code -f FILE}. Tests call {@link #available()} first and skip
 * with a loud message when psql is not installed ({@code .ci/run} installs it).
 */
public final class Psql {

    /** What one psql invocation printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("psql exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private final int port;
    private final List<String> extraArgs = new ArrayList<>();
    private final java.util.Map<String, String> extraEnv = new java.util.LinkedHashMap<>();

    public Psql(int port) {
        this.port = port;
    }

    /** The psql executable, or null when none is installed. */
    public static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "psql");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/psql");
        return Files.isExecutable(debian) ? debian : null;
    }

    public static boolean available() {
        return executable() != null;
    }

    /** Adds psql options (e.g. {@code "-A"}, {@code "-t"}, {@code "-v", "ON_ERROR_STOP=1"}). */
    public Psql with(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Sets an environment variable for psql, e.g. {@code PGPASSWORD}, {@code PGUSER} or
     * {@code PGSSLMODE=require} (by default there is no password and sslmode is prefer).
     */
    public Psql withEnv(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** {@code psql -c sql}. */
    public Result command(String sql) {
        return run(List.of("-c", sql));
    }

    /** {@code psql -f file}. */
    public Result file(Path script) {
        return run(List.of("-f", script.toString()));
    }

    public Result run(List<String> args) {
        Path exe = executable();
        if (exe == null) {
            throw new IllegalStateException("psql is not installed (apt-get install postgresql-client)");
        }
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-X", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "shale", "-d", "shale", "-P", "pager=off"));
        cmd.addAll(extraArgs);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().put("PSQL_PAGER", "");
        pb.environment().put("PGSSLMODE", "prefer");
        pb.environment().remove("PGPASSWORD");
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish within 60 s: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running psql", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

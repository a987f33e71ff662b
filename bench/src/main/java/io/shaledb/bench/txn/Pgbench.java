package io.shaledb.bench.txn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real {@code pgbench} binary with a custom script against one server:
 *
 * <pre>
 * pgbench -h H -p P -U U -n -M simple -c 4 -j 2 -T 20 --max-tries=10 --failures-detailed -f SCRIPT DB
 * </pre>
 *
 * {@code -n} skips pgbench's vacuum of its own tables (there are none), {@code -M simple} is the
 * only protocol ShaleDB speaks, and {@code --max-tries} (pgbench 15) retries a transaction that
 * failed with a serialization failure or a deadlock. Any other error aborts the client, and pgbench
 * exits with status 2 after printing the server's message: that becomes a {@link PgbenchException}
 * carrying the message, never a silently smaller number.
 */
public final class Pgbench {

    /** The oldest pgbench with {@code --max-tries} and failure counts in its summary. */
    public static final int MIN_MAJOR_VERSION = 15;

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    /** Slack on top of {@code -T} before a run counts as hung: connection, ramp-down, summary. */
    private static final Duration GRACE = Duration.ofSeconds(120);

    private final Path executable;
    private final Path workDir;

    /**
     * @param executable the pgbench binary
     * @param workDir where the runs' output files go (overwritten by each run)
     */
    public Pgbench(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /**
     * The pgbench binary: {@code configured} if given, else the first on {@code PATH}, in
     * {@code /usr/bin}, or in {@code /usr/lib/postgresql/<version>/bin} (newest first).
     */
    public static Optional<Path> find(Path configured) {
        if (configured != null) {
            return Files.isExecutable(configured) ? Optional.of(configured) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "pgbench"));
            }
        }
        candidates.add(Path.of("/usr/bin/pgbench"));
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin/pgbench")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + debian, e);
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** {@code pgbench --version}, e.g. {@code "pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"}. */
    public static String version(Path executable) throws IOException {
        Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("`" + executable + " --version` failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + executable + " --version", e);
        }
        return out;
    }

    /** The major version in {@link #version}'s text, or -1 when it has none. */
    public static int majorVersion(String versionText) {
        Matcher m = VERSION.matcher(versionText);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The command line of one run, without the binary. */
    static List<String> arguments(Endpoint to, Path script, int clients, int threads, int seconds, int maxTries) {
        return List.of("-h", to.host(), "-p", Integer.toString(to.port()), "-U", to.user(),
                "-n", "-M", "simple", "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                "-T", Integer.toString(seconds), "--max-tries=" + maxTries, "--failures-detailed",
                "-f", script.toString(), to.database());
    }

    /**
     * Runs {@code script} for {@code seconds} and returns pgbench's summary.
     *
     * @throws PgbenchException when pgbench exits non-zero (a client aborted on an error that is not
     *     a serialization failure or deadlock, or it could not connect), hangs, or prints no summary
     */
    public PgbenchResult run(Endpoint to, Path script, int clients, int threads, int seconds, int maxTries)
            throws IOException {
        String out = exec(arguments(to, script, clients, threads, seconds, maxTries), seconds + GRACE.toSeconds()).stdout();
        List<String> cmd = List.of(executable.toString(), "-f", script.toString());
        try {
            return PgbenchResult.parse(out);
        } catch (IllegalArgumentException e) {
            throw new PgbenchException(cmd, 0, out, "", e.getMessage());
        }
    }

    /**
     * Runs pgbench with {@code options} (anything but the connection) against {@code to}, e.g.
     * {@code -i -s 10} or {@code -S -c 4 -j 2 -T 30}, and returns what it printed.
     *
     * @throws PgbenchException when it exits non-zero or runs longer than {@code timeoutSeconds}
     */
    public Output exec(Endpoint to, List<String> options, long timeoutSeconds) throws IOException {
        List<String> args = new ArrayList<>(List.of("-h", to.host(), "-p", Integer.toString(to.port()), "-U", to.user()));
        args.addAll(options);
        args.add(to.database());
        return exec(args, timeoutSeconds);
    }

    /** What a pgbench run printed: the summary on stdout, progress (and {@code -i}'s timing line) on stderr. */
    public record Output(String stdout, String stderr) {}

    private Output exec(List<String> arguments, long timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(arguments);
        Path stdout = workDir.resolve("pgbench.out");
        Path stderr = workDir.resolve("pgbench.err");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        // plain TCP to both: libpq's default (prefer) would use TLS with ShaleDB, which offers it, but not with
        // the PostgreSQL peer, which does not
        pb.environment().put("PGSSLMODE", "disable");
        pb.environment().remove("PGOPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        boolean exited;
        try {
            exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + String.join(" ", cmd), e);
        }
        if (!exited) {
            p.destroyForcibly();
            throw new PgbenchException(cmd, -1, read(stdout), read(stderr), "did not finish within "
                    + timeoutSeconds + " s");
        }
        String out = read(stdout);
        String err = read(stderr);
        if (p.exitValue() != 0) {
            throw new PgbenchException(cmd, p.exitValue(), out, err, "exited " + p.exitValue());
        }
        return new Output(out, err);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** A pgbench run that did not produce a clean summary; {@link #serverErrors()} is what to report. */
    public static final class PgbenchException extends IOException {
        private static final long serialVersionUID = 1L;

        private final int exitCode;
        private final String stdout;
        private final String stderr;

        PgbenchException(List<String> cmd, int exitCode, String stdout, String stderr, String what) {
            super("pgbench " + what + ": " + String.join(" ", cmd) + "\n" + firstErrors(stderr, 40)
                    + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout.strip()));
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        /**
         * What pgbench printed on stderr, at most the first 40 lines: one error per aborted client
         * with the server's message, e.g. {@code pgbench: error: client 1 script 0 aborted in
         * command 4 query 0: ERROR:  ...}, then {@code Run was aborted}.
         */
        public String serverErrors() {
            return firstErrors(stderr, 40);
        }

        private static String firstErrors(String stderr, int maxLines) {
            List<String> lines = stderr.strip().lines().toList();
            return lines.size() <= maxLines ? String.join("\n", lines)
                    : String.join("\n", lines.subList(0, maxLines)) + "\n... (" + (lines.size() - maxLines) + " more lines)";
        }
    }
}

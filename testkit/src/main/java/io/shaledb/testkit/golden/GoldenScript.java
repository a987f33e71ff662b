package io.shaledb.testkit.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Golden-script tests: run a script, render what each block produced, and compare it with the
 * expected transcript stored next to the script ({@code foo.sql} → {@code foo.out}).
 *
 * <p>The transcript is each block's text echoed as written, followed by its output, like
 * {@code psql -a -f foo.sql}. What "output" means is up to the {@link Runner}: the SQL module
 * renders psql-style tables, command tags and errors with {@link PsqlFormat}; a RESP module can
 * render redis-cli replies.
 *
 * <p>Run with {@code -Dgolden.update=true} to rewrite the expected files from the actual output
 * instead of comparing; then review the diff before committing.
 */
public final class GoldenScript {
    /** System property that switches from comparing to rewriting the expected files. */
    public static final String UPDATE_PROPERTY = "golden.update";

    /** Executes one block and renders its output (each line terminated by a newline). */
    @FunctionalInterface
    public interface Runner {
        String run(String query);
    }

    private GoldenScript() {}

    /** The transcript of {@code script} run through {@code runner}. */
    public static String transcript(String script, Runner runner) {
        StringBuilder out = new StringBuilder();
        for (ScriptSplitter.Block b : ScriptSplitter.split(script)) {
            out.append(b.echo());
            if (!b.query().isBlank()) {
                out.append(runner.run(b.query()));
            }
        }
        return out.toString();
    }

    /**
     * Runs {@code script} and compares with its {@code .out} sibling, or rewrites it in update mode.
     *
     * @throws AssertionFailedError with the first differing line when the transcript differs
     */
    public static void check(Path script, Runner runner) {
        Path expectedFile = expectedFile(script);
        String actual = transcript(read(script), runner);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(expectedFile, actual);
            return;
        }
        if (!Files.exists(expectedFile)) {
            throw new AssertionFailedError("missing expected output " + expectedFile
                    + "; run with -D" + UPDATE_PROPERTY + "=true to create it");
        }
        String expected = read(expectedFile);
        if (!expected.equals(actual)) {
            throw new AssertionFailedError(script.getFileName() + ": " + firstDifference(expected, actual)
                    + " (run with -D" + UPDATE_PROPERTY + "=true to accept)", expected, actual);
        }
    }

    /** One dynamic test per {@code *.sql} file in {@code dir}, each with a fresh runner. */
    public static Stream<DynamicTest> tests(Path dir, Supplier<? extends Runner> runners) {
        return scripts(dir).stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(),
                script.toUri(), () -> check(script, runners.get())));
    }

    /** The {@code *.sql} files of {@code dir}, sorted by name. */
    public static List<Path> scripts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resolves a directory under the module's source tree (not target/), so update mode rewrites
     * the files under version control. Surefire runs tests with the module directory as working
     * directory and sets {@code basedir}.
     */
    public static Path sourceDir(String relative) {
        return Path.of(System.getProperty("basedir", ".")).resolve(relative);
    }

    static Path expectedFile(Path script) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.length() - ".sql".length()) + ".out");
    }

    /** The first line where two transcripts differ, for assertion messages. */
    public static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": expected [" + el + "] but was [" + al + "]";
            }
        }
        return "no difference";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

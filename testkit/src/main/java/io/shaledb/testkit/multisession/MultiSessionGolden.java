package io.shaledb.testkit.multisession;

import io.shaledb.testkit.golden.GoldenScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * Expected transcripts of multi-session scripts, following {@link GoldenScript}'s conventions: a
 * script {@code g1a.sql} run in variant {@code read-committed} is compared with {@code
 * g1a.read-committed.out} beside it, and {@code -Dgolden.update=true} rewrites that file instead.
 *
 * <p>Some expected files are a specification that a particular test must not rewrite (for
 * example transcripts recorded from another database): callers say whether this comparison may
 * update the file.
 */
public final class MultiSessionGolden {
    private MultiSessionGolden() {}

    /** {@code dir/name.sql} → {@code dir/name.variant.out}. */
    public static Path expectedFile(Path script, String variant) {
        String name = script.getFileName().toString();
        if (!name.endsWith(".sql")) {
            throw new IllegalArgumentException("a script's name ends in .sql: " + script);
        }
        return script.resolveSibling(name.substring(0, name.length() - ".sql".length()) + "." + variant + ".out");
    }

    /** Whether {@code -Dgolden.update=true} is set. */
    public static boolean updating() {
        return Boolean.getBoolean(GoldenScript.UPDATE_PROPERTY);
    }

    /**
     * Compares {@code actual} with {@code expectedFile}, or writes it there when updating and
     * {@code mayUpdate}.
     *
     * @throws AssertionFailedError naming the first differing line
     */
    public static void check(Path expectedFile, String actual, boolean mayUpdate) {
        if (updating() && mayUpdate) {
            write(expectedFile, actual);
            return;
        }
        if (!Files.exists(expectedFile)) {
            throw new AssertionFailedError("missing expected output " + expectedFile
                    + (mayUpdate ? "; run with -D" + GoldenScript.UPDATE_PROPERTY + "=true to create it" : ""));
        }
        String expected = read(expectedFile);
        if (!expected.equals(actual)) {
            throw new AssertionFailedError(expectedFile.getFileName() + ": " + GoldenScript.firstDifference(expected, actual)
                    + (mayUpdate ? " (run with -D" + GoldenScript.UPDATE_PROPERTY + "=true to accept)" : ""), expected, actual);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    public static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }
}

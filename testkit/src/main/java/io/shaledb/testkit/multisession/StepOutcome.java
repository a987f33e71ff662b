package io.shaledb.testkit.multisession;

import io.shaledb.testkit.golden.PsqlFormat;
import java.util.Arrays;
import java.util.List;

/**
 * What one statement sent by a session produced, in the order the server sent it: result sets,
 * command tags, notices and at most one error (which ends the statement).
 *
 * @param results everything the server answered, in order
 * @param blocked whether the statement was still running when the runner stopped waiting for it,
 *     so the script went on without it
 */
public record StepOutcome(List<Result> results, boolean blocked) {

    public StepOutcome {
        results = List.copyOf(results);
    }

    /** One piece of a statement's answer. */
    public sealed interface Result {
        /** psql's rendering of this piece, each line ending in a newline. */
        String render();
    }

    /** A result set: column names, whether each is numeric (right-aligned), and cell texts (null is SQL NULL). */
    public record Rows(List<String> columns, List<Boolean> numeric, List<String[]> rows) implements Result {
        public Rows {
            columns = List.copyOf(columns);
            numeric = List.copyOf(numeric);
            rows = rows.stream().map(String[]::clone).toList();
        }

        @Override
        public String render() {
            return PsqlFormat.table(columns, numeric, rows);
        }

        /** Each row as its cells joined by {@code |}, NULL as the empty string: {@code "1|10"}. */
        public List<String> compactRows() {
            return rows.stream()
                    .map(r -> String.join("|", Arrays.stream(r).map(c -> c == null ? "" : c.strip()).toList()))
                    .toList();
        }
    }

    /** A command tag such as {@code UPDATE 1}, {@code COMMIT} or {@code ROLLBACK}. */
    public record Tag(String tag) implements Result {
        @Override
        public String render() {
            return tag + "\n";
        }
    }

    /** A notice or warning the server sent along ({@code WARNING:  25001: ...}). */
    public record Notice(String severity, String sqlState, String message) implements Result {
        @Override
        public String render() {
            return severity + ":  " + sqlState + ": " + message + "\n";
        }
    }

    /**
     * An error. Only the SQLSTATE and the primary message are rendered: details and hints (such as
     * PostgreSQL's SSI reason codes) are implementation-specific and would make transcripts of two
     * servers differ where their behaviour does not.
     */
    public record Error(String sqlState, String message) implements Result {
        @Override
        public String render() {
            return PsqlFormat.error(sqlState, message, 0, null, null, null);
        }
    }

    /** The transcript text of this outcome. */
    public String render() {
        StringBuilder out = new StringBuilder();
        results.forEach(r -> out.append(r.render()));
        return out.toString();
    }

    /** True when the statement finished without an error. */
    public boolean succeeded() {
        return results.stream().noneMatch(r -> r instanceof Error);
    }

    /** The last command tag, or null. */
    public String lastTag() {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (results.get(i) instanceof Tag t) {
                return t.tag();
            }
        }
        return null;
    }

    /** The last result set, or null. */
    public Rows lastRows() {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (results.get(i) instanceof Rows r) {
                return r;
            }
        }
        return null;
    }

    StepOutcome markBlocked() {
        return new StepOutcome(results, true);
    }
}

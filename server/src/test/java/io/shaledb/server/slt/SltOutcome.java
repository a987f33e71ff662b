package io.shaledb.server.slt;

import java.time.Duration;
import java.util.List;

/**
 * What running one file produced: counts of records that passed, failed and were skipped, the
 * failures themselves and how long it took.
 */
record SltOutcome(String file, int passed, int failed, int skipped, List<Failure> failures, Duration elapsed) {

    int executed() {
        return passed + failed;
    }

    /** Why a record failed; the triage groups failures by kind and error. */
    enum Kind {
        /** {@code statement ok} raised an error */
        STATEMENT_ERROR,
        /** {@code statement error} succeeded */
        STATEMENT_ACCEPTED,
        /** a query raised an error */
        QUERY_ERROR,
        /** a query returned other values than expected */
        WRONG_RESULT,
        /** a query returned other values than an earlier query with the same label */
        LABEL_MISMATCH
    }

    /**
     * One failed record.
     *
     * @param sqlState the error's SQLSTATE, or null when there was no error
     * @param message the error's message, or a description of the difference
     * @param expected the expected result lines (empty for statements)
     * @param actual the actual result lines, rendered as the file would write them
     * @param after for a query, the earlier failed statement that should have created or changed
     *     a relation the query uses (a CREATE, INSERT, UPDATE or DELETE), or null: a wrong result
     *     or a missing relation after such a failure is most likely its consequence
     */
    record Failure(String file, int line, Kind kind, String sql, String sqlState, String message, List<String> expected,
            List<String> actual, Failure after) {

        /** A multi-line human report: where, what SQL, and expected versus actual or the error. */
        String describe() {
            StringBuilder out = new StringBuilder();
            out.append(file).append(':').append(line).append(": ").append(kind).append('\n');
            out.append("  sql: ").append(sql.replace("\n", "\n       ")).append('\n');
            if (sqlState != null || kind == Kind.STATEMENT_ACCEPTED) {
                out.append("  error: ").append(sqlState == null ? "" : sqlState + " ").append(message).append('\n');
            }
            if (kind == Kind.WRONG_RESULT || kind == Kind.LABEL_MISMATCH) {
                out.append("  expected: ").append(abbreviate(expected)).append('\n');
                out.append("  actual:   ").append(abbreviate(actual)).append('\n');
            }
            return out.toString();
        }

        private static String abbreviate(List<String> values) {
            String joined = String.join(" ", values);
            return joined.length() > 300 ? joined.substring(0, 300) + " ... (" + values.size() + " values)" : joined;
        }
    }
}

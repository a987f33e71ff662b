package io.shaledb.server.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: the unit that passes, fails or is skipped.
 *
 * <p>Every record carries the 1-based line it starts on (the line of its keyword, after any
 * {@code skipif}/{@code onlyif} lines) and the conditions written before it.
 */
sealed interface SltRecord {
    int line();

    List<Condition> conditions();

    /** Whether a runner acting as database {@code engine} executes this record. */
    default boolean appliesTo(String engine) {
        for (Condition c : conditions()) {
            if (c.onlyIf() != c.engine().equalsIgnoreCase(engine)) {
                return false;
            }
        }
        return true;
    }

    /** {@code skipif <engine>} ({@code onlyIf} false) or {@code onlyif <engine>}. */
    record Condition(boolean onlyIf, String engine) {}

    /** {@code statement ok} or {@code statement error}: the SQL must succeed, or must fail. */
    record Statement(int line, List<Condition> conditions, boolean expectError, String sql) implements SltRecord {}

    /**
     * {@code query <types> <sort> [label]} with its SQL and the expected lines after {@code ----}
     * (one value per line, or the single line {@code "N values hashing to <md5>"}).
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sort, String label, String sql,
            List<String> expected) implements SltRecord {}

    /** {@code hash-threshold N}: results with more than N values are written as a hash. */
    record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {}

    /** {@code halt}: stop running the file here. */
    record Halt(int line, List<Condition> conditions) implements SltRecord {}

    /** How a query's values are ordered before they are compared. */
    enum SortMode {
        /** as the database returned them */
        NOSORT,
        /** rows sorted, comparing their values' text column by column */
        ROWSORT,
        /** every value sorted on its own, ignoring rows */
        VALUESORT;

        static SortMode parse(String word, int line) {
            return switch (word) {
                case "nosort" -> NOSORT;
                case "rowsort" -> ROWSORT;
                case "valuesort" -> VALUESORT;
                default -> throw new IllegalArgumentException("line " + line + ": unknown sort mode '" + word + "'");
            };
        }
    }
}

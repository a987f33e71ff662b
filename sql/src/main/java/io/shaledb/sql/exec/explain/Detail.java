package io.shaledb.sql.exec.explain;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One property line of a plan node, in PostgreSQL's text and JSON spelling. Expression
 * properties are deparsed only when the plan is printed ({@link Expressions}), and ANALYZE-time
 * properties read their counters then, so a detail can be attached while the plan is built.
 */
public sealed interface Detail {

    /** True when the detail only exists after execution (EXPLAIN ANALYZE). */
    default boolean analyzeOnly() {
        return false;
    }

    /** {@code Label: text} / {@code "Label": "text"}. */
    record Text(String label, Supplier<String> value) implements Detail {}

    /** Conditions or expressions deparsed at print time: one string ({@code Filter}), or a list ({@code Sort Key}). */
    record Expressions(String label, Supplier<List<String>> items, boolean list, boolean andJoined) implements Detail {}

    /** {@code Label: N} (ANALYZE only, e.g. {@code Rows Removed by Filter}); printed when {@code always} or non-zero. */
    record Counter(String label, LongSupplier value, boolean always) implements Detail {
        @Override
        public boolean analyzeOnly() {
            return true;
        }
    }

    /** {@code Sort Method: quicksort  Memory: 25kB} (ANALYZE only). */
    record SortMethod(io.shaledb.sql.exec.op.SortReport report) implements Detail {
        @Override
        public boolean analyzeOnly() {
            return true;
        }
    }

    /** {@code Buckets: 1024  Batches: 1  Memory Usage: 9kB} (ANALYZE only). */
    record HashTable(io.shaledb.sql.exec.op.HashReport report) implements Detail {
        @Override
        public boolean analyzeOnly() {
            return true;
        }
    }
}

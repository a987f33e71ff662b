package io.shaledb.sql.exec.access;

import io.shaledb.sql.stats.ColumnEstimates;
import io.shaledb.sql.stats.RelationSize;
import java.util.function.IntFunction;

/**
 * What the planner assumes about one table: its size ({@link io.shaledb.sql.stats.Statistics#size})
 * and, per column, the estimates its statistics give ({@link io.shaledb.sql.stats.Statistics#column};
 * PostgreSQL's defaults for a column never analyzed).
 *
 * @param size rows, pages and row width
 * @param column the estimates of the column at an index of the table's columns (called lazily,
 *     only for columns a condition restricts)
 */
public record TableEstimate(RelationSize size, IntFunction<ColumnEstimates> column) {

    /** A table of {@code tuples} rows without statistics (for callers that know nothing more). */
    public static TableEstimate unanalyzed(double tuples, int pages, int width) {
        return new TableEstimate(new RelationSize(tuples, pages, width, false), c -> null);
    }
}

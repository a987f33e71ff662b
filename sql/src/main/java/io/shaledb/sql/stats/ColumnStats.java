package io.shaledb.sql.stats;

import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * What ANALYZE learned about one column (PostgreSQL's {@code pg_statistic} row as {@code pg_stats}
 * shows it). Fractions are single precision, as PostgreSQL stores them.
 *
 * @param column the column's name when it was analyzed
 * @param type its type then (statistics of a column whose type changed are ignored)
 * @param nullFrac fraction of rows whose value is NULL
 * @param avgWidth average stored width in bytes of the non-null values
 * @param nDistinct distinct non-null values: positive = a count, negative = minus a fraction of
 *     the rows (the count grows with the table), 0 = unknown
 * @param mcvValues most common values, most common first (empty when none stands out)
 * @param mcvFreqs their frequencies among all rows (NULLs included), parallel to {@code mcvValues}
 * @param histogram bounds of equal-population buckets of the values that are not MCVs, ascending
 *     (empty when fewer than two distinct such values were seen)
 * @param correlation statistical correlation between the values' order and the rows' physical
 *     (scan) order, -1..1; null when not computed
 */
public record ColumnStats(String column, SqlType type, float nullFrac, int avgWidth, float nDistinct,
                          List<Object> mcvValues, float[] mcvFreqs, List<Object> histogram, Float correlation) {
    public ColumnStats {
        mcvValues = List.copyOf(mcvValues);
        histogram = List.copyOf(histogram);
        mcvFreqs = mcvFreqs.clone();
        if (mcvFreqs.length != mcvValues.size()) {
            throw new IllegalArgumentException("MCV values and frequencies differ in length");
        }
    }

    /** The sum of the MCV frequencies. */
    public double mcvTotal() {
        double sum = 0;
        for (float f : mcvFreqs) {
            sum += f;
        }
        return sum;
    }

    /** The number of distinct non-null values in a table of {@code rows} rows (n_distinct made absolute). */
    public double distinctIn(double rows) {
        return nDistinct >= 0 ? nDistinct : -nDistinct * rows;
    }

    /** A copy named {@code newName} (for renamed columns). */
    public ColumnStats withColumn(String newName) {
        return new ColumnStats(newName, type, nullFrac, avgWidth, nDistinct, mcvValues, mcvFreqs, histogram, correlation);
    }
}

package io.shaledb.sql.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ANALYZE stored for one table: its size when analyzed (PostgreSQL's {@code reltuples} and
 * {@code relpages}), the per-column statistics, and when and how often it was analyzed.
 *
 * @param tableId the table's id (its OID is 16384 + id)
 * @param reltuples live rows counted by the last ANALYZE
 * @param relpages the 8 kB heap pages those rows would fill in PostgreSQL (for page-based costs)
 * @param lastAnalyze when ANALYZE last ran by a user (null if never)
 * @param lastAutoanalyze when autoanalyze last ran (null if never)
 * @param analyzeCount user ANALYZEs so far
 * @param autoanalyzeCount autoanalyzes so far
 * @param columns statistics by column name
 */
public record TableStats(int tableId, double reltuples, long relpages, Instant lastAnalyze, Instant lastAutoanalyze,
                         long analyzeCount, long autoanalyzeCount, Map<String, ColumnStats> columns) {
    public TableStats {
        columns = java.util.Collections.unmodifiableMap(new TreeMap<>(columns));
    }

    /** The statistics of {@code column}, or null when it was not analyzed. */
    public ColumnStats column(String column) {
        return columns.get(column);
    }

    /** The columns' statistics in name order. */
    public List<ColumnStats> columnList() {
        return List.copyOf(columns.values());
    }
}

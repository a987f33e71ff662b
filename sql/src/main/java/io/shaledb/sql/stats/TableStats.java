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
 * @param targets statistics targets set by {@code ALTER TABLE ... SET STATISTICS}, by column name
 *     (columns not listed use default_statistics_target)
 */
public record TableStats(int tableId, double reltuples, long relpages, Instant lastAnalyze, Instant lastAutoanalyze,
                         long analyzeCount, long autoanalyzeCount, Map<String, ColumnStats> columns,
                         Map<String, Integer> targets) {
    public TableStats {
        columns = java.util.Collections.unmodifiableMap(new TreeMap<>(columns));
        targets = java.util.Collections.unmodifiableMap(new TreeMap<>(targets));
    }

    /** Statistics without per-column targets. */
    public TableStats(int tableId, double reltuples, long relpages, Instant lastAnalyze, Instant lastAutoanalyze,
                      long analyzeCount, long autoanalyzeCount, Map<String, ColumnStats> columns) {
        this(tableId, reltuples, relpages, lastAnalyze, lastAutoanalyze, analyzeCount, autoanalyzeCount, columns, Map.of());
    }

    /** The row of a table never analyzed that has only statistics targets: reltuples -1, as in PostgreSQL. */
    static TableStats targetsOnly(int tableId, Map<String, Integer> targets) {
        return new TableStats(tableId, -1, 0, null, null, 0, 0, Map.of(), targets);
    }

    /** Whether ANALYZE has run (a row may exist for statistics targets alone). */
    public boolean analyzed() {
        return reltuples >= 0;
    }

    /** The statistics target of {@code column}: its own, or {@code defaultTarget}. */
    public int target(String column, int defaultTarget) {
        Integer t = targets.get(column);
        return t == null ? defaultTarget : t;
    }

    /** A copy with {@code column}'s target set ({@code -1} removes it). */
    TableStats withTarget(String column, int target) {
        Map<String, Integer> next = new TreeMap<>(targets);
        if (target < 0) {
            next.remove(column);
        } else {
            next.put(column, target);
        }
        return new TableStats(tableId, reltuples, relpages, lastAnalyze, lastAutoanalyze, analyzeCount, autoanalyzeCount,
                columns, next);
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

package io.shaledb.sql.stats;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.SqlArrays;
import io.shaledb.txn.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the statistics views, computed from the stored statistics and the activity
 * counters (the view definitions, i.e. their columns, are in sql.exec's SystemViews).
 *
 * <pre>
 *   pg_stats             schemaname, tablename, attname, inherited, null_frac, avg_width, n_distinct,
 *                        most_common_vals, most_common_freqs, histogram_bounds, correlation,
 *                        most_common_elems, most_common_elem_freqs, elem_count_histogram
 *   pg_stat_user_tables  relid, schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup,
 *                        n_dead_tup, n_mod_since_analyze, n_ins_since_vacuum, last_vacuum,
 *                        last_autovacuum, last_analyze, last_autoanalyze, vacuum_count,
 *                        autovacuum_count, analyze_count, autoanalyze_count
 * </pre>
 *
 * {@code anyarray} columns (most_common_vals, histogram_bounds) are text in PostgreSQL's array
 * syntax of the column's type, as psql shows them.
 */
public final class StatisticsViews {
    private StatisticsViews() {}

    /** pg_stats: one row per analyzed column of every table {@code tx} sees. */
    public static List<Object[]> pgStats(Statistics statistics, Catalog catalog, Transaction tx) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : catalog.tables(tx)) {
            TableStats ts = statistics.table(tx, t);
            if (ts == null) {
                continue;
            }
            for (Column c : t.columns()) {
                ColumnStats s = ts.column(c.name());
                if (s == null) {
                    continue;
                }
                List<Float> freqs = new ArrayList<>();
                for (float f : s.mcvFreqs()) {
                    freqs.add(f);
                }
                rows.add(new Object[] {Catalog.schemaOf(t.name()), Catalog.bareName(t.name()), c.name(), false,
                        s.nullFrac(), s.avgWidth(), s.nDistinct(),
                        s.mcvValues().isEmpty() ? null : SqlArrays.toText(s.mcvValues(), s.type()),
                        freqs.isEmpty() ? null : freqs,
                        s.histogram().isEmpty() ? null : SqlArrays.toText(s.histogram(), s.type()),
                        s.correlation(), null, null, null});
            }
        }
        return rows;
    }

    /** pg_stat_user_tables: one row per table {@code tx} sees. */
    public static List<Object[]> userTables(Statistics statistics, Catalog catalog, Transaction tx) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : catalog.tables(tx)) {
            TableActivity.Counters c = statistics.activity().of(t.id());
            rows.add(new Object[] {t.oid(), Catalog.schemaOf(t.name()), Catalog.bareName(t.name()),
                    c.inserted(), c.updated(), c.deleted(), c.live(), c.dead(), c.modSinceAnalyze(), c.insSinceVacuum(),
                    time(c.lastVacuum()), null, time(c.lastAnalyze()), time(c.lastAutoanalyze()), c.vacuumCount(), 0L,
                    c.analyzeCount(), c.autoanalyzeCount()});
        }
        return rows;
    }

    private static Long time(Instant i) {
        return i == null ? null : DateTimes.fromInstant(i);
    }
}

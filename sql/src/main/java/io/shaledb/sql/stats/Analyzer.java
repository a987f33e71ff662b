package io.shaledb.sql.stats;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyzes one table in a transaction: one pass over the rows the transaction sees, keeping a
 * uniform random sample of 300 x target rows (reservoir sampling, Vitter's algorithm R; only rows
 * that enter the sample are decoded) while counting every row, then the heap pages PostgreSQL
 * would need for them from the sample (exact when the table fits in it, scaled beyond), then
 * {@link ColumnStatsBuilder} per column on the sample in scan order, and the result stored with
 * {@link StatisticsStore#put}.
 *
 * <p>PostgreSQL samples pages and then rows, and estimates the row count; ShaleDB has no pages to
 * skip, so it reads every row once: {@code reltuples} is exact for the snapshot, and a table of at
 * most 300 x target rows is sampled whole, which makes its statistics exactly PostgreSQL's.
 */
final class Analyzer {
    private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);
    /** PostgreSQL's rows-per-target factor (std_typanalyze's minrows = 300 x attstattarget). */
    static final int ROWS_PER_TARGET = 300;

    private final StatisticsStore store;
    private final TableActivity activity;
    private final Catalog catalog;
    private final Function<Table, Relation> relations;
    private final Random random;

    Analyzer(StatisticsStore store, TableActivity activity, Catalog catalog, Function<Table, Relation> relations, Random random) {
        this.store = store;
        this.activity = activity;
        this.catalog = catalog;
        this.relations = relations;
        this.random = random;
    }

    /**
     * What an ANALYZE stored, and what the activity counters need to hear once it counts
     * ({@link TableActivity.Counters#analyzed}): at once for ANALYZE, after the commit for autoanalyze.
     */
    record Analyzed(TableStats stats, long modAtStart, Instant when) {}

    /**
     * The heap pages PostgreSQL would need for the table: counted row by row over the sample in
     * scan order, which is every row when the table fits in the sample (exact, as PostgreSQL's
     * relpages); scaled by rows / sampled rows beyond that (an estimate, as PostgreSQL's
     * relpages of a table it sampled is for reltuples).
     */
    private static long pages(List<SqlType> types, List<Sampled> sample, long rows) {
        ValueWidths.PageCounter counter = new ValueWidths.PageCounter(types);
        for (Sampled r : sample) {
            counter.add(r.row());
        }
        if (sample.isEmpty() || rows == sample.size()) {
            return counter.pages();
        }
        return (long) Math.ceil((double) counter.pages() * rows / sample.size());
    }

    /** One row of the sample and its position in the scan. */
    private record Sampled(long position, Object[] row) {}

    /**
     * Analyzes {@code columns} of {@code table} (all when empty) as {@code tx} sees it and stores
     * the result in {@code writer} ({@code tx} itself unless that is read-only); statistics of the
     * other columns are kept, and so are all when the table is empty (as PostgreSQL does). Null
     * when the table was dropped meanwhile.
     */
    Analyzed analyze(Transaction tx, Transaction writer, Table table, List<String> columns, int target, boolean auto,
                       boolean verbose) {
        catalog.lockForWrite(writer, table); // DDL on the table waits for us, as for PostgreSQL's ShareUpdateExclusiveLock
        Table current = catalog.table(tx, table.name());
        if (current == null || current.id() != table.id()) {
            return null; // dropped while we waited for the lock (autoanalyze)
        }
        table = current;
        long modAtStart = activity.of(table.id()).modSinceAnalyze();
        TableStats old = store.get(writer, table.id());
        int maxTarget = 0;
        for (Column c : table.columns()) {
            if (columns.isEmpty() || columns.contains(c.name())) {
                maxTarget = Math.max(maxTarget, old == null ? target : old.target(c.name(), target));
            }
        }
        int sampleSize = ROWS_PER_TARGET * maxTarget;
        List<Sampled> sample = new ArrayList<>(Math.min(sampleSize, 1024));
        List<SqlType> types = table.columns().stream().map(Column::type).toList();
        long rows = 0;
        Relation rel = relations.apply(table);
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                Version v = s.current();
                // only rows that enter the sample are decoded
                if (sample.size() < sampleSize) {
                    sample.add(new Sampled(rows, RowCodec.decode(table, v.userKey(), v.payload())));
                } else {
                    long j = random.nextLong(rows + 1);
                    if (j < sampleSize) {
                        sample.set((int) j, new Sampled(rows, RowCodec.decode(table, v.userKey(), v.payload())));
                    }
                }
                rows++;
                if ((rows & 1023) == 0) {
                    tx.checkCancelled();
                }
            }
        }
        sample.sort((a, b) -> Long.compare(a.position(), b.position()));
        long pages = pages(types, sample, rows);
        if (verbose) {
            LOG.info("analyzing \"{}.{}\": {} rows, {} pages; {} rows in sample", Catalog.schemaOf(table.name()),
                    Catalog.bareName(table.name()), rows, pages, sample.size());
        }

        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        if (old != null) {
            for (ColumnStats c : old.columns().values()) {
                int idx = table.columnIndex(c.column());
                if (idx >= 0 && table.column(idx).type() == c.type()) {
                    stats.put(c.column(), c); // columns not analyzed this time keep their statistics
                }
            }
        }
        for (int i = 0; i < table.columns().size() && !sample.isEmpty(); i++) {
            Column c = table.column(i);
            if (!columns.isEmpty() && !columns.contains(c.name())) {
                continue;
            }
            int columnTarget = old == null ? target : old.target(c.name(), target);
            if (columnTarget == 0) {
                continue; // SET STATISTICS 0: not analyzed (what it had stays, as in PostgreSQL)
            }
            List<Object> values = new ArrayList<>(sample.size());
            for (Sampled r : sample) {
                values.add(r.row()[i]);
            }
            stats.put(c.name(), ColumnStatsBuilder.build(c.name(), c.type(), values, rows, columnTarget));
        }
        TableActivity.Counters counters = activity.of(table.id());
        Instant now = Instant.now();
        TableStats result = new TableStats(table.id(), rows, pages, auto ? counters.lastAnalyze() : now,
                auto ? now : counters.lastAutoanalyze(), counters.analyzeCount() + (auto ? 0 : 1),
                counters.autoanalyzeCount() + (auto ? 1 : 0), stats, old == null ? Map.of() : old.targets());
        store.put(writer, result);
        return new Analyzed(result, modAtStart, now);
    }
}

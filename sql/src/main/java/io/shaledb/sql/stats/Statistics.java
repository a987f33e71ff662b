package io.shaledb.sql.stats;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The statistics of one database: the stored per-table statistics ({@link StatisticsStore}), the
 * activity counters ({@link TableActivity}), the ANALYZE statement, autoanalyze, and the
 * entry point the planner uses ({@link #table}, then {@link Selectivity}).
 */
public final class Statistics implements AutoCloseable {
    /** PostgreSQL's default_statistics_target. */
    public static final int DEFAULT_TARGET = 100;
    /** The largest statistics target PostgreSQL accepts. */
    public static final int MAX_TARGET = 10000;

    private final Catalog catalog;
    private final TransactionManager txns;
    private final StatisticsStore store;
    private final TableActivity activity = new TableActivity();
    private final Analyzer analyzer;
    private volatile AutoAnalyzer autoAnalyzer;

    /**
     * Loads the stored statistics of {@code catalog}'s tables from {@code catalogEngine}.
     *
     * @param relations the transactional view of a table's rows
     */
    public Statistics(Catalog catalog, TransactionManager txns, StorageEngine catalogEngine, Function<Table, Relation> relations) {
        this.catalog = catalog;
        this.txns = txns;
        Set<Integer> ids = new HashSet<>();
        catalog.tables().forEach(t -> ids.add(t.id()));
        this.store = StatisticsStore.load(catalogEngine, txns, ids::contains);
        store.committed().forEach((id, t) -> activity.of(id).restore(t));
        this.analyzer = new Analyzer(store, activity, catalog, relations, new Random());
    }

    /** Where the statistics are stored. */
    public StatisticsStore store() {
        return store;
    }

    /** The activity counters (rows written, modifications since ANALYZE). */
    public TableActivity activity() {
        return activity;
    }

    /**
     * The statistics of {@code table} as {@code tx} sees them, only for columns that still have
     * the name and type they were analyzed with; null when the table was never analyzed.
     */
    public TableStats table(Transaction tx, Table table) {
        TableStats t = store.get(tx, table.id());
        if (t == null || !t.analyzed()) {
            return null;
        }
        Map<String, ColumnStats> current = new LinkedHashMap<>();
        for (ColumnStats c : t.columns().values()) {
            int i = table.columnIndex(c.column());
            if (i >= 0 && table.column(i).type() == c.type()) {
                current.put(c.column(), c);
            }
        }
        return current.size() == t.columns().size() ? t : new TableStats(t.tableId(), t.reltuples(), t.relpages(),
                t.lastAnalyze(), t.lastAutoanalyze(), t.analyzeCount(), t.autoanalyzeCount(), current, t.targets());
    }

    /**
     * How big the planner should assume {@code table} is now (PostgreSQL's estimate_rel_size): the
     * last ANALYZE's density scaled to the rows counted since, or a never-analyzed table's
     * type-based estimate of at least 10 pages.
     */
    public RelationSize size(Transaction tx, Table table) {
        return RelationSize.of(table, table(tx, table), activity.of(table.id()).live());
    }

    /**
     * Estimates for restrictions on {@code column} of {@code table} as {@code tx} sees it, sized
     * by {@link #size}: the planner's usual entry point into {@link Selectivity}.
     *
     * @throws IllegalArgumentException when the table has no such column
     */
    public ColumnEstimates column(Transaction tx, Table table, String column) {
        int i = table.columnIndex(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + table.name());
        }
        return Selectivity.column(table(tx, table), column, table.column(i).type(), size(tx, table).tuples());
    }

    /** Counts rows a transaction wrote in {@code table} (the DML write path calls this). */
    public void countWrites(Transaction tx, Table table, long inserted, long updated, long deleted) {
        activity.count(tx, table.id(), inserted, updated, deleted);
    }

    /** TRUNCATE in {@code tx}: once it commits the table has no live or dead rows. */
    public void truncated(Transaction tx, Table table) {
        activity.truncate(tx, table.id());
    }

    /**
     * After ALTER TABLE in {@code tx}: statistics and targets follow renamed columns and go with
     * dropped ones ({@code columnNow} maps an old column name to its new one, or null), and the
     * {@code SET STATISTICS} targets given are set (0: no statistics for the column; -1: back to
     * default_statistics_target; 22023 below -1; above 10000 lowered to 10000, where PostgreSQL
     * also warns). Nothing is written when nothing changes.
     */
    public void altered(Transaction tx, Table table, UnaryOperator<String> columnNow, Map<String, Integer> newTargets) {
        TableStats old = store.get(tx, table.id());
        if (old == null && newTargets.isEmpty()) {
            return;
        }
        TableStats t = old == null ? TableStats.targetsOnly(table.id(), Map.of()) : old;
        Map<String, ColumnStats> columns = new LinkedHashMap<>();
        t.columns().forEach((name, c) -> {
            String now = columnNow.apply(name);
            if (now != null) {
                columns.put(now, c.withColumn(now));
            }
        });
        Map<String, Integer> targets = new LinkedHashMap<>();
        t.targets().forEach((name, target) -> {
            String now = columnNow.apply(name);
            if (now != null) {
                targets.put(now, target);
            }
        });
        TableStats updated = new TableStats(t.tableId(), t.reltuples(), t.relpages(), t.lastAnalyze(), t.lastAutoanalyze(),
                t.analyzeCount(), t.autoanalyzeCount(), columns, targets);
        for (Map.Entry<String, Integer> e : newTargets.entrySet()) {
            int target = e.getValue();
            if (target < -1) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "statistics target " + target + " is too low");
            }
            updated = updated.withTarget(e.getKey(), Math.min(target, MAX_TARGET));
        }
        if (!updated.columns().keySet().equals(t.columns().keySet()) || !updated.targets().equals(t.targets()) || old == null) {
            store.put(tx, updated);
        }
    }

    /** DROP TABLE in {@code tx}: its statistics go with it, and its counters once {@code tx} commits. */
    public void dropped(Transaction tx, Table table) {
        store.delete(tx, table.id());
        tx.addEndListener(new Transaction.EndListener() {
            @Override
            public void committed(Transaction ended) {
                activity.forget(table.id());
            }

            @Override
            public void rolledBack(Transaction ended) {}
        });
    }

    /** VACUUM of {@code table} finished (for pg_stat_user_tables). */
    public void vacuumed(Table table) {
        activity.of(table.id()).vacuumed(Instant.now());
    }

    // ------------------------------------------------------------------ ANALYZE

    /**
     * Runs {@code ANALYZE} in {@code tx} with the session's {@code default_statistics_target}.
     * Errors as PostgreSQL's: unknown options (42601), tables (42P01), columns (42703) and
     * repeated columns (42701).
     */
    public void analyze(Statement.Analyze a, Transaction tx, ResultSink sink, int target) {
        boolean verbose = false;
        for (Statement.VacuumOption o : a.options()) {
            switch (o.name().toLowerCase(Locale.ROOT)) {
                case "verbose" -> verbose = bool(o);
                case "skip_locked" -> bool(o); // nothing blocks ANALYZE's reads here
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized ANALYZE option \"" + o.name() + "\"",
                        o.pos() + 1);
            }
        }
        record Target(Table table, List<String> columns) {}
        List<Target> targets = new ArrayList<>();
        if (a.tables().isEmpty()) {
            catalog.tables(tx).forEach(t -> targets.add(new Target(t, List.of())));
        }
        for (Statement.VacuumTarget target1 : a.tables()) {
            String written = target1.schema() == null ? target1.table().name()
                    : target1.schema().name() + "." + target1.table().name();
            catalog.requireSchemaOf(tx, written);
            Table t = catalog.table(tx, catalog.resolve(tx, written));
            if (t == null) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + written + "\" does not exist");
            }
            List<String> columns = new ArrayList<>();
            for (Ident c : target1.columns()) {
                if (t.columnIndex(c.name()) < 0) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c.name() + "\" of relation \""
                            + Catalog.bareName(t.name()) + "\" does not exist");
                }
                if (columns.contains(c.name())) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" of relation \""
                            + Catalog.bareName(t.name()) + "\" appears more than once");
                }
                columns.add(c.name());
            }
            targets.add(new Target(t, columns));
        }
        // PostgreSQL lets a read-only transaction ANALYZE; its statistics are then written and
        // committed by a transaction of their own
        Transaction writer = tx.readOnly() ? txns.begin(IsolationLevel.READ_COMMITTED, false, 0) : tx;
        try {
            if (writer != tx) {
                writer.beginStatement(() -> false, 0, true);
            }
            for (Target t : targets) {
                Analyzer.Analyzed done = analyzer.analyze(tx, writer, t.table(), t.columns(), target, false, verbose);
                if (done != null) {
                    counted(done, false); // not transactional, as in PostgreSQL
                }
            }
            if (writer != tx) {
                writer.commit();
            }
        } finally {
            if (writer != tx) {
                writer.rollback(); // nothing when committed
            }
        }
        sink.complete("ANALYZE");
    }

    /**
     * Analyzes every column of {@code table} in {@code tx} (autoanalyze), counting it in the
     * activity counters once {@code tx} commits. Null when the table was dropped meanwhile.
     */
    TableStats analyzeAll(Transaction tx, Table table, int target, boolean auto) {
        Analyzer.Analyzed done = analyzer.analyze(tx, tx, table, List.of(), target, auto, false);
        if (done == null) {
            return null;
        }
        tx.addEndListener(new Transaction.EndListener() {
            @Override
            public void committed(Transaction ended) {
                counted(done, auto);
            }

            @Override
            public void rolledBack(Transaction ended) {}
        });
        return done.stats();
    }

    private void counted(Analyzer.Analyzed done, boolean auto) {
        activity.of(done.stats().tableId()).analyzed((long) done.stats().reltuples(), done.modAtStart(), auto, done.when());
    }

    private static boolean bool(Statement.VacuumOption o) {
        Object v = o.value();
        if (v == null) {
            return true;
        }
        String s = v.toString().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new SqlException(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
        };
    }

    // ------------------------------------------------------------------ autoanalyze

    /** Starts autoanalyze with {@code settings}; a zero naptime leaves it off. */
    public synchronized void startAutoAnalyze(AutoAnalyzer.Settings settings) {
        if (autoAnalyzer == null && !settings.naptime().isZero()) {
            autoAnalyzer = new AutoAnalyzer(this, catalog, txns, settings);
            autoAnalyzer.start();
        }
    }

    /** The running autoanalyze worker, or null. */
    public AutoAnalyzer autoAnalyzer() {
        return autoAnalyzer;
    }

    /** Stops autoanalyze. */
    @Override
    public synchronized void close() {
        if (autoAnalyzer != null) {
            autoAnalyzer.close();
            autoAnalyzer = null;
        }
    }
}

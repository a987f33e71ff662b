package io.shaledb.sql.exec;

/**
 * What a single-table UPDATE or DELETE's row-finding read, for EXPLAIN ANALYZE: the rows its scan
 * produced (a key lookup, index ranges or the whole table), the rows its WHERE kept and the time
 * it took. The statement runs once; EXPLAIN copies these counts onto the scan node of the plan it
 * printed, instead of running that plan a second time.
 *
 * <pre>
 *   ExplainExecutor ── counting(() -> run UPDATE) ──► Executor.targets: scanned++, matched++
 *        │
 *        └── Seq Scan on t (actual rows=matched)  Rows Removed by Filter: scanned - matched
 * </pre>
 */
final class DmlScanCount {
    private static final ThreadLocal<DmlScanCount> CURRENT = new ThreadLocal<>();

    /** The explained statement's target table. */
    private final int tableId;
    long scanned;
    long matched;
    long nanos;
    private boolean recorded;

    private DmlScanCount(int tableId) {
        this.tableId = tableId;
    }

    /**
     * The counter of the EXPLAIN ANALYZE running on this thread if it counts {@code table} and
     * nothing was recorded in it yet, else null: only the explained statement's own row-finding
     * counts, not that of a statement a trigger runs.
     */
    static DmlScanCount first(io.shaledb.sql.catalog.Table table) {
        DmlScanCount c = CURRENT.get();
        return c == null || c.recorded || c.tableId != table.id() ? null : c;
    }

    void record(long scanned, long matched, long nanos) {
        this.recorded = true;
        this.scanned = scanned;
        this.matched = matched;
        this.nanos = nanos;
    }

    /** True when the statement found its rows through the counted path (a single-table UPDATE / DELETE). */
    boolean recorded() {
        return recorded;
    }

    /** Runs {@code body} with a fresh counter for the row-finding of {@code table} installed; returns it. */
    static DmlScanCount counting(io.shaledb.sql.catalog.Table table, Runnable body) {
        DmlScanCount previous = CURRENT.get();
        DmlScanCount count = new DmlScanCount(table.id());
        CURRENT.set(count);
        try {
            body.run();
        } finally {
            CURRENT.set(previous);
        }
        return count;
    }
}

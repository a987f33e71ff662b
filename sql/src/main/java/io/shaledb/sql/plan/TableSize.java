package io.shaledb.sql.plan;

/**
 * What the cost model knows about a stored table's size: its row count and its pages (8 kB
 * blocks, PostgreSQL's relpages). {@link #estimated} derives the pages from rows and width when
 * the engine does not say.
 */
public record TableSize(double tuples, double pages) {

    /** PostgreSQL's block size, which the page estimates are expressed in. */
    public static final int BLOCK_SIZE = 8192;

    /** Per-row overhead in a heap page (tuple header and line pointer), as PostgreSQL's. */
    private static final int ROW_OVERHEAD = 28;

    /** A table of {@code tuples} rows of {@code width} bytes each, packed into 8 kB pages. */
    public static TableSize estimated(double tuples, int width) {
        double perPage = Math.max(1, Math.floor((BLOCK_SIZE - 24.0) / (width + ROW_OVERHEAD)));
        return new TableSize(tuples, tuples <= 0 ? 0 : Math.ceil(tuples / perPage));
    }
}

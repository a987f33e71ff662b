package io.shaledb.sql.exec.access;

/**
 * PostgreSQL's costs of the scans the chooser compares (costsize.c's cost_seqscan and
 * cost_index with genericcostestimate, in its default units: a sequential page read costs 1, a
 * random one 4, a row 0.01, an index entry 0.005, an operator 0.0025).
 *
 * <pre>
 *   seq scan     pages · seq_page_cost + rows · (cpu_tuple_cost + quals · cpu_operator_cost)
 *   index scan   index pages read · random_page_cost + entries · (cpu_index_tuple_cost + conds · cpu_operator_cost)
 *                + heap pages fetched · random_page_cost       (Mackert-Lohman; none for index-only)
 *                + rows fetched · (cpu_tuple_cost + quals · cpu_operator_cost)
 * </pre>
 *
 * Index-only scans pay no heap pages at all: an entry's own MVCC header proves its row version
 * visible, which is what PostgreSQL's visibility map proves for an all-visible page.
 */
final class ScanCosts {
    static final double SEQ_PAGE = 1.0;
    static final double RANDOM_PAGE = 4.0;
    static final double CPU_TUPLE = 0.01;
    static final double CPU_INDEX_TUPLE = 0.005;
    static final double CPU_OPERATOR = 0.0025;
    private static final double BLOCK = 8192;

    private ScanCosts() {}

    /** Heap pages of {@code tuples} rows of {@code width} bytes (28 bytes of header each). */
    static double pages(double tuples, int width) {
        double perPage = Math.max(1, Math.floor((BLOCK - 24) / (width + 28)));
        return Math.max(1, Math.ceil(tuples / perPage));
    }

    static double seqScan(double tuples, double pages, int quals) {
        return pages * SEQ_PAGE + tuples * (CPU_TUPLE + quals * CPU_OPERATOR);
    }

    /**
     * An index scan reading {@code fraction} of an index of {@code tuples} entries of {@code keyWidth}
     * bytes, over a heap of {@code pages} pages.
     */
    static double indexScan(double tuples, double pages, double fraction, int keyWidth, int conds, int quals, boolean indexOnly) {
        double entries = Math.max(1, Math.rint(tuples * fraction));
        double indexPages = pages(tuples, keyWidth + 8);
        double indexRead = Math.max(1, Math.ceil(fraction * indexPages));
        double descent = Math.ceil(Math.log(Math.max(tuples, 2)) / Math.log(2)) * CPU_OPERATOR + 50 * CPU_OPERATOR;
        double cost = descent + indexRead * RANDOM_PAGE + entries * (CPU_INDEX_TUPLE + conds * CPU_OPERATOR);
        if (!indexOnly) {
            // Mackert and Lohman: distinct pages touched by fetching `entries` random rows
            double fetched = Math.min(2 * pages * entries / (2 * pages + entries), pages);
            cost += Math.ceil(fetched) * RANDOM_PAGE;
        }
        return cost + entries * (CPU_TUPLE + quals * CPU_OPERATOR);
    }

    /** Sorting {@code rows} rows: two comparisons' operators per n·log2(n). */
    static double sort(double rows) {
        double n = Math.max(rows, 2);
        return 2 * CPU_OPERATOR * n * (Math.log(n) / Math.log(2));
    }
}

package io.shaledb.sql.exec.access;

/**
 * How one stored table of a FROM clause is read, as {@link AccessChooser} chose it.
 *
 * <pre>
 *   SeqScan         every visible row of the table (or one key when the primary key is pinned)
 *   IndexScan       the entries in {@code cond}'s key ranges, each followed to its row (a heap fetch)
 *   IndexScan+only  the entries alone: their stored values are the row's columns the query reads,
 *                   and the entry's own MVCC header proves the row version visible (no heap fetch)
 * </pre>
 *
 * {@code cost} and {@code rows} are the estimates the choice compared (PostgreSQL's units).
 */
public sealed interface AccessPath {
    double cost();

    double rows();

    /** Whether rows come out in the order the statement asked for ({@link ScanRequest#order}). */
    boolean ordered();

    record SeqScan(double cost, double rows) implements AccessPath {
        @Override
        public boolean ordered() {
            return false;
        }
    }

    /**
     * @param backward read the ranges from their end (an ORDER BY opposite to the index's order)
     * @param ordered the rows come out in the requested order, so no Sort is needed
     * @param seqCost what the sequential scan it beat would have cost
     */
    record IndexScan(IndexCond cond, boolean indexOnly, boolean backward, boolean ordered, double cost, double rows,
                     double seqCost) implements AccessPath {
        /** PostgreSQL's node name. */
        public String nodeName() {
            return indexOnly ? "Index Only Scan" : "Index Scan";
        }
    }
}

package io.shaledb.sql.exec.access;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.Bound;
import java.util.BitSet;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * What the chooser knows about one table reference of a FROM clause.
 *
 * @param table the stored table
 * @param offset where the table's columns start in the FROM clause's row layout
 * @param filters the conjuncts placed on this table (bound over the layout)
 * @param used the table's columns (and system columns) the statement reads, relative to the
 *     table; null when unknown (then an index-only scan is never chosen)
 * @param order the order the statement wants rows in, or empty
 * @param limit rows the statement stops after (LIMIT + OFFSET), or -1
 * @param constant which expressions stay fixed while one scan runs (constants, parameters,
 *     stable functions of them, an enclosing query's columns)
 * @param tuples the table's estimated row count (asked only when some index applies)
 */
public record ScanRequest(Table table, int offset, List<Bound> filters, BitSet used, List<OrderKey> order, double limit,
                          Predicate<Bound> constant, DoubleSupplier tuples) {

    /** One ORDER BY key over the layout. */
    public record OrderKey(Bound expr, boolean descending, boolean nullsFirst) {}

    /** Columns of the table's row in the layout, counting the system columns. */
    public int width() {
        return table.columns().size() + 2;
    }
}

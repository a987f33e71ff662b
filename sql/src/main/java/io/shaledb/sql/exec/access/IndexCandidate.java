package io.shaledb.sql.exec.access;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.exec.Bound;

/**
 * An index a statement may read, as the access-path chooser sees it: its key (table columns or
 * expressions bound over the table's own row), each key's order, its predicate and what an entry
 * stores. Only indexes the statement's snapshot may read become candidates (built, valid, and
 * built by a transaction the snapshot sees).
 *
 * @param keySlots the table column of each key, or -1 for an expression key ({@code keyExprs})
 * @param keyExprs the bound expression of each expression key (over the table's row), else null
 * @param predicate a partial index's WHERE condition over the table's row, or null
 * @param storedColumns the columns of an entry's stored values: key columns, then INCLUDE columns
 * @param storedSlots the table column each stored value is, or -1 (an expression key)
 * @param primary the table's own rows, keyed by its primary key: a range of the table read in key
 *     order (PostgreSQL's scan of the {@code _pkey} index, without a separate heap fetch)
 */
public record IndexCandidate(Index index, Column[] keyColumns, SortOrder[] orders, int[] keySlots, Bound[] keyExprs,
                             Bound predicate, Column[] storedColumns, int[] storedSlots, boolean primary) {

    public String name() {
        return index.name();
    }

    public int keyCount() {
        return keyColumns.length;
    }
}

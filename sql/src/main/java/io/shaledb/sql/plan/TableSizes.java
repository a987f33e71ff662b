package io.shaledb.sql.plan;

import io.shaledb.sql.catalog.Table;

/**
 * Where the cost model gets a stored table's size from. Today ShaleDB counts the rows visible to
 * the statement (exact, but a scan); statistics gathered by ANALYZE ({@code pg_class.reltuples})
 * replace it by installing another implementation.
 */
@FunctionalInterface
public interface TableSizes {
    TableSize of(Table table);
}

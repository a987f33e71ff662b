package io.shaledb.sql.plan;

import io.shaledb.sql.catalog.Table;

/**
 * Where the cost model gets a stored table's size from: EXPLAIN installs
 * {@code Statistics.size} (ANALYZE's {@code reltuples} scaled to the rows counted since, or
 * PostgreSQL's estimate for a table never analyzed), which the access-path chooser uses too.
 */
@FunctionalInterface
public interface TableSizes {
    TableSize of(Table table);
}

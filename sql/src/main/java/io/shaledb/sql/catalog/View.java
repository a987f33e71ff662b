package io.shaledb.sql.catalog;

import java.util.List;

/**
 * A view: a stored query. {@code sql} is the query's text as written (re-parsed and planned as a
 * derived table wherever the view is used); {@code columns} are the names given in
 * {@code CREATE VIEW v (a, b)}, empty when the query's own output names apply.
 */
public record View(String name, List<String> columns, String sql) {}

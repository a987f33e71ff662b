package io.shaledb.sql.exec.explain;

/**
 * An expression node outside {@link io.shaledb.sql.exec.Bound}'s sealed set (subqueries, outer
 * references, window results) that can print itself for EXPLAIN.
 */
public interface ExplainableExpr {
    String deparse(Deparser deparser);
}

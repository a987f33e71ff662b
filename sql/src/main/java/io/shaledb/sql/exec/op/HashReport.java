package io.shaledb.sql.exec.op;

/**
 * What a hash table reports after running, for EXPLAIN ANALYZE's {@code Buckets: 1024  Batches: 1
 * Memory Usage: 9kB} on a Hash node. A hash join that spills reports more than one batch.
 */
public interface HashReport {
    long buckets();

    long batches();

    long memoryKb();
}

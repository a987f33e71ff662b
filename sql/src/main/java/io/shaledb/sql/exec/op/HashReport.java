package io.shaledb.sql.exec.op;

/**
 * What a hash table reports after running, for EXPLAIN ANALYZE's {@code Buckets: 1024  Batches: 1
 * Memory Usage: 9kB} on a Hash node. A hash join that spilled reports more than one batch.
 */
public interface HashReport {
    /** Buckets of the largest hash table built (PostgreSQL's power of two, at least 1024). */
    long hashBuckets();

    /** Batches the last run used: 1 when everything fit in memory. */
    long hashBatches();

    /** Kilobytes the largest in-memory batch held. */
    long hashMemoryKb();
}

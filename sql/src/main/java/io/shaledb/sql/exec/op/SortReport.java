package io.shaledb.sql.exec.op;

/**
 * What a sort reports after running, for EXPLAIN ANALYZE's {@code Sort Method: quicksort  Memory:
 * 25kB}: its method ({@code quicksort}, {@code top-N heapsort}, {@code external merge}), where its
 * rows were kept ({@code Memory} or {@code Disk}) and how many kilobytes at most. A sort that spills
 * to disk reports {@code external merge} and {@code Disk}.
 */
public interface SortReport {
    /** The method of the last run, or null when the sort has not run. */
    String sortMethod();

    /** {@code Memory} or {@code Disk}. */
    String spaceType();

    /** Kilobytes of {@link #spaceType()} used at most. */
    long spaceUsedKb();
}

package io.shaledb.bench.commit;

import java.io.IOException;

/**
 * Something that makes single-key commits durable. Thread-safe: the benchmark calls
 * {@link #commit} from many threads at once, and each call returns only once its commit is on disk.
 */
public interface CommitTarget extends AutoCloseable {

    /** Label for reports, saying exactly what a commit is. */
    String label();

    /**
     * One durable commit of one key: key {@code seq} of committer {@code thread}, with a 100-byte
     * value. Returns once the commit is durable.
     */
    void commit(int thread, long seq) throws IOException;

    @Override
    void close() throws IOException;
}

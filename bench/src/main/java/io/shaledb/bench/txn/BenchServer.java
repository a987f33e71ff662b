package io.shaledb.bench.txn;

import java.io.IOException;

/** A database server the transaction benchmark drives with pgbench; closing stops it and deletes its data. */
public interface BenchServer extends AutoCloseable {

    /** The name in reports: {@code postgresql}, {@code shaledb-btree}. */
    String name();

    Endpoint endpoint();

    /** One line for the report: version, settings that matter for durability and isolation. */
    String describe();

    /** Whether the server is still running (a crash shows up here before the next cell fails). */
    boolean isAlive();

    /** The last {@code maxChars} of the server's log, for error reports. */
    String logTail(int maxChars);

    @Override
    void close() throws IOException;

    /** The end of {@code log}, at most {@code maxChars}, starting at a line. */
    static String tail(String log, int maxChars) {
        if (log.length() <= maxChars) {
            return log;
        }
        String t = log.substring(log.length() - maxChars);
        int nl = t.indexOf('\n');
        return nl >= 0 ? t.substring(nl + 1) : t;
    }
}

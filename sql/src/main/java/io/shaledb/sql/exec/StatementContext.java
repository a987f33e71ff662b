package io.shaledb.sql.exec;

import io.shaledb.txn.Transaction;
import java.util.function.Supplier;

/**
 * The transaction of the statement running on this thread, for the few expressions that ask about
 * it ({@code txid_current()}). The session sets it around each statement; a session runs one
 * statement at a time on one thread, so a thread-local is exactly the statement's scope.
 */
final class StatementContext {
    private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<SessionSequences> SEQUENCES = new ThreadLocal<>();
    /** What the running statement computed once for all its rows (see {@link #memo()}). */
    private static final ThreadLocal<java.util.Map<String, Object>> MEMO = new ThreadLocal<>();

    private StatementContext() {}

    static <T> T with(Transaction tx, Supplier<T> body) {
        Transaction previous = CURRENT.get();
        CURRENT.set(tx);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Runs {@code body} as {@link #with(Transaction, Supplier)}, with the session's sequence state. */
    static <T> T with(Transaction tx, SessionSequences sequences, Supplier<T> body) {
        SessionSequences previous = SEQUENCES.get();
        java.util.Map<String, Object> previousMemo = MEMO.get();
        SEQUENCES.set(sequences);
        MEMO.set(new java.util.HashMap<>());
        try {
            return with(tx, body);
        } finally {
            SEQUENCES.set(previous);
            MEMO.set(previousMemo);
        }
    }

    /**
     * Values the running statement computes once and reads for every row, e.g. the catalog's
     * relations for {@code pg_table_is_visible(c.oid)} over all of pg_class; empty at the start of
     * each statement (a fresh, unshared map outside one).
     */
    static java.util.Map<String, Object> memo() {
        java.util.Map<String, Object> m = MEMO.get();
        return m != null ? m : new java.util.HashMap<>();
    }

    /** The running statement's session sequence state, or null outside a statement. */
    static SessionSequences sequences() {
        return SEQUENCES.get();
    }

    /** The running statement's transaction, or null outside a statement. */
    static Transaction transaction() {
        return CURRENT.get();
    }
}

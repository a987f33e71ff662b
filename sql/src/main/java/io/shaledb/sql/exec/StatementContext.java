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
        SEQUENCES.set(sequences);
        try {
            return with(tx, body);
        } finally {
            SEQUENCES.set(previous);
        }
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

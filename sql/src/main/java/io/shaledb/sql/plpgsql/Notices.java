package io.shaledb.sql.plpgsql;

import io.shaledb.sql.ResultSink;
import java.util.function.Supplier;

/**
 * Where RAISE NOTICE / WARNING / INFO go: the client's sink of the top-level statement running
 * on this thread (nested statements of functions write their rows elsewhere, but their notices
 * belong to the client). The session installs it around each statement.
 */
public final class Notices {
    private static final ThreadLocal<ResultSink> CLIENT = new ThreadLocal<>();

    private Notices() {}

    /** Runs {@code body} with notices going to {@code client}. */
    public static <T> T to(ResultSink client, Supplier<T> body) {
        ResultSink previous = CLIENT.get();
        CLIENT.set(client);
        try {
            return body.get();
        } finally {
            CLIENT.set(previous);
        }
    }

    /** Sends a notice to the current statement's client, if there is one; true when it was sent. */
    static boolean send(String severity, String sqlState, String message, String detail, String hint) {
        ResultSink client = CLIENT.get();
        if (client == null) {
            return false;
        }
        client.notice(severity, sqlState, message, detail, hint);
        return true;
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.CopyDescription;
import io.shaledb.sql.CopyIn;
import io.shaledb.sql.CopyOut;
import io.shaledb.sql.ResultSink;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code client_min_messages}: which notices reach the client. A sink wrapped here passes rows,
 * completions and COPY through unchanged and drops a notice whose severity ranks below the
 * session's setting, read when the notice is sent (so a {@code SET client_min_messages} earlier in
 * the same query string counts).
 *
 * <pre>
 *   debug5..debug1 &lt; log &lt; notice &lt; warning &lt; error        (INFO always goes through)
 *   DROP TABLE IF EXISTS missing --NOTICE--&gt; [client_min_messages = warning] --X
 * </pre>
 */
final class ClientMessages implements ResultSink {
    private final ResultSink client;
    private final Supplier<String> minimum;

    private ClientMessages(ResultSink client, Supplier<String> minimum) {
        this.client = client;
        this.minimum = minimum;
    }

    /** {@code client} behind the client_min_messages filter of {@code settings}. */
    static ResultSink filter(ResultSink client, SessionSettings settings) {
        return client instanceof ClientMessages ? client : new ClientMessages(client, () -> settings.get("client_min_messages"));
    }

    /** Whether a message of {@code severity} reaches a client whose client_min_messages is {@code minimum}. */
    static boolean passes(String severity, String minimum) {
        String s = severity.toLowerCase(Locale.ROOT);
        return s.equals("info") || rank(s) >= rank(minimum.toLowerCase(Locale.ROOT));
    }

    private static int rank(String level) {
        return switch (level) {
            case "debug5" -> 0;
            case "debug4" -> 1;
            case "debug3" -> 2;
            case "debug2" -> 3;
            case "debug1", "debug" -> 4;
            case "log" -> 5;
            case "notice" -> 6;
            case "warning" -> 7;
            default -> 8; // error and above
        };
    }

    @Override
    public void notice(String severity, String sqlState, String message, String detail, String hint) {
        if (passes(severity, minimum.get())) {
            client.notice(severity, sqlState, message, detail, hint);
        }
    }

    @Override
    public void columns(List<ColumnInfo> columns) {
        client.columns(columns);
    }

    @Override
    public void row(Object[] values) {
        client.row(values);
    }

    @Override
    public void complete(String commandTag) {
        client.complete(commandTag);
    }

    @Override
    public void emptyQuery() {
        client.emptyQuery();
    }

    @Override
    public CopyIn copyIn(CopyDescription description) {
        return client.copyIn(description);
    }

    @Override
    public CopyOut copyOut(CopyDescription description) {
        return client.copyOut(description);
    }
}

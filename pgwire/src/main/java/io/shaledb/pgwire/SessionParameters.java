package io.shaledb.pgwire;

import io.shaledb.sql.SqlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run-time parameters a connection shares with its client: those the startup packet sets,
 * and those PostgreSQL reports in ParameterStatus whenever they change.
 *
 * <pre>
 *   StartupMessage {application_name=psql, TimeZone=Europe/Paris, options="-c search_path=app"}
 *        --&gt; applyStartup: SqlSession.startupParameter(name, value) for each  (RESET goes back to these)
 *   ... SET application_name = 'x' / set_config / SET LOCAL / ROLLBACK ...
 *   before every ReadyForQuery: reportChanges --&gt; ParameterStatus application_name=x   (only what moved)
 * </pre>
 *
 * PostgreSQL 14 and later send the ParameterStatus of a changed reported parameter just before
 * ReadyForQuery, comparing with what they last reported, so a SET undone by ROLLBACK in the same
 * query string reports nothing. The session hands back the same map while nothing changed, so the
 * check after each statement is one reference comparison.
 */
final class SessionParameters {
    /** Startup packet keys that are not run-time parameters (or that the protocol layer handles itself). */
    private static final Set<String> NOT_SETTINGS = Set.of("user", "database", "replication", "options", "client_encoding");

    /** What the session reported when we last looked. */
    private Map<String, String> lastSeen = Map.of();

    /**
     * Applies the startup packet's parameters, {@code options} ({@code -c name=value},
     * {@code --name=value}) included, to the new session.
     *
     * @throws io.shaledb.sql.SqlException for an unknown parameter or a bad value: the caller refuses the connection
     */
    static void applyStartup(SqlSession session, Map<String, String> parameters) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!NOT_SETTINGS.contains(e.getKey())) {
                session.startupParameter(e.getKey(), e.getValue());
            }
        }
        String options = parameters.get("options");
        if (options != null) {
            for (String[] kv : commandLineOptions(options)) {
                session.startupParameter(kv[0], kv[1]);
            }
        }
    }

    /** {@code -c a=b --c=d -ce=f} as name/value pairs; a backslash escapes the next character (a space). */
    static List<String[]> commandLineOptions(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                word.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String setting = null;
            if (w.equals("-c") && i + 1 < words.size()) {
                setting = words.get(++i);
            } else if (w.startsWith("-c")) {
                setting = w.substring(2);
            } else if (w.startsWith("--")) {
                setting = w.substring(2);
            }
            int eq = setting == null ? -1 : setting.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1)});
            }
        }
        return out;
    }

    /** The value to announce at startup for {@code name}: the session's, else {@code fallback}. */
    String startupValue(SqlSession session, String name, String fallback) {
        lastSeen = session.reportedParameters();
        String v = lastSeen.get(name);
        return v != null ? v : fallback;
    }

    /** Sends ParameterStatus for every reported parameter whose value changed since we last looked. */
    void reportChanges(SqlSession session, BackendWriter writer) {
        if (session == null) {
            return;
        }
        Map<String, String> now = session.reportedParameters();
        if (now == lastSeen) {
            return;
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(lastSeen.get(e.getKey()))) {
                writer.parameterStatus(e.getKey(), e.getValue());
            }
        }
        lastSeen = now;
    }
}

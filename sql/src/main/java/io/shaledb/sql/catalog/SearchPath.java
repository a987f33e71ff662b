package io.shaledb.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code search_path} of the statement running on this thread: the schemas an unqualified
 * relation name is looked up in, in order. The session sets it around each statement (a session
 * runs one statement at a time on one thread), so catalog lookups need no extra parameter.
 *
 * <pre>
 *   SET search_path = s, public        SELECT * FROM t    ->  s.t if it exists, else public.t
 *   CREATE TABLE t (...)               ->  s.t  (the first schema of the path that exists)
 * </pre>
 */
public final class SearchPath {
    /** PostgreSQL's default; {@code "$user"} names the schema called like the session user, if any. */
    public static final String DEFAULT = "\"$user\", public";
    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private SearchPath() {}

    /** Runs {@code body} with the search path given as the setting's text ({@code "$user", public}). */
    public static <T> T with(String setting, Supplier<T> body) {
        List<String> previous = CURRENT.get();
        CURRENT.set(parse(setting));
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Runs {@code body} with the search path given as schema names, as {@link #parsed} returns
     * them (a session keeps the parsed path while its {@code search_path} does not change).
     */
    public static <T> T with(List<String> schemas, Supplier<T> body) {
        List<String> previous = CURRENT.get();
        CURRENT.set(schemas);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The setting's text ({@code "$user", public}) as the unmodifiable list of schema names {@link #with(List, Supplier)} takes. */
    public static List<String> parsed(String setting) {
        return List.copyOf(parse(setting));
    }

    /** The schemas of the running statement's search path (the default outside a statement). */
    public static List<String> current() {
        List<String> p = CURRENT.get();
        return p != null ? p : parse(DEFAULT);
    }

    /** The setting's text as a list of schema names: unquoted names fold to lower case, quotes are removed. */
    static List<String> parse(String setting) {
        List<String> out = new ArrayList<>();
        for (String part : setting.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            } else {
                s = s.toLowerCase(java.util.Locale.ROOT);
            }
            out.add(s);
        }
        return out;
    }
}

package io.shaledb.sql.exec.join;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The session settings that steer join planning, as PostgreSQL names them: {@code enable_hashjoin},
 * {@code enable_mergejoin}, {@code enable_nestloop} (a disabled method is not forbidden but costs
 * {@link JoinCosts#DISABLE_COST} more, so it is still used when nothing else can join the inputs)
 * and {@code join_collapse_limit} (1 keeps the FROM clause's order; see the package essay).
 *
 * <p>The statement running on a thread finds its settings through {@link #current()}, installed by
 * the session around each statement ({@link #with}).
 */
public record JoinSettings(boolean hashJoin, boolean mergeJoin, boolean nestLoop, int collapseLimit) {

    /** PostgreSQL's defaults: every method on, join_collapse_limit 8. */
    public static final JoinSettings DEFAULT = new JoinSettings(true, true, true, 8);

    private static final ThreadLocal<JoinSettings> CURRENT = new ThreadLocal<>();

    /** The settings of the statement running on this thread, or {@link #DEFAULT}. */
    public static JoinSettings current() {
        JoinSettings s = CURRENT.get();
        return s != null ? s : DEFAULT;
    }

    /** Runs {@code body} with {@code settings} as {@link #current()}. */
    public static <T> T with(JoinSettings settings, Supplier<T> body) {
        JoinSettings previous = CURRENT.get();
        CURRENT.set(settings);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * The settings a session's parameters describe ({@code setting} returns a value by name as
     * SHOW prints it, or null when the parameter is unknown).
     */
    public static JoinSettings fromSettings(Function<String, String> setting) {
        return new JoinSettings(flag(setting.apply("enable_hashjoin")), flag(setting.apply("enable_mergejoin")),
                flag(setting.apply("enable_nestloop")), limit(setting.apply("join_collapse_limit")));
    }

    private static boolean flag(String v) {
        return v == null || !v.toLowerCase(Locale.ROOT).equals("off");
    }

    private static int limit(String v) {
        if (v == null) {
            return DEFAULT.collapseLimit;
        }
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT.collapseLimit; // SET checked the value already
        }
    }
}

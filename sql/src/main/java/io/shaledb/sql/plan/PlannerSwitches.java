package io.shaledb.sql.plan;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The planner's {@code enable_*} switches of the running statement that are not unit costs:
 * {@code enable_hashagg} (whether grouping may use a hash table; off, it sorts and groups unless
 * nothing else can run the query). Like PostgreSQL's they discourage a plan rather than forbid it.
 * The session installs the switches its settings describe around each statement ({@link #with}).
 */
public record PlannerSwitches(boolean hashAgg) {
    /** PostgreSQL's defaults: everything on. */
    public static final PlannerSwitches DEFAULT = new PlannerSwitches(true);

    private static final ThreadLocal<PlannerSwitches> CURRENT = new ThreadLocal<>();

    /** The switches of the statement running on this thread, or {@link #DEFAULT} outside one. */
    public static PlannerSwitches current() {
        PlannerSwitches s = CURRENT.get();
        return s != null ? s : DEFAULT;
    }

    /**
     * The switches session settings describe ({@code setting} returns a setting's value by name,
     * null when unknown); SET has already normalized a boolean to {@code on} or {@code off}.
     */
    public static PlannerSwitches fromSettings(Function<String, String> setting) {
        return new PlannerSwitches(!"off".equals(setting.apply("enable_hashagg")));
    }

    /** Runs {@code body} with {@code switches} as {@link #current()}. */
    public static <T> T with(PlannerSwitches switches, Supplier<T> body) {
        PlannerSwitches previous = CURRENT.get();
        CURRENT.set(switches);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }
}

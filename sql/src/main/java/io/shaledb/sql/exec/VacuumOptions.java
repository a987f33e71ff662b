package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import java.util.Locale;

/**
 * The options of one VACUUM, checked as PostgreSQL 15 checks them, in two steps because
 * PostgreSQL checks in two places:
 *
 * <pre>
 *   of(vacuum)           option by option: known name? right kind of value?   (42601, some with position)
 *                        FULL with PARALLEL?  a column list without ANALYZE?   (0A000)
 *   -- "VACUUM cannot run inside a transaction block" (25001) comes here --
 *   checkCombinations()  FULL with DISABLE_PAGE_SKIPPING, FULL without PROCESS_TOAST (0A000)
 * </pre>
 *
 * Only {@code full}, {@code freeze}, {@code verbose}, {@code analyze} and {@code skipLocked}
 * mean something to ShaleDB; the others are accepted for compatibility.
 */
public record VacuumOptions(boolean full, boolean freeze, boolean verbose, boolean analyze, boolean skipLocked,
                            boolean disablePageSkipping, boolean processToast, int parallelWorkers) {

    /** PostgreSQL's MAX_PARALLEL_WORKER_LIMIT. */
    private static final int MAX_PARALLEL_WORKERS = 1024;

    /** The options of {@code vacuum}, or the error PostgreSQL's ExecVacuum reports for them. */
    public static VacuumOptions of(Statement.Vacuum vacuum) {
        boolean full = false;
        boolean freeze = false;
        boolean verbose = false;
        boolean analyze = false;
        boolean skipLocked = false;
        boolean disablePageSkipping = false;
        boolean processToast = true;
        int parallel = 0;
        for (Statement.VacuumOption o : vacuum.options()) {
            switch (o.name()) {
                case "verbose" -> verbose = bool(o);
                case "skip_locked" -> skipLocked = bool(o);
                case "analyze" -> analyze = bool(o);
                case "freeze" -> freeze = bool(o);
                case "full" -> full = bool(o);
                case "disable_page_skipping" -> disablePageSkipping = bool(o);
                case "index_cleanup" -> {
                    if (o.value() != null && !(o.value() instanceof String s && s.equalsIgnoreCase("auto"))) {
                        bool(o);
                    }
                }
                case "process_toast" -> processToast = bool(o);
                case "truncate" -> bool(o);
                case "parallel" -> parallel = parallel(o);
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized VACUUM option \"" + o.name() + "\"",
                        o.pos() + 1);
            }
        }
        if (full && parallel > 0) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL cannot be performed in parallel");
        }
        if (!analyze && vacuum.tables().stream().anyMatch(t -> !t.columns().isEmpty())) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "ANALYZE option must be specified when a column list is provided");
        }
        return new VacuumOptions(full, freeze, verbose, analyze, skipLocked, disablePageSkipping, processToast, parallel);
    }

    /** The checks PostgreSQL makes only after refusing to vacuum inside a transaction block. */
    public void checkCombinations() {
        if (full && disablePageSkipping) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
        }
        if (full && !processToast) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "PROCESS_TOAST required with VACUUM FULL");
        }
    }

    /** No value, 0 or 1, or one of true/false/on/off in any case. */
    private static boolean bool(Statement.VacuumOption o) {
        Object v = o.value();
        if (v == null) {
            return true;
        }
        if (v instanceof Integer n && (n == 0 || n == 1)) {
            return n == 1;
        }
        if (v instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "on" -> {
                    return true;
                }
                case "false", "off" -> {
                    return false;
                }
                default -> { }
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
    }

    private static int parallel(Statement.VacuumOption o) {
        if (o.value() == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "parallel option requires a value between 0 and " + MAX_PARALLEL_WORKERS, o.pos() + 1);
        }
        if (!(o.value() instanceof Integer n)) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "parallel requires an integer value");
        }
        if (n < 0 || n > MAX_PARALLEL_WORKERS) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "parallel workers for vacuum must be between 0 and " + MAX_PARALLEL_WORKERS, o.pos() + 1);
        }
        return n;
    }
}

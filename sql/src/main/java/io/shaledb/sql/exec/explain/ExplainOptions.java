package io.shaledb.sql.exec.explain;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN's options, checked as PostgreSQL checks them: unknown names are 42601, a boolean option
 * takes {@code on/off/true/false/1/0} (or no value), FORMAT is TEXT or JSON here (XML and YAML are
 * 0A000), and an explicit {@code TIMING} or {@code WAL} needs ANALYZE. TIMING and SUMMARY default
 * to ANALYZE's value; COSTS defaults to on.
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean buffers, boolean timing,
                             boolean summary, boolean json) {

    /** Parses the options as written ({@code EXPLAIN ANALYZE VERBOSE} arrives as the two options without values). */
    public static ExplainOptions of(List<Statement.VacuumOption> options) {
        boolean analyze = false;
        boolean verbose = false;
        boolean costs = true;
        boolean buffers = false;
        Boolean timing = null;
        Boolean summary = null;
        boolean wal = false;
        boolean json = false;
        for (Statement.VacuumOption o : options) {
            switch (o.name()) {
                case "analyze" -> analyze = bool(o);
                case "verbose" -> verbose = bool(o);
                case "costs" -> costs = bool(o);
                case "buffers" -> buffers = bool(o);
                case "timing" -> timing = bool(o);
                case "summary" -> summary = bool(o);
                case "settings" -> bool(o);
                case "wal" -> wal = bool(o);
                case "format" -> json = format(o);
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + o.name() + "\"",
                        o.pos() + 1);
            }
        }
        if (wal && !analyze) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option WAL requires ANALYZE");
        }
        if (Boolean.TRUE.equals(timing) && !analyze) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE");
        }
        return new ExplainOptions(analyze, verbose, costs, buffers, timing != null ? timing && analyze : analyze,
                summary != null ? summary : analyze, json);
    }

    private static boolean format(Statement.VacuumOption o) {
        if (o.value() == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "format requires a parameter");
        }
        String v = o.value().toString().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "text" -> false;
            case "json" -> true;
            case "xml", "yaml" -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "EXPLAIN format " + v.toUpperCase(Locale.ROOT) + " is not supported", o.pos() + 1);
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized value for EXPLAIN option \"format\": \""
                    + o.value() + "\"", o.pos() + 1);
        };
    }

    /** PostgreSQL's defGetBoolean: no value is true; 0/1, and on/off/true/false/yes/no by unique prefix. */
    private static boolean bool(Statement.VacuumOption o) {
        Object v = o.value();
        if (v == null) {
            return true;
        }
        if (v instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        String s = v.toString().toLowerCase(Locale.ROOT);
        if (!s.isEmpty() && !(v instanceof Integer)) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on")) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || (s.length() > 1 && "off".startsWith(s))) {
                return false;
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.types.SqlType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A session's run-time parameters, as PostgreSQL's {@code SET}, {@code SHOW} and {@code RESET}
 * see them. Clients set several of these on connect (pgjdbc sets {@code application_name} and
 * {@code extra_float_digits}, tools read {@code server_version} and {@code search_path}), so the
 * common ones exist with PostgreSQL's defaults even where ShaleDB does not act on them yet.
 *
 * <p>Names are case-insensitive. A name with a dot ({@code myapp.tenant}) is a custom parameter,
 * as in PostgreSQL: any session may set it, and SHOW fails until one has.
 */
public final class SessionSettings {

    /** One known parameter: its canonical spelling, default, and how a SET value is checked. */
    private record Definition(String name, String defaultValue, boolean readOnly, boolean list, String description,
                              UnaryOperator<String> normalize) {}

    private static final Map<String, Definition> DEFINITIONS = new TreeMap<>();

    static {
        define("application_name", "", false, false, "Sets the application name to be reported in statistics and logs.", v -> v);
        define("client_encoding", "UTF8", false, false, "Sets the client's character set encoding.", SessionSettings::encoding);
        define("client_min_messages", "notice", false, false, "Sets the message levels that are sent to the client.",
                v -> oneOf(v, "client_min_messages", "debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log", "notice",
                        "warning", "error"));
        define("DateStyle", "ISO, MDY", false, true, "Sets the display format for date and time values.", v -> v);
        define("default_transaction_isolation", "read committed", false, false,
                "Sets the transaction isolation level of each new transaction.",
                v -> oneOf(v, "default_transaction_isolation", "serializable", "repeatable read", "read committed",
                        "read uncommitted"));
        define("extra_float_digits", "1", false, false, "Sets the number of digits displayed for floating-point values.",
                v -> integer(v, "extra_float_digits", -15, 3));
        define("integer_datetimes", "on", true, false, "Shows whether datetimes are integer based.", v -> v);
        define("IntervalStyle", "postgres", false, false, "Sets the display format for interval values.",
                v -> oneOf(v, "IntervalStyle", "postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        define("is_superuser", "on", true, false, "Shows whether the current user is a superuser.", v -> v);
        define("lock_timeout", "0", false, false, "Sets the maximum allowed duration of any wait for a lock.", v -> v);
        define("max_identifier_length", "63", true, false, "Shows the maximum identifier length.", v -> v);
        define("search_path", "\"$user\", public", false, true, "Sets the schema search order for names that are not schema-qualified.", v -> v);
        define("server_encoding", "UTF8", true, false, "Shows the server (database) character set encoding.", v -> v);
        define("server_version", "15.0", true, false, "Shows the server version.", v -> v);
        define("server_version_num", "150000", true, false, "Shows the server version as an integer.", v -> v);
        define("standard_conforming_strings", "on", false, false, "Causes '...' strings to treat backslashes literally.",
                v -> {
                    if (!v.equalsIgnoreCase("on") && !v.equalsIgnoreCase("true")) {
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "standard_conforming_strings cannot be turned off");
                    }
                    return "on";
                });
        define("statement_timeout", "0", false, false, "Sets the maximum allowed duration of any statement.", v -> v);
        define("TimeZone", "UTC", false, false, "Sets the time zone for displaying and interpreting time stamps.", v -> v);
        define("transaction_isolation", "read committed", true, false, "Sets the current transaction's isolation level.", v -> v);
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    private static void define(String name, String def, boolean readOnly, boolean list, String description, UnaryOperator<String> normalize) {
        DEFINITIONS.put(name.toLowerCase(Locale.ROOT), new Definition(name, def, readOnly, list, description, normalize));
    }

    /** The current value of a parameter as SHOW prints it. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String v = values.get(key);
        if (v != null) {
            return v;
        }
        Definition d = DEFINITIONS.get(key);
        if (d == null) {
            throw unrecognized(name, 0);
        }
        return d.defaultValue();
    }

    void execute(Statement.SessionStatement statement, ResultSink sink) {
        switch (statement) {
            case Statement.SetParameter set -> {
                set(set);
                sink.complete("SET");
            }
            case Statement.ShowParameter show -> show(show, sink);
            case Statement.ResetParameter reset -> {
                if (reset.name() == null) {
                    values.clear();
                } else {
                    String key = reset.name().name().toLowerCase(Locale.ROOT);
                    checkWritable(reset.name(), key);
                    values.remove(key);
                }
                sink.complete("RESET");
            }
        }
    }

    private void set(Statement.SetParameter set) {
        String key = set.name().name().toLowerCase(Locale.ROOT);
        Definition d = checkWritable(set.name(), key);
        if (set.values() == null) {
            values.remove(key);
            return;
        }
        if (set.values().size() > 1 && (d == null || !d.list())) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "SET " + (d == null ? key : d.name()) + " takes only one argument");
        }
        // Quoted identifiers keep their quotes only inside list parameters such as search_path.
        String value = String.join(", ", d != null && d.list() ? set.values()
                : set.values().stream().map(SessionSettings::unquote).toList());
        values.put(key, d == null ? value : d.normalize().apply(value));
    }

    private Definition checkWritable(Statement.Ident name, String key) {
        Definition d = DEFINITIONS.get(key);
        if (d == null && key.indexOf('.') < 0) {
            throw unrecognized(name.name(), 0);
        }
        if (d != null && d.readOnly()) {
            throw new SqlException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed", 0);
        }
        return d;
    }

    private void show(Statement.ShowParameter show, ResultSink sink) {
        if (show.name() == null) {
            sink.columns(List.of(new ColumnInfo("name", SqlType.TEXT), new ColumnInfo("setting", SqlType.TEXT),
                    new ColumnInfo("description", SqlType.TEXT)));
            for (Definition d : DEFINITIONS.values()) {
                sink.row(new Object[] {d.name(), get(d.name()), d.description()});
            }
            sink.complete("SHOW");
            return;
        }
        String key = show.name().name().toLowerCase(Locale.ROOT);
        Definition d = DEFINITIONS.get(key);
        String value = values.get(key);
        if (d == null && value == null) {
            throw unrecognized(show.name().name(), 0);
        }
        sink.columns(List.of(new ColumnInfo(d == null ? key : d.name(), SqlType.TEXT)));
        sink.row(new Object[] {value != null ? value : d.defaultValue()});
        sink.complete("SHOW");
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).replace("\"\"", "\"") : v;
    }

    private static SqlException unrecognized(String name, int position) {
        return new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"", position);
    }

    private static SqlException invalid(String name, String value) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + value + "\"");
    }

    private static String oneOf(String value, String name, String... allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw invalid(name, value);
    }

    private static String integer(String value, String name, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"", 0, null, null, e);
        }
        if (n < min || n > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, n + " is outside the valid range for parameter \""
                    + name + "\" (" + min + " .. " + max + ")");
        }
        return Integer.toString(n);
    }

    private static String encoding(String value) {
        String v = value.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (v.equals("UTF8") || v.equals("UNICODE")) {
            return "UTF8";
        }
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                "conversion between " + value + " and UTF8 is not supported");
    }
}

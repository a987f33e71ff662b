package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.TransactionMode;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.IsolationLevel;
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
 *
 * <p><b>Transactions.</b> {@code transaction_isolation}, {@code transaction_read_only} and
 * {@code transaction_deferrable} belong to the running transaction, not the session. The
 * transaction layer drives them as PostgreSQL's transaction machinery does:
 *
 * <pre>
 *   transaction starts (implicit or BEGIN) -- beginTransaction()     defaults frozen into the transaction
 *   BEGIN modes / SET TRANSACTION          -- applyTransactionModes() PostgreSQL's checks: 25001 after the
 *                                                                    first query or inside a savepoint
 *   BEGIN / SAVEPOINT                      -- save()                 everything SET from here on ...
 *   ROLLBACK / ROLLBACK TO / failure       -- restore(saved)         ... is undone; COMMIT keeps it
 *   transaction ends                       -- endTransaction()       the defaults show through again
 * </pre>
 *
 * {@link #transactionContext} tells the checks whether the transaction has taken its first
 * snapshot and whether a savepoint is open.
 */
public final class SessionSettings {

    /** What PostgreSQL's checks on the transaction characteristics need to know about the running transaction. */
    public interface TransactionContext {
        /** True once the current transaction has taken its first snapshot, i.e. run its first query. */
        boolean snapshotTaken();

        /** True while a savepoint (subtransaction) is open. */
        boolean inSubtransaction();

        /** True inside BEGIN ... COMMIT: outside one, SET LOCAL has nothing to last for (a WARNING). */
        default boolean inTransactionBlock() {
            return true;
        }

        /** No transaction state: no snapshot yet, no savepoint. */
        TransactionContext NONE = new TransactionContext() {
            @Override
            public boolean snapshotTaken() {
                return false;
            }

            @Override
            public boolean inSubtransaction() {
                return false;
            }
        };
    }

    /** One transaction's characteristics, as SET TRANSACTION sets them. */
    public record TransactionCharacteristics(IsolationLevel isolation, boolean readOnly, boolean deferrable) {}

    /** Every setting at one moment, to put back when a transaction or savepoint rolls back. */
    public static final class Saved {
        private final Map<String, String> values;
        private final Map<String, String> local;
        private final TransactionCharacteristics transaction;

        private Saved(Map<String, String> values, Map<String, String> local, TransactionCharacteristics transaction) {
            this.values = Map.copyOf(values);
            this.local = Map.copyOf(local);
            this.transaction = transaction;
        }
    }

    static final String TRANSACTION_ISOLATION = "transaction_isolation";
    static final String TRANSACTION_READ_ONLY = "transaction_read_only";
    static final String TRANSACTION_DEFERRABLE = "transaction_deferrable";
    private static final String DEFAULT_ISOLATION = "default_transaction_isolation";
    private static final String DEFAULT_READ_ONLY = "default_transaction_read_only";
    private static final String DEFAULT_DEFERRABLE = "default_transaction_deferrable";
    private static final String STATEMENT_TIMEOUT = "statement_timeout";
    private static final String DEFAULT_STATISTICS_TARGET = "default_statistics_target";
    private static final String LOCK_TIMEOUT = "lock_timeout";
    private static final String DEADLOCK_TIMEOUT = "deadlock_timeout";
    private static final String IDLE_IN_TRANSACTION_TIMEOUT = "idle_in_transaction_session_timeout";
    private static final String WORK_MEM = "work_mem";
    private static final String MAINTENANCE_WORK_MEM = "maintenance_work_mem";
    private static final String HASH_MEM_MULTIPLIER = "hash_mem_multiplier";
    private static final String LOG_TEMP_FILES = "log_temp_files";
    private static final String ENABLE_DECORRELATION = "enable_subquery_decorrelation";
    private static final List<String> ISOLATION_NAMES =
            List.of("serializable", "repeatable read", "read committed", "read uncommitted");

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
        define("DateStyle", "ISO, MDY", false, true, "Sets the display format for date and time values.", SessionSettings::dateStyle);
        define(DEADLOCK_TIMEOUT, "1s", false, false, "Sets the time to wait on a lock before checking for deadlock.",
                v -> millis(v, DEADLOCK_TIMEOUT, 1));
        define("autovacuum", "on", true, false, "Starts the autovacuum subprocess.", v -> v);
        define("autovacuum_analyze_scale_factor", "0.1", true, false,
                "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.", v -> v);
        define("autovacuum_analyze_threshold", "50", true, false,
                "Minimum number of tuple inserts, updates, or deletes prior to analyze.", v -> v);
        define("autovacuum_naptime", "1min", true, false, "Time to sleep between autovacuum runs.", v -> v);
        define(DEFAULT_STATISTICS_TARGET, "100", false, false, "Sets the default statistics target.",
                v -> integer(v, DEFAULT_STATISTICS_TARGET, 1, 10000));
        define(DEFAULT_DEFERRABLE, "off", false, false, "Sets the default deferrable status of new transactions.",
                v -> SettingValues.showBool(SettingValues.bool(v, DEFAULT_DEFERRABLE)));
        define(DEFAULT_ISOLATION, "read committed", false, false,
                "Sets the transaction isolation level of each new transaction.",
                v -> SettingValues.enumValue(v, DEFAULT_ISOLATION, ISOLATION_NAMES));
        define(DEFAULT_READ_ONLY, "off", false, false, "Sets the default read-only status of new transactions.",
                v -> SettingValues.showBool(SettingValues.bool(v, DEFAULT_READ_ONLY)));
        // the cost model's unit costs (io.shaledb.sql.plan.CostModel), as in PostgreSQL
        define("cpu_index_tuple_cost", "0.005", false, false, "Sets the planner's estimate of the cost of processing each "
                + "index entry during an index scan.", v -> cost(v, "cpu_index_tuple_cost"));
        define("cpu_operator_cost", "0.0025", false, false, "Sets the planner's estimate of the cost of processing each "
                + "operator or function call.", v -> cost(v, "cpu_operator_cost"));
        define("cpu_tuple_cost", "0.01", false, false, "Sets the planner's estimate of the cost of processing each tuple (row).",
                v -> cost(v, "cpu_tuple_cost"));
        define("random_page_cost", "4", false, false, "Sets the planner's estimate of the cost of a nonsequentially fetched "
                + "disk page.", v -> cost(v, "random_page_cost"));
        define("seq_page_cost", "1", false, false, "Sets the planner's estimate of the cost of a sequentially fetched disk page.",
                v -> cost(v, "seq_page_cost"));
        define("extra_float_digits", "1", false, false, "Sets the number of digits displayed for floating-point values.",
                v -> integer(v, "extra_float_digits", -15, 3));
        define(ENABLE_DECORRELATION, "on", false, false,
                "Enables turning EXISTS and IN subqueries into semi and anti joins (ShaleDB).",
                v -> SettingValues.showBool(SettingValues.bool(v, ENABLE_DECORRELATION)));
        // join planning (io.shaledb.sql.exec.join.JoinSettings)
        define("enable_hashjoin", "on", false, false, "Enables the planner's use of hash join plans.",
                v -> SettingValues.showBool(SettingValues.bool(v, "enable_hashjoin")));
        define("enable_mergejoin", "on", false, false, "Enables the planner's use of merge join plans.",
                v -> SettingValues.showBool(SettingValues.bool(v, "enable_mergejoin")));
        define("enable_nestloop", "on", false, false, "Enables the planner's use of nested-loop join plans.",
                v -> SettingValues.showBool(SettingValues.bool(v, "enable_nestloop")));
        define("join_collapse_limit", "8", false, false, "Sets the FROM-list size beyond which JOIN constructs are not "
                + "flattened.", v -> integer(v, "join_collapse_limit", 1, Integer.MAX_VALUE));
        define("enable_hashagg", "on", false, false, "Enables the planner's use of hashed aggregation plans.",
                v -> SettingValues.showBool(SettingValues.bool(v, "enable_hashagg")));
        define(HASH_MEM_MULTIPLIER, "2", false, false, "Multiple of work_mem to use for hash tables.",
                v -> real(v, HASH_MEM_MULTIPLIER, 1, 1000));
        define("integer_datetimes", "on", true, false, "Shows whether datetimes are integer based.", v -> v);
        define("IntervalStyle", "postgres", false, false, "Sets the display format for interval values.",
                v -> oneOf(v, "IntervalStyle", "postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        define("is_superuser", "on", true, false, "Shows whether the current user is a superuser.", v -> v);
        define(IDLE_IN_TRANSACTION_TIMEOUT, "0", false, false,
                "Sets the maximum allowed idle time between queries, when in a transaction.",
                v -> millis(v, IDLE_IN_TRANSACTION_TIMEOUT, 0));
        define(LOCK_TIMEOUT, "0", false, false, "Sets the maximum allowed duration of any wait for a lock.",
                v -> millis(v, LOCK_TIMEOUT, 0));
        define(LOG_TEMP_FILES, "-1", false, false, "Log the use of temporary files larger than this number of kilobytes.",
                v -> SettingValues.showKilobytes(SettingValues.kilobytes(v, LOG_TEMP_FILES, -1, Integer.MAX_VALUE)));
        define("max_identifier_length", "63", true, false, "Shows the maximum identifier length.", v -> v);
        define("max_index_keys", "32", true, false, "Shows the maximum number of index keys.", v -> v);
        define("password_encryption", "scram-sha-256", false, false, "Chooses the algorithm for encrypting passwords.",
                v -> SettingValues.enumValue(v, "password_encryption", List.of("md5", "scram-sha-256")));
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
        define(STATEMENT_TIMEOUT, "0", false, false, "Sets the maximum allowed duration of any statement.",
                v -> millis(v, STATEMENT_TIMEOUT, 0));
        define("TimeZone", "UTC", false, false, "Sets the time zone for displaying and interpreting time stamps.",
                SessionSettings::timeZone);
        // The three below live in the running transaction (see the class comment); their defaults are
        // what SET ... TO DEFAULT and RESET assign, not the default_transaction_* settings.
        define(TRANSACTION_DEFERRABLE, "off", false, false, "Whether to defer a read-only serializable transaction "
                + "until it can be executed with no possible serialization failures.",
                v -> SettingValues.showBool(SettingValues.bool(v, TRANSACTION_DEFERRABLE)));
        define(TRANSACTION_ISOLATION, "read committed", false, false, "Sets the current transaction's isolation level.",
                v -> SettingValues.enumValue(v, TRANSACTION_ISOLATION, ISOLATION_NAMES));
        define(TRANSACTION_READ_ONLY, "off", false, false, "Sets the current transaction's read-only status.",
                v -> SettingValues.showBool(SettingValues.bool(v, TRANSACTION_READ_ONLY)));
        define(WORK_MEM, "4MB", false, false, "Sets the maximum memory to be used for query workspaces.",
                v -> SettingValues.showKilobytes(SettingValues.kilobytes(v, WORK_MEM, 64, Integer.MAX_VALUE)));
        define(MAINTENANCE_WORK_MEM, "64MB", false, false, "Sets the maximum memory to be used for maintenance operations.",
                v -> SettingValues.showKilobytes(SettingValues.kilobytes(v, MAINTENANCE_WORK_MEM, 1024, Integer.MAX_VALUE)));
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    /** SET LOCAL values: they hide {@link #values} until the transaction ends, then vanish. */
    private final Map<String, String> local = new LinkedHashMap<>();
    /** Values the client's startup packet gave (PostgreSQL's "client" source): what RESET goes back to. */
    private final Map<String, String> sessionDefaults = new LinkedHashMap<>();
    private Map<String, String> savedLocal;
    /** {@link #reportedParameters} and the version it was computed at. */
    private Map<String, String> reported;
    private long reportedVersion = -1;
    /** The running transaction's characteristics; null when none has frozen them (the defaults show through). */
    private TransactionCharacteristics transaction;
    private TransactionContext context = TransactionContext.NONE;
    /** Counts changes of {@link #values}: what is derived from them is recomputed only when it moved. */
    private long version;
    /** {@link #values} as {@link #save} last copied them, and the version they were copied at. */
    private Map<String, String> savedValues;
    private long savedValuesVersion = -1;
    /** The typed settings of the last statement, and the version they were read at. */
    private StatementSettings statementSettings;
    /** The default_transaction_* characteristics, and the version they were read at. */
    private TransactionCharacteristics defaults;
    private long defaultsVersion = -1;

    private static void define(String name, String def, boolean readOnly, boolean list, String description, UnaryOperator<String> normalize) {
        DEFINITIONS.put(name.toLowerCase(Locale.ROOT), new Definition(name, def, readOnly, list, description, normalize));
    }

    /** Every known parameter with its default value, for pg_settings (which shows defaults, not this session's SETs). */
    static List<io.shaledb.sql.pgcatalog.PgContext.Setting> described() {
        return DEFINITIONS.values().stream().map(d -> new io.shaledb.sql.pgcatalog.PgContext.Setting(d.name(), d.defaultValue(),
                d.description(), d.readOnly())).toList();
    }

    /** The current value of a parameter as SHOW prints it. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case TRANSACTION_ISOLATION -> {
                return transactionCharacteristics().isolation().pgName();
            }
            case TRANSACTION_READ_ONLY -> {
                return SettingValues.showBool(transactionCharacteristics().readOnly());
            }
            case TRANSACTION_DEFERRABLE -> {
                return SettingValues.showBool(transactionCharacteristics().deferrable());
            }
            default -> { }
        }
        String v = lookup(key);
        if (v != null) {
            return v;
        }
        Definition d = DEFINITIONS.get(key);
        if (d == null) {
            throw unrecognized(name, 0);
        }
        return d.defaultValue();
    }

    /** What SET LOCAL, SET or the startup packet gave {@code key} (lower case), or null for the built-in default. */
    private String lookup(String key) {
        String v = local.isEmpty() ? null : local.get(key);
        if (v == null) {
            v = values.get(key);
        }
        if (v == null && !sessionDefaults.isEmpty()) {
            v = sessionDefaults.get(key);
        }
        return v;
    }

    /**
     * A parameter from the client's startup packet: validated like SET, it becomes what RESET and
     * RESET ALL return to for this session, as in PostgreSQL.
     *
     * @throws SqlException 42704 for an unknown parameter, 22023 for a bad value, 55P02 for a read-only one
     */
    public void startupParameter(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        Definition d = checkWritable(new Statement.Ident(name, 0), key);
        if (d != null && isTransactionScoped(key)) {
            return; // only meaningful inside a transaction
        }
        sessionDefaults.put(key, d == null ? value : d.normalize().apply(value));
        version++;
    }

    /**
     * {@code set_config(name, value, is_local)}: SET (or SET LOCAL) by name; a null value resets.
     * Returns the new value as SHOW prints it.
     */
    public String setConfig(String name, String value, boolean isLocal) {
        Statement.SetParameter set = new Statement.SetParameter(new Statement.Ident(name, 0), value == null ? null : List.of(value));
        if (isLocal) {
            setLocal(set);
        } else {
            set(set);
        }
        return currentSetting(name, false);
    }

    /** {@code current_setting(name [, missing_ok])}: the value SHOW prints; null when missing and {@code missingOk}. */
    public String currentSetting(String name, boolean missingOk) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!DEFINITIONS.containsKey(key) && lookup(key) == null) {
            if (missingOk) {
                return null;
            }
            throw unrecognized(name, 0);
        }
        return get(key);
    }

    /** The parameters PostgreSQL reports to the client in ParameterStatus whenever they change (GUC_REPORT). */
    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "IntervalStyle", "standard_conforming_strings", "TimeZone");

    /** The current values of {@link #REPORTED}, by their canonical names; the same map while nothing changed. */
    public Map<String, String> reportedParameters() {
        if (reportedVersion != version) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String name : REPORTED) {
                m.put(name, get(name));
            }
            reported = java.util.Collections.unmodifiableMap(m);
            reportedVersion = version;
        }
        return reported;
    }

    // ------------------------------------------------------------------ typed values

    /**
     * Changes with every SET, RESET or rollback of the session's parameters (not with the running
     * transaction's characteristics): anything derived from {@link #get} may be kept while it stays.
     */
    public long version() {
        return version;
    }

    /**
     * The settings a statement runs with, typed; read again only after a parameter changed.
     *
     * @throws SqlException as {@link #get} and the typed getters, if a stored value does not parse
     */
    public StatementSettings statementSettings() {
        StatementSettings s = statementSettings;
        if (s == null || s.version() != version) {
            s = StatementSettings.read(this);
            statementSettings = s;
        }
        return s;
    }

    /** {@code default_transaction_isolation}: the level each new transaction starts with. */
    public IsolationLevel defaultIsolation() {
        return IsolationLevel.fromPgName(get(DEFAULT_ISOLATION));
    }

    /** {@code default_transaction_read_only}. */
    public boolean defaultReadOnly() {
        return get(DEFAULT_READ_ONLY).equals("on");
    }

    /** {@code default_transaction_deferrable}. */
    public boolean defaultDeferrable() {
        return get(DEFAULT_DEFERRABLE).equals("on");
    }

    /** {@code default_statistics_target}: MCVs and histogram buckets per column ANALYZE keeps (x 300 rows sampled). */
    public int defaultStatisticsTarget() {
        return Integer.parseInt(get(DEFAULT_STATISTICS_TARGET));
    }

    /** {@code statement_timeout} in milliseconds; 0 means none. */
    public long statementTimeoutMillis() {
        return storedMillis(STATEMENT_TIMEOUT);
    }

    /** {@code lock_timeout} in milliseconds; 0 means wait forever. */
    public long lockTimeoutMillis() {
        return storedMillis(LOCK_TIMEOUT);
    }

    /** {@code deadlock_timeout} in milliseconds: how long a lock wait lasts before the deadlock check runs. */
    public long deadlockTimeoutMillis() {
        return storedMillis(DEADLOCK_TIMEOUT);
    }

    /** {@code idle_in_transaction_session_timeout} in milliseconds; 0 means none. */
    public long idleInTransactionSessionTimeoutMillis() {
        return storedMillis(IDLE_IN_TRANSACTION_TIMEOUT);
    }

    /** {@code work_mem} in bytes: what one sort or hash table may hold before it spills to disk. */
    public long workMemBytes() {
        // Stored as SHOW prints it ("4MB", "64kB"), which reads back exactly.
        return SettingValues.kilobytes(get(WORK_MEM), WORK_MEM, 0, Integer.MAX_VALUE) * 1024L;
    }

    /** {@code maintenance_work_mem} in bytes: what CREATE INDEX's sort may hold before it spills to disk. */
    public long maintenanceWorkMemBytes() {
        return SettingValues.kilobytes(get(MAINTENANCE_WORK_MEM), MAINTENANCE_WORK_MEM, 0, Integer.MAX_VALUE) * 1024L;
    }

    /** {@code log_temp_files} in kB: temporary files at least this big are logged when deleted; -1 = none. */
    public long logTempFilesKb() {
        return SettingValues.kilobytes(get(LOG_TEMP_FILES), LOG_TEMP_FILES, -1, Integer.MAX_VALUE);
    }

    /** {@code enable_subquery_decorrelation}: whether EXISTS / IN subqueries may become semi and anti joins. */
    public boolean subqueryDecorrelation() {
        return SettingValues.bool(get(ENABLE_DECORRELATION), ENABLE_DECORRELATION);
    }

    /** {@code hash_mem_multiplier}: hash tables may hold this many times {@code work_mem}. */
    public double hashMemMultiplier() {
        return Double.parseDouble(get(HASH_MEM_MULTIPLIER));
    }

    private long storedMillis(String key) {
        // Stored as SHOW prints it ("1500ms", "5s"), which reads back exactly.
        return SettingValues.millis(get(key), key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------ the running transaction

    /** The running transaction's characteristics, or the defaults when no transaction has frozen them. */
    public TransactionCharacteristics transactionCharacteristics() {
        return transaction != null ? transaction
                : new TransactionCharacteristics(defaultIsolation(), defaultReadOnly(), defaultDeferrable());
    }

    /** {@code transaction_isolation}: the running transaction's level. */
    public IsolationLevel transactionIsolation() {
        return transactionCharacteristics().isolation();
    }

    /** {@code transaction_read_only}. */
    public boolean transactionReadOnly() {
        return transactionCharacteristics().readOnly();
    }

    /** {@code transaction_deferrable}. */
    public boolean transactionDeferrable() {
        return transactionCharacteristics().deferrable();
    }

    /** Where the checks of {@link #applyTransactionModes} learn about the running transaction. */
    public void transactionContext(TransactionContext context) {
        this.context = context == null ? TransactionContext.NONE : context;
    }

    /** A transaction starts (implicit or explicit): the default_transaction_* settings become its characteristics. */
    public void beginTransaction() {
        if (defaultsVersion != version) { // the default_transaction_* parameters, read again only after a change
            defaults = new TransactionCharacteristics(defaultIsolation(), defaultReadOnly(), defaultDeferrable());
            defaultsVersion = version;
        }
        transaction = defaults;
    }

    /** A transaction started by {@code AND CHAIN} keeps the characteristics of the one before it. */
    public void beginTransaction(TransactionCharacteristics chained) {
        transaction = chained;
    }

    /** The transaction ended: SHOW transaction_isolation follows the defaults again. */
    public void endTransaction() {
        transaction = null;
        if (!local.isEmpty()) { // SET LOCAL lasts until here, committed or not
            local.clear();
            version++;
        }
    }

    /**
     * The modes of BEGIN / START TRANSACTION / SET TRANSACTION, in order, each through PostgreSQL's
     * check (SQLSTATE 25001 when it comes too late).
     */
    public void applyTransactionModes(List<TransactionMode> modes) {
        for (TransactionMode mode : modes) {
            switch (mode) {
                case TransactionMode.Isolation i -> setIsolation(i.level());
                case TransactionMode.ReadOnly r -> setReadOnly(r.readOnly());
                case TransactionMode.Deferrable d -> setDeferrable(d.deferrable());
            }
        }
    }

    /** {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}: the defaults of later transactions. */
    public void applySessionCharacteristics(List<TransactionMode> modes) {
        for (TransactionMode mode : modes) {
            switch (mode) {
                case TransactionMode.Isolation i -> values.put(DEFAULT_ISOLATION, i.level().pgName());
                case TransactionMode.ReadOnly r -> values.put(DEFAULT_READ_ONLY, SettingValues.showBool(r.readOnly()));
                case TransactionMode.Deferrable d -> values.put(DEFAULT_DEFERRABLE, SettingValues.showBool(d.deferrable()));
            }
            version++;
        }
    }

    /** Everything as it is now, for {@link #restore} when the transaction or savepoint begun now rolls back. */
    public Saved save() {
        if (savedValuesVersion != version) { // one copy per change, not one per transaction
            savedValues = Map.copyOf(values);
            savedLocal = Map.copyOf(local);
            savedValuesVersion = version;
        }
        return new Saved(savedValues, savedLocal, transaction);
    }

    /** Puts back what {@link #save} saw: the effect of SET is undone by ROLLBACK, as in PostgreSQL. */
    public void restore(Saved saved) {
        values.clear();
        values.putAll(saved.values);
        local.clear();
        local.putAll(saved.local);
        version++;
        transaction = saved.transaction;
    }

    private void setIsolation(IsolationLevel level) {
        TransactionCharacteristics t = transactionCharacteristics();
        if (level != t.isolation()) {
            if (context.snapshotTaken()) {
                throw activeTransaction("SET TRANSACTION ISOLATION LEVEL must be called before any query");
            }
            if (context.inSubtransaction()) {
                throw activeTransaction("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
            }
        }
        transaction = new TransactionCharacteristics(level, t.readOnly(), t.deferrable());
    }

    private void setReadOnly(boolean readOnly) {
        TransactionCharacteristics t = transactionCharacteristics();
        if (!readOnly && t.readOnly()) {
            if (context.inSubtransaction()) {
                throw activeTransaction("cannot set transaction read-write mode inside a read-only transaction");
            }
            if (context.snapshotTaken()) {
                throw activeTransaction("transaction read-write mode must be set before any query");
            }
        }
        transaction = new TransactionCharacteristics(t.isolation(), readOnly, t.deferrable());
    }

    private void setDeferrable(boolean deferrable) {
        TransactionCharacteristics t = transactionCharacteristics();
        if (context.inSubtransaction()) {
            throw activeTransaction("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
        }
        if (context.snapshotTaken()) {
            throw activeTransaction("SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
        }
        transaction = new TransactionCharacteristics(t.isolation(), t.readOnly(), deferrable);
    }

    private static SqlException activeTransaction(String message) {
        return new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, message);
    }

    // ------------------------------------------------------------------ SET / SHOW / RESET

    void execute(Statement.SessionStatement statement, ResultSink sink) {
        switch (statement) {
            case Statement.SetParameter set -> {
                set(set);
                sink.complete("SET");
            }
            case Statement.SetLocalParameter setLocal -> {
                if (!context.inTransactionBlock()) {
                    // PostgreSQL warns, and the value dies with the statement's implicit transaction
                    sink.notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION.code(), "SET LOCAL can only be used in transaction blocks",
                            null, null);
                }
                setLocal(setLocal.set());
                sink.complete("SET");
            }
            case Statement.ShowParameter show -> show(show, sink);
            case Statement.ResetParameter reset -> {
                if (reset.name() == null) {
                    values.clear(); // not the transaction's characteristics: PostgreSQL's RESET ALL skips them too
                    local.clear();
                    version++;
                } else {
                    String key = reset.name().name().toLowerCase(Locale.ROOT);
                    reset(key, checkWritable(reset.name(), key));
                }
                sink.complete("RESET");
            }
        }
    }

    private void set(Statement.SetParameter set) {
        String key = set.name().name().toLowerCase(Locale.ROOT);
        Definition d = checkWritable(set.name(), key);
        if (set.values() == null) {
            reset(key, d);
            return;
        }
        String value = checkedValue(set, key, d);
        local.remove(key); // a plain SET overrides an earlier SET LOCAL, and outlives the transaction
        assign(key, value);
    }

    /** SET LOCAL: like SET, but the value lives in {@link #local} until the transaction ends. */
    private void setLocal(Statement.SetParameter set) {
        String key = set.name().name().toLowerCase(Locale.ROOT);
        Definition d = checkWritable(set.name(), key);
        if (isTransactionScoped(key)) { // these belong to the transaction anyway
            if (set.values() == null) {
                reset(key, d);
            } else {
                assign(key, checkedValue(set, key, d));
            }
            return;
        }
        String value;
        if (set.values() == null) {
            String fallback = sessionDefaults.get(key);
            value = fallback != null ? fallback : d != null ? d.defaultValue() : "";
        } else {
            value = checkedValue(set, key, d);
        }
        if (d == null) {
            sessionDefaults.putIfAbsent(key, ""); // PostgreSQL's placeholder outlives the transaction, empty
        }
        local.put(key, value);
        version++;
    }

    /** The SET value list as one validated, normalized value. */
    private static String checkedValue(Statement.SetParameter set, String key, Definition d) {
        if (set.values().size() > 1 && (d == null || !d.list())) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "SET " + (d == null ? key : d.name()) + " takes only one argument");
        }
        // Quoted identifiers keep their quotes only inside list parameters such as search_path.
        String value = String.join(", ", d != null && d.list() ? set.values()
                : set.values().stream().map(SessionSettings::unquote).toList());
        return d == null ? value : d.normalize().apply(value);
    }

    private void reset(String key, Definition d) {
        if (d != null && isTransactionScoped(key)) {
            assign(key, d.defaultValue());
        } else {
            values.remove(key);
            local.remove(key);
            version++;
        }
    }

    /** Stores an already validated and normalized value. */
    private void assign(String key, String value) {
        switch (key) {
            case TRANSACTION_ISOLATION -> setIsolation(IsolationLevel.fromPgName(value));
            case TRANSACTION_READ_ONLY -> setReadOnly(value.equals("on"));
            case TRANSACTION_DEFERRABLE -> setDeferrable(value.equals("on"));
            default -> {
                values.put(key, value);
                version++;
            }
        }
    }

    private static boolean isTransactionScoped(String key) {
        return key.equals(TRANSACTION_ISOLATION) || key.equals(TRANSACTION_READ_ONLY) || key.equals(TRANSACTION_DEFERRABLE);
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
        String value = lookup(key);
        if (d == null && value == null) {
            throw unrecognized(show.name().name(), 0);
        }
        sink.columns(List.of(new ColumnInfo(d == null ? key : d.name(), SqlType.TEXT)));
        sink.row(new Object[] {d != null ? get(key) : value});
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

    private static String timeZone(String value) {
        java.time.ZoneId zone = io.shaledb.sql.types.DateTimes.parseZone(value);
        if (zone == null) {
            throw invalid("TimeZone", value);
        }
        return zone instanceof java.time.ZoneOffset o && o.getTotalSeconds() == 0 ? "UTC"
                : zone instanceof java.time.ZoneOffset ? value : zone.getId();
    }

    /** The session TimeZone as a zone (timestamptz input and output). */
    public java.time.ZoneId timeZone() {
        java.time.ZoneId zone = io.shaledb.sql.types.DateTimes.parseZone(get("TimeZone"));
        return zone == null ? java.time.ZoneOffset.UTC : zone;
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

    /** A non-negative real setting (a cost constant), shown as PostgreSQL shows it ({@code 4}, {@code 0.0025}). */
    private static String cost(String value, String name) {
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"", 0, null, null, e);
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, value.strip() + " is outside the valid range for parameter \""
                    + name + "\" (0 .. 1.79769e+308)");
        }
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A floating-point parameter as PostgreSQL's parse_real reads it, shown in the shortest form ("2", "1.5"). */
    private static String real(String value, String name, double min, double max) {
        NumberPrefix n = NumberPrefix.parse(value);
        if (n == null || SettingValues.skipSpace(value, n.end()) != value.length() || Double.isNaN(n.value())) {
            throw invalid(name, value);
        }
        double d = n.value();
        String shown = SettingValues.showReal(d);
        if (d < min || d > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, shown + " is outside the valid range for parameter \""
                    + name + "\" (" + SettingValues.showReal(min) + " .. " + SettingValues.showReal(max) + ")");
        }
        return shown;
    }

    private static String millis(String value, String name, int min) {
        return SettingValues.showMillis(SettingValues.millis(value, name, min, Integer.MAX_VALUE));
    }

    /** DateStyle as PostgreSQL shows it: output style then field order ({@code ISO, MDY}); pgjdbc insists on ISO. */
    private static String dateStyle(String value) {
        String style = null;
        String order = null;
        for (String word : value.split("[,\\s]+")) {
            switch (word.toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "iso" -> style = "ISO";
                case "sql" -> style = "SQL";
                case "postgres" -> style = "Postgres";
                case "german" -> {
                    style = "German";
                    order = order == null ? "DMY" : order;
                }
                case "mdy", "us", "noneuropean", "non-european" -> order = "MDY";
                case "dmy", "euro", "european" -> order = "DMY";
                case "ymd" -> order = "YMD";
                default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"DateStyle\": \"" + value + "\"", 0, "Unrecognized key word: \"" + word + "\".",
                        null, null);
            }
        }
        return (style == null ? "ISO" : style) + ", " + (order == null ? "MDY" : order);
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

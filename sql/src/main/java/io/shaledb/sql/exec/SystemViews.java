package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.TransactionInfo;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.lock.LockInfo;
import io.shaledb.txn.lock.LockManager;
import io.shaledb.txn.lock.LockOwner;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Read-only views computed from live state rather than stored, queried with ordinary SELECTs.
 * A user table of the same name wins (it is looked up first).
 *
 * <pre>
 *   SELECT table_name, engine FROM shale_tables;                        -- which engine holds which table
 *   SELECT pid, state, wait_event_type, backend_xid, query FROM pg_stat_activity;
 *   SELECT locktype, relation, pid, mode, granted FROM pg_locks;       -- row locks held and awaited
 *   SELECT pid, blocked_by, mode, relation FROM shale_lock_waits;      -- who waits for whom
 *   SELECT attname, n_distinct, most_common_vals FROM pg_stats;         -- what ANALYZE learned
 *   SELECT relname, n_mod_since_analyze, last_autoanalyze FROM pg_stat_user_tables;
 *   SELECT indexname, indexdef FROM pg_indexes;  SELECT indisvalid FROM pg_index;  -- see {@link IndexViews}
 *   SELECT phase, tuples_done FROM pg_stat_progress_create_index;      -- running CREATE INDEX
 * </pre>
 *
 * Timestamps are shown as text in PostgreSQL's timestamptz output format (the type system has
 * no timestamp type yet).
 */
final class SystemViews {
    /** Negative ids never collide with user tables. */
    static final Table SHALE_TABLES = view(-1, "shale_tables",
            col("table_name", SqlType.TEXT), col("engine", SqlType.TEXT), col("table_oid", SqlType.INTEGER),
            col("column_count", SqlType.INTEGER), col("primary_key", SqlType.TEXT));

    static final Table PG_STAT_ACTIVITY = view(-2, "pg_stat_activity",
            col("datname", SqlType.TEXT), col("pid", SqlType.INTEGER), col("backend_start", SqlType.TEXT),
            col("xact_start", SqlType.TEXT), col("query_start", SqlType.TEXT), col("wait_event_type", SqlType.TEXT),
            col("wait_event", SqlType.TEXT), col("state", SqlType.TEXT), col("backend_xid", SqlType.BIGINT),
            col("backend_xmin", SqlType.BIGINT), col("isolation", SqlType.TEXT), col("query", SqlType.TEXT),
            col("backend_type", SqlType.TEXT));

    static final Table PG_LOCKS = view(-3, "pg_locks",
            col("locktype", SqlType.TEXT), col("relation", SqlType.INTEGER), col("transactionid", SqlType.BIGINT),
            col("pid", SqlType.INTEGER), col("mode", SqlType.TEXT), col("granted", SqlType.BOOLEAN));

    static final Table SHALE_LOCK_WAITS = view(-4, "shale_lock_waits",
            col("pid", SqlType.INTEGER), col("blocked_by", SqlType.INTEGER), col("mode", SqlType.TEXT),
            col("relation", SqlType.TEXT));

    /** Column statistics (rows from stats.StatisticsViews); anyarray columns are shown as text. */
    static final Table PG_STATS = view(-5, "pg_stats",
            col("schemaname", SqlType.TEXT), col("tablename", SqlType.TEXT), col("attname", SqlType.TEXT),
            col("inherited", SqlType.BOOLEAN), col("null_frac", SqlType.REAL), col("avg_width", SqlType.INTEGER),
            col("n_distinct", SqlType.REAL), col("most_common_vals", SqlType.TEXT), col("most_common_freqs", SqlType.FLOAT4_ARRAY),
            col("histogram_bounds", SqlType.TEXT), col("correlation", SqlType.REAL), col("most_common_elems", SqlType.TEXT),
            col("most_common_elem_freqs", SqlType.FLOAT4_ARRAY), col("elem_count_histogram", SqlType.FLOAT4_ARRAY));

    /** Per-table activity and ANALYZE/VACUUM history (rows from stats.StatisticsViews). */
    static final Table PG_STAT_USER_TABLES = view(-6, "pg_stat_user_tables",
            col("relid", SqlType.INTEGER), col("schemaname", SqlType.TEXT), col("relname", SqlType.TEXT),
            col("n_tup_ins", SqlType.BIGINT), col("n_tup_upd", SqlType.BIGINT), col("n_tup_del", SqlType.BIGINT),
            col("n_live_tup", SqlType.BIGINT), col("n_dead_tup", SqlType.BIGINT), col("n_mod_since_analyze", SqlType.BIGINT),
            col("n_ins_since_vacuum", SqlType.BIGINT), col("last_vacuum", SqlType.TIMESTAMPTZ),
            col("last_autovacuum", SqlType.TIMESTAMPTZ), col("last_analyze", SqlType.TIMESTAMPTZ),
            col("last_autoanalyze", SqlType.TIMESTAMPTZ), col("vacuum_count", SqlType.BIGINT),
            col("autovacuum_count", SqlType.BIGINT), col("analyze_count", SqlType.BIGINT), col("autoanalyze_count", SqlType.BIGINT));

    static final Table PG_INDEXES = view(-7, "pg_indexes",
            col("schemaname", SqlType.TEXT), col("tablename", SqlType.TEXT), col("indexname", SqlType.TEXT),
            col("tablespace", SqlType.TEXT), col("indexdef", SqlType.TEXT));

    static final Table PG_INDEX = view(-8, "pg_index",
            col("indexrelid", SqlType.INTEGER), col("indrelid", SqlType.INTEGER), col("indnatts", SqlType.SMALLINT),
            col("indnkeyatts", SqlType.SMALLINT), col("indisunique", SqlType.BOOLEAN), col("indisprimary", SqlType.BOOLEAN),
            col("indisvalid", SqlType.BOOLEAN), col("indisready", SqlType.BOOLEAN), col("indislive", SqlType.BOOLEAN),
            col("indkey", SqlType.TEXT), col("indisexclusion", SqlType.BOOLEAN), col("indimmediate", SqlType.BOOLEAN),
            col("indisclustered", SqlType.BOOLEAN), col("indcheckxmin", SqlType.BOOLEAN), col("indisreplident", SqlType.BOOLEAN),
            col("indcollation", SqlType.TEXT), col("indclass", SqlType.TEXT), col("indoption", SqlType.TEXT),
            col("indexprs", SqlType.TEXT), col("indpred", SqlType.TEXT), col("indnullsnotdistinct", SqlType.BOOLEAN));

    static final Table PG_STAT_PROGRESS_CREATE_INDEX = view(-9, "pg_stat_progress_create_index",
            col("pid", SqlType.INTEGER), col("datid", SqlType.INTEGER), col("datname", SqlType.TEXT),
            col("relid", SqlType.INTEGER), col("index_relid", SqlType.INTEGER), col("command", SqlType.TEXT),
            col("phase", SqlType.TEXT), col("lockers_total", SqlType.BIGINT), col("lockers_done", SqlType.BIGINT),
            col("current_locker_pid", SqlType.BIGINT), col("blocks_total", SqlType.BIGINT), col("blocks_done", SqlType.BIGINT),
            col("tuples_total", SqlType.BIGINT), col("tuples_done", SqlType.BIGINT), col("partitions_total", SqlType.BIGINT),
            col("partitions_done", SqlType.BIGINT));

    static final Table PG_CONSTRAINT = view(-11, "pg_constraint", io.shaledb.sql.constraint.ConstraintViews.PG_CONSTRAINT_COLUMNS.stream()
            .map(c -> col(c[0], switch (c[1]) {
                case "integer" -> SqlType.INTEGER;
                case "boolean" -> SqlType.BOOLEAN;
                case "smallint[]" -> SqlType.INT2_ARRAY;
                default -> SqlType.TEXT;
            })).toArray(Column[]::new));

    /** Found under its qualified name only (see {@link #lookup}). */
    static final Table TABLE_CONSTRAINTS = view(-12, "information_schema.table_constraints",
            io.shaledb.sql.constraint.ConstraintViews.TABLE_CONSTRAINTS_COLUMNS.stream().map(c -> col(c, SqlType.TEXT))
                    .toArray(Column[]::new));

    /** Roles (rows from roles.RoleViews); the password column shows "********" when one is set, as in PostgreSQL. */
    static final Table PG_ROLES = view(-31, "pg_roles", io.shaledb.sql.roles.RoleViews.PG_ROLES_COLUMNS.stream()
            .map(c -> col(c.name(), c.type())).toArray(Column[]::new));

    private static final List<Table> ALL = List.of(SHALE_TABLES, PG_STAT_ACTIVITY, PG_LOCKS, SHALE_LOCK_WAITS, PG_STATS,
            PG_STAT_USER_TABLES, PG_INDEXES, PG_INDEX, PG_STAT_PROGRESS_CREATE_INDEX, PG_CONSTRAINT, TABLE_CONSTRAINTS, PG_ROLES);
    private static final DateTimeFormatter PG_TIMESTAMPTZ =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(ZoneOffset.UTC);

    /** What the views are computed from. */
    record Sources(Catalog catalog, TransactionManager txns, Collection<Session> sessions,
                   io.shaledb.sql.stats.Statistics statistics,
                   io.shaledb.sql.exec.progress.IndexBuildProgress.Registry indexBuilds) {}

    private SystemViews() {}

    private static Column col(String name, SqlType type) {
        return new Column(name, type, -1, false);
    }

    private static Table view(int id, String name, Column... columns) {
        return new Table(id, name, List.of(columns), new int[0], "system");
    }

    /** The view called {@code name}, or null; then the catalog relations of {@link io.shaledb.sql.pgcatalog.PgCatalog}. */
    static Table lookup(String name) {
        for (Table t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return io.shaledb.sql.pgcatalog.PgCatalog.lookup(name);
    }

    /** What the pg_catalog relations and catalog functions are computed from, for the statement's transaction (made once per statement). */
    static io.shaledb.sql.pgcatalog.PgContext pgContext(Catalog catalog, io.shaledb.txn.Transaction tx) {
        java.util.Map<String, Object> memo = StatementContext.memo();
        if (memo.get("pgcatalog.context") instanceof io.shaledb.sql.pgcatalog.PgContext c && c.tx() == tx && c.catalog() == catalog) {
            return c;
        }
        List<Table> system = new ArrayList<>(ALL);
        system.addAll(io.shaledb.sql.pgcatalog.PgCatalog.tables());
        io.shaledb.sql.pgcatalog.PgContext c = new io.shaledb.sql.pgcatalog.PgContext(catalog, tx, system, Functions::builtins,
                SessionSettings::described, CatalogFunctions::defaultText, memo);
        memo.put("pgcatalog.context", c);
        return c;
    }

    /** The rows of {@code view} as of now. */
    static List<Object[]> rows(Table view, Sources src) {
        return switch (view.name()) {
            case "shale_tables" -> tables(src.catalog());
            case "pg_stat_activity" -> activity(src);
            case "pg_locks" -> locks(src);
            case "shale_lock_waits" -> waits(src);
            case "pg_stats" -> io.shaledb.sql.stats.StatisticsViews.pgStats(src.statistics(), src.catalog(), StatementContext.transaction());
            case "pg_stat_user_tables" ->
                    io.shaledb.sql.stats.StatisticsViews.userTables(src.statistics(), src.catalog(), StatementContext.transaction());
            case "pg_constraint" -> io.shaledb.sql.constraint.ConstraintViews.pgConstraint(src.catalog(), StatementContext.transaction());
            case "information_schema.table_constraints" ->
                    io.shaledb.sql.constraint.ConstraintViews.tableConstraints(src.catalog(), StatementContext.transaction(), "shaledb");
            case "pg_indexes", "pg_index", "pg_stat_progress_create_index" -> IndexViews.rows(view.name(), src);
            case "pg_roles" -> io.shaledb.sql.roles.RoleViews.pgRoles(src.catalog(), StatementContext.transaction());
            default -> io.shaledb.sql.pgcatalog.PgCatalog.rows(view.name(), pgContext(src.catalog(), StatementContext.transaction()));
        };
    }

    private static List<Object[]> tables(Catalog catalog) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : catalog.tables(StatementContext.transaction())) {
            String pk = null;
            if (!t.hasHiddenRowId()) {
                StringJoiner names = new StringJoiner(", ");
                for (int i = 0; i < t.primaryKeyLength(); i++) {
                    names.add(t.column(t.primaryKeyColumn(i)).name());
                }
                pk = names.toString();
            }
            rows.add(new Object[] {t.name(), t.engine(), t.oid(), t.columns().size(), pk});
        }
        return rows;
    }

    private static List<Object[]> activity(Sources src) {
        Map<Integer, TransactionInfo> txByPid = new HashMap<>();
        for (TransactionInfo t : src.txns().transactions()) {
            txByPid.put(t.pid(), t);
        }
        LockManager locks = src.txns().locks();
        List<Object[]> rows = new ArrayList<>();
        for (Session s : src.sessions()) {
            TransactionInfo t = txByPid.get(s.pid());
            long xid = t == null ? 0 : t.xid();
            boolean waiting = xid != 0 && !locks.blockers(new LockOwner(xid, s.pid())).isEmpty();
            io.shaledb.sql.exec.progress.IndexBuildProgress build = src.indexBuilds().of(s.pid());
            boolean buildWaits = build != null && build.waiting(); // CREATE INDEX CONCURRENTLY waiting out older transactions
            rows.add(new Object[] {"shaledb", s.pid(), time(s.backendStart()), time(s.xactStart()), time(s.queryStart()),
                    waiting || buildWaits ? "Lock" : null, waiting ? "tuple" : buildWaits ? "virtualxid" : null, s.activity().pgName(),
                    xid == 0 ? null : xid, t == null || t.snapshotXmin() == 0 ? null : t.snapshotXmin(),
                    t == null ? null : t.isolation().pgName(), s.currentQuery(), "client backend"});
        }
        return rows;
    }

    private static List<Object[]> locks(Sources src) {
        Map<Integer, Integer> oids = oidsById(src.catalog());
        List<Object[]> rows = new ArrayList<>();
        for (TransactionInfo t : src.txns().transactions()) {
            if (t.xid() != 0) {
                rows.add(new Object[] {"transactionid", null, t.xid(), t.pid(), "ExclusiveLock", true});
            }
        }
        for (LockInfo l : src.txns().locks().locks()) {
            rows.add(new Object[] {"tuple", oids.get(l.target().relation()), null, l.owner().pid(), l.mode().tupleLockModeName(), l.granted()});
        }
        return rows;
    }

    private static List<Object[]> waits(Sources src) {
        Map<Integer, String> names = new HashMap<>();
        for (Table t : src.catalog().tables()) {
            names.put(t.storageId(), t.name());
        }
        LockManager locks = src.txns().locks();
        List<Object[]> rows = new ArrayList<>();
        for (LockInfo l : locks.locks()) {
            if (!l.granted()) {
                for (LockOwner b : locks.blockers(l.owner())) {
                    rows.add(new Object[] {l.owner().pid(), b.pid(), l.mode().pgName(), names.get(l.target().relation())});
                }
            }
        }
        return rows;
    }

    private static Map<Integer, Integer> oidsById(Catalog catalog) {
        Map<Integer, Integer> out = new HashMap<>();
        for (Table t : catalog.tables()) {
            out.put(t.storageId(), t.oid());
        }
        return out;
    }

    private static String time(Instant i) {
        return i == null ? null : PG_TIMESTAMPTZ.format(i);
    }
}

package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.SearchPath;
import io.shaledb.sql.exec.join.JoinSettings;
import io.shaledb.sql.plan.CostModel;
import io.shaledb.sql.plan.PlannerSwitches;
import java.time.ZoneId;
import java.util.List;

/**
 * The session parameters every statement needs, parsed from their text once: a session keeps one
 * of these while {@link SessionSettings#version()} says no parameter changed, instead of parsing
 * {@code work_mem}, the planner's costs and {@code search_path} again for every statement. It lives
 * beside {@link SessionSettings}, which keeps it; {@code exec.reuse} describes the idea.
 *
 * @param version the {@link SessionSettings#version()} these were read at
 * @param statementTimeoutMillis {@code statement_timeout}; 0 means none
 * @param lockTimeoutMillis {@code lock_timeout}; 0 means wait forever
 * @param timeZone {@code TimeZone}
 * @param workMemBytes {@code work_mem}
 * @param hashMemMultiplier {@code hash_mem_multiplier}
 * @param logTempFilesKb {@code log_temp_files}; -1 means none
 * @param maintenanceWorkMemBytes {@code maintenance_work_mem}
 * @param costs the planner's cost constants ({@code seq_page_cost} ...)
 * @param switches the planner's {@code enable_*} switches
 * @param searchPath {@code search_path} as schema names ({@link SearchPath#parsed})
 * @param subqueryDecorrelation {@code enable_subquery_decorrelation}
 * @param joins the join planner's {@code enable_hashjoin/mergejoin/nestloop} and {@code join_collapse_limit}
 */
public record StatementSettings(long version, long statementTimeoutMillis, long lockTimeoutMillis, ZoneId timeZone,
                                long workMemBytes, double hashMemMultiplier, long logTempFilesKb, long maintenanceWorkMemBytes,
                                CostModel costs, PlannerSwitches switches, List<String> searchPath,
                                boolean subqueryDecorrelation, JoinSettings joins) {

    /** Reads them from {@code settings} now. */
    public static StatementSettings read(SessionSettings settings) {
        return new StatementSettings(settings.version(), settings.statementTimeoutMillis(), settings.lockTimeoutMillis(),
                settings.timeZone(), settings.workMemBytes(), settings.hashMemMultiplier(), settings.logTempFilesKb(),
                settings.maintenanceWorkMemBytes(), CostModel.fromSettings(settings::get), PlannerSwitches.fromSettings(settings::get),
                SearchPath.parsed(settings.get("search_path")), settings.subqueryDecorrelation(),
                JoinSettings.fromSettings(settings::get));
    }
}

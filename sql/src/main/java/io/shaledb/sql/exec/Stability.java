package io.shaledb.sql.exec;

import java.util.Set;

/**
 * PostgreSQL's STABLE built-ins that ShaleDB has: the same result for the same arguments within
 * one statement (the transaction's clock), but not across statements. Unlike immutable calls they
 * are not folded to a constant when a query is bound, so a plan shows {@code (now() -
 * '24:00:00'::interval)} as PostgreSQL does and a kept plan never reuses an old clock reading; the
 * estimates fold them (PostgreSQL's estimate_expression_value), and a scan evaluates them once
 * when it opens (an index condition value) or per row (a filter).
 */
public final class Stability {
    private static final Set<String> STABLE = Set.of("now", "current_timestamp", "transaction_timestamp",
            "statement_timestamp", "localtimestamp", "current_date", "localtime",
            "current_user", "current_role", "user", "session_user", "has_table_privilege", "has_schema_privilege",
            "current_schema", "current_schemas", "pg_backend_pid");

    private Stability() {}

    /** True for a built-in function PostgreSQL marks STABLE (see the class comment). */
    public static boolean isStable(String functionName) {
        return STABLE.contains(functionName);
    }
}

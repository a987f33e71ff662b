package io.shaledb.server.upsert;

import io.shaledb.server.scenario.IsolationScenarioSuite;
import java.util.List;

/**
 * INSERT ... ON CONFLICT between concurrent sessions, at READ COMMITTED, REPEATABLE READ and
 * SERIALIZABLE: ShaleDB must reproduce each expected transcript exactly, and the transcripts are
 * PostgreSQL 15's (the second test factory runs them on a throwaway PostgreSQL when one is
 * installed; with {@code -Dgolden.update=true} it rewrites them).
 */
class UpsertConcurrencyTest extends IsolationScenarioSuite {
    @Override
    protected String resourceDir() {
        return "upsert";
    }

    @Override
    protected List<String> scenarios() {
        return List.of("insert-insert", "insert-do-nothing", "insert-rollback", "update-update");
    }
}

package io.shaledb.server.dmljoin;

import io.shaledb.server.scenario.IsolationScenarioSuite;
import java.util.List;

/**
 * UPDATE ... FROM and DELETE ... USING between concurrent sessions, at READ COMMITTED, REPEATABLE
 * READ and SERIALIZABLE: a target row changed or deleted by a transaction that commits while the
 * statement waits is re-checked (READ COMMITTED) or fails to serialize. ShaleDB must reproduce each
 * expected transcript exactly; the transcripts are PostgreSQL 15's (the second test factory runs
 * them on a throwaway PostgreSQL when one is installed; with {@code -Dgolden.update=true} it
 * rewrites them).
 */
class JoinedDmlConcurrencyTest extends IsolationScenarioSuite {
    @Override
    protected String resourceDir() {
        return "dmljoin";
    }

    @Override
    protected List<String> scenarios() {
        return List.of("update-from-recheck", "update-from-still-matches", "delete-using-recheck");
    }
}
